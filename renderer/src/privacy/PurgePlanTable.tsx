import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlanEntry, PurgePlan } from '../../../shared/api/rooms/privacy';
import { formatDateTime } from '../util/format';

/** The purge plan (docs/architecture.md, privacy): per dossier, what goes when, or why it is kept. */
export function PurgePlanTable({ plan }: { plan: PurgePlan | undefined }) {
  const { t } = useTranslation();
  const when = (iso: string) => formatDateTime(iso);
  const kinds = (list: PlanEntry['due']) =>
    list.map((x) => (
      <div key={x.kind}>
        {t(`privacy.kind.${x.kind}`)}: {when(x.at)}
      </div>
    ));
  return (
    <Table<PlanEntry>
      data-testid="privacy-plan"
      size="small"
      rowKey="dossierId"
      loading={!plan}
      dataSource={plan?.dossiers ?? []}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: t('privacy.empty') }}
      columns={[
        {
          key: 'dossier',
          title: t('privacy.dossier'),
          render: (_, d) => (
            <>
              <Typography.Text strong>{d.code ?? d.dossierId.slice(0, 8)}</Typography.Text>
              <div>{d.applicantName}</div>
            </>
          ),
        },
        {
          key: 'handedOver',
          title: t('privacy.handedOver'),
          render: (_, d) => (d.handedOverAt ? when(d.handedOverAt) : '—'),
        },
        {
          key: 'due',
          title: t('privacy.due'),
          render: (_, d) =>
            d.held ? (
              <Tag color="blue">
                {t('privacy.heldBack')} {t(`privacy.held.${d.held}`)}
              </Tag>
            ) : (
              kinds(d.due)
            ),
        },
        { key: 'done', title: t('privacy.done'), render: (_, d) => kinds(d.purged) },
      ]}
    />
  );
}
