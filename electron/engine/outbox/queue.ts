import crypto from 'node:crypto';
import type { AppError } from '../../../shared/api/contract';
import { formatInstant } from '../../../shared/domain/deadline';
import { CounterEventKind, type OutboxItem, type OutboxState } from '../../../shared/api/rooms/outbox';
import type { FeePayment } from '../../../shared/api/rooms/payment';
import type { FrozenFile } from '../documents/frozen';
import { type Store, transaction } from '../store';

export interface ItemRow {
  id: number;
  dossier_id: string;
  kind: 'submit' | 'return' | 'update' | 'apology' | 'event';
  /** Its place in the dossier's event sequence (outbox.004-event-sequence). */
  seq: number;
  state: OutboxState;
  idem_key: string;
  code: string | null;
  portal_created: number;
  attempts: number;
  next_at: number;
  paused: number;
  wait_reason: string | null;
  last_error: string | null;
  portal_status: number | null;
  checked_at: number | null;
  consent: string | null;
  returned_to: string | null;
  /** kind 'update': the corrected version it carries and why (migration outbox.002). */
  version: number | null;
  reason: string | null;
  /** "Gửi ngay": goes even while the upload window is closed (outbox.004-event-sequence). */
  send_now: number;
  /** When the submission reached the portal; kind 'apology': its apology as JSON (migration outbox.003). */
  submitted_at: string | null;
  payload: string | null;
  /** When the portal reported the result (reports.001-resolved-at). */
  resolved_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface FileRow {
  item_id: number;
  position: number;
  component_code: string;
  name: string;
  blob: string;
  size: number;
  sha256: string;
  file_id: string | null;
  sent: number;
  complete: number;
}
interface ResultRow {
  file_id: string;
  name: string;
  size: number;
  signed: number;
  verified: string;
}

/** The next place in the dossier's event sequence (the dossier's id bound once more). */
const NEXT_SEQ = '(SELECT COALESCE(MAX(seq), 0) + 1 FROM outbox_items WHERE dossier_id = ?)';
/**
 * Every earlier item of the dossier is delivered: a submission once the portal has it
 * (submitted and after), anything else once done. A later state never overtakes an earlier one.
 */
const READY = `NOT EXISTS (SELECT 1 FROM outbox_items p WHERE p.dossier_id = o.dossier_id AND p.seq < o.seq
  AND NOT (p.state = 'done' OR (p.kind = 'submit' AND p.state IN ('submitted', 'result_ready'))))`;
/** Let through the closed upload window by the clerk ("Gửi ngay"). */
const FORCED = 'o.send_now = 1';

/** Which counter event an item of kind 'event' carries. */
function eventKindOf(payload: string | null): CounterEventKind | null {
  const k = CounterEventKind.safeParse((JSON.parse(payload ?? '{}') as { kind?: unknown }).kind);
  return k.success ? k.data : null;
}

/** States the worker still has to move forward. */
export const PENDING: OutboxState[] = ['queued', 'sending', 'retry'];

/** What the overview shows of a dossier's fee, from the payment room (wired in engine/index.ts). */
export interface FeeView {
  feeOf?: (procedureCode: string) => number;
  paymentOf?: (dossierId: string) => FeePayment | null;
}

/**
 * The outbox's tables (outbox/schema.ts): one item per dossier and kind of exchange, the files
 * frozen for it with the bytes the portal confirmed, the results fetched back. Every change tells
 * clients through `changed`.
 */
export class OutboxQueue {
  constructor(
    private readonly store: Store,
    private readonly changed: (dossierId: string | null) => void,
  ) {}

  private get db() {
    return this.store.db;
  }

