import { FileAddOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Empty,
  Input,
  Segmented,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierSummary } from '../../../shared/api';
import { useEvent, useQuery } from '../api/hooks';
import { ErrorNotice } from '../util/ErrorNotice';
import { DUE_ROW_BACKGROUND, DueTag, useDue } from '../reception/useDue';
import { formatDateTime } from '../util/format';
import { navigate } from '../util/route';
import { PortalStatusTag } from '../portal/PortalStatusTag';
import { useReaderBurst } from '../find/useReaderBurst';
import {
  DOSSIER_FILTERS,
  type DossierFilter,
  dossierInLines,
  idNumberIn,
  matchesQuery,
  passesFilter,
} from './dossierFilter';
import { StatusTag } from './StatusTag';

export function DossiersScreen() {
  const { t } = useTranslation();
  const list = useQuery('dossier.list', {});
  useEvent('dossier.changed', list.reload);
  useEvent('outbox.changed', list.reload);
  const due = useDue();

  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<DossierFilter>('all');
  const { message } = App.useApp();
  const q = query.trim();
  const idNumber = idNumberIn(query);
  const byId = useQuery('dossier.findByIdNumber', idNumber ? { idNumber } : null);
  const ids = (idNumber && byId.data) || [];
  const shown = (list.data ?? []).filter(
    (d) => matchesQuery(d, query, ids) && passesFilter(d, filter, due(d)),
  );

  // A receipt's QR read by the barcode reader: its lines never reach the search field; its code opens the dossier.
  useReaderBurst((lines, before) => {
    const found = dossierInLines(list.data ?? [], lines);
    if (!found) {
      setQuery(before);
      void message.warning(t('dossiers.readNotFound'));
      return;
    }
    setQuery(found.code ?? '');
    navigate({ place: 'dossiers', dossierId: found.id });
  });

  const columns: TableColumnsType<DossierSummary> = [
    {
      title: t('dossiers.code'),
      dataIndex: 'code',
      key: 'code',
      width: 230,
      render: (_: unknown, d) => d.code ?? '—',
    },
    { title: t('dossiers.applicant'), dataIndex: 'applicantName', key: 'applicant' },
    { title: t('dossiers.procedure'), dataIndex: 'procedureName', key: 'procedure' },
    {
      title: t('dossiers.status'),
      dataIndex: 'status',
      key: 'status',
      width: 140,
      render: (_: unknown, d) => <StatusTag status={d.status} />,
    },
    {
      title: t('dossiers.portal'),
      dataIndex: 'portalState',
      key: 'portal',
      width: 150,
      render: (_: unknown, d) => <PortalStatusTag state={d.portalState} />,
    },
    {
      title: t('dossiers.appointment'),
      dataIndex: 'appointmentAt',
      key: 'appointment',
      width: 210,
      render: (_: unknown, d) =>
        d.appointmentAt ? (
          <>
            {formatDateTime(d.appointmentAt)} <DueTag state={due(d)} />
          </>
        ) : (
          '—'
        ),
    },
    {
      title: t('dossiers.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 170,
      render: (_: unknown, d) => formatDateTime(d.createdAt),
      sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
      defaultSortOrder: 'descend',
    },
  ];

  return (
    <Card
      title={t('dossiers.title')}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading && !!list.data}>
            {t('dossiers.refresh')}
          </Button>
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => navigate({ place: 'reception' })}>
            {t('dossiers.newDossier')}
          </Button>
        </Space>
      }
    >
      {list.error && <ErrorNotice error={list.error} />}
      <Input.Search
        allowClear
        autoFocus
        data-testid="dossier-search"
        placeholder={t('dossiers.search')}
        aria-label={t('dossiers.search')}
        enterButton={<Button icon={<SearchOutlined />} aria-label={t('dossiers.searchButton')} />}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onSearch={() => {
          // Enter on a single match opens it: a receipt's code read by the barcode reader ends with Enter.
          if (shown.length === 1 && shown[0]) navigate({ place: 'dossiers', dossierId: shown[0].id });
        }}
        style={{ marginBottom: 12, maxWidth: 560, display: 'block' }}
      />
      {idNumber && ids.length > 0 && (
        <Typography.Paragraph type="secondary" data-testid="dossier-by-id">
          {t('dossiers.byIdNumber', { id: idNumber })}
        </Typography.Paragraph>
      )}
      <Segmented<DossierFilter>
        data-testid="dossier-filter"
        aria-label={t('dossiers.filterLabel')}
        value={filter}
        onChange={setFilter}
        options={DOSSIER_FILTERS.map((f) => ({ value: f, label: t(`dossiers.filter.${f}`) }))}
        style={{ marginBottom: 16 }}
      />
      <div data-testid="dossier-table">
        <Table<DossierSummary>
          rowKey="id"
          columns={columns}
          dataSource={shown}
          loading={list.loading && !list.data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={!list.data ? '' : q ? t('dossiers.notFound', { q: query }) : t('dossiers.empty')}
              />
            ),
          }}
          onRow={(d) => {
            const state = due(d);
            return {
              onClick: () => navigate({ place: 'dossiers', dossierId: d.id }),
              onKeyDown: (e) => {
                if (e.key === 'Enter') navigate({ place: 'dossiers', dossierId: d.id });
              },
              tabIndex: 0,
              style: {
                cursor: 'pointer',
                background: state && state !== 'on_time' ? DUE_ROW_BACKGROUND[state] : undefined,
              },
              'data-testid': `dossier-row-${d.id}`,
              'data-due': state ?? 'none',
            };
          }}
        />
      </div>
    </Card>
  );
}
