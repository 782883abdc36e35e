import { Alert, Button, Card, Checkbox, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../shared/api/contract';
import type { DossierMoney } from '../../../shared/api/rooms/agency';
import { useAttempt, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { useVnd } from '../payment/FeeActions';
import { SignCheck, signCheckPasses } from '../reception/SignCheck';
import { openOrDownloadPdf } from '../util/files';

interface Fields {
  dossierId: string;
  agencyCode: string;
  resultMethod: 'counter' | 'post' | 'online';
  deliveryAddress?: string;
  pickup: boolean;
  payMethod: 'cash' | 'online';
  payReference?: string;
  consent: boolean;
}

/** Tiếp nhận thay cơ quan: a scanned draft received on behalf of an agency that accepts its procedure. */
export function ReceiveOnBehalf({ onReceived }: { onReceived: () => void }) {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const vnd = useVnd();
  const dossiers = useQuery('dossier.list', {});
  const agencies = useQuery('agency.list', {});
  const [form] = Form.useForm<Fields>();
  const dossierId = Form.useWatch('dossierId', form);
  const method = Form.useWatch('resultMethod', form);
  const [done, setDone] = useState<{ dossier: Dossier; money: DossierMoney } | null>(null);
  // The counter's pre-receive check: what is not assembled or signed, and the reason to receive so.
  const picked = useQuery('dossier.get', dossierId ? { dossierId } : null);
  const draft = picked.data?.id === dossierId ? picked.data : undefined;
  const [unsignedReason, setUnsignedReason] = useState('');
  const signOk = !draft || signCheckPasses(draft, unsignedReason);
  const drafts = (dossiers.data ?? []).filter((d) => d.status === 'draft');
  const procedure = drafts.find((d) => d.id === dossierId)?.procedureCode;
  const fitting = (agencies.data?.agencies ?? []).filter(
    (a) => !procedure || a.procedures.includes(procedure),
  );
  const receive = async (v: Fields) => {
    await attempt(async () => {
      const dossier = await client.call('agency.receive', {
        dossierId: v.dossierId,
        agencyCode: v.agencyCode,
        resultMethod: v.resultMethod,
        deliveryAddress: v.resultMethod === 'post' ? v.deliveryAddress : undefined,
        pickup: v.pickup,
        payMethod: v.payMethod,
        payReference: v.payReference ?? '',
        consent: v.consent ? { how: 'checkbox' } : null,
        unsignedReason: unsignedReason.trim() || undefined,
      });
      setUnsignedReason('');
      const money = await client.call('agency.money', { dossierId: dossier.id });
      setDone({ dossier, money });
      form.resetFields(['dossierId', 'agencyCode', 'deliveryAddress', 'payReference']);
      dossiers.reload();
      onReceived();
    });
  };
  const printReceipt = (id: string) =>
    void attempt(async () => {
      const f = await client.call('reception.receipt', { dossierId: id, form: '01' });
      await openOrDownloadPdf(f.fileName, f.dataBase64);
    });
  const fee = done?.money.lines.find((l) => l.kind === 'fee')?.amount ?? 0;
  return (
    <Card title={t('post.receiveTitle')} size="small" data-testid="post-receive">
      <Form<Fields>
        form={form}
        layout="vertical"
        initialValues={{ resultMethod: 'counter', pickup: false, payMethod: 'cash', consent: true }}
        onFinish={(v) => void receive(v)}
      >
        <Space wrap align="start">
          <Form.Item
            name="dossierId"
            label={t('post.draft')}
            rules={[{ required: true, message: t('post.draft') }]}
          >
            <Select
              style={{ width: 300 }}
              data-testid="post-draft"
              onChange={() => setUnsignedReason('')}
              options={drafts.map((d) => ({ value: d.id, label: `${d.applicantName} — ${d.procedureName}` }))}
            />
          </Form.Item>
          <Form.Item
            name="agencyCode"
            label={t('post.agency')}
            rules={[{ required: true, message: t('post.agency') }]}
          >
            <Select
              style={{ width: 260 }}
              data-testid="post-agency"
              notFoundContent={t('post.noAgency')}
              options={fitting.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
            />
          </Form.Item>
          <Form.Item name="resultMethod" label={t('post.method')}>
            <Radio.Group data-testid="post-method">
              <Radio value="counter">{t('post.counter')}</Radio>
              <Radio value="post">{t('post.byPost')}</Radio>
              <Radio value="online">{t('post.online')}</Radio>
            </Radio.Group>
          </Form.Item>
        </Space>
        {method === 'post' && (
          <Form.Item name="deliveryAddress" label={t('post.address')}>
            <Input maxLength={300} data-testid="post-address" />
          </Form.Item>
        )}
        <Space wrap align="start">
          <Form.Item name="pickup" valuePropName="checked">
            <Checkbox data-testid="post-pickup">{t('post.pickup')}</Checkbox>
          </Form.Item>
          <Form.Item name="payMethod" label={t('post.pay')}>
            <Radio.Group>
              <Radio value="cash">{t('post.cash')}</Radio>
              <Radio value="online">{t('post.payOnline')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="payReference" label={t('post.reference')}>
            <Input maxLength={60} style={{ width: 200 }} data-testid="post-reference" />
          </Form.Item>
          <Form.Item name="consent" valuePropName="checked">
            <Checkbox>{t('post.consent')}</Checkbox>
          </Form.Item>
        </Space>
        {draft && (
          <div style={{ marginBottom: 12 }}>
            <SignCheck dossier={draft} reason={unsignedReason} onReason={setUnsignedReason} />
          </div>
        )}
        <Button type="primary" htmlType="submit" data-testid="post-receive-button" disabled={!signOk}>
          {t('post.receive')}
        </Button>
      </Form>
      {done && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          data-testid="post-received"
          message={t('post.received', { code: done.dossier.code })}
          description={
            <Space>
              <Typography.Text>
                {t('post.money', {
                  fee: vnd(fee),
                  postal: vnd(done.money.total - fee),
                  total: vnd(done.money.total),
                })}
              </Typography.Text>
              <Button size="small" onClick={() => printReceipt(done.dossier.id)}>
                {t('post.receipt')}
              </Button>
            </Space>
          }
        />
      )}
    </Card>
  );
}
