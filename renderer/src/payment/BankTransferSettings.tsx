import { Button, Card, Form, Input, InputNumber, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationSettings } from '../../../shared/api/rooms/settings';
import { useAttempt, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';

type Fields = Pick<
  StationSettings,
  'bankTransferAllowed' | 'bankBin' | 'bankAccount' | 'bankAccountName' | 'postalChargeVnd'
>;

/**
 * Chuyển khoản VietQR (administrator): whether the unit takes fees by bank transfer, to which
 * account (NAPAS BIN and number), under which name; and the postal charge told to the citizen.
 */
export function BankTransferSettings() {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const settings = useQuery('settings.get', {});
  const [form] = Form.useForm<Fields>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    const s = settings.data;
    if (s)
      form.setFieldsValue({
        bankTransferAllowed: s.bankTransferAllowed,
        bankBin: s.bankBin,
        bankAccount: s.bankAccount,
        bankAccountName: s.bankAccountName,
        postalChargeVnd: s.postalChargeVnd,
      });
  }, [settings.data, form]);
  const save = async (v: Fields) => {
    setSaving(true);
    await attempt(() => client.call('settings.update', { ...v, postalChargeVnd: v.postalChargeVnd ?? 0 }), {
      success: t('bankTransfer.saved'),
    });
    setSaving(false);
  };
  return (
    <Card title={t('bankTransfer.title')} data-testid="bank-transfer-settings">
      <Typography.Paragraph type="secondary">{t('bankTransfer.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} style={{ maxWidth: 560 }}>
        <Form.Item name="bankTransferAllowed" label={t('bankTransfer.allowed')} valuePropName="checked">
          <Switch data-testid="bank-allowed" />
        </Form.Item>
        <Form.Item
          name="bankBin"
          label={t('bankTransfer.bin')}
          rules={[{ pattern: /^(\d{6})?$/, message: t('bankTransfer.binRule') }]}
        >
          <Input maxLength={6} inputMode="numeric" data-testid="bank-bin" />
        </Form.Item>
        <Form.Item
          name="bankAccount"
          label={t('bankTransfer.account')}
          rules={[{ pattern: /^([0-9A-Za-z]{1,19})?$/, message: t('bankTransfer.accountRule') }]}
        >
          <Input maxLength={19} data-testid="bank-account" />
        </Form.Item>
        <Form.Item name="bankAccountName" label={t('bankTransfer.name')}>
          <Input maxLength={100} data-testid="bank-name" />
        </Form.Item>
        <Form.Item name="postalChargeVnd" label={t('bankTransfer.postal')}>
          <InputNumber<number>
            min={0}
            max={10_000_000}
            step={1000}
            style={{ width: 200 }}
            data-testid="postal-charge"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="bank-save">
          {t('bankTransfer.save')}
        </Button>
      </Form>
    </Card>
  );
}
