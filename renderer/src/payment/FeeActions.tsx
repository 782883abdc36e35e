import { DollarOutlined, QrcodeOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Popconfirm, Popover, Space, Tag, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeePayment } from '../../../shared/api/rooms/payment';
import { useAttempt } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { formatVnd } from '../util/format';

export function PayQr({ url }: { url: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(url, { margin: 1, width: 180 }).then((d) => live && setSrc(d));
    return () => {
      live = false;
    };
  }, [url]);
  return src ? <img src={src} width={180} height={180} alt="QR" data-testid="pay-qr" /> : null;
}

/** The fee as the clerk reads it: "2.000 ₫" in Vietnamese, "₫2,000" in English. */
export function useVnd(): (amount: number) => string {
  const { i18n } = useTranslation();
  return (amount) => formatVnd(amount, i18n.language === 'en' ? 'en-US' : 'vi-VN');
}

/**
 * The two ways to take a fee (lệ phí) and the check of an online one, as calls
 * through the contract; `onChange` gets the payment the engine recorded.
 */
export function usePaymentActions(dossierId: string, onChange: (p: FeePayment) => void) {
  const { client } = useStation();
  const attempt = useAttempt();
  const [busy, setBusy] = useState<'cash' | 'online' | 'check' | null>(null);
  const run = (kind: 'cash' | 'online' | 'check', p: () => Promise<FeePayment>) => {
    if (busy) return;
    setBusy(kind);
    void attempt(async () => onChange(await p())).then(() => setBusy(null));
  };
  return {
    busy,
    cash: () => run('cash', () => client.call('payment.request', { dossierId, method: 'cash' })),
    online: () => run('online', () => client.call('payment.request', { dossierId, method: 'online' })),
    check: () => run('check', () => client.call('payment.check', { dossierId })),
  };
}

export interface FeeActionsProps {
  dossierId: string;
  feeVnd: number;
  payment: FeePayment | null;
  onChange: (p: FeePayment) => void;
  /** cell: compact, for a table row (the QR in a popover); panel: everything in view. */
  layout: 'cell' | 'panel';
}

/** Lệ phí: take cash at the counter, or ask for it online (a QR/link for the citizen, then check). */
export function FeeActions({ dossierId, feeVnd, payment, onChange, layout }: FeeActionsProps) {
  const { t } = useTranslation();
  const vnd = useVnd();
  const actions = usePaymentActions(dossierId, onChange);
  const amount = vnd(payment?.amount ?? feeVnd);
  const small = layout === 'cell' ? ('small' as const) : undefined;

  if (payment?.state === 'paid')
    return (
      <Tag color="green" data-testid="fee-paid" data-method={payment.method} style={{ alignSelf: 'start' }}>
        {t('payment.paid', { amount })} ({t(`payment.method.${payment.method}`)})
        {payment.receiptNo ? ` · ${t('payment.receipt', { no: payment.receiptNo })}` : ''}
      </Tag>
    );

  const check = (
    <Button
      size={small}
      icon={<ReloadOutlined />}
      data-testid="pay-check"
      loading={actions.busy === 'check'}
      onClick={actions.check}
    >
      {t('payment.check')}
    </Button>
  );

  if (payment?.state === 'pending' && payment.payUrl) {
    const scan = (
      <Space direction="vertical" align={layout === 'cell' ? 'center' : 'start'}>
        <Typography.Text>{t('payment.scan')}</Typography.Text>
        <PayQr url={payment.payUrl} />
        <Typography.Link
          href={payment.payUrl}
          target="_blank"
          rel="noreferrer"
          copyable
          data-testid="pay-link"
        >
          {payment.payUrl}
        </Typography.Link>
        {check}
      </Space>
    );
    if (layout === 'panel')
      return (
        <Flex vertical gap={8} data-testid="fee-pending">
          <Tag color="gold" style={{ alignSelf: 'start' }}>
            {t('payment.pending', { amount })}
          </Tag>
          {scan}
        </Flex>
      );
    return (
      <Popover trigger="click" content={scan}>
        <Button size="small" icon={<QrcodeOutlined />} data-testid="fee-pending">
          {t('payment.pending', { amount })}
        </Button>
      </Popover>
    );
  }

  return (
    <Space size={layout === 'cell' ? 4 : 8} wrap>
      {payment?.state === 'cancelled' && <Tag color="red">{t('payment.cancelled')}</Tag>}
      <Popconfirm
        title={t('payment.cashConfirm', { amount })}
        okText={t('payment.cashOk')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'pay-cash-ok' } as Record<string, string>}
        onConfirm={actions.cash}
      >
        <Button
          size={small}
          type={layout === 'panel' ? 'primary' : 'default'}
          icon={<DollarOutlined />}
          data-testid="pay-cash"
          loading={actions.busy === 'cash'}
        >
          {t('payment.cash')}
        </Button>
      </Popconfirm>
      <Button
        size={small}
        icon={<QrcodeOutlined />}
        data-testid="pay-online"
        loading={actions.busy === 'online'}
        onClick={actions.online}
      >
        {t('payment.online')}
      </Button>
    </Space>
  );
}
