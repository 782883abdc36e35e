import { DollarOutlined, QrcodeOutlined } from '@ant-design/icons';
import { App, Button, Popover, Space, Tag, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeePayment, OutboxItem } from '../../../shared/api/rooms/outbox';
import { useErrorText } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { formatVnd } from '../util/format';

function PayQr({ url }: { url: string }) {
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

/** Lệ phí: ask for it online (a QR/link for the citizen, then check), or take cash at the counter. */
export function PaymentCell({ item, onChange }: { item: OutboxItem; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const { client } = useStation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const amount = formatVnd(item.feeVnd, i18n.language === 'en' ? 'en-US' : 'vi-VN');
  const run = (p: Promise<FeePayment>) => {
    setBusy(true);
    p.then(onChange, (err: unknown) => void message.error(errorText(err))).finally(() => setBusy(false));
  };
  const pay = item.payment;
  if (pay?.state === 'paid')
    return (
      <Tag color="green" data-testid="fee-paid">
        {t('outbox.paid', { amount })}
        {pay.receiptNo ? ` · ${pay.receiptNo}` : ''}
      </Tag>
    );
  if (pay?.state === 'pending' && pay.payUrl)
    return (
      <Popover
        trigger="click"
        content={
          <Space direction="vertical" align="center">
            <Typography.Text>{t('outbox.payScan')}</Typography.Text>
            <PayQr url={pay.payUrl} />
            <Typography.Link href={pay.payUrl} target="_blank" rel="noreferrer" copyable>
              {pay.payUrl}
            </Typography.Link>
            <Button
              loading={busy}
              onClick={() => run(client.call('payment.check', { dossierId: item.dossierId }))}
            >
              {t('outbox.payCheck')}
            </Button>
          </Space>
        }
      >
        <Button size="small" icon={<QrcodeOutlined />}>
          {t('outbox.payPending', { amount })}
        </Button>
      </Popover>
    );
  return (
    <Space size={4} wrap>
      <Button
        size="small"
        icon={<QrcodeOutlined />}
        loading={busy}
        onClick={() => run(client.call('payment.request', { dossierId: item.dossierId, method: 'online' }))}
      >
        {t('outbox.payOnline')}
      </Button>
      <Button
        size="small"
        icon={<DollarOutlined />}
        loading={busy}
        onClick={() => run(client.call('payment.request', { dossierId: item.dossierId, method: 'cash' }))}
      >
        {t('outbox.payCash')}
      </Button>
    </Space>
  );
}
