import { z } from 'zod';
import { AppError } from '../types';
import { call, DossierRef, Id } from '../define';
import { FeePayment } from './payment';

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

/** The counter events queued as items of kind 'event' (docs/portal-protocol.md, "Events"). */
export const CounterEventKind = z.enum([
  'completion_request',
  'completion_resume',
  'refusal',
  'withdrawal',
  /** thông báo dừng giải quyết (8); added after the others: older rows never hold it */
  'stop',
  'result_post',
  'rating',
]);
export type CounterEventKind = z.infer<typeof CounterEventKind>;

export const OutboxItem = z.object({
  id: z.number().int(),
  dossierId: Id,
  /** submit: nộp hồ sơ; return: trả kết quả; update: đính chính (the corrected version). */
  kind: z.enum(['submit', 'return', 'update', 'apology', 'event']),
  /** kind 'event': which counter event it carries. */
  event: CounterEventKind.nullable().default(null),
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
  /** Khung giờ gửi (HH:mm, '' none) and whether sending waits for it now ("Gửi ngay" overrides). */
  uploadWindowFrom: z.string().default(''),
  windowClosed: z.boolean().default(false),
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

const Target = z.object({ dossierId: Id.optional() });

/** `outbox.sync`'s DVCQG dialect (docs/portal-protocol.md, "DVCQG dialect"): `portalUrl` is then the file service. */
export const DvcqgOverride = z.object({
  adapterUrl: z.string().url(),
  authEndpoint: z.string().min(1).optional(),
  integrationEndpoint: z.string().min(1).optional(),
  shareEndpoint: z.string().min(1).optional(),
  username: z.string().min(1).optional(),
  madonvi: z.string().min(1).optional(),
  password: z.string().min(1).max(500).optional(),
});
export type DvcqgOverride = z.infer<typeof DvcqgOverride>;

export const outboxCalls = {
  'outbox.overview': call(z.object({}), OutboxOverview),
  /** Pause one dossier, or the whole queue when no dossierId is given. */
  'outbox.pause': call(Target, OutboxOverview),
  'outbox.resume': call(Target, OutboxOverview),
  /** Try now, skipping the backoff wait (a failed item is queued again). */
  'outbox.retryNow': call(Target, OutboxOverview),
  /** Gửi ngay: send one dossier's items (or all) now although the upload window has not opened. */
  'outbox.sendNow': call(Target, OutboxOverview),
  /** Runs the queue against a portal (or the configured one) until it is empty or the time is up. */
  'outbox.sync': call(
    z.object({
      portalUrl: z.string().url().optional(),
      /** Speak the DVCQG dialect for this engine (the fields left out come from the settings). */
      dvcqg: DvcqgOverride.optional(),
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
} as const;

export const outboxEvents = {
  'outbox.changed': z.object({ dossierId: Id.nullable() }),
} as const;

/**
 * A counter event the portal must hear (docs/portal-protocol.md, "Events"), as the counter
 * tells the outbox and the outbox keeps it (kind 'event'): what happened, when (ISO), who
 * acted, and what the portal needs — the appointments before and after, the postal item, the
 * rating (1 very satisfied … 3 unsatisfied).
 */
export const CounterEvent = z.object({
  kind: CounterEventKind,
  at: z.string(),
  actor: z.string(),
  content: z.string(),
  oldAppointment: z.string().nullable().optional(),
  newAppointment: z.string().nullable().optional(),
  tracking: z.string().optional(),
  postState: z.enum(['sent', 'delivered', 'returned']).optional(),
  rating: z.number().int().min(1).max(3).optional(),
});
export type CounterEvent = z.infer<typeof CounterEvent>;
