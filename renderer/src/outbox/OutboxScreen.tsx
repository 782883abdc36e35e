import {
  CloudOutlined,
  DisconnectOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  RedoOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxItem, OutboxOverview } from '../../../shared/api/rooms/outbox';
import { useAttempt, useEvent, useQuery, useThrottled } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { openOrDownloadPdf } from '../util/files';
import { ErrorNotice } from '../util/ErrorNotice';
import { byDossier, type DossierRow, leadingStep } from './groups';
import { OutboxRowMenu } from './OutboxRowMenu';
import { kindLabelKey, OutboxSteps, StepState } from './OutboxSteps';

type PortalStatus = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/** Online/offline indicator for the header: the portal as the outbox last saw it. */
export function PortalIndicator() {
  const { t } = useTranslation();
  const overview = useQuery('outbox.overview', {});
  const reload = useThrottled(overview.reload, 2000);
  useEvent('outbox.changed', reload);
  const o = overview.data;
  if (!o) return null;
  if (!o.portalUrl) return <Tag data-testid="portal-indicator">{t('outbox.noPortal')}</Tag>;
  const label =
    o.online === true ? t('outbox.online') : o.online === false ? t('outbox.offline') : t('outbox.unknown');
  return (
    <Tooltip title={`${o.training ? `${t('outbox.training')} — ` : ''}${o.portalUrl}`}>
      <Tag
        data-testid="portal-indicator"
        data-online={String(o.online)}
        color={o.online === true ? 'green' : o.online === false ? 'red' : 'default'}
        icon={o.online === false ? <DisconnectOutlined /> : <CloudOutlined />}
      >
        {label}
      </Tag>
    </Tooltip>
  );
}

export function OutboxScreen() {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const overview = useQuery('outbox.overview', {});
  const reload = useThrottled(overview.reload, 500);
  useEvent('outbox.changed', reload);
  const o = overview.data;

  const act = (p: Promise<OutboxOverview>) => attempt(async () => overview.setData(await p));

  const download = (item: OutboxItem, fileId: string) =>
    attempt(async () => {
      const f = await client.call('outbox.resultFile', { dossierId: item.dossierId, fileId });
      await openOrDownloadPdf(f.fileName, f.dataBase64);
    });

  const [expanded, setExpanded] = useState<string[]>([]);
  const rows = byDossier(o?.items ?? []);

  const columns: TableColumnsType<DossierRow> = [
    {
      title: t('outbox.colCode'),
      key: 'code',
      width: 210,
      render: (_: unknown, r) => (
        <Typography.Text strong copyable={!!r.main.code} style={{ wordBreak: 'break-word' }}>
          {r.main.code ?? '—'}
        </Typography.Text>
      ),
    },
    {
      title: t('outbox.colApplicant'),
      key: 'applicant',
      render: (_: unknown, r) => <span style={{ wordBreak: 'break-word' }}>{r.main.applicantName}</span>,
    },
    {
      title: t('outbox.colState'),
      key: 'state',
      width: 300,
      render: (_: unknown, r) => {
        const lead = leadingStep(r);
        return (
          <Flex vertical gap={2}>
            <StepState item={r.main} testId={`outbox-state-${r.main.code ?? r.dossierId}`} />
            {lead !== r.main && (
              <Flex gap={4} wrap align="start">
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(kindLabelKey(lead))}:
                </Typography.Text>
                <StepState item={lead} testId="outbox-lead-state" />
              </Flex>
            )}
            {r.steps.length > 1 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('outboxRow.stepCount', { count: r.steps.length })}
              </Typography.Text>
            )}
          </Flex>
        );
      },
    },
    {
      title: t('outbox.colPortal'),
      key: 'portal',
      width: 170,
      render: (_: unknown, r) =>
        r.main.portalStatus ? (
          <Tag style={{ whiteSpace: 'normal' }}>
            {`${r.main.portalStatus} · ${t(`outbox.portalStatus.s${r.main.portalStatus as PortalStatus}`)}`}
          </Tag>
        ) : (
          '—'
        ),
    },
    {
      title: t('outbox.colActions'),
      key: 'actions',
      width: 120,
      render: (_: unknown, r) => (
        <OutboxRowMenu
          row={r}
          onOverview={overview.setData}
          onDownload={(fileId) => {
            const owner = r.steps.find((s) => s.results.some((x) => x.fileId === fileId)) ?? r.main;
            void download(owner, fileId);
          }}
          onShowSteps={() => setExpanded((e) => (e.includes(r.dossierId) ? e : [...e, r.dossierId]))}
        />
      ),
    },
  ];

  return (
    <Card
      title={t('outbox.title')}
      data-testid="outbox-screen"
      extra={
        <Space>
          <PortalIndicator />
          {o?.paused ? (
            <Button icon={<PlayCircleOutlined />} onClick={() => void act(client.call('outbox.resume', {}))}>
              {t('outbox.resumeAll')}
            </Button>
          ) : (
            <Button icon={<PauseCircleOutlined />} onClick={() => void act(client.call('outbox.pause', {}))}>
              {t('outbox.pauseAll')}
            </Button>
          )}
          <Button icon={<RedoOutlined />} onClick={() => void act(client.call('outbox.retryNow', {}))}>
            {t('outbox.retryAll')}
          </Button>
          {o?.windowClosed && (
            <Button data-testid="outbox-send-now" onClick={() => void act(client.call('outbox.sendNow', {}))}>
              {t('outbox.sendNow')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('outbox.intro')}</Typography.Paragraph>
      {overview.error && <ErrorNotice error={overview.error} />}
      {o?.paused && (
        <Alert type="warning" showIcon title={t('outbox.queuePaused')} style={{ marginBottom: 16 }} />
      )}
      {o?.windowClosed && (
        <Alert
          type="info"
          showIcon
          data-testid="outbox-window-closed"
          title={t('outbox.windowClosed', { from: o.uploadWindowFrom })}
          style={{ marginBottom: 16 }}
        />
      )}
      <div data-testid="outbox-table">
        <Table<DossierRow>
          rowKey="dossierId"
          size="small"
          tableLayout="fixed"
          columns={columns}
          dataSource={rows}
          expandable={{
            expandedRowKeys: expanded,
            onExpandedRowsChange: (keys) => setExpanded(keys as string[]),
            expandedRowRender: (r) => (
              <OutboxSteps
                row={r}
                onDownload={(item, fileId) => void download(item, fileId)}
                onChange={overview.reload}
              />
            ),
          }}
          onRow={(r) => ({ 'data-testid': `outbox-row-${r.main.code ?? r.dossierId}` }) as object}
          loading={overview.loading && !o}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('outbox.empty')} /> }}
        />
      </div>
    </Card>
  );
}
