import { BellOutlined, BgColorsOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  InputNumber,
  Popover,
  Row,
  Segmented,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import 'dayjs/locale/vi';
import { useState } from 'react';
import { AgencyFigures } from '../post/AgencyFigures';
import { useTranslation } from 'react-i18next';
import type {
  BacklogItem,
  ColourLevel,
  FailedUpload,
  Figures,
  Share,
} from '../../../shared/api/rooms/reports';
import { addDays, localDate, localParts, mondayOf, parseInstant } from '../../../shared/domain/deadline';
import { useAttempt, useErrorText, useEvent, useQuery, useThrottled } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { downloadBase64 } from '../util/files';
import { navigate } from '../util/route';
import { LEVEL_COLOUR, LevelTag } from './levels';
import { SatisfactionCard } from './SatisfactionCard';
import { ErrorNotice } from '../util/ErrorNotice';

export { LEVEL_COLOUR } from './levels';

type Preset = 'thisWeek' | 'lastWeek' | 'thisMonth' | 'custom';
interface Period {
  from: string;
  to: string;
}

const dmy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
/** dd/MM/yyyy HH:mm in Vietnam's time, whatever the computer's time zone. */
function when(instant: string): string {
  const p = localParts(parseInstant(instant));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(p.day)}/${two(p.month)}/${p.year} ${two(p.hour)}:${two(p.minute)}`;
}

function presetPeriod(preset: Exclude<Preset, 'custom'>): Period {
  const d = localDate(Date.now());
  if (preset === 'thisWeek') return { from: mondayOf(d), to: d };
  if (preset === 'lastWeek') {
    const from = addDays(mondayOf(d), -7);
    return { from, to: addDays(from, 6) };
  }
  return { from: `${d.slice(0, 8)}01`, to: d };
}

function ShareCard({ name, share }: { name: keyof Figures['shares']; share: Share }) {
  const { t, i18n } = useTranslation();
  const c = LEVEL_COLOUR[share.level];
  return (
    <Card
      size="small"
      data-testid={`share-${name}`}
      data-level={share.level}
      style={{ height: '100%', borderTop: `6px solid ${c.bg}` }}
      styles={{ body: { padding: 16 } }}
    >
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Text strong>{t(`figures.share.${name}`)}</Typography.Text>
        <LevelTag level={share.level} />
      </Flex>
      <div
        style={{
          fontSize: 34,
          fontWeight: 700,
          lineHeight: 1.2,
          margin: '8px 0 2px',
          color: share.level === 'no_data' ? '#8c8c8c' : share.level === 'yellow' ? '#8d6e00' : c.bg,
        }}
        data-testid={`share-${name}-percent`}
      >
        {share.percent === null
          ? '—'
          : `${share.percent.toLocaleString(i18n.language === 'en' ? 'en-US' : 'vi-VN')} %`}
      </div>
      <Typography.Text type="secondary" data-testid={`share-${name}-fraction`}>
        {t('figures.fraction', { n: share.numerator, d: share.denominator })}
      </Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
        {t(`figures.hint.${name}`)}
      </Typography.Paragraph>
    </Card>
  );
}

function Counter({
  title,
  value,
  colour,
  extra,
  testId,
}: {
  title: string;
  value: number;
  colour?: string;
  extra?: string;
  testId: string;
}) {
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={testId}>
      <Statistic title={title} value={value} styles={{ content: { color: colour, fontWeight: 600 } }} />
      {extra && <Typography.Text type="secondary">{extra}</Typography.Text>}
    </Card>
  );
}

type Thresholds = Figures['thresholds'];
const THRESHOLD_KEYS: (keyof Thresholds)[] = ['darkGreen', 'green', 'yellow', 'orange'];
const THRESHOLD_LEVEL: Record<keyof Thresholds, ColourLevel> = {
  darkGreen: 'dark_green',
  green: 'green',
  yellow: 'yellow',
  orange: 'orange',
};

/** Ngưỡng mức màu: the province's thresholds, a station setting. */
function ThresholdsEditor({ current, onSaved }: { current: Thresholds; onSaved: () => void }) {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Thresholds>(current);
  const [saving, setSaving] = useState(false);
  const ordered =
    draft.darkGreen >= draft.green && draft.green >= draft.yellow && draft.yellow >= draft.orange;
  const save = async () => {
    setSaving(true);
    await attempt(
      async () => {
        await client.call('settings.update', { figureThresholds: draft });
        setOpen(false);
        onSaved();
      },
      { success: t('figures.thresholdsSaved') },
    );
    setSaving(false);
  };
  const content = (
    <Flex vertical gap={8} style={{ width: 260 }} data-testid="thresholds-editor">
      {THRESHOLD_KEYS.map((k) => (
        <Flex key={k} justify="space-between" align="center" gap={8}>
          <LevelTag level={THRESHOLD_LEVEL[k]} />
          <InputNumber<number>
            min={0}
            max={100}
            value={draft[k]}
            prefix="≥"
            suffix="%"
            style={{ width: 130 }}
            onChange={(v) => setDraft((d) => ({ ...d, [k]: v ?? 0 }))}
            data-testid={`threshold-${k}`}
          />
        </Flex>
      ))}
      {!ordered && <Typography.Text type="danger">{t('figures.thresholdsOrder')}</Typography.Text>}
      <Button type="primary" disabled={!ordered} loading={saving} onClick={() => void save()}>
        {t('figures.thresholdsSave')}
      </Button>
    </Flex>
  );
  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) setDraft(current);
      }}
      title={t('figures.thresholdsTitle')}
      content={content}
    >
      <Button icon={<BgColorsOutlined />} data-testid="thresholds-open">
        {t('figures.thresholdsEdit')}
      </Button>
    </Popover>
  );
}

const SHARES: (keyof Figures['shares'])[] = [
  'onTime',
  'fullOnline',
  'onlinePayment',
  'digitized',
  'uploaded',
];

/** Thống kê — the supervisor's dashboard: the directive's shares in colour, the backlog, failed uploads, the Friday report. */
export function FiguresScreen() {
  const { t } = useTranslation();
  const { client } = useStation();
  const errorText = useErrorText();
  const attempt = useAttempt();
  const [preset, setPreset] = useState<Preset>('thisWeek');
  const [custom, setCustom] = useState<Period | null>(null);
  const period = preset === 'custom' ? custom : presetPeriod(preset);
  const figures = useQuery('reports.figures', period);
  const reload = useThrottled(figures.reload, 1500);
  useEvent('dossier.changed', reload);
  useEvent('outbox.changed', reload);
  useEvent('settings.changed', reload);
  useEvent('citizen.status', reload); // the citizen screen moved on, e.g. after a rating
  const [downloading, setDownloading] = useState(false);
  const f = figures.data;
  const isFriday = localParts(Date.now()).weekday === 5;

  const downloadWeekly = async () => {
    setDownloading(true);
    await attempt(
      async () => {
        // The week shown: last week's Monday, the end of a chosen range, else this week.
        const weekOf = preset === 'lastWeek' ? period?.from : preset === 'custom' ? period?.to : undefined;
        const file = await client.call('reports.weekly', { weekOf });
        downloadBase64(file.fileName, file.dataBase64, file.mime);
        return file;
      },
      { success: (file) => t('figures.weeklyDone', { name: file.fileName }) },
    );
    setDownloading(false);
  };

  const downloadPeak = async () => {
    const month = (f?.to ?? '').slice(0, 7);
    if (!month) return;
    setDownloading(true);
    await attempt(async () => {
      const file = await client.call('reports.peak', { month });
      downloadBase64(file.fileName, file.dataBase64, file.mime);
    });
    setDownloading(false);
  };
  const peakMonths = (f?.peakMonths ?? []).map((m) => `${m.slice(5, 7)}/${m.slice(0, 4)}`).join(', ');

  const backlogColumns = [
    {
      title: t('figures.state'),
      key: 'kind',
      width: 200,
      render: (_: unknown, b: BacklogItem) => (
        <>
          {b.kind === 'overdue' ? (
            <Tag color="red">{t('figures.kindOverdue')}</Tag>
          ) : (
            <Tag color="orange">{t('figures.kindDueSoon')}</Tag>
          )}
          {b.apologies > 0 && (
            <Tag data-testid="backlog-apologized">{t('forms.apologized', { count: b.apologies })}</Tag>
          )}
        </>
      ),
    },
    { title: t('figures.code'), dataIndex: 'code', key: 'code', width: 230 },
    { title: t('figures.applicant'), dataIndex: 'applicantName', key: 'applicant' },
    {
      title: t('figures.procedure'),
      key: 'procedure',
      render: (_: unknown, b: BacklogItem) => (
        <Typography.Text
          ellipsis
          style={{ maxWidth: 320 }}
        >{`${b.procedureCode} · ${b.procedureName}`}</Typography.Text>
      ),
    },
    {
      title: t('figures.appointment'),
      key: 'appointment',
      width: 160,
      render: (_: unknown, b: BacklogItem) => (
        <Typography.Text strong style={{ color: b.kind === 'overdue' ? '#cf1322' : '#d46b08' }}>
          {when(b.appointmentAt)}
        </Typography.Text>
      ),
    },
  ];

  const failedColumns = [
    {
      title: t('figures.code'),
      key: 'code',
      width: 230,
      render: (_: unknown, u: FailedUpload) => u.code ?? u.dossierId,
    },
    { title: t('figures.applicant'), dataIndex: 'applicantName', key: 'applicant', width: 220 },
    {
      title: t('figures.state'),
      key: 'state',
      width: 150,
      render: (_: unknown, u: FailedUpload) =>
        u.state === 'failed' ? (
          <Tag color="red">{t('figures.stateFailed')}</Tag>
        ) : (
          <Tag color="gold">{t('figures.stateRetry')}</Tag>
        ),
    },
    { title: t('figures.attempts'), dataIndex: 'attempts', key: 'attempts', width: 100 },
    {
      title: t('figures.whatToDo'),
      key: 'what',
      render: (_: unknown, u: FailedUpload) => <span data-testid="failed-what">{errorText(u.error)}</span>,
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="figures-screen">
      <Card styles={{ body: { padding: '16px 20px' } }}>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('figures.title')}
            </Typography.Title>
            {f && (
              <Typography.Text type="secondary" data-testid="figures-period">
                {f.unitName} · {t('figures.period', { from: dmy(f.from), to: dmy(f.to) })} ·{' '}
                {t('figures.asOf', { at: when(f.asOf) })}
              </Typography.Text>
            )}
          </div>
          <Flex gap={8} wrap align="center">
            <Segmented<Preset>
              value={preset}
              onChange={(v) => setPreset(v)}
              options={[
                { value: 'thisWeek', label: t('figures.thisWeek') },
                { value: 'lastWeek', label: t('figures.lastWeek') },
                { value: 'thisMonth', label: t('figures.thisMonth') },
                { value: 'custom', label: t('figures.custom') },
              ]}
              data-testid="figures-preset"
            />
            {preset === 'custom' && (
              <DatePicker.RangePicker
                format="DD/MM/YYYY"
                allowClear={false}
                data-testid="figures-range"
                onChange={(_, s) => {
                  const [a, b] = s;
                  const iso = (x: string) => `${x.slice(6, 10)}-${x.slice(3, 5)}-${x.slice(0, 2)}`;
                  if (a && b) setCustom({ from: iso(a), to: iso(b) });
                }}
              />
            )}
            <Button icon={<ReloadOutlined />} onClick={figures.reload} aria-label={t('common.retry')} />
            {f && <ThresholdsEditor current={f.thresholds} onSaved={figures.reload} />}
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              loading={downloading}
              onClick={() => void downloadWeekly()}
              data-testid="figures-weekly"
            >
              {t('figures.weekly')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              loading={downloading}
              disabled={!f}
              onClick={() => void downloadPeak()}
              data-testid="figures-peak-xlsx"
            >
              {t('forms.peakXlsx')}
            </Button>
          </Flex>
        </Flex>
      </Card>

      {isFriday && (
        <Alert
          type="info"
          showIcon
          icon={<BellOutlined />}
          title={t('figures.friday')}
          data-testid="figures-friday"
        />
      )}
      {peakMonths && (
        <Alert
          type="warning"
          showIcon
          data-testid="figures-peak"
          title={
            <>
              <Tag color="orange">{t('forms.peak')}</Tag>
              {t('forms.peakHint', { months: peakMonths })}
            </>
          }
        />
      )}
      {figures.error && <ErrorNotice error={figures.error} style={{}} />}
      {!f && !figures.error && preset === 'custom' && !custom && <Empty description={t('figures.custom')} />}

      {f && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={8} xl={4}>
              <Counter title={t('figures.received')} value={f.received} testId="count-received" />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Counter
                title={t('figures.resolved')}
                value={f.resolved.total}
                extra={t('figures.resolvedDetail', { onTime: f.resolved.onTime, late: f.resolved.late })}
                testId="count-resolved"
              />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Counter title={t('figures.notDue')} value={f.pending.notDue} testId="count-not-due" />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Counter
                title={t('figures.dueSoon')}
                value={f.pending.dueSoon}
                colour={f.pending.dueSoon ? '#d46b08' : undefined}
                testId="count-due-soon"
              />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Counter
                title={t('figures.overdue')}
                value={f.pending.overdue}
                colour={f.pending.overdue ? '#cf1322' : undefined}
                testId="count-overdue"
              />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Counter
                title={t('figures.awaiting')}
                value={f.pending.awaitingCompletion}
                testId="count-awaiting"
              />
            </Col>
          </Row>

          <Row gutter={[16, 16]}>
            {SHARES.map((name) => (
              <Col key={name} xs={24} sm={12} lg={8} xl={{ flex: '20%' }}>
                <ShareCard name={name} share={f.shares[name]} />
              </Col>
            ))}
          </Row>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('figures.thresholds', f.thresholds)} {t('figures.signed', { n: f.signed })};{' '}
            {t('figures.receivedUnsigned', { n: f.receivedUnsigned })}.
          </Typography.Text>
          {f.resolved.late > 0 && (
            <Typography.Text type="danger" data-testid="figures-late-causes">
              {t('forms.lateByCause', f.resolved.lateByCause)}
            </Typography.Text>
          )}

          <SatisfactionCard sat={f.satisfaction} />

          <Card
            title={t('figures.backlog')}
            extra={<Typography.Text type="secondary">{t('figures.backlogHint')}</Typography.Text>}
            data-testid="figures-backlog"
          >
            <Table<BacklogItem>
              size="small"
              rowKey="dossierId"
              dataSource={f.backlog}
              columns={backlogColumns}
              pagination={f.backlog.length > 20 ? { pageSize: 20 } : false}
              locale={{ emptyText: t('figures.backlogEmpty') }}
              onRow={(b) => ({
                onClick: () => navigate({ place: 'dossiers', dossierId: b.dossierId }),
                style: { cursor: 'pointer', background: b.kind === 'overdue' ? '#fff1f0' : '#fff7e6' },
                'data-testid': `backlog-${b.code ?? b.dossierId}`,
              })}
            />
          </Card>

          <Card
            title={t('figures.failed')}
            extra={
              <Button size="small" onClick={() => navigate({ place: 'outbox' })}>
                {t('figures.openOutbox')}
              </Button>
            }
            data-testid="figures-failed"
          >
            <Table<FailedUpload>
              size="small"
              rowKey="dossierId"
              dataSource={f.failedUploads}
              columns={failedColumns}
              pagination={false}
              locale={{ emptyText: t('figures.failedEmpty') }}
              onRow={(u) => ({ className: 'failed-row', 'data-testid': `failed-${u.code ?? u.dossierId}` })}
            />
          </Card>
          {period && <AgencyFigures from={period.from} to={period.to} />}
        </>
      )}
    </Flex>
  );
}