  /** Queues the dossier's submission; repeating it is harmless. */
  enqueue(dossierId: string): void {
    const now = new Date().toISOString();
    const consent = JSON.stringify({ at: now, how: 'TAI_QUAY' });
    this.db
      .prepare(
        `INSERT OR IGNORE INTO outbox_items (dossier_id, seq, kind, state, idem_key, consent, created_at, updated_at)
         VALUES (?, ${NEXT_SEQ}, 'submit', 'queued', ?, ?, ?, ?)`,
      )
      .run(dossierId, dossierId, crypto.randomUUID(), consent, now, now);
  }

  /** Queues telling the portal who received the result. */
  /** `state` 'done': a paper dossier's hand-over, recorded with nothing to send. */
  enqueueReturn(
    dossierId: string,
    code: string | null,
    returnedTo: string,
    state: 'queued' | 'done' = 'queued',
  ): void {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT OR IGNORE INTO outbox_items (dossier_id, seq, kind, state, idem_key, code, returned_to, created_at, updated_at)
         VALUES (?, ${NEXT_SEQ}, 'return', ?, ?, ?, ?, ?, ?)`,
      )
      .run(dossierId, dossierId, state, crypto.randomUUID(), code, returnedTo, now, now);
    this.changed(dossierId);
  }

  /**
   * Queues the corrected version of a dossier already on the portal (kind 'update'): each
   * correction is its own item, after every earlier item of the dossier, with its own files.
   */
  enqueueUpdate(dossierId: string, code: string | null, version: number, reason: string): void {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO outbox_items (dossier_id, seq, kind, state, idem_key, code, version, reason, created_at, updated_at)
         VALUES (?, ${NEXT_SEQ}, 'update', 'queued', ?, ?, ?, ?, ?, ?)`,
      )
      .run(dossierId, dossierId, crypto.randomUUID(), code, version, reason, now, now);
  }

  /**
   * Queues telling the portal of an apology and its new appointment (kind 'apology'): a second
   * apology is an item of its own, sent after the first, never over it.
   */
  enqueueApology(dossierId: string, code: string | null, payload: string): void {
    this.enqueueKind(dossierId, 'apology', code, payload);
  }

  /** Queues one counter event (kind 'event', its PortalEvent as JSON), after every earlier item of the dossier. */
  enqueueEvent(dossierId: string, code: string | null, payload: string): void {
    this.enqueueKind(dossierId, 'event', code, payload);
  }

