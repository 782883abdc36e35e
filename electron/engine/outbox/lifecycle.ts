import type { OutboxState } from '../../../shared/api/rooms/outbox';
import type { Db } from '../store';
import { PENDING } from './queue';

/**
 * What the privacy room asks the outbox (docs/architecture.md, privacy): where a dossier's
 * exchange with the portal stands, and whether a blob is still needed to send something.
 * Reads only; the outbox's rows stay as they are (the hashes and sizes of what was sent
 * are part of the dossier's record).
 */

export interface Exchange {
  /** The submission; none: the dossier was never queued (a draft, or paper processing). */
  submit: { state: OutboxState } | null;
  /** The hand-over (trả kết quả), recorded by `outbox.recordReturn` at `at`. */
  handover: { state: OutboxState; at: string } | null;
}

export function exchangeOf(db: Db, dossierId: string): Exchange {
  const rows = db
    .prepare('SELECT kind, state, created_at FROM outbox_items WHERE dossier_id = ?')
    .all(dossierId) as unknown as { kind: 'submit' | 'return'; state: OutboxState; created_at: string }[];
  const submit = rows.find((r) => r.kind === 'submit');
  const ret = rows.find((r) => r.kind === 'return');
  return {
    submit: submit ? { state: submit.state } : null,
    handover: ret ? { state: ret.state, at: ret.created_at } : null,
  };
}

/** Still in the outbox: an item the worker has yet to move forward. */
export const inOutbox = (e: Exchange): boolean =>
  [e.submit, e.handover].some((i) => !!i && PENDING.includes(i.state));

/**
 * Whether a blob is still needed by the outbox: a file of an item not finished (it may be
 * sent again), or a result fetched back for another dossier than the one being purged.
 */
export function outboxRefersTo(db: Db, blob: string, purging: string): boolean {
  return (
    !!db
      .prepare(
        `SELECT 1 FROM outbox_files f JOIN outbox_items i ON i.id = f.item_id
         WHERE f.blob = ? AND i.state != 'done' LIMIT 1`,
      )
      .get(blob) ||
    !!db.prepare('SELECT 1 FROM outbox_results WHERE blob = ? AND dossier_id != ? LIMIT 1').get(blob, purging)
  );
}

/**
 * The results fetched back from the portal for the dossier (already handed over when the
 * privacy room asks): their blobs go with the local files; the rows stay as the record
 * (name, size, SHA-256), and `resultFile` answers `data_purged`.
 */
export function resultBlobs(db: Db, dossierId: string): { results: number; blobs: Set<string> } {
  const rows = db
    .prepare('SELECT blob FROM outbox_results WHERE dossier_id = ?')
    .all(dossierId) as unknown as {
    blob: string;
  }[];
  return { results: rows.length, blobs: new Set(rows.map((r) => r.blob)) };
}

/** The results' files as the export hands them over: name and blob. */
export function results(db: Db, dossierId: string): { name: string; blob: string }[] {
  return db
    .prepare('SELECT name, blob FROM outbox_results WHERE dossier_id = ? ORDER BY fetched_at')
    .all(dossierId) as unknown as { name: string; blob: string }[];
}

/** Forgets who received the result (a name: personal data), with the applicant's details. */
export function purgeReturnedTo(db: Db, dossierId: string): void {
  db.prepare('UPDATE outbox_items SET returned_to = NULL WHERE dossier_id = ?').run(dossierId);
}

/** The files sent for the dossier, as the record keeps them: name, size, SHA-256. */
export function sentFiles(
  db: Db,
  dossierId: string,
): { componentCode: string; name: string; size: number; sha256: string }[] {
  return db
    .prepare(
      `SELECT f.component_code AS componentCode, f.name, f.size, f.sha256 FROM outbox_files f
       JOIN outbox_items i ON i.id = f.item_id WHERE i.dossier_id = ? ORDER BY f.position`,
    )
    .all(dossierId) as unknown as { componentCode: string; name: string; size: number; sha256: string }[];
}

/**
 * What reception's forms and register print of a dossier's way (wired in engine/index.ts):
 * when it reached the portal, when the portal reported its result, when and to whom the
 * result was handed over. Nulls for what has not happened (or a paper dossier's portal steps).
 */
export function trailOf(
  db: Db,
  dossierId: string,
): {
  submittedAt: string | null;
  resolvedAt: string | null;
  submitState: OutboxState | null;
  returnedAt: string | null;
  returnedTo: string | null;
} {
  const rows = db
    .prepare(
      'SELECT kind, state, resolved_at, submitted_at, returned_to, created_at FROM outbox_items WHERE dossier_id = ?',
    )
    .all(dossierId) as unknown as {
    kind: string;
    state: OutboxState;
    resolved_at: string | null;
    submitted_at: string | null;
    returned_to: string | null;
    created_at: string;
  }[];
  const submit = rows.find((r) => r.kind === 'submit');
  const ret = rows.find((r) => r.kind === 'return');
  return {
    submittedAt: submit?.submitted_at ?? null,
    resolvedAt: submit?.resolved_at ?? null,
    submitState: submit?.state ?? null,
    returnedAt: ret?.created_at ?? null,
    returnedTo: ret?.returned_to ?? null,
  };
}
