import { Button, Card, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agency } from '../../../shared/api/rooms/agency';
import { useAttempt, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';

interface KindFields {
  stationKind: 'one_stop' | 'postal';
  postalPointName: string;
  postalPointAddress: string;
  /** null when the clerk empties the field. */
  pickupVnd: number;
  returnVnd: number;
  uploadWindowFrom: string;
}

/** Loại trạm and the agencies a postal service point serves (administrator). */
export function AgencySettings() {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const settings = useQuery('settings.get', {});
  const agencies = useQuery('agency.list', {});
  const [form] = Form.useForm<KindFields>();
  const [add] = Form.useForm<{ code: string; name: string; procedures: string; contact: string }>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const s = settings.data;
    if (s)
      form.setFieldsValue({
        stationKind: s.stationKind,
        postalPointName: s.postalPointName,
        postalPointAddress: s.postalPointAddress,
        pickupVnd: s.postalPrices.pickupVnd,
        returnVnd: s.postalPrices.returnVnd,
        uploadWindowFrom: s.uploadWindowFrom,
      });
  }, [settings.data, form]);
  const save = async (v: KindFields) => {
    setBusy(true);
    await attempt(
      () =>
        client.call('settings.update', {
          stationKind: v.stationKind,
          postalPointName: v.postalPointName ?? '',
          postalPointAddress: v.postalPointAddress ?? '',
          // An emptied amount goes as it is: the engine names the line and what to enter.
          postalPrices: { pickupVnd: v.pickupVnd, returnVnd: v.returnVnd },
          uploadWindowFrom: v.uploadWindowFrom ?? '',
        }),
      { success: t('post.saved') },
    );
    setBusy(false);
  };
  const addAgency = async (v: { code: string; name: string; procedures: string; contact?: string }) => {
    const agency: Agency = {
      code: v.code.trim(),
      name: v.name.trim(),
      level: 'commune',
      procedures: v.procedures
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
      contact: v.contact ?? '',
      handoverDays: 1,
    };
    if (await attempt(() => client.call('agency.add', agency))) {
      add.resetFields();
      agencies.reload();
    }
  };
  return (
    <Card title={t('post.settingsTitle')} data-testid="agency-settings">
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} style={{ maxWidth: 560 }}>
        <Form.Item name="stationKind" label={t('post.kind')}>
          <Select
            data-testid="station-kind"
            options={[
              { value: 'one_stop', label: t('post.kindOneStop') },
              { value: 'postal', label: t('post.kindPostal') },
            ]}
          />
        </Form.Item>
        <Form.Item name="postalPointName" label={t('post.pointName')}>
          <Input maxLength={200} data-testid="point-name" />
        </Form.Item>
        <Form.Item name="postalPointAddress" label={t('post.pointAddress')}>
          <Input maxLength={300} />
        </Form.Item>
        <Space>
          <Form.Item name="pickupVnd" label={t('post.pickupVnd')}>
            <InputNumber<number> min={0} step={1000} style={{ width: 200 }} data-testid="pickup-vnd" />
          </Form.Item>
          <Form.Item name="returnVnd" label={t('post.returnVnd')}>
            <InputNumber<number> min={0} step={1000} style={{ width: 200 }} data-testid="return-vnd" />
          </Form.Item>
        </Space>
        <Form.Item name="uploadWindowFrom" label={t('post.uploadFrom')}>
          <Input maxLength={5} style={{ width: 120 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="kind-save">
          {t('post.save')}
        </Button>
      </Form>
      <Table<Agency>
        style={{ marginTop: 16 }}
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={agencies.data?.agencies ?? []}
        columns={[
          { title: t('post.code'), dataIndex: 'code' },
          { title: t('post.name'), dataIndex: 'name' },
          { title: t('post.procedures'), render: (_, a) => a.procedures.join(', ') },
          {
            title: '',
            render: (_, a) => (
              <Button
                size="small"
                danger
                onClick={() =>
                  void attempt(() => client.call('agency.remove', { code: a.code })).then(() =>
                    agencies.reload(),
                  )
                }
              >
                {t('post.remove')}
              </Button>
            ),
          },
        ]}
      />
      <Form form={add} layout="inline" onFinish={(v) => void addAgency(v)} style={{ marginTop: 12, gap: 8 }}>
        <Form.Item name="code" rules={[{ required: true, message: t('post.code') }]}>
          <Input placeholder={t('post.code')} aria-label={t('post.code')} data-testid="agency-code" />
        </Form.Item>
        <Form.Item name="name" rules={[{ required: true, message: t('post.name') }]}>
          <Input placeholder={t('post.name')} aria-label={t('post.name')} data-testid="agency-name" />
        </Form.Item>
        <Form.Item name="procedures" rules={[{ required: true, message: t('post.procedures') }]}>
          <Input
            placeholder={t('post.procedures')}
            aria-label={t('post.procedures')}
            data-testid="agency-procedures"
          />
        </Form.Item>
        <Form.Item name="contact">
          <Input placeholder={t('post.contact')} aria-label={t('post.contact')} />
        </Form.Item>
        <Button htmlType="submit" data-testid="agency-add">
          {t('post.add')}
        </Button>
      </Form>
    </Card>
  );
}
