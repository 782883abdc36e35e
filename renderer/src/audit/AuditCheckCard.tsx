import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditCheck } from '../../../shared/api/rooms/audit';
import { useErrorText } from '../api/hooks';
import { useStation } from '../api/StationContext';

/** For the supervisor: is the activity log whole and unaltered? */
export function AuditCheckCard() {
  const { t } = useTranslation();
  const { client } = useStation();
  const errorText = useErrorText();
  const [check, setCheck] = useState<AuditCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setCheck(await client.call('audit.verify', {}));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('audit.title')} data-testid="audit-check">
      <Flex vertical gap={12} align="start">
        <Typography.Text type="secondary">{t('audit.checkHint')}</Typography.Text>
        <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void run()}>
          {t('audit.check')}
        </Button>
        {error && <Alert type="error" showIcon title={error} />}
        {check && !check.broken && (
          <Alert type="success" showIcon title={t('audit.whole', { count: check.entries })} />
        )}
        {check?.broken && (
          <Alert
            type="error"
            showIcon
            title={t(check.broken.reason === 'hash' ? 'audit.edited' : 'audit.cut', {
              seq: check.broken.seq,
            })}
          />
        )}
      </Flex>
    </Card>
  );
}
