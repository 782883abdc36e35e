import { ExperimentOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/api/rooms/accounts';
import { useErrorText } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { Page } from './Overlay';
import { startTrial } from './storage';
import { NewSecretFields } from './NewSecretFields';
import { useAccountRules } from './rules';

interface Fields {
  username: string;
  name: string;
  password: string;
  repeat: string;
}

/** Thiết lập trạm: a new station makes its administrator first (there is no default password). */
export function FirstStartScreen({
  trainingMode,
  onDone,
  onTrial,
}: {
  trainingMode: boolean;
  onDone: (s: Session) => void;
  onTrial: () => void;
}) {
  const { t } = useTranslation();
  const { client } = useStation();
  const errorText = useErrorText();
  const rules = useAccountRules();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setup = async (v: Fields) => {
    setBusy(true);
    setError(null);
    try {
      onDone(
        await client.call('accounts.setup', {
          username: v.username.trim(),
          name: v.name.trim(),
          password: v.password,
        }),
      );
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <Page>
      <Card style={{ width: 520, maxWidth: '100%' }} data-testid="first-start">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('accounts.setupTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('accounts.setupHint')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form<Fields> layout="vertical" onFinish={(v) => void setup(v)} requiredMark={false}>
          <Form.Item name="username" label={t('accounts.username')} rules={rules.username}>
            <Input autoFocus autoComplete="username" data-testid="setup-username" />
          </Form.Item>
          <Form.Item name="name" label={t('accounts.fullName')} rules={rules.name}>
            <Input autoComplete="name" data-testid="setup-name" />
          </Form.Item>
          <NewSecretFields
            name="password"
            label={t('accounts.password')}
            testId="setup-password"
            repeatTestId="setup-repeat"
          />
          <Button
            type="primary"
            size="large"
            htmlType="submit"
            block
            icon={<SafetyCertificateOutlined />}
            loading={busy}
            data-testid="setup-submit"
          >
            {t('accounts.setupSubmit')}
          </Button>
        </Form>
        {trainingMode && (
          <Button
            type="link"
            block
            icon={<ExperimentOutlined />}
            style={{ marginTop: 12 }}
            data-testid="setup-trial"
            onClick={() => {
              startTrial();
              onTrial();
            }}
          >
            {t('accounts.trial')}
          </Button>
        )}
      </Card>
    </Page>
  );
}
