import type { OutboxItem } from '../../../shared/api/rooms/outbox';

export const STATE_COLOR: Record<OutboxItem['state'], string> = {
  queued: 'default',
  sending: 'processing',
  retry: 'warning',
  failed: 'error',
  submitted: 'blue',
  result_ready: 'green',
  done: 'success',
};
