import { DownloadOutlined } from '@ant-design/icons';
import { Button, Flex, List, Progress, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CounterEventKind, OutboxItem } from '../../../shared/api/rooms/outbox';

type OutboxResult = OutboxItem['results'][number];
import { PaymentCell } from '../payment/PaymentCell';
import { ErrorText } from '../util/ErrorNotice';
import { formatDateTime } from '../util/format';
import type { DossierRow } from './groups';
import { STATE_COLOR } from './stateColor';

/** The tag of an item carrying a counter event. */
const EVENT_LABEL = {
  completion_request: 'outbox.eventCompletionRequest',
  completion_resume: 'outbox.eventCompletionResume',
  refusal: 'outbox.eventRefusal',
  withdrawal: 'outbox.eventWithdrawal',
  stop: 'stopShown.event',
  result_post: 'outbox.eventResultPost',
  rating: 'outbox.eventRating',
} as const satisfies Record<CounterEventKind, string>;

/** What a step is, in words: its kind, or for a counter event, the event. */
export function kindLabelKey(item: Pick<OutboxItem, 'kind' | 'event'>) {
  if (item.kind === 'event') return item.event ? EVENT_LABEL[item.event] : 'outbox.kindEvent';
  return (
    {
      submit: 'outboxRow.kindSubmit',
      return: 'outbox.kindReturn',
      update: 'outbox.kindUpdate',
      apology: 'outboxRow.kindApology',
    } as const
  )[item.kind];
}

/** The state of one step, its attempts, why it waits (the sentence; the detail behind "Chi tiết"). */
export function StepState({ item, testId }: { item: OutboxItem; testId: string }) {
  const { t } = useTranslation();
  const settled = item.state === 'submitted' || item.state === 'done' || item.state === 'result_ready';
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <Flex gap={4} wrap align="center">
        <Tag color={STATE_COLOR[item.state]} data-testid={testId}>
          {t(`outbox.state.${item.state}`)}
        </Tag>
        {item.paused && <Tag>{t('outbox.paused')}</Tag>}
        {item.attempts > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('outbox.attempts', { n: item.attempts })}
          </Typography.Text>
        )}
      </Flex>
      {item.lastError && !settled && (
        <ErrorText error={item.lastError} type={item.state === 'failed' ? 'danger' : 'warning'} />
      )}
      {item.nextAttemptAt && item.state === 'retry' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('outbox.nextAttempt', { time: formatDateTime(item.nextAttemptAt) })}
        </Typography.Text>
      )}
    </Flex>
  );
}

function Files({ item }: { item: OutboxItem }) {
  if (item.files.length === 0) return null;
  return (
    <Flex vertical gap={0} style={{ width: 220 }}>
      {item.files.map((f) => (
        <Tooltip key={f.name} title={f.componentCode}>
          <Progress
            size="small"
            percent={Math.floor((100 * f.sent) / Math.max(1, f.size))}
            status={f.complete ? 'success' : item.state === 'failed' ? 'exception' : 'active'}
            format={() => f.componentCode}
          />
        </Tooltip>
      ))}
    </Flex>
  );
}

export function resultLabelKey(r: OutboxResult) {
  return r.verified === 'valid'
    ? 'outbox.resultValid'
    : r.verified === 'invalid'
      ? 'outbox.resultInvalid'
      : r.verified === 'indeterminate'
        ? 'outbox.resultIndeterminate'
        : 'outbox.resultUnsigned';
}

/** Inside a dossier's row: each of its steps with its state, files and results, and the fee. */
export function OutboxSteps({
  row,
  onDownload,
  onChange,
}: {
  row: DossierRow;
  onDownload: (item: OutboxItem, fileId: string) => void;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const fee = row.main.kind === 'submit' && row.main.feeVnd > 0;
  return (
    <Flex vertical gap={8} data-testid={`outbox-steps-${row.main.code ?? row.dossierId}`}>
      <Typography.Text strong>{t('outboxRow.steps')}</Typography.Text>
      <List
        size="small"
        bordered
        dataSource={row.steps}
        rowKey="id"
        renderItem={(s) => (
          <List.Item data-testid="outbox-step" data-kind={s.kind}>
            <Flex gap={16} wrap align="start" style={{ width: '100%' }}>
              <Typography.Text style={{ width: 200 }}>{t(kindLabelKey(s))}</Typography.Text>
              <div style={{ flex: 1, minWidth: 220 }}>
                <StepState item={s} testId="outbox-step-state" />
              </div>
              <Files item={s} />
              {s.results.length > 0 && (
                <Flex vertical gap={4}>
                  {s.results.map((r) => (
                    <Button
                      key={r.fileId}
                      size="small"
                      icon={<DownloadOutlined />}
                      onClick={() => onDownload(s, r.fileId)}
                    >
                      {t('outbox.resultFile')} ({t(resultLabelKey(r))})
                    </Button>
                  ))}
                </Flex>
              )}
            </Flex>
          </List.Item>
        )}
      />
      {fee && (
        <Flex gap={16} align="center" wrap data-testid="outbox-fee-step">
          <Typography.Text style={{ width: 200 }}>{t('outboxRow.fee')}</Typography.Text>
          <PaymentCell item={row.main} onChange={onChange} />
        </Flex>
      )}
    </Flex>
  );
}
