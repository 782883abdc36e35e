import {
  CloudOutlined,
  DisconnectOutlined,
  DownloadOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  RedoOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Empty,
  Input,
  Popover,
  Progress,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CounterEventKind, OutboxItem, OutboxOverview } from '../../../shared/api/rooms/outbox';
import { useAttempt, useErrorText, useEvent, useQuery, useThrottled } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { openOrDownloadPdf } from '../util/files';
import { formatDateTime } from '../util/format';
import { PaymentCell } from '../payment/PaymentCell';

type PortalStatus = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/** The tag of an item carrying a counter event. */
const EVENT_LABEL = {
  completion_request: 'outbox.eventCompletionRequest',
  completion_resume: 'outbox.eventCompletionResume',
  refusal: 'outbox.eventRefusal',
  withdrawal: 'outbox.eventWithdrawal',
  result_post: 'outbox.eventResultPost',
  rating: 'outbox.eventRating',
} as const satisfies Record<CounterEventKind, string>;

const STATE_COLOR: Record<OutboxItem['state'], string> = {
  queued: 'default',
  sending: 'processing',
  retry: 'warning',
  failed: 'error',
  submitted: 'blue',
  result_ready: 'green',
  done: 'success',
};

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

function ReturnButton({ item, onDone }: { item: OutboxItem; onDone: (o: OutboxOverview) => void }) {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const [name, setName] = useState(item.applicantName);
  const [open, setOpen] = useState(false);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      title={t('outbox.returnedTo')}
      content={
        <Space.Compact>
          <Input value={name} onChange={(e) => setName(e.target.value)} data-testid="return-to" />
          <Button
            type="primary"
            onClick={() =>
              void attempt(async () => {
                const o = await client.call('outbox.recordReturn', {
                  dossierId: item.dossierId,
                  returnedTo: name,
                });
                setOpen(false);
                onDone(o);
              })
            }
          >
            {t('outbox.returnConfirm')}
          </Button>
        </Space.Compact>
      }
    >
      <Button size="small">{t('outbox.returnTo')}</Button>
    </Popover>
  );
}

