import type { OutboxItem } from '../../../shared/api/rooms/outbox';
import { FeeActions } from './FeeActions';

/** Lệ phí in an outbox row: the shared fee actions, compact (the QR in a popover). */
export function PaymentCell({ item, onChange }: { item: OutboxItem; onChange: () => void }) {
  return (
    <FeeActions
      dossierId={item.dossierId}
      feeVnd={item.feeVnd}
      payment={item.payment}
      onChange={onChange}
      layout="cell"
    />
  );
}
