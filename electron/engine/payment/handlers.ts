import type { paymentCalls } from '../../../shared/api/rooms/payment';
import type { RoomHandlers } from '../context';
import type { PaymentService } from './service';

export function paymentHandlers(p: PaymentService): RoomHandlers<keyof typeof paymentCalls> {
  return {
    'payment.request': (q) => p.request(q.dossierId, q.method),
    'payment.check': (q) => p.check(q.dossierId),
    'payment.status': (q) => p.status(q.dossierId),
    'payment.vietqr': (q) => ({ payload: p.vietqr(q) }),
  };
}