export function OutboxScreen() {
  const { t } = useTranslation();
  const { client } = useStation();
  const errorText = useErrorText();
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

  const columns: TableColumnsType<OutboxItem> = [
    {
      title: t('outbox.colCode'),
      key: 'code',
      width: 220,
      render: (_: unknown, i) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong copyable={!!i.code}>
            {i.code ?? '—'}
          </Typography.Text>
          {i.kind === 'return' && <Tag>{t('outbox.kindReturn')}</Tag>}
          {i.kind === 'update' && <Tag color="orange">{t('outbox.kindUpdate')}</Tag>}
          {i.kind === 'apology' && <Tag color="red">{t('forms.kindApology')}</Tag>}
          {i.kind === 'event' && i.event && <Tag color="blue">{t(EVENT_LABEL[i.event])}</Tag>}
        </Space>
      ),
    },
    {
      title: t('outbox.colApplicant'),
      dataIndex: 'applicantName',
      key: 'applicant',
      width: 200,
      ellipsis: true,
    },
    {
      title: t('outbox.colState'),
      key: 'state',
      width: 240,
      render: (_: unknown, i) => (
        <Space direction="vertical" size={2} style={{ width: '100%' }}>
          <Space size={4} wrap>
            <Tag color={STATE_COLOR[i.state]} data-testid={`outbox-state-${i.code ?? i.dossierId}`}>
              {t(`outbox.state.${i.state}`)}
            </Tag>
            {i.paused && <Tag>{t('outbox.paused')}</Tag>}
            {i.attempts > 0 && (
              <Typography.Text type="secondary">{t('outbox.attempts', { n: i.attempts })}</Typography.Text>
            )}
          </Space>
          {i.lastError && i.state !== 'submitted' && i.state !== 'done' && i.state !== 'result_ready' && (
            <Typography.Text type={i.state === 'failed' ? 'danger' : 'warning'} style={{ fontSize: 12 }}>
              {errorText(i.lastError)}
            </Typography.Text>
          )}
          {i.nextAttemptAt && i.state === 'retry' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('outbox.nextAttempt', { time: formatDateTime(i.nextAttemptAt) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('outbox.colProgress'),
      key: 'progress',
      width: 200,
      render: (_: unknown, i) =>
        i.files.length === 0 ? (
          '—'
        ) : (
          <Space direction="vertical" size={0} style={{ width: '100%' }}>
            {i.files.map((f) => (
              <Tooltip key={f.name} title={`${f.name}: ${f.sent} / ${f.size} B`}>
                <Progress
                  size="small"
                  percent={Math.floor((100 * f.sent) / Math.max(1, f.size))}
                  status={f.complete ? 'success' : i.state === 'failed' ? 'exception' : 'active'}
                  format={() => f.componentCode}
                />
              </Tooltip>
            ))}
          </Space>
        ),
    },
    {
      title: t('outbox.colPortal'),
      key: 'portal',
      width: 180,
      render: (_: unknown, i) => (
        <Space direction="vertical" size={2}>
          {i.portalStatus ? (
            <Tag>{`${i.portalStatus} · ${t(`outbox.portalStatus.s${i.portalStatus as PortalStatus}`)}`}</Tag>
          ) : (
            '—'
          )}
          {i.results.map((r) => (
            <Button
              key={r.fileId}
              size="small"
              icon={<DownloadOutlined />}
              onClick={() => void download(i, r.fileId)}
            >
              {t('outbox.resultFile')}{' '}
              <Typography.Text
                type={r.verified === 'invalid' ? 'danger' : 'secondary'}
                style={{ fontSize: 11 }}
              >
                (
                {r.verified === 'valid'
                  ? t('outbox.resultValid')
                  : r.verified === 'invalid'
                    ? t('outbox.resultInvalid')
                    : r.verified === 'indeterminate'
                      ? t('outbox.resultIndeterminate')
                      : t('outbox.resultUnsigned')}
                )
              </Typography.Text>
            </Button>
          ))}
        </Space>
      ),
    },
    {
      title: t('outbox.colActions'),
      key: 'actions',
      width: 210,
      render: (_: unknown, i) => (
        <Space wrap>
          {['queued', 'sending', 'retry', 'failed', 'submitted'].includes(i.state) && (
            <Button
              size="small"
              icon={<RedoOutlined />}
              onClick={() => void act(client.call('outbox.retryNow', { dossierId: i.dossierId }))}
            >
              {t('outbox.retry')}
            </Button>
          )}
          {['queued', 'sending', 'retry'].includes(i.state) &&
            (i.paused ? (
              <Button
                size="small"
                icon={<PlayCircleOutlined />}
                onClick={() => void act(client.call('outbox.resume', { dossierId: i.dossierId }))}
              >
                {t('outbox.resume')}
              </Button>
            ) : (
              <Button
                size="small"
                icon={<PauseCircleOutlined />}
                onClick={() => void act(client.call('outbox.pause', { dossierId: i.dossierId }))}
              >
                {t('outbox.pause')}
              </Button>
            ))}
          {i.kind === 'submit' && i.state === 'result_ready' && (
            <ReturnButton item={i} onDone={overview.setData} />
          )}
          {i.kind === 'submit' && i.feeVnd > 0 && <PaymentCell item={i} onChange={overview.reload} />}
        </Space>
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
      {overview.error && (
        <Alert type="error" showIcon title={errorText(overview.error)} style={{ marginBottom: 16 }} />
      )}
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
        <Table<OutboxItem>
          rowKey="id"
          size="small"
          scroll={{ x: 1250 }}
          columns={columns}
          dataSource={o?.items ?? []}
          loading={overview.loading && !o}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('outbox.empty')} /> }}
        />
      </div>
    </Card>
  );
}
