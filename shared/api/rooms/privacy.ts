import { z } from 'zod';
import { call, Id } from '../define';
import { FileUpload } from '../types';

/**
 * Vòng đời dữ liệu cá nhân — the personal data lifecycle (Decree 13/2023/NĐ-CP; the 2025
 * Law on Personal Data Protection): after the result was handed over and the retention in
 * the settings has passed, the applicant's details and the local files are purged; the
 * dossier's record (code, dates, status, the hashes of what was sent, the audit trail) stays.
 */

/** What is purged: the applicant's details (`applicant`) or the local files (`files`). */
export const PurgeKind = z.enum(['applicant', 'files']);
export type PurgeKind = z.infer<typeof PurgeKind>;

/**
 * Why a dossier is held back: still in the outbox (queued, sending, retry — or failed, waiting
 * for a clerk), the portal has not acknowledged it yet (submitted or result ready, or the
 * hand-over not yet confirmed by the portal: its status not final), or the result was never
 * handed over (no hand-over recorded: a draft, a paper dossier).
 */
export const HoldReason = z.enum(['in_outbox', 'portal_not_final', 'not_handed_over']);
export type HoldReason = z.infer<typeof HoldReason>;

export const PlanEntry = z.object({
  dossierId: Id,
  code: z.string().nullable(),
  /** As the lists show it (already the neutral text once purged). */
  applicantName: z.string(),
  /** When the result was handed over (the return recorded), if it was. */
  handedOverAt: z.string().nullable(),
  /** What is still to be purged, and from when (due ≤ now: at the next run). */
  due: z.array(z.object({ kind: PurgeKind, at: z.string() })),
  /** What was already purged, and when. */
  purged: z.array(z.object({ kind: PurgeKind, at: z.string() })),
  /** Why nothing is purged yet; null: not held back. */
  held: HoldReason.nullable(),
});
export type PlanEntry = z.infer<typeof PlanEntry>;

export const PurgePlan = z.object({
  at: z.string(),
  retentionApplicantDays: z.number().int(),
  retentionFilesDays: z.number().int(),
  dossiers: z.array(PlanEntry),
});
export type PurgePlan = z.infer<typeof PurgePlan>;

/** What one purge did (or, in a dry run, would do) to one dossier: counts, never the data. */
export const PurgedDossier = z.object({
  dossierId: Id,
  code: z.string().nullable(),
  kinds: z.array(PurgeKind),
  pages: z.number().int(),
  pdfs: z.number().int(),
  /** Results fetched back from the portal whose files were removed (their rows stay). */
  results: z.number().int(),
  /**
   * Blob files removed from the data folder (a blob another row still uses stays); in a dry
   * run, the files that would be checked for removal.
   */
  blobs: z.number().int(),
});
export type PurgedDossier = z.infer<typeof PurgedDossier>;

export const PurgeReport = z.object({
  at: z.string(),
  dryRun: z.boolean(),
  purged: z.array(PurgedDossier),
  held: z.array(z.object({ dossierId: Id, code: z.string().nullable(), reason: HoldReason })),
});
export type PurgeReport = z.infer<typeof PurgeReport>;

/** The neutral text in place of a purged applicant's name (lists, figures, receipts). */
export const PURGED_NAME = '(đã xóa theo thời hạn lưu trữ)';

export const privacyCalls = {
  /** Per dossier: what will be purged when, and what is held back and why. */
  'privacy.plan': call(z.object({}), PurgePlan, 'supervisor'),
  /** Purges what is past its retention; `dryRun`: only says what would go. */
  'privacy.purge': call(z.object({ dryRun: z.boolean().default(false) }), PurgeReport, 'supervisor'),
  /**
   * Everything the station holds about one citizen or organisation, by CCCD / ID number or
   * tax code: `dossiers.json` and one PDF per component (the signed copy where there is one).
   */
  'privacy.export': call(
    z.object({ applicantId: z.string().trim().min(6).max(20) }),
    z.object({ dossiers: z.number().int(), files: z.array(FileUpload) }),
    'supervisor',
  ),
} as const;
