import { Button, Card, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PostResult } from '../../../shared/api/rooms/agency';
import { useAttempt, useQuery } from '../api/hooks';
import { useStation } from '../api/StationContext';

/** Trả kết quả qua bưu chính: the S10 number when the item goes out, then delivered or returned. */
export function PostResults() {
  const { t } = useTranslation();
  const { client } = useStation();
  const attempt = useAttempt();
  const list = useQuery('agency.postResults', {});
  const [tracking, setTracking] = useState<Record<string, string>>({});
  const step = (r: PostResult, s: 'tracking' | 'delivered' | 'returned') =>
    void attempt(() =>
      client.call('agency.recordPost', { dossierId: r.dossierId, step: s, tracking: tracking[r.dossierId] }),
    ).then(() => list.reload());
  return (
    <Card
      title={t('post.resultsTitle')}
      size="small"
      data-testid="post-results"
      extra={
        <Button size="small" onClick={list.reload}>
          ↻
        </Button>
      }
    >
      <Table<PostResult>
        size="small"
        rowKey="dossierId"
        pagination={false}
        locale={{ emptyText: t('post.noResults') }}
        dataSource={list.data ?? []}
        columns={[
          { title: t('post.colCode'), dataIndex: 'code' },
          { title: t('post.colApplicant'), dataIndex: 'applicantName' },
          { title: t('post.address'), dataIndex: 'address' },
          {
            title: '',
            render: (_, r) => <Tag data-testid={`post-state-${r.code}`}>{t(`post.state_${r.state}`)}</Tag>,
          },
          {
            title: t('post.tracking'),
            render: (_, r) =>
              r.state === 'waiting' ? (
                <Space.Compact>
                  <Input
                    style={{ width: 160 }}
                    placeholder="EE123456785VN"
                    data-testid="post-tracking"
                    value={tracking[r.dossierId] ?? ''}
                    onChange={(e) => setTracking({ ...tracking, [r.dossierId]: e.target.value })}
                  />
                  <Button onClick={() => step(r, 'tracking')} data-testid="post-hand">
                    {t('post.handToDelivery')}
                  </Button>
                </Space.Compact>
              ) : r.state === 'with_delivery' ? (
                <Space>
                  {r.tracking}
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => step(r, 'delivered')}
                    data-testid="post-delivered"
                  >
                    {t('post.delivered')}
                  </Button>
                  <Button size="small" onClick={() => step(r, 'returned')}>
                    {t('post.returned')}
                  </Button>
                </Space>
              ) : (
                r.tracking
              ),
          },
        ]}
      />
    </Card>
  );
}
