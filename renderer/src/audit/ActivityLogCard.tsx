import { Button, Card, DatePicker, Flex, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/api/rooms/audit';
import { useQuery } from '../api/hooks';
import { ErrorNotice } from '../util/ErrorNotice';
import { formatDateTime } from '../util/format';
import { navigate } from '../util/route';

const PAGE = 20;

/** Nhật ký hoạt động: the whole station's trail for the supervisor, filtered and a page at a time. */
export function ActivityLogCard() {
  const { t, i18n } = useTranslation();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [actor, setActor] = useState<string | undefined>();
  const [action, setAction] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const day = (d: Dayjs | null | undefined) => d?.format('YYYY-MM-DD');
  const query = useQuery('audit.search', {
    from: day(range?.[0]),
    to: day(range?.[1]),
    actor,
    action,
    offset: (page - 1) * PAGE,
    limit: PAGE,
  });
  const data = query.data;
  const label = (a: string) => {
    const key = `audit.actions.${a}`;
    return i18n.exists(key) ? t(key as 'audit.title') : a;
  };
  const roomLabel = (room: string) => {
    const key = `activity.room.${room}`;
    return i18n.exists(key) ? t(key as 'activity.title') : room;
  };
  const rooms = [...new Set((data?.actions ?? []).map((a) => a.split('.')[0] ?? a))];
  const filtered =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  return (
    <Card title={t('activity.title')} data-testid="activity-log">
      <Typography.Paragraph type="secondary">{t('activity.hint')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          format="DD/MM/YYYY"
          aria-label={t('activity.range')}
          data-testid="activity-range"
          value={range}
          onChange={filtered(setRange)}
          allowEmpty={[true, true]}
        />
        <Select
          allowClear
          showSearch
          style={{ minWidth: 240 }}
          placeholder={t('activity.actor')}
          aria-label={t('activity.actor')}
          data-testid="activity-actor"
          value={actor}
          onChange={filtered(setActor)}
          options={(data?.actors ?? []).map((a) => ({ value: a, label: a }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ minWidth: 280 }}
          placeholder={t('activity.action')}
          aria-label={t('activity.action')}
          data-testid="activity-action"
          value={action}
          onChange={filtered(setAction)}
          options={[
            {
              label: t('activity.rooms'),
              options: rooms.map((r) => ({ value: r, label: roomLabel(r) })),
            },
            {
              label: t('activity.oneAction'),
              options: (data?.actions ?? []).map((a) => ({ value: a, label: label(a) })),
            },
          ]}
        />
      </Flex>
      {query.error && <ErrorNotice error={query.error} />}
      <Table<AuditEntry>
        size="small"
        rowKey="seq"
        data-testid="activity-table"
        loading={query.loading}
        dataSource={data?.entries ?? []}
        locale={{ emptyText: t('audit.empty') }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (count) => t('activity.total', { count }),
          onChange: setPage,
        }}
        columns={[
          { title: t('audit.when'), width: 160, render: (_, e) => formatDateTime(e.at) },
          { title: t('audit.who'), width: 220, dataIndex: 'actor' },
          {
            title: t('audit.what'),
            render: (_, e) => <span data-testid="activity-action-cell">{label(e.action)}</span>,
          },
          {
            title: t('activity.dossier'),
            width: 130,
            render: (_, e) =>
              e.dossierId ? (
                <Button
                  size="small"
                  type="link"
                  onClick={() => navigate({ place: 'dossiers', dossierId: e.dossierId! })}
                >
                  {t('activity.open')}
                </Button>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Card>
  );
}
