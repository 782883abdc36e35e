import type { Method } from '../../../shared/api/contract';
import {
  type AuditCheck,
  type AuditPage,
  AuditProblem,
  type AuditQuery,
} from '../../../shared/api/rooms/audit';
import { auditProblemText } from '../../../shared/i18n/audit';
import type { AuditAnchor } from './anchor';
import { type Row, toEntry } from './row';
import { searchTrail } from './search';
import type { Migration } from '../store/migrations';
import type { Db } from '../store';
import type { DataKey } from '../store/data-key';

/**
 * Nhật ký thao tác — the audit trail: every action that changes a dossier, a
 * page, a signature, a payment or a setting, appended with the time, the clerk
 * on duty and a hash chain (each entry's hash covers the previous one), so a
 * deleted, reordered or edited entry shows. Never the PIN, a key, a file's
 * bytes or the applicant's details: only what was done, to what.
 */

export const auditMigrations: Migration[] = [
  {
    name: 'audit.001-log',
    sql: `CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      dossier_id TEXT,
      detail TEXT NOT NULL,
      prev TEXT NOT NULL,
      hash TEXT NOT NULL
    );`,
  },
];

/** The calls that change something (reads, previews and checks are not audited). */
const AUDITED = new Set<Method>([
  'dossier.create',
  'dossier.addPages',
  'dossier.reorderPages',
  'dossier.rotatePage',
  'dossier.deletePage',
  'dossier.restorePage',
  'documents.assemble',
  'imaging.choose',
  'imaging.blank',
  'settings.update',
  'sign.config.update',
  'sign.choose',
  'sign.batch',
  'sign.addTimestamp',
  'outbox.pause',
  'outbox.resume',
  'outbox.retryNow',
  'outbox.sync',
  'outbox.recordReturn',
  'payment.request',
  'payment.check',
  'batch.import',
  'reception.setApplicant',
  'reception.receive',
  'reception.requestCompletion',
  'reception.resumeProcessing',
  'reception.refuse',
  'reception.withdraw',
  'reception.correct',
  'reception.finishCorrection',
  'reception.stopNotice',
  'reception.setFormTexts',
  'catalog.import',
  'catalog.setCutoff',
  'scan.start',
  'scan.cancel',
  'scan.profile.save',
  'scan.profile.delete',
  'scan.default.set',
  'scan.page.move',
  'scan.import',
  'scan.uploadChunk',
  'scan.importStaged',
  'privacy.purge',
  'privacy.export',
  'agency.add',
  'agency.remove',
  'agency.receive',
  'agency.handoverConfirm',
  'agency.recordPost',
]);

/**
 * Parameters that never enter the log, whatever the call: secrets, file bytes, personal data
 * (the delivery address, who a result was handed to, an agency contact's name and phone).
 */
const NEVER =
  /pin|secret|password|key|database64|bytes|applicant|qr|text|address|phone|email|returnedto|contact/i;

function summarize(value: unknown, depth = 0): unknown {
  if (Array.isArray(value))
    return depth > 0 ? `[${value.length}]` : value.slice(0, 20).map((v) => summarize(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (NEVER.test(k)) out[k] = '…';
      else if (k === 'files' && Array.isArray(v)) out[k] = v.length;
      else out[k] = depth > 1 ? '…' : summarize(v, depth + 1);
    }
    return out;
  }
  if (typeof value === 'string') return value.length > 120 ? `${value.slice(0, 120)}…` : value;
  return value;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  dossierId: string | null;
  detail: string;
  prev: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);
/** The action of an entry that records a cut or a missing sealed head, found at a start. */
const BREAK = 'audit.break';

function recordedProblem(detail: string): AuditProblem {
  try {
    return AuditProblem.parse(JSON.parse(detail));
  } catch {
    return { kind: 'cut', seq: null, at: null, expected: null, found: null };
  }
}

export class AuditLog {
  /**
   * `key`: each entry's hash is an HMAC under the station's data key, so the chain
   * cannot be rebuilt after an edit by someone who only has the database file.
   */
  constructor(
    private readonly db: Db,
    private readonly key: DataKey,
    /** The chain's head sealed outside the database; none in unit tests that need no anchor. */
    private readonly anchor: AuditAnchor | null = null,
  ) {}

  private entryHash(e: Omit<AuditEntry, 'seq' | 'hash'>): string {
    return this.key.mac(
      'sohoa audit chain',
      JSON.stringify([e.prev, e.at, e.actor, e.action, e.dossierId, e.detail]),
    );
  }

  /** Called after every successful call; records the ones that change something. */
  record(method: Method, params: unknown, result: unknown, actor: string): void {
    if (!AUDITED.has(method)) return;
    const p = (params ?? {}) as Record<string, unknown>;
    const r = (result ?? {}) as Record<string, unknown>;
    // The dossier acted on: named in the call, answered with (page tools), or the page's own.
    const dossierId =
      typeof p.dossierId === 'string'
        ? p.dossierId
        : typeof r.id === 'string' && (method === 'dossier.create' || Array.isArray(r.components))
          ? r.id
          : typeof p.pageId === 'string'
            ? this.dossierOfPage(p.pageId)
            : null;
    // A dry run changes nothing; each dossier purged has its own entry too (privacy room).
    if (method === 'privacy.purge' && p.dryRun === true) return;
    // A chunk of a big file changes nothing until the last one imports it.
    if (method === 'scan.uploadChunk' && !r.done) return;
    const detail: Record<string, unknown> = { params: summarize(p) };
    if (method === 'privacy.purge' && Array.isArray(r.purged) && Array.isArray(r.held))
      detail.result = { purged: r.purged.length, held: r.held.length };
    if (method === 'privacy.export' && Array.isArray(r.files))
      detail.result = { dossiers: r.dossiers, files: r.files.length };
    const receives = method === 'reception.receive' || method === 'agency.receive';
    if (receives && typeof r.code === 'string') detail.code = r.code;
    // Received unsigned: the reason and the components, whole (not cut like the parameters).
    if (receives && r.unsigned) detail.unsigned = r.unsigned;
    // Who the certificate names as signer, beside the clerk who ran the batch.
    if (method === 'sign.batch')
      detail.result = { signed: r.signed, failed: r.failed, signer: r.signer ?? null };
    if (method === 'dossier.addPages' || method === 'scan.import' || method === 'scan.importStaged')
      detail.added = Array.isArray(r.added) ? r.added.length : undefined;
    if (method === 'scan.uploadChunk') {
      const done = r.done as { added?: unknown } | null;
      detail.added = Array.isArray(done?.added) ? done.added.length : undefined;
    }
    // A batch over several dossiers is recorded in each dossier's own log too.
    if (!dossierId && Array.isArray(p.dossierIds) && p.dossierIds.length > 0)
      return this.recordEach(method, p.dossierIds as string[], r, detail, actor);
    this.append(method, dossierId, JSON.stringify(detail), actor);
  }

