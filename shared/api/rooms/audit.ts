import { z } from 'zod';
import { call, Id } from '../define';

/** Nhật ký thao tác — the audit trail: who did what, when, tamper-evident (a keyed hash chain). */
export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  /** Who did it: the signed-in person "Họ tên (username)", or the clerk set at a station without accounts. */
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

/**
 * One thing wrong with the trail: an entry edited, an entry removed or moved,
 * the newest entries cut or an older database put back (the chain no longer
 * reaches the head sealed outside the database), or that sealed head missing.
 * A cut or a missing head found at a start is itself recorded in the chain
 * (at `seq`), so it stays on the record.
 */
export const AuditProblem = z.object({
  kind: z.enum(['edited', 'removed', 'cut', 'anchor_missing']),
  seq: z.number().int().nullable(),
  /** When it was found (cut, anchor_missing). */
  at: z.string().nullable(),
  /** Entries the sealed head vouched for, and entries found (cut). */
  expected: z.number().int().nullable(),
  found: z.number().int().nullable(),
});
export type AuditProblem = z.infer<typeof AuditProblem>;

export const AuditCheck = z.object({
  entries: z.number().int().min(0),
  /** The first entry that does not fit the chain (edited: `hash`; removed or reordered before it: `link`). */
  broken: z.object({ seq: z.number().int(), reason: z.enum(['hash', 'link']) }).nullable(),
  /** Nothing wrong: the chain holds and reaches the sealed head. */
  intact: z.boolean(),
  problems: z.array(AuditProblem),
});
export type AuditCheck = z.infer<typeof AuditCheck>;

/** Nhật ký hoạt động of the whole station: the supervisor's filters, newest first, a page at a time. */
export const AuditQuery = z.object({
  /** Calendar days at the counter (+07:00), both included. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Part of the actor's name or username, without regard to case or marks. */
  actor: z.string().trim().max(200).optional(),
  /** An action (`sign.batch`) or a room (`sign`): every action of that room. */
  action: z.string().trim().max(100).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export type AuditQuery = z.input<typeof AuditQuery>;

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  /** Entries matching the filters, all pages together. */
  total: z.number().int().min(0),
  /** The actors and actions found in the whole trail, for the filters' lists. */
  actors: z.array(z.string()),
  actions: z.array(z.string()),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const auditCalls = {
  'audit.list': call(
    z.object({ dossierId: Id.optional(), limit: z.number().int().min(1).max(5000).optional() }),
    z.array(AuditEntry),
  ),
  'audit.search': call(AuditQuery, AuditPage, 'supervisor'),
  /** Kiểm tra tính toàn vẹn — the supervisor's check of the trail. */
  'audit.verify': call(z.object({}), AuditCheck, 'supervisor'),
} as const;
