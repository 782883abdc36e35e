import { z } from 'zod';
import { AppError } from '../types';
import { call, DossierRef, Id } from '../define';

/**
 * The outbox (hàng đợi gửi): received dossiers on their way to the
 * public-service portal, and results on their way back to the citizen.
 *
 * States of an item: queued (not started) → sending → submitted (on the portal,
 * its status read back) → result_ready (the portal's result fetched) → done;
 * retry (waiting for the next attempt, `nextAttemptAt`), failed (a clerk must act:
 * `lastError` says what). `paused` is the clerk's switch, kept across restarts.
 */
export const OutboxState = z.enum([
  'queued',
  'sending',
  'retry',
  'failed',
  'submitted',
  'result_ready',
  'done',
]);
export type OutboxState = z.infer<typeof OutboxState>;

export const OutboxFile = z.object({
  componentCode: z.string(),
  name: z.string(),
  size: z.number().int(),
  /** Bytes the portal confirmed. */
  sent: z.number().int(),
  complete: z.boolean(),
});

export const OutboxResult = z.object({
  fileId: z.string(),
  name: z.string(),
  size: z.number().int(),
  signed: z.boolean(),
  /** The signing room's verdict: 'valid' | 'invalid' | 'indeterminate' | 'unsigned' ('not_checked' without a verifier). */
  verified: z.string(),
});

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

export const OutboxItem = z.object({
  id: z.number().int(),
  dossierId: Id,
  kind: z.enum(['submit', 'return']),
  /** Mã hồ sơ, as sent to the portal. */
  code: z.string().nullable(),
  applicantName: z.string(),
  procedureCode: z.string(),
  state: OutboxState,
  paused: z.boolean(),
  /** Why it waits, as an error code the UI translates (e.g. portal_unreachable). */
  waitReason: z.string().nullable(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: AppError.nullable(),
  /** TrangThaiHoSo on the portal, 1–10. */
  portalStatus: z.number().int().nullable(),
  files: z.array(OutboxFile),
  results: z.array(OutboxResult),
  /** The procedure's fee from the catalogue (0: free). */
  feeVnd: z.number().int(),
  payment: FeePayment.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

export const OutboxOverview = z.object({
  portalUrl: z.string().nullable(),
  /** The portal is the embedded sandbox (training mode). */
  training: z.boolean(),
  online: z.boolean().nullable(),
  running: z.boolean(),
  paused: z.boolean(),
  items: z.array(OutboxItem),
});
export type OutboxOverview = z.infer<typeof OutboxOverview>;

export const SyncReport = z.object({
  submitted: z.number().int(),
  pending: z.number().int(),
  failed: z.number().int(),
  items: z.array(OutboxItem),
});
export type SyncReport = z.infer<typeof SyncReport>;

export const BatchReport = z.object({
  imported: z.array(z.object({ folder: z.string(), dossierId: Id, code: z.string().nullable() })),
  skipped: z.array(z.object({ folder: z.string(), reason: z.string() })),
  refused: z.array(z.object({ folder: z.string(), error: AppError })),
});
export type BatchReport = z.infer<typeof BatchReport>;

const Target = z.object({ dossierId: Id.optional() });

/** A portal address: http(s) only. */
export const PortalUrl = z
  .string()
  .trim()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), {
    message: 'the portal address must start with http:// or https://',
  });

export const PortalCheckRequest = z.object({
  url: PortalUrl,
  /** Mã trạm issued by the province. */
  stationId: z.string().trim().min(1).max(100),
  /** The key to try; left out, the key stored in the settings is used. */
  secret: z.string().min(1).max(500).optional(),
  /** Bound on the whole check (10 s by default). */
  timeoutMs: z.number().int().min(500).max(60_000).default(10_000),
});

/** What a successful check learnt: the portal accepted the station's credentials. */
export const PortalCheckResult = z.object({
  ok: z.literal(true),
  url: z.string(),
  /** Round trip of the login, in milliseconds. */
  latencyMs: z.number().int().min(0),
  /** HetHan: when the session the portal granted expires (ISO 8601). */
  sessionExpiresAt: z.string(),
  /** Which key was tried: the one typed in, or the one stored. */
  usedStoredSecret: z.boolean(),
});
export type PortalCheckResult = z.infer<typeof PortalCheckResult>;

export const outboxCalls = {
  'outbox.overview': call(z.object({}), OutboxOverview),
  /** Pause one dossier, or the whole queue when no dossierId is given. */
  'outbox.pause': call(Target, OutboxOverview),
  'outbox.resume': call(Target, OutboxOverview),
  /** Try now, skipping the backoff wait (a failed item is queued again). */
  'outbox.retryNow': call(Target, OutboxOverview),
  /** Runs the queue against a portal (or the configured one) until it is empty or the time is up. */
  'outbox.sync': call(
    z.object({
      portalUrl: z.string().url().optional(),
      untilEmpty: z.boolean().default(true),
      timeoutMs: z
        .number()
        .int()
        .min(100)
        .max(24 * 3600_000)
        .default(30 * 60_000),
    }),
    SyncReport,
  ),
  /** Trả kết quả: the citizen got the result; queued for the portal (status 10) like any upload. */
  'outbox.recordReturn': call(
    DossierRef.extend({ returnedTo: z.string().trim().min(1).max(200) }),
    OutboxOverview,
  ),
  'outbox.resultFile': call(
    DossierRef.extend({ fileId: z.string().min(1) }),
    z.object({ fileName: z.string(), dataBase64: z.string() }),
  ),
  /** Asks for the fee: online through the portal (a link/QR for the citizen), or cash at the counter. */
  'payment.request': call(DossierRef.extend({ method: z.enum(['online', 'cash']) }), FeePayment),
  /** Asks the portal whether the citizen has paid; fetches the receipt when so. */
  'payment.check': call(DossierRef, FeePayment),
  /** The fee of one dossier's procedure (0: free) and its latest payment, for the reception panel. */
  'payment.status': call(DossierRef, PaymentStatus),
  /**
   * Kiểm tra kết nối: logs in to the given portal with the given Mã trạm and key
   * (the stored key when none is given), bounded in time, and saves nothing.
   * Fails with a portal_check_* code (or portal_busy) saying what to fix.
   */
  'outbox.testPortal': call(PortalCheckRequest, PortalCheckResult),
  /** Imports a folder of dossiers prepared elsewhere (DIR/<name>/dossier.json). */
  'batch.import': call(z.object({ dir: z.string().min(1) }), BatchReport),
} as const;

export const outboxEvents = {
  'outbox.changed': z.object({ dossierId: Id.nullable() }),
} as const;