  private enqueueKind(
    dossierId: string,
    kind: 'apology' | 'event',
    code: string | null,
    payload: string,
  ): void {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO outbox_items (dossier_id, seq, kind, state, idem_key, code, payload, created_at, updated_at)
         VALUES (?, ${NEXT_SEQ}, ?, 'queued', ?, ?, ?, ?, ?)`,
      )
      .run(dossierId, dossierId, kind, crypto.randomUUID(), code, payload, now, now);
  }

  /** An update's exchange is over: the portal confirmed the corrected version. */
  markUpdated(id: number, status: number): void {
    transaction(this.db, () => {
      this.filesDone(id);
      this.db
        .prepare(
          `UPDATE outbox_items SET state = 'done', portal_status = ?, attempts = 0, last_error = NULL, wait_reason = NULL,
         updated_at = ? WHERE id = ?`,
        )
        .run(status, new Date().toISOString(), id);
    });
    this.changed(this.item(id).dossier_id);
  }

  item(id: number): ItemRow {
    return this.db.prepare('SELECT * FROM outbox_items WHERE id = ?').get(id) as unknown as ItemRow;
  }

  /** Whether the clerk paused this item (asked between chunks: one column, not the row). */
  paused(id: number): boolean {
    const r = this.db.prepare('SELECT paused FROM outbox_items WHERE id = ?').get(id) as
      { paused: number } | undefined;
    return r?.paused === 1;
  }

  itemOf(dossierId: string, kind: ItemRow['kind']): ItemRow | undefined {
    return this.db
      .prepare('SELECT * FROM outbox_items WHERE dossier_id = ? AND kind = ? ORDER BY seq DESC LIMIT 1')
      .get(dossierId, kind) as ItemRow | undefined;
  }

  files(itemId: number): FileRow[] {
    return this.db
      .prepare('SELECT * FROM outbox_files WHERE item_id = ? ORDER BY position')
      .all(itemId) as unknown as FileRow[];
  }

  /**
   * Items to start now: sends and retries that are due first, then status polls. A send waits
   * for every earlier item of its dossier to be delivered; `holdSends`: the upload window is
   * closed, only status polls (and the items let through with "Gửi ngay") go.
   */
  due(now: number, pollMs: number, limit: number, holdSends = false): ItemRow[] {
    return this.db
      .prepare(
        `SELECT * FROM outbox_items o WHERE paused = 0 AND (
           (state IN ('queued','sending','retry') AND next_at <= ? AND ${READY} AND (? = 0 OR ${FORCED}))
           OR (state = 'submitted' AND COALESCE(checked_at, 0) <= ?))
         ORDER BY CASE WHEN state = 'submitted' THEN 1 ELSE 0 END, id LIMIT ?`,
      )
      .all(now, holdSends ? 1 : 0, now - pollMs, limit) as unknown as ItemRow[];
  }

  /** When the next pending item that may go is due (ms), or null when none is. */
  nextDue(holdSends = false): number | null {
    const r = this.db
      .prepare(
        `SELECT MIN(next_at) AS t FROM outbox_items o WHERE state IN ('queued','sending','retry') AND paused = 0
         AND ${READY} AND (? = 0 OR ${FORCED})`,
      )
      .get(holdSends ? 1 : 0) as { t: number | null };
    return r.t;
  }

  /** "Gửi ngay": the dossier's items (or all) go even while the upload window is closed. */
  sendNow(dossierId?: string): void {
    const where = dossierId ? 'AND dossier_id = ?' : '';
    const now = new Date().toISOString();
    this.db
      .prepare(
        `UPDATE outbox_items SET send_now = 1, next_at = 0, wait_reason = NULL, updated_at = ?
         WHERE state IN ('queued','sending','retry','failed') ${where}`,
      )
      .run(...(dossierId ? [now, dossierId] : [now]));
    this.changed(dossierId ?? null);
  }

  pendingCount(): number {
    const r = this.db
      .prepare(
        "SELECT COUNT(*) AS n FROM outbox_items WHERE state IN ('queued','sending','retry') AND paused = 0",
      )
      .get() as { n: number };
    return r.n;
  }

  update(id: number, set: { state?: OutboxState; wait_reason?: string | null }): void {
    const now = new Date().toISOString();
    if (set.state !== undefined && set.wait_reason !== undefined)
      this.db
        .prepare('UPDATE outbox_items SET state = ?, wait_reason = ?, updated_at = ? WHERE id = ?')
        .run(set.state, set.wait_reason, now, id);
    else if (set.state !== undefined)
      this.db
        .prepare('UPDATE outbox_items SET state = ?, updated_at = ? WHERE id = ?')
        .run(set.state, now, id);
    else if (set.wait_reason !== undefined)
      this.db.prepare('UPDATE outbox_items SET wait_reason = ? WHERE id = ?').run(set.wait_reason, id);
    this.changed(this.item(id).dossier_id);
  }

  setPaused(dossierId: string, paused: boolean): void {
    this.db
      .prepare('UPDATE outbox_items SET paused = ?, updated_at = ? WHERE dossier_id = ?')
      .run(paused ? 1 : 0, new Date().toISOString(), dossierId);
    this.changed(dossierId);
  }

  /** Everything waiting (or failed) is due now; submitted dossiers are asked for their status now. */
  retryNow(dossierId?: string): void {
    const now = new Date().toISOString();
    const where = dossierId ? 'AND dossier_id = ?' : '';
    this.db
      .prepare(
        `UPDATE outbox_items SET next_at = 0, state = CASE WHEN state = 'failed' THEN 'retry' ELSE state END,
         checked_at = CASE WHEN state = 'submitted' THEN 0 ELSE checked_at END, updated_at = ?
         WHERE state IN ('queued','sending','retry','failed','submitted') ${where}`,
      )
      .run(...(dossierId ? [now, dossierId] : [now]));
    this.changed(dossierId ?? null);
  }

  /** Records the files frozen for the item, once (with the code it goes under): a retry sends the very same bytes. */
  freeze(itemId: number, code: string, frozen: FrozenFile[]): FileRow[] {
    transaction(this.db, () => {
      if (this.files(itemId).length) return;
      const ins = this.db.prepare(
        `INSERT INTO outbox_files (item_id, position, component_code, name, blob, size, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      frozen.forEach((f, i) => ins.run(itemId, i, f.componentCode, f.name, f.blob, f.size, f.sha256));
      this.db.prepare('UPDATE outbox_items SET code = ? WHERE id = ?').run(code, itemId);
    });
    return this.files(itemId);
  }

  /** The portal created the dossier: its file ids, in the files' order (`fileIds` throws on a mismatch). */
  created(itemId: number, status: number, fileIds: () => { position: number; fileId: string }[]): void {
    transaction(this.db, () => {
      const set = this.db.prepare('UPDATE outbox_files SET file_id = ? WHERE item_id = ? AND position = ?');
      for (const f of fileIds()) set.run(f.fileId, itemId, f.position);
      this.db
        .prepare('UPDATE outbox_items SET portal_created = 1, portal_status = ? WHERE id = ?')
        .run(status, itemId);
    });
  }

  setSent(itemId: number, position: number, sent: number, complete: boolean): void {
    this.db
      .prepare('UPDATE outbox_files SET sent = ?, complete = ? WHERE item_id = ? AND position = ?')
      .run(sent, complete ? 1 : 0, itemId, position);
  }

  /** The portal confirmed these files of the item complete (HoanTat): one write for all of them. */
  filesComplete(itemId: number, positions: number[]): void {
    transaction(this.db, () => {
      const set = this.db.prepare(
        'UPDATE outbox_files SET sent = size, complete = 1 WHERE item_id = ? AND position = ? AND complete = 0',
      );
      for (const p of positions) set.run(itemId, p);
    });
  }

  /** The portal has every file of the item (it accepted the submission or the correction): one write for all. */
  private filesDone(itemId: number): void {
    this.db
      .prepare('UPDATE outbox_files SET sent = size, complete = 1 WHERE item_id = ? AND complete = 0')
      .run(itemId);
  }

  markSubmitted(id: number, status: number): void {
    transaction(this.db, () => {
      this.filesDone(id);
      this.db
        .prepare(
          `UPDATE outbox_items SET state = 'submitted', portal_status = ?, attempts = 0, last_error = NULL, wait_reason = NULL,
         checked_at = ?, updated_at = ?, submitted_at = COALESCE(submitted_at, ?) WHERE id = ?`,
        )
        .run(status, Date.now(), new Date().toISOString(), formatInstant(Date.now()), id);
    });
    this.changed(this.item(id).dossier_id);
  }

  markChecked(id: number, status: number): void {
    this.db
      .prepare('UPDATE outbox_items SET portal_status = ?, checked_at = ?, updated_at = ? WHERE id = ?')
      .run(status, Date.now(), new Date().toISOString(), id);
  }

  /** The return went through: the hand-over and the submission are over (later events still go). */
  markReturned(dossierId: string, status: number): void {
    this.db
      .prepare(
        `UPDATE outbox_items SET state = 'done', portal_status = ?, last_error = NULL, wait_reason = NULL, updated_at = ?
         WHERE dossier_id = ? AND kind IN ('submit', 'return')`,
      )
      .run(status, new Date().toISOString(), dossierId);
    this.changed(dossierId);
  }

  /** A failed attempt: when to try again (`nextAt`), in which state, and why. */
  recordFailure(
    item: ItemRow,
    f: { state: OutboxState; attempts: number; nextAt: number; error: AppError; pollMs: number },
  ) {
    const polling = f.state === 'submitted';
    this.db
      .prepare(
        `UPDATE outbox_items SET state = ?, attempts = ?, next_at = ?, last_error = ?, wait_reason = ?, updated_at = ?,
         checked_at = CASE WHEN ? THEN ? ELSE checked_at END WHERE id = ?`,
      )
      .run(
        f.state,
        f.attempts,
        f.nextAt,
        JSON.stringify(f.error),
        f.error.code,
        new Date().toISOString(),
        polling ? 1 : 0,
        f.nextAt - f.pollMs,
        item.id,
      );
    this.changed(item.dossier_id);
  }

  hasResult(dossierId: string, fileId: string): boolean {
    return !!this.db
      .prepare('SELECT 1 FROM outbox_results WHERE dossier_id = ? AND file_id = ?')
      .get(dossierId, fileId);
  }

  addResult(
    dossierId: string,
    r: { fileId: string; name: string; bytes: Buffer; sha256: string; signed: boolean; verified: string },
  ): void {
    const blob = this.store.blobs.put(r.bytes);
    this.db
      .prepare(
        `INSERT INTO outbox_results (dossier_id, file_id, name, blob, size, sha256, signed, verified, fetched_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(
        dossierId,
        r.fileId,
        r.name,
        blob,
        r.bytes.length,
        r.sha256,
        r.signed ? 1 : 0,
        r.verified,
        new Date().toISOString(),
      );
  }

  result(dossierId: string, fileId: string): { name: string; blob: string } | undefined {
    return this.db
      .prepare('SELECT name, blob FROM outbox_results WHERE dossier_id = ? AND file_id = ?')
      .get(dossierId, fileId) as { name: string; blob: string } | undefined;
  }

  /** The latest 2000 items, newest first, as the clerk's screen shows them. */
  items(fee: FeeView): OutboxItem[] {
    // The applicant's name and the procedure come with the dossier row (a read-only join, for the list).
    const rows = this.db
      .prepare(
        `SELECT o.*, d.applicant_name, d.procedure_code FROM outbox_items o JOIN dossiers d ON d.id = o.dossier_id
         ORDER BY o.id DESC LIMIT 2000`,
      )
      .all() as unknown as (ItemRow & { applicant_name: string; procedure_code: string })[];
    const results = this.db.prepare('SELECT * FROM outbox_results WHERE dossier_id = ?');
    return rows.map((r) => ({
      feeVnd: fee.feeOf?.(r.procedure_code) ?? 0,
      payment: r.kind === 'submit' ? (fee.paymentOf?.(r.dossier_id) ?? null) : null,
      id: r.id,
      dossierId: r.dossier_id,
      kind: r.kind,
      event: r.kind === 'event' ? eventKindOf(r.payload) : null,
      code: r.code,
      applicantName: r.applicant_name,
      procedureCode: r.procedure_code,
      state: r.state,
      paused: r.paused === 1,
      waitReason: r.wait_reason,
      attempts: r.attempts,
      nextAttemptAt: r.next_at > 0 && PENDING.includes(r.state) ? new Date(r.next_at).toISOString() : null,
      lastError: r.last_error ? (JSON.parse(r.last_error) as AppError) : null,
      portalStatus: r.portal_status,
      files: this.files(r.id).map((f) => ({
        componentCode: f.component_code,
        name: f.name,
        size: f.size,
        sent: f.sent,
        complete: f.complete === 1,
      })),
      results:
        r.kind === 'submit'
          ? (results.all(r.dossier_id) as unknown as ResultRow[]).map((x) => ({
              fileId: x.file_id,
              name: x.name,
              size: x.size,
              signed: x.signed === 1,
              verified: x.verified,
            }))
          : [],
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }
}
