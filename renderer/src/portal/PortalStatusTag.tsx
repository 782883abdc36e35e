import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { OutboxState } from '../../../shared/api/rooms/outbox';

const COLOR: Record<OutboxState, string> = {
  queued: 'default',
  sending: 'processing',
  retry: 'orange',
  failed: 'red',
  submitted: 'blue',
  result_ready: 'cyan',
  done: 'green',
};

/** Trạng thái trên cổng: where the dossier's submission stands, in the outbox's own words. */
export function PortalStatusTag({ state }: { state: string | null | undefined }) {
  const { t } = useTranslation();
  const known = OutboxState.safeParse(state);
  if (!known.success) return <Tag data-testid="portal-status">{t('dossiers.portalNone')}</Tag>;
  return (
    <Tag color={COLOR[known.data]} data-testid="portal-status" data-state={known.data}>
      {t(`outbox.state.${known.data}`)}
    </Tag>
  );
}
