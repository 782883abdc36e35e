import { Alert, Button, Card, Form, Input, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationSettings } from '../../../shared/api/rooms/settings';
import { useAttempt, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';

/** True inside the Electron app (the preload's bridge is there); false in web mode. */
const inApp = () => 'station' in window;

type Fields = Pick<StationSettings, 'updateUrl' | 'updateChannel'>;

/**
 * Where the app's updates come from (docs/architecture.md, "Updates"): the
 * province's folder and the channel. The administrator's; the Electron shell
 * reads them through the engine's status message, never by a call.
 */
export function UpdateSettings() {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const settings = useQuery('settings.get', {});
  const [form] = Form.useForm<Fields>();
  const [saving, setSaving] = useState(false);
  const url = Form.useWatch('updateUrl', form);

  useEffect(() => {
    const s = settings.data;
    if (s) form.setFieldsValue({ updateUrl: s.updateUrl, updateChannel: s.updateChannel });
  }, [settings.data, form]);

  const save = async (v: Fields) => {
    setSaving(true);
    await attempt(
      async () => {
        const patch = { updateUrl: v.updateUrl.trim(), updateChannel: v.updateChannel };
        settings.setData(await client.call('settings.update', patch));
      },
      { success: t('updateSettings.saved') },
    );
    setSaving(false);
  };

  return (
    <Card title={t('updateSettings.title')} data-testid="update-settings">
      <Typography.Paragraph type="secondary">{t('updateSettings.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={save} disabled={saving || !settings.data}>
        <Form.Item
          name="updateUrl"
          label={t('updateSettings.url')}
          rules={[{ pattern: /^\s*(https?:\/\/\S+)?\s*$/, message: t('updateSettings.urlInvalid') }]}
        >
          <Input data-testid="update-url" placeholder={t('updateSettings.urlPlaceholder')} />
        </Form.Item>
        {settings.data && !url?.trim() && (
          <Alert type="info" showIcon title={t('updateSettings.off')} style={{ marginBottom: 16 }} />
        )}
        <Form.Item name="updateChannel" label={t('updateSettings.channel')}>
          <Radio.Group
            data-testid="update-channel"
            options={[
              { value: 'latest', label: t('updateSettings.latest') },
              { value: 'beta', label: t('updateSettings.beta') },
            ]}
          />
        </Form.Item>
        {!inApp() && (
          <Typography.Paragraph type="secondary">{t('updateSettings.webNote')}</Typography.Paragraph>
        )}
        <Button type="primary" htmlType="submit" loading={saving} data-testid="update-save">
          {t('updateSettings.save')}
        </Button>
      </Form>
    </Card>
  );
}
