import { FileAddOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Space, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DossierSummary } from '../../../shared/api';
import { useErrorText, useEvent, useQuery } from '../api/hooks';
import { formatDateTime } from '../util/format';
import { navigate } from '../util/route';
import { StatusTag } from './StatusTag';

export function DossiersScreen() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const list = useQuery('dossier.list', {});
  useEvent('dossier.changed', list.reload);

  const columns: TableColumnsType<DossierSummary> = [
    { title: t('dossiers.applicant'), dataIndex: 'applicantName', key: 'applicant' },
    { title: t('dossiers.procedure'), dataIndex: 'procedureName', key: 'procedure', ellipsis: true },
    {
      title: t('dossiers.status'),
      dataIndex: 'status',
      key: 'status',
      width: 140,
      render: (_: unknown, d) => <StatusTag status={d.status} />,
    },
    { title: t('dossiers.pages'), dataIndex: 'pageCount', key: 'pages', width: 100, align: 'right' },
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
      {list.error && (
        <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} />
      )}
      <div data-testid="dossier-table">
        <Table<DossierSummary>
          rowKey="id"
          columns={columns}
          dataSource={list.data ?? []}
          loading={list.loading && !list.data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dossiers.empty')} />,
          }}
          onRow={(d) => ({
            onClick: () => navigate({ place: 'dossiers', dossierId: d.id }),
            onKeyDown: (e) => {
              if (e.key === 'Enter') navigate({ place: 'dossiers', dossierId: d.id });
            },
            tabIndex: 0,
            style: { cursor: 'pointer' },
            'data-testid': `dossier-row-${d.id}`,
          })}
        />
      </div>
    </Card>
  );
}
