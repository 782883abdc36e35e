import { Alert, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../api/hooks';
import { EndOfDay } from './EndOfDay';
import { PostResults } from './PostResults';
import { ReceiveOnBehalf } from './ReceiveOnBehalf';

/** Bưu chính: the post-office counter's day — receive on behalf, results by post, end of day. */
export function PostScreen() {
  const { t } = useTranslation();
  const list = useQuery('agency.list', {});
  const [tick, setTick] = useState(0);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="post-screen">
      <Typography.Title level={4}>{t('post.title')}</Typography.Title>
      {list.data?.stationKind === 'one_stop' && <Alert type="info" message={t('post.notPostal')} />}
      <ReceiveOnBehalf onReceived={() => setTick((n) => n + 1)} />
      <PostResults />
      <EndOfDay tick={tick} />
    </Space>
  );
}
