import { Card, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/api/contract';
import { useQuery } from '../api/hooks';
import { useVnd } from '../payment/FeeActions';

type Row = Result<'agency.figures'>[number];

/** Figures per agency of a postal station, for the period the figures screen shows; filter by agency. */
export function AgencyFigures({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const vnd = useVnd();
  const list = useQuery('agency.list', {});
  const [agencyCode, setAgency] = useState<string | undefined>(undefined);
  const figures = useQuery('agency.figures', { from, to, agencyCode });
  if (list.data?.stationKind !== 'postal') return null;
  return (
    <Card
      title={t('post.figuresTitle')}
      data-testid="agency-figures"
      extra={
        <Select
          allowClear
          size="small"
          style={{ width: 260 }}
          placeholder={t('post.allAgencies')}
          value={agencyCode}
          onChange={(v: string | undefined) => setAgency(v)}
          options={(list.data?.agencies ?? []).map((a) => ({
            value: a.code,
            label: `${a.name} (${a.code})`,
          }))}
        />
      }
    >
      <Table<Row>
        size="small"
        rowKey="agencyCode"
        pagination={false}
        dataSource={figures.data ?? []}
        columns={[
          { title: t('post.colAgency'), render: (_, r) => `${r.agencyName} (${r.agencyCode})` },
          { title: t('post.figReceived'), dataIndex: 'received' },
          { title: t('post.handedOver'), dataIndex: 'handedOver' },
          { title: t('post.notHandedOver'), dataIndex: 'notHandedOver' },
          { title: t('post.byPost'), dataIndex: 'byPost' },
          { title: t('post.delivered'), dataIndex: 'delivered' },
          { title: t('post.figFees'), render: (_, r) => vnd(r.fees) },
          { title: t('post.figPostal'), render: (_, r) => vnd(r.postalCharges) },
        ]}
      />
    </Card>
  );
}
