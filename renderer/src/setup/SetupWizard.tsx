import { ExperimentOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Steps, Tooltip, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/api/rooms/accounts';
import { startTrial } from '../accounts/storage';
import { Page } from '../accounts/Overlay';
import { useErrorText } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { INITIAL, type SetupValues, toSettings } from './fields';
import { AdminFields, ContactFields, UnitFields } from './FormSteps';
import { ScannerStep } from './ScannerStep';
import { TokenStep } from './TokenStep';

const STEPS = ['stepAdmin', 'stepUnit', 'stepContact', 'stepScanner', 'stepToken'] as const;
const FORM_STEPS: Record<number, () => ReactNode> = { 0: AdminFields, 1: UnitFields, 2: ContactFields };

/**
 * Thiết lập trạm — the first-run wizard, before anything else on a new station: the first
 * administrator, the unit and its codes, the hotline, look-up address and office hours, the
 * scanner, the token. Saved in one call at the end (`setup.complete`); skippable only into
 * training mode. Enter goes on to the next step.
 */
export function SetupWizard({
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
  const [form] = Form.useForm<SetupValues>();
  const [step, setStep] = useState(0);
  const [urls, setUrls] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const Fields = FORM_STEPS[step];

  const finish = async () => {
    setBusy(true);
    setError(null);
    try {
      const v = form.getFieldsValue(true) as SetupValues;
      const session = await client.call('setup.complete', {
        admin: { username: v.username.trim(), name: v.name.trim(), password: v.password },
        settings: toSettings(v, urls),
      });
      onDone(session);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  const next = () => (step === STEPS.length - 1 ? void finish() : setStep(step + 1));
  const last = step === STEPS.length - 1;

  return (
    <Page>
      <Card
        style={{ width: 820, maxWidth: '100%' }}
        styles={{ body: { padding: 20 } }}
        data-testid="first-start"
      >
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          {t('setup.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {t('setup.intro')}
        </Typography.Paragraph>
        <Steps
          size="small"
          current={step}
          items={STEPS.map((k) => ({ title: t(`setup.${k}`) }))}
          style={{ marginBottom: 16 }}
          data-testid="setup-steps"
        />
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="setup-error" />
        )}
        <Form<SetupValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={INITIAL}
          onFinish={next}
        >
          {Fields ? <Fields /> : step === 3 ? <ScannerStep urls={urls} onUrls={setUrls} /> : <TokenStep />}
          <Flex gap={8} justify="space-between" align="center" style={{ marginTop: 16 }}>
            {trainingMode ? (
              <Tooltip title={t('setup.skipHint')}>
                <Button
                  type="link"
                  icon={<ExperimentOutlined />}
                  data-testid="setup-trial"
                  onClick={() => {
                    startTrial();
                    onTrial();
                  }}
                >
                  {t('setup.skip')}
                </Button>
              </Tooltip>
            ) : (
              <span />
            )}
            <Flex gap={8}>
              {step > 0 && (
                <Button onClick={() => setStep(step - 1)} data-testid="setup-back">
                  {t('setup.back')}
                </Button>
              )}
              <Button
                type="primary"
                htmlType="submit"
                loading={busy}
                icon={last ? <SafetyCertificateOutlined /> : undefined}
                data-testid={last ? 'setup-finish' : 'setup-submit'}
              >
                {t(last ? 'setup.finish' : 'setup.next')}
              </Button>
            </Flex>
          </Flex>
        </Form>
      </Card>
    </Page>
  );
}