  /** One entry per dossier of a batch (sign.batch, sign.addTimestamp), with that dossier's components. */
  private recordEach(
    method: Method,
    ids: string[],
    r: Record<string, unknown>,
    detail: Record<string, unknown>,
    actor: string,
  ): void {
    const items = Array.isArray(r.items)
      ? (r.items as { dossierId: string; componentCode: string; ok: boolean }[])
      : [];
    for (const id of new Set(ids)) {
      const own = items.filter((i) => i.dossierId === id);
      const mine = own.length
        ? {
            ...detail,
            signed: own.filter((i) => i.ok).map((i) => i.componentCode),
            failed: own.filter((i) => !i.ok).map((i) => i.componentCode),
          }
        : detail;
      this.append(method, id, JSON.stringify(mine), actor);
    }
  }

  private dossierOfPage(pageId: string): string | null {
    const row = this.db.prepare('SELECT dossier_id FROM pages WHERE id = ?').get(pageId) as
      { dossier_id: string } | undefined;
    return row?.dossier_id ?? null;
  }

  append(action: string, dossierId: string | null, detail: string, actor: string): AuditEntry {
    const last = this.db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { hash: string } | undefined;
    const e = {
      at: new Date().toISOString(),
      actor: actor || '(chưa đặt cán bộ)',
      action,
      dossierId,
      detail,
      prev: last?.hash ?? GENESIS,
    };
    const hash = this.entryHash(e);
    const info = this.db
      .prepare(
        'INSERT INTO audit_log (at, actor, action, dossier_id, detail, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(e.at, e.actor, e.action, e.dossierId, e.detail, e.prev, hash);
    const seq = Number(info.lastInsertRowid);
    this.anchor?.write({ count: this.count(), seq, hash });
    return { ...e, seq, hash };
  }

  private count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
  }

  /**
   * Compares the chain with its sealed head; run on every start. A cut, an older
   * database or a missing head is appended to the chain as an `audit.break`
   * entry (then the head is sealed anew), so it stays on the record for good.
   */
  checkAnchor(): AuditProblem | null {
    const problem = this.anchorProblem();
    if (problem) this.append(BREAK, null, JSON.stringify(problem), 'Trạm (tự kiểm tra khi khởi động)');
    return problem;
  }

  private anchorProblem(): AuditProblem | null {
    if (!this.anchor) return null;
    const head = this.anchor.read();
    const found = this.count();
    const at = new Date().toISOString();
    if (!head) return found > 0 ? { kind: 'anchor_missing', seq: null, at, expected: null, found } : null;
    const row = this.db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(head.seq) as
      { hash: string } | undefined;
    if (row?.hash === head.hash && found >= head.count) return null;
    return { kind: 'cut', seq: null, at, expected: head.count, found };
  }

  /** What the supervisor is told at sign-in: every problem of the trail, in Vietnamese. */
  problems(): string[] {
    return this.verify().problems.map((p) => auditProblemText(p));
  }

  list(opts: { dossierId?: string; limit?: number } = {}): AuditEntry[] {
    const rows = (opts.dossierId
      ? this.db
          .prepare('SELECT * FROM audit_log WHERE dossier_id = ? ORDER BY seq DESC LIMIT ?')
          .all(opts.dossierId, opts.limit ?? 500)
      : this.db
          .prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?')
          .all(opts.limit ?? 500)) as unknown as Row[];
    return rows.map(toEntry);
  }

  /** The supervisor's view of the whole trail (audit/search.ts). */
  search(q: AuditQuery): AuditPage {
    return searchTrail(this.db, q);
  }

  /** Walks the chain from the first entry: the first entry that does not fit, or null when all do. */
  verify(): AuditCheck {
    const rows = this.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as unknown as Row[];
    const problems: AuditProblem[] = [];
    let broken: AuditCheck['broken'] = null;
    let prev = GENESIS;
    for (const row of rows) {
      const e = toEntry(row);
      if (!broken && e.prev !== prev) broken = { seq: e.seq, reason: 'link' };
      else if (!broken && this.entryHash(e) !== e.hash) broken = { seq: e.seq, reason: 'hash' };
      if (e.action === BREAK) problems.push({ ...recordedProblem(e.detail), seq: e.seq });
      prev = e.hash;
    }
    if (broken)
      problems.unshift({
        kind: broken.reason === 'hash' ? 'edited' : 'removed',
        seq: broken.seq,
        at: null,
        expected: null,
        found: null,
      });
    const live = this.anchorProblem();
    if (live) problems.push(live);
    return { entries: rows.length, broken, intact: problems.length === 0, problems };
  }
}
