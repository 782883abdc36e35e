import { Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEvent, useQuery } from '../api/hooks';
import { FeeActions, useVnd } from './FeeActions';
import { ErrorNotice } from '../util/ErrorNotice';

/**
 * The payment step of the reception flow: the fee (lệ phí) of the dossier's
 * procedure, how it is being paid, and the actions to take it — or "no fee".
 */
export function DossierFee({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation();
  const vnd = useVnd();
  const status = useQuery('payment.status', { dossierId });
  useEvent('outbox.changed', (e) => {
    if (e.dossierId === null || e.dossierId === dossierId) status.reload();
  });
  const data = status.data;
  const state = data?.payment?.state ?? 'none';

  let body;
  if (!data)
    body = status.error ? (
      <ErrorNotice error={status.error} style={{}} />
    ) : (
      <Skeleton.Button active size="small" />
    );
  else if (data.feeVnd <= 0 && !data.payment)
    body = (
      <Tag data-testid="fee-free" style={{ alignSelf: 'start' }}>
        {t('payment.free')}
      </Tag>
    );
  else
    body = (
      <>
        <Typography.Text>
          {t('payment.title')}:{' '}
          <Typography.Text strong data-testid="fee-amount">
            {vnd(data.payment?.amount ?? data.feeVnd)}
          </Typography.Text>
        </Typography.Text>
        <FeeActions
          dossierId={dossierId}
          feeVnd={data.feeVnd}
          payment={data.payment}
          layout="panel"
          onChange={(payment) => status.setData({ ...data, payment })}
        />
      </>
    );

  return (
    <Flex vertical gap={8} data-testid="dossier-fee" data-state={data ? state : 'loading'}>
      {body}
    </Flex>
  );
}
