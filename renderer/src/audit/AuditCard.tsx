import { Collapse, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/api/rooms/audit';
import { useEvent, useQuery } from '../api/hooks';
import { formatDateTime } from '../util/format';

/** Nhật ký thao tác of one dossier: who did what, when (folded away until asked for). */
export function AuditCard({ dossierId }: { dossierId: string }) {
  const { t, i18n } = useTranslation();
  const entries = useQuery('audit.list', { dossierId, limit: 200 });
  useEvent('dossier.changed', (e) => {
    if (e.dossierId === dossierId) entries.reload();
  });
  const label = (action: string) => {
    const key = `audit.actions.${action}`;
    return i18n.exists(key) ? t(key as 'audit.title') : action;
  };
  return (
    <Collapse
      data-testid="audit-card"
      items={[
        {
          key: 'audit',
          label: `${t('audit.title')}${entries.data ? ` (${entries.data.length})` : ''}`,
          children: (
            <Table<AuditEntry>
              size="small"
              rowKey="seq"
              loading={!entries.data && !entries.error}
              dataSource={entries.data ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: t('audit.empty') }}
              columns={[
                { title: t('audit.when'), width: 150, render: (_, e) => formatDateTime(e.at) },
                { title: t('audit.who'), width: 200, dataIndex: 'actor' },
                {
                  title: t('audit.what'),
                  render: (_, e) => (
                    <Typography.Text data-testid="audit-action">{label(e.action)}</Typography.Text>
                  ),
                },
              ]}
            />
          ),
        },
      ]}
    />
  );
}
