import { DeleteOutlined, ExportOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAttempt, useEvent, useQuery, useThrottled } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { downloadBase64 } from '../util/files';
import { PurgePlanTable } from './PurgePlanTable';

interface Retention {
  retentionApplicantDays: number;
  retentionFilesDays: number;
}

/**
 * Dữ liệu cá nhân — for a supervisor (docs/architecture.md, privacy): the retention (an
 * administrator's setting), the purge plan, removing what has expired, and the export of
 * everything held about one citizen.
 */
export function PrivacyCard() {
  const { t } = useTranslation();
  const { client } = useStation();
  const { modal, message } = App.useApp();
  const attempt = useAttempt();
  const status = useQuery('accounts.status', {});
  const role = status.data?.me?.role ?? null;
  const open = status.data ? !status.data.hasAccounts : false;
  const allowed = open || role === 'supervisor' || role === 'admin';
  const canEdit = open || role === 'admin';
  const settings = useQuery('settings.get', allowed ? {} : null);
  const plan = useQuery('privacy.plan', allowed ? {} : null);
  useEvent('settings.changed', () => settings.reload());
  // The outbox reports every step of an upload: the plan follows at most every few seconds.
  const reloadPlan = useThrottled(plan.reload, 3000);
  useEvent('outbox.changed', reloadPlan);
  const [form] = Form.useForm<Retention>();
  const [applicantId, setApplicantId] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (settings.data)
      form.setFieldsValue({
        retentionApplicantDays: settings.data.retentionApplicantDays,
        retentionFilesDays: settings.data.retentionFilesDays,
      });
  }, [settings.data, form]);

  if (!allowed) return null;

  const save = (values: Retention) =>
    void attempt(() => client.call('settings.update', values), { success: t('privacy.saved') }).then(() =>
      plan.reload(),
    );

  // A dry run first: the confirmation names how many dossiers would lose their data.
  const purge = async () => {
    setBusy(true);
    let count = 0;
    const ok = await attempt(async () => {
      count = (await client.call('privacy.purge', { dryRun: true })).purged.length;
    });
    setBusy(false);
    if (!ok) return;
    if (count === 0) return void message.info(t('privacy.purgeNone'));
    modal.confirm({
      title: t('privacy.purge'),
      content: t('privacy.purgeConfirm', { count }),
      okText: t('privacy.purgeYes'),
      okButtonProps: { danger: true },
      cancelText: t('privacy.cancel'),
      onOk: () =>
        attempt(() => client.call('privacy.purge', { dryRun: false }), {
          success: (r) => t('privacy.purgeOk', { count: r.purged.length }),
        }).then(() => plan.reload()),
    });
  };

  const exportOne = () =>
    void attempt(async () => {
      const r = await client.call('privacy.export', { applicantId: applicantId.trim() });
      if (r.dossiers === 0) return void message.info(t('privacy.exportNone'));
      for (const f of r.files)
        downloadBase64(
          f.name,
          f.dataBase64,
          f.name.endsWith('.json') ? 'application/json' : 'application/pdf',
        );
      void message.success(t('privacy.exportOk', { count: r.dossiers, files: r.files.length }));
    });

  return (
    <Card title={t('privacy.title')} data-testid="privacy-card">
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">{t('privacy.hint')}</Typography.Text>
        <Form form={form} layout="inline" onFinish={save} disabled={!canEdit}>
          <Form.Item name="retentionApplicantDays" label={t('privacy.retentionApplicant')}>
            <InputNumber min={0} max={3650} data-testid="retention-applicant" />
          </Form.Item>
          <Form.Item name="retentionFilesDays" label={t('privacy.retentionFiles')}>
            <InputNumber min={0} max={3650} data-testid="retention-files" />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit">{t('privacy.save')}</Button>
          </Form.Item>
        </Form>
        <Typography.Text type="secondary">
          {t('privacy.retentionZero')} {!canEdit && t('privacy.adminOnly')}
        </Typography.Text>
        <Typography.Title level={5}>{t('privacy.plan')}</Typography.Title>
        <PurgePlanTable plan={plan.data} />
        <Space wrap>
          <Button
            danger
            icon={<DeleteOutlined />}
            loading={busy}
            onClick={() => void purge()}
            data-testid="privacy-purge"
          >
            {t('privacy.purge')}
          </Button>
        </Space>
        <Typography.Title level={5}>{t('privacy.export')}</Typography.Title>
        <Space.Compact>
          <Input
            data-testid="privacy-export-id"
            placeholder={t('privacy.exportHint')}
            value={applicantId}
            maxLength={20}
            onChange={(e) => setApplicantId(e.target.value)}
            autoComplete="off"
          />
          <Button
            icon={<ExportOutlined />}
            disabled={applicantId.trim().length < 6}
            onClick={exportOne}
            data-testid="privacy-export"
          >
            {t('privacy.exportGo')}
          </Button>
        </Space.Compact>
      </Flex>
    </Card>
  );
}
