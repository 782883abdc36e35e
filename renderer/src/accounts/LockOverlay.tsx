import { LockOutlined, LogoutOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/api/rooms/accounts';
import { ROLE_LABEL } from '../../../shared/i18n/roles';
import { useErrorText } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { Overlay } from './Overlay';

/** Màn hình đã khóa: over the app, which keeps what was on screen; the owner's PIN or password opens it. */
export function LockOverlay({
  session,
  onUnlocked,
  onSignOut,
}: {
  session: Session;
  onUnlocked: (s: Session) => void;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
  const { client } = useStation();
  const errorText = useErrorText();
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const unlock = async () => {
    if (!secret || busy) return;
    setBusy(true);
    setError(null);
    try {
      onUnlocked(await client.call('accounts.unlock', { secret }));
    } catch (err) {
      setError(errorText(err));
      setSecret('');
      setBusy(false);
    }
  };

  const { account } = session;
  return (
    <Overlay testId="lock-overlay">
      <Card style={{ width: 420, maxWidth: '100%' }}>
        <Flex vertical align="center" gap={12}>
          <LockOutlined style={{ fontSize: 40, color: '#0b5cad' }} />
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('accounts.lockedTitle')}
          </Typography.Title>
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="lock-name">
            {account.name}
          </Typography.Text>
          <Typography.Text type="secondary">{ROLE_LABEL[account.role]}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', margin: 0 }}>
            {t(account.hasPin ? 'accounts.lockedHintPin' : 'accounts.lockedHintPassword')}
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ width: '100%' }} />}
          <Input.Password
            autoFocus
            size="large"
            placeholder={t(account.hasPin ? 'accounts.pinOrPassword' : 'accounts.password')}
            value={secret}
            data-testid="lock-secret"
            onChange={(e) => setSecret(e.target.value)}
            onPressEnter={() => void unlock()}
          />
          <Button
            type="primary"
            size="large"
            block
            icon={<UnlockOutlined />}
            loading={busy}
            disabled={!secret}
            data-testid="lock-unlock"
            onClick={() => void unlock()}
          >
            {t('accounts.unlock')}
          </Button>
          <Button type="link" icon={<LogoutOutlined />} onClick={onSignOut} data-testid="lock-sign-out">
            {t('accounts.signOutOther')}
          </Button>
        </Flex>
      </Card>
    </Overlay>
  );
}
