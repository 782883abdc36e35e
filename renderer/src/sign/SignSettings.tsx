import { Button, Flex, Form, Input, InputNumber, Switch, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SignConfig, SignConfigPatch } from '../../../shared/api/rooms/sign';
import { useAttempt } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { SignLevelSetting } from './SignLevelSetting';

type FormValues = Omit<SignConfigPatch, 'tsaTimeoutMs'> & { tsaTimeoutS?: number };

/** TSA, stamp and trust-store settings of the signing room (all data, never constants). */
export function SignSettings({
  config,
  onConfig,
}: {
  config: SignConfig;
  onConfig: (c: SignConfig) => void;
}) {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const save = (patch: SignConfigPatch) =>
    attempt(async () => onConfig(await client.call('sign.config.update', patch)), {
      success: t('sign.saved'),
    });

  return (
    <Form<FormValues>
      layout="vertical"
      size="small"
      initialValues={{ ...config, tsaTimeoutS: config.tsaTimeoutMs / 1000 }}
      onFinish={({ tsaTimeoutS, ...rest }) =>
        void save({ ...rest, ...(tsaTimeoutS ? { tsaTimeoutMs: Math.round(tsaTimeoutS * 1000) } : {}) })
      }
    >
      <SignLevelSetting />
      <Form.Item name="tsaEnabled" label={t('sign.tsaEnabled')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="tsaUrl" label={t('sign.tsaUrl')}>
        <Input />
      </Form.Item>
      <Flex gap={8} wrap>
        <Form.Item name="tsaUsername" label={t('sign.tsaUsername')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="tsaPassword" label={t('sign.tsaPassword')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="tsaTimeoutS" label={t('sign.tsaTimeout')}>
          <InputNumber min={1} max={120} />
        </Form.Item>
      </Flex>
      <Form.Item name="stampEnabled" label={t('sign.stampEnabled')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Flex gap={8} wrap>
        <Form.Item name="copyType" label={t('sign.copyType')}>
          <Input />
        </Form.Item>
        <Form.Item name="organisationName" label={t('sign.organisation')} style={{ flex: 1, minWidth: 280 }}>
          <Input />
        </Form.Item>
      </Flex>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('sign.trust', { count: config.trustPems.length })}</Typography.Text>
        <Upload
          accept=".pem,.crt,.cer"
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then((pem) => save({ trustPems: [...config.trustPems, pem] }));
            return false;
          }}
        >
          <Button size="small">{t('sign.addTrust')}</Button>
        </Upload>
        {config.trustPems.length > 0 && (
          <Button size="small" danger onClick={() => void save({ trustPems: [] })}>
            {t('sign.clearTrust')}
          </Button>
        )}
      </Flex>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Text>
          {t('sign.trainingTrust', { count: config.trainingTrustPems.length })}
        </Typography.Text>
        <Upload
          accept=".pem,.crt,.cer"
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then((pem) => save({ trainingTrustPems: [...config.trainingTrustPems, pem] }));
            return false;
          }}
        >
          <Button size="small">{t('sign.addTrust')}</Button>
        </Upload>
        {config.trainingTrustPems.length > 0 && (
          <Button size="small" danger onClick={() => void save({ trainingTrustPems: [] })}>
            {t('sign.clearTrust')}
          </Button>
        )}
      </Flex>
      <Button type="primary" htmlType="submit">
        {t('sign.save')}
      </Button>
    </Form>
  );
}
