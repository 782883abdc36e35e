import { z } from 'zod';
import { call, DossierRef } from '../define';

/** Lệ phí — the fee of a dossier: paid online through the portal's payment platform, or cash at the counter. */
export const FeePayment = z.object({
  reference: z.string(),
  amount: z.number().int(),
  method: z.enum(['online', 'cash']),
  /** pending: waiting for the citizen; paid; cancelled. */
  state: z.enum(['pending', 'paid', 'cancelled']),
  /** Link (and QR) for the citizen to pay online. */
  payUrl: z.string().nullable(),
  receiptNo: z.string().nullable(),
  paidAt: z.string().nullable(),
});
export type FeePayment = z.infer<typeof FeePayment>;

export const PaymentStatus = z.object({
  feeVnd: z.number().int(),
  payment: FeePayment.nullable(),
});
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const paymentCalls = {
  /** Asks for the fee: online through the portal (a link/QR for the citizen), or cash at the counter. */
  'payment.request': call(DossierRef.extend({ method: z.enum(['online', 'cash']) }), FeePayment),
  /** Asks the portal whether the citizen has paid; fetches the receipt when so. */
  'payment.check': call(DossierRef, FeePayment),
  /** The fee of one dossier's procedure (0: free) and its latest payment, for the reception panel. */
  'payment.status': call(DossierRef, PaymentStatus),
  /**
   * A VietQR payload (shared/domain/vietqr.ts) for a bank transfer of `amount` đồng with `note`:
   * to `bin`/`account` when given, else to the unit's account from the settings (refused with
   * vietqr_not_configured when none, or when the unit does not take bank transfers).
   */
  'payment.vietqr': call(
    z.object({
      // Not .int(): an amount with decimals reaches the VietQR rules and is refused in words.
      amount: z.number(),
      note: z.string().max(200).optional(),
      bin: z.string().max(20).optional(),
      account: z.string().max(40).optional(),
    }),
    z.object({ payload: z.string() }),
  ),
} as const;
