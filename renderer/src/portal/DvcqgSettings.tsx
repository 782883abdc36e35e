import { CheckCircleOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Input, Radio, Row, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicSettingsPatch } from '../../../shared/api/rooms/settings';
import { useEvent, useQuery, useShowError } from '../api/hooks';
import { useStation } from '../api/StationContext';

interface Fields {
  dialect: 'sohoa' | 'dvcqg';
  adapterUrl: string;
  auth: string;
  integration: string;
  share: string;
  username: string;
  madonvi: string;
  password: string;
}

/**
 * Kiểu kết nối: our own protocol, or the national portal's integration dialect (tích hợp DVCQG
 * through the province's LGSP) with its endpoints, account and unit code (mã đơn vị). The
 * password is write-only, like the portal key.
 */
export function DvcqgSettings() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { client } = useStation();
  const showError = useShowError();
  const settings = useQuery('settings.get', {});
  const [form] = Form.useForm<Fields>();
  const dialect = Form.useWatch('dialect', form) ?? 'sohoa';
  const [saving, setSaving] = useState(false);
  const s = settings.data;
  useEvent('settings.changed', (fresh) => settings.setData(fresh));

  const saved = s
    ? JSON.stringify([
        s.portalDialect,
        s.dvcqgAdapterUrl,
        s.dvcqgAuthEndpoint,
        s.dvcqgIntegrationEndpoint,
        s.dvcqgShareEndpoint,
        s.dvcqgUsername,
        s.dvcqgMadonvi,
      ])
    : '';
  useEffect(() => {
    if (!s) return;
    form.setFieldsValue({
      dialect: s.portalDialect,
      adapterUrl: s.dvcqgAdapterUrl,
      auth: s.dvcqgAuthEndpoint,
      integration: s.dvcqgIntegrationEndpoint,
      share: s.dvcqgShareEndpoint,
      username: s.dvcqgUsername,
      madonvi: s.dvcqgMadonvi,
      password: '',
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `saved` stands for the fields of `s` used here
  }, [saved, form]);

  const save = async (v: Fields) => {
    setSaving(true);
    try {
      const patch: PublicSettingsPatch =
        v.dialect === 'sohoa'
          ? { portalDialect: 'sohoa' }
          : {
              portalDialect: 'dvcqg',
              dvcqgAdapterUrl: v.adapterUrl.trim(),
              dvcqgAuthEndpoint: v.auth.trim(),
              dvcqgIntegrationEndpoint: v.integration.trim(),
              dvcqgShareEndpoint: v.share.trim(),
              dvcqgUsername: v.username.trim(),
              dvcqgMadonvi: v.madonvi.trim(),
              ...(v.password ? { dvcqgPassword: v.password } : {}),
            };
      settings.setData(await client.call('settings.update', patch));
      message.success(t('dvcqgSettings.saved'));
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  const required = (what: string) => [
    { required: true, whitespace: true, message: t('dvcqgSettings.required', { what }) },
  ];
  const field = (name: keyof Fields, label: string, md = 12) => (
    <Col xs={24} md={md}>
      <Form.Item name={name} label={label} rules={required(label)}>
        <Input autoComplete="off" spellCheck={false} data-testid={`dvcqg-${name}`} />
      </Form.Item>
    </Col>
  );

  return (
    <Card title={t('dvcqgSettings.title')} data-testid="dvcqg-settings">
      <Typography.Paragraph type="secondary">{t('dvcqgSettings.intro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        disabled={saving || !s}
        initialValues={{ dialect: 'sohoa' }}
      >
        <Form.Item name="dialect" label={t('dvcqgSettings.dialect')}>
          <Radio.Group
            data-testid="portal-dialect"
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'sohoa', label: t('dvcqgSettings.dialectSohoa') },
              { value: 'dvcqg', label: t('dvcqgSettings.dialectDvcqg') },
            ]}
          />
        </Form.Item>
        {dialect === 'dvcqg' && (
          <Row gutter={12}>
            {field('adapterUrl', t('dvcqgSettings.adapterUrl'), 24)}
            {field('auth', t('dvcqgSettings.auth'), 8)}
            {field('integration', t('dvcqgSettings.integration'), 8)}
            {field('share', t('dvcqgSettings.share'), 8)}
            {field('username', t('dvcqgSettings.username'))}
            {field('madonvi', t('dvcqgSettings.madonvi'))}
            <Col xs={24} md={12}>
              <Form.Item
                name="password"
                label={t('dvcqgSettings.password')}
                rules={[
                  {
                    required: !s?.dvcqgPasswordSet,
                    message: t('dvcqgSettings.required', { what: t('dvcqgSettings.password') }),
                  },
                ]}
                extra={
                  s?.dvcqgPasswordSet ? (
                    <Tag color="green" icon={<CheckCircleOutlined />}>
                      {t('dvcqgSettings.passwordSaved')}
                    </Tag>
                  ) : undefined
                }
              >
                <Input.Password autoComplete="new-password" data-testid="dvcqg-password" />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Button
          type="primary"
          htmlType="submit"
          icon={<SaveOutlined />}
          loading={saving}
          data-testid="dvcqg-save"
        >
          {t('dvcqgSettings.save')}
        </Button>
      </Form>
    </Card>
  );
}
