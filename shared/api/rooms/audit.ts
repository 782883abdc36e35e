import { z } from 'zod';
import { call, Id } from '../define';

/** Nhật ký thao tác — the audit trail: who did what, when, tamper-evident (a keyed hash chain). */
export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  /** The clerk on duty at the station (Cán bộ tiếp nhận in the settings). */
  actor: z.string(),
  /** The call that was made, e.g. `reception.receive`. */
  action: z.string(),
  dossierId: Id.nullable(),
  /** What was done to what, as JSON — never a PIN, a key, file bytes or the applicant's details. */
  detail: z.string(),
  prev: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditCheck = z.object({
  entries: z.number().int().min(0),
  /** The first entry that does not fit the chain (edited: `hash`; removed or reordered before it: `link`). */
  broken: z.object({ seq: z.number().int(), reason: z.enum(['hash', 'link']) }).nullable(),
});
export type AuditCheck = z.infer<typeof AuditCheck>;

export const auditCalls = {
  'audit.list': call(
    z.object({ dossierId: Id.optional(), limit: z.number().int().min(1).max(5000).optional() }),
    z.array(AuditEntry),
  ),
  'audit.verify': call(z.object({}), AuditCheck),
} as const;
