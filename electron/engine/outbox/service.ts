import crypto from 'node:crypto';
import type { AppError } from '../../../shared/api/contract';
import { type ErrorCode, StationError } from '../../../shared/api/errors';
import type { OutboxItem, OutboxOverview, OutboxState, SyncReport } from '../../../shared/api/rooms/outbox';
import type { FeePayment, PaymentStatus } from '../../../shared/api/rooms/payment';
import type { StationSettings } from '../../../shared/api/rooms/settings';
import type { EngineContext } from '../context';
import type { DossierService } from '../dossier/service';
import { type PortalConnector, PortalFailure } from '../portal/connector';
import type { Documents } from '../documents';
import { CHUNK, type CreateDossierRequest, portalDate, Status } from '../portal/protocol';
import { transaction } from '../store';

export interface OutboxOptions {
  /** Dossiers sent at the same time. */
  concurrency?: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs, with jitter. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often the portal is asked for the status of a submitted dossier. */
  statusPollMs?: number;
  chunkSize?: number;
  /** The procedure's fee (lệ phí) from the catalogue. */
  feeOf?: (procedureCode: string) => number;
  /** Checks a fetched result's signatures (the signing room's verifier), when there is one. */
  verifyPdf?: (bytes: Buffer) => Promise<'valid' | 'invalid' | 'indeterminate' | 'unsigned'>;
}

interface ItemRow {
  id: number;
  dossier_id: string;
  kind: 'submit' | 'return';
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
  created_at: string;
  updated_at: string;
}
interface FileRow {
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

/** States the worker still has to move forward. */
const PENDING: OutboxState[] = ['queued', 'sending', 'retry'];

/**
 * The outbox worker: sends received dossiers to the portal exactly once
 * (idempotency key on create, the portal's own offset on every file, submit
 * repeatable), retries with backoff and jitter, reads statuses back, fetches
 * results, and records the return of results (status 10).
 */
export class Outbox {
  private portal: PortalConnector | null = null;
  private training = false;
  private online: boolean | null = null;
  /** When the portal last answered or failed to (ms); the indicator is refreshed after this. */
  private lastContact = 0;
  private pinging = false;
  private running = false;
  private stopped = false;
  private readonly inFlight = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private readonly opts: Required<Omit<OutboxOptions, 'verifyPdf' | 'feeOf'>> &
    Pick<OutboxOptions, 'verifyPdf' | 'feeOf'>;

  constructor(
    private readonly ctx: EngineContext,
    private readonly dossiers: DossierService,
    private readonly documents: Pick<Documents, 'frozenFiles'>,
    private readonly settings: () => StationSettings,
    opts: OutboxOptions = {},
  ) {
    this.opts = {
      concurrency: opts.concurrency ?? 3,
      baseBackoffMs: opts.baseBackoffMs ?? 2000,
      maxBackoffMs: opts.maxBackoffMs ?? 5 * 60_000,
      statusPollMs: opts.statusPollMs ?? 60_000,
      chunkSize: opts.chunkSize ?? CHUNK,
      verifyPdf: opts.verifyPdf,
      feeOf: opts.feeOf,
    };
    ctx.onReceiveInTx.push((dossierId) => this.enqueueInTx(dossierId));
  }

  private get db() {
    return this.ctx.store.db;
  }

  /**
   * Queues the dossier's submission. Called inside the transaction that
   * receives it, so a received dossier always has its queue entry. Repeating it
   * is harmless.
   */
  enqueueInTx(dossierId: string): void {
    const now = new Date().toISOString();
    const consent = JSON.stringify({ at: now, how: 'TAI_QUAY' });
    this.db
      .prepare(
        `INSERT INTO outbox_items (dossier_id, kind, state, idem_key, consent, created_at, updated_at)
         VALUES (?, 'submit', 'queued', ?, ?, ?, ?) ON CONFLICT (dossier_id, kind) DO NOTHING`,
      )
      .run(dossierId, crypto.randomUUID(), consent, now, now);
    queueMicrotask(() => this.kick());
  }

  /** Uses this portal from now on; `training` marks the embedded sandbox. */
  setPortal(portal: PortalConnector | null, training = false): void {
    this.portal = portal;
    this.training = training;
    this.online = null;
    this.kick();
  }

  get portalUrl(): string | null {
    return this.portal?.url ?? null;
  }

  /** Starts the worker loop (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = false;
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.running = false;
    this.kick();
  }

  kick(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  // ---- clerk's controls ----------------------------------------------------

  overview(): OutboxOverview {
    return {
      portalUrl: this.portalUrl,
      training: this.training,
      online: this.online,
      running: this.running,
      paused: this.queuePaused(),
      items: this.items(),
    };
  }

  pause(dossierId?: string): OutboxOverview {
    if (dossierId) this.setPaused(dossierId, true);
    else this.setQueuePaused(true);
    return this.overview();
  }

  resume(dossierId?: string): OutboxOverview {
    if (dossierId) this.setPaused(dossierId, false);
    else this.setQueuePaused(false);
    this.kick();
    return this.overview();
  }

  retryNow(dossierId?: string): OutboxOverview {
    const now = new Date().toISOString();
    const where = dossierId ? 'AND dossier_id = ?' : '';
    const args = dossierId ? [now, dossierId] : [now];
    this.db
      .prepare(
        `UPDATE outbox_items SET next_at = 0, state = CASE WHEN state = 'failed' THEN 'retry' ELSE state END,
         checked_at = CASE WHEN state = 'submitted' THEN 0 ELSE checked_at END, updated_at = ?
         WHERE state IN ('queued','sending','retry','failed','submitted') ${where}`,
      )
      .run(...args);
    this.changed(dossierId ?? null);
    this.kick();
    return this.overview();
  }

  /** Trả kết quả: records who received the result; the portal hears of it through the queue. */
  recordReturn(dossierId: string, returnedTo: string): OutboxOverview {
    const submit = this.itemOf(dossierId, 'submit');
    if (!submit || (submit.state !== 'result_ready' && submit.state !== 'done'))
      throw new StationError('result_not_ready', { id: dossierId });
    const now = new Date().toISOString();
    transaction(this.db, () => {
      this.db
        .prepare(
          `INSERT INTO outbox_items (dossier_id, kind, state, idem_key, code, returned_to, created_at, updated_at)
           VALUES (?, 'return', 'queued', ?, ?, ?, ?, ?) ON CONFLICT (dossier_id, kind) DO NOTHING`,
        )
        .run(dossierId, crypto.randomUUID(), submit.code, returnedTo, now, now);
    });
    this.changed(dossierId);
    this.kick();
    return this.overview();
  }

  resultFile(dossierId: string, fileId: string): { fileName: string; bytes: Buffer } {
    const r = this.db
      .prepare('SELECT name, blob FROM outbox_results WHERE dossier_id = ? AND file_id = ?')
      .get(dossierId, fileId) as { name: string; blob: string } | undefined;
    if (!r) throw new StationError('result_not_ready', { id: dossierId });
    return { fileName: r.name, bytes: this.ctx.store.blobs.get(r.blob) };
  }

  /** Runs the queue until nothing is pending (or the time is up). */
  async sync(timeoutMs: number, untilEmpty: boolean): Promise<SyncReport> {
    if (!this.portal) throw new StationError('portal_not_configured');
    const deadline = Date.now() + timeoutMs;
    this.start();
    this.retryNow();
    while (Date.now() < deadline) {
      await sleep(Math.min(100, Math.max(1, deadline - Date.now())));
      if (!untilEmpty) break;
      if (this.pendingCount() === 0 && this.inFlight.size === 0) break;
    }
    const items = this.items();
    return {
      submitted: items.filter(
        (i) => i.kind === 'submit' && ['submitted', 'result_ready', 'done'].includes(i.state),
      ).length,
      pending: items.filter((i) => PENDING.includes(i.state)).length,
      failed: items.filter((i) => i.state === 'failed').length,
      items,
    };
  }

  pendingCount(): number {
    const r = this.db
      .prepare(
        "SELECT COUNT(*) AS n FROM outbox_items WHERE state IN ('queued','sending','retry') AND paused = 0",
      )
      .get() as { n: number };
    return r.n;
  }

  // ---- the worker ------------------------------------------------------------

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let wait = 1000;
      try {
        this.fill();
        this.heartbeat();
        wait = this.nextWakeMs();
      } catch (err) {
        if (this.stopped) return;
        this.ctx.log(`outbox: ${(err as Error).stack ?? String(err)}`);
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, wait);
      });
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.wake = null;
    }
  }

  private nextWakeMs(): number {
    const r = this.db
      .prepare(
        "SELECT MIN(next_at) AS t FROM outbox_items WHERE state IN ('queued','sending','retry') AND paused = 0",
      )
      .get() as { t: number | null };
    const poll = Math.min(this.opts.statusPollMs, 5000);
    if (r.t === null) return poll;
    return Math.max(20, Math.min(poll, r.t - Date.now()));
  }

  /**
   * Keeps the online/offline indicator true when there is nothing to send: a cheap ping
   * when the portal has not been heard from for a status-poll period (15 s while offline).
   */
  private heartbeat(): void {
    const portal = this.portal;
    if (!portal || this.pinging || this.inFlight.size > 0) return;
    const every = this.online === false ? Math.min(15_000, this.opts.statusPollMs) : this.opts.statusPollMs;
    if (this.online !== null && Date.now() - this.lastContact < every) return;
    this.pinging = true;
    void portal
      .ping()
      .catch(() => false)
      .then((ok) => {
        if (this.portal === portal && !this.stopped) this.setOnline(ok);
      })
      .finally(() => {
        this.pinging = false;
      });
  }

  /** Starts due items up to the concurrency. */
  private fill(): void {
    if (!this.portal || this.queuePaused()) return;
    const free = this.opts.concurrency - this.inFlight.size;
    if (free <= 0) return;
    const now = Date.now();
    const due = this.db
      .prepare(
        `SELECT * FROM outbox_items WHERE paused = 0 AND (
           (state IN ('queued','sending','retry') AND next_at <= ?)
           OR (state = 'submitted' AND COALESCE(checked_at, 0) <= ?))
         ORDER BY CASE WHEN state = 'submitted' THEN 1 ELSE 0 END, id LIMIT ?`,
      )
      .all(now, now - this.opts.statusPollMs, free + this.inFlight.size) as unknown as ItemRow[];
    for (const item of due) {
      if (this.inFlight.size >= this.opts.concurrency) break;
      if (this.inFlight.has(item.id)) continue;
      this.inFlight.add(item.id);
      void this.run(item).finally(() => {
        this.inFlight.delete(item.id);
        this.kick();
      });
    }
  }

  private async run(item: ItemRow): Promise<void> {
    const portal = this.portal;
    if (!portal) return;
    try {
      if (item.kind === 'return') await this.sendReturn(portal, item);
      else if (item.state === 'submitted') await this.pollStatus(portal, item);
      else await this.send(portal, item);
      this.setOnline(true);
    } catch (err) {
      // After stop() the database may already be closed: the item simply resumes at the next start.
      if (this.stopped) return;
      this.fail(item, err);
    }
  }

  /** One submission, from wherever it stopped. Every step is safe to repeat. */
  private async send(portal: PortalConnector, item: ItemRow): Promise<void> {
    this.update(item.id, { state: 'sending', wait_reason: null });
    let files = this.files(item.id);
    if (files.length === 0) files = await this.freezeFiles(item);
    const code = this.item(item.id).code!;
    if (!this.item(item.id).portal_created || files.some((f) => !f.file_id)) {
      const created = await portal.createDossier(
        this.createRequest(item.dossier_id, code, files, item),
        item.idem_key,
      );
      transaction(this.db, () => {
        const set = this.db.prepare('UPDATE outbox_files SET file_id = ? WHERE item_id = ? AND position = ?');
        files.forEach((f, i) => {
          const remote = created.TaiLieuNop[i];
          if (!remote || remote.SHA256 !== f.sha256 || remote.KichThuoc !== f.size)
            throw new PortalFailure(
              'rejected',
              'file_list_mismatch',
              `the portal lists other files for ${code}`,
            );
          set.run(remote.TepId, item.id, f.position);
        });
        this.db
          .prepare('UPDATE outbox_items SET portal_created = 1, portal_status = ? WHERE id = ?')
          .run(created.TrangThaiHoSo, item.id);
      });
      files = this.files(item.id);
      if (created.TrangThaiHoSo !== Status.registered) {
        // Submitted before a crash took the answer away: nothing left to send.
        this.markSubmitted(item.id, created.TrangThaiHoSo);
        return;
      }
    }
    for (const f of files) {
      if (f.complete) continue;
      await this.upload(portal, item, code, f);
    }
    const submitted = await portal.submit(code);
    this.markSubmitted(item.id, submitted.TrangThaiHoSo);
    this.ctx.log(`outbox: ${code} submitted (status ${submitted.TrangThaiHoSo})`);
  }

  /** Uploads one file from the offset the portal confirms, chunk by chunk. */
  private async upload(portal: PortalConnector, item: ItemRow, code: string, f: FileRow): Promise<void> {
    const bytes = this.ctx.store.blobs.get(f.blob);
    const fileId = f.file_id!;
    let offset = (await portal.fileStatus(code, fileId)).DaNhan;
    const setSent = this.db.prepare(
      'UPDATE outbox_files SET sent = ?, complete = ? WHERE item_id = ? AND position = ?',
    );
    let lastEmit = 0;
    for (let guard = 0; guard < 100_000; guard++) {
      if (this.stopped) throw new PortalFailure('transient', 'stopped', 'the worker stopped');
      if (this.isPaused(item.id)) throw new PortalFailure('transient', 'paused', 'paused by the clerk');
      if (offset >= f.size) break;
      const chunk = bytes.subarray(offset, Math.min(f.size, offset + this.opts.chunkSize));
      let ack;
      try {
        ack = await portal.uploadChunk(code, fileId, offset, chunk);
      } catch (err) {
        if (err instanceof PortalFailure && err.kind === 'offset') {
          offset = err.received ?? (await portal.fileStatus(code, fileId)).DaNhan;
          continue;
        }
        throw err;
      }
      offset = ack.DaNhan;
      setSent.run(offset, ack.HoanTat ? 1 : 0, item.id, f.position);
      if (ack.HoanTat) break;
      if (Date.now() - lastEmit > 250) {
        lastEmit = Date.now();
        this.changed(item.dossier_id);
      }
    }
    setSent.run(f.size, 1, item.id, f.position);
    this.changed(item.dossier_id);
  }

  /** Records the files the documents room froze for this dossier, once: a retry sends the very same bytes. */
  private async freezeFiles(item: ItemRow): Promise<FileRow[]> {
    const frozen = await this.documents.frozenFiles(item.dossier_id);
    const code = this.dossierCode(item.dossier_id);
    transaction(this.db, () => {
      if (
        (
          this.db.prepare('SELECT COUNT(*) AS n FROM outbox_files WHERE item_id = ?').get(item.id) as {
            n: number;
          }
        ).n
      )
        return;
      const ins = this.db.prepare(
        `INSERT INTO outbox_files (item_id, position, component_code, name, blob, size, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      frozen.forEach((f, i) => ins.run(item.id, i, f.componentCode, f.name, f.blob, f.size, f.sha256));
      this.db.prepare('UPDATE outbox_items SET code = ? WHERE id = ?').run(code, item.id);
    });
    return this.files(item.id);
  }

  private createRequest(
    dossierId: string,
    code: string,
    files: FileRow[],
    item: ItemRow,
  ): CreateDossierRequest {
    const row = this.db.prepare('SELECT * FROM dossiers WHERE id = ?').get(dossierId) as Record<
      string,
      unknown
    >;
    const dossier = this.dossiers.get(dossierId);
    const applicant = parseJson(
      typeof row.applicant === 'string' ? this.ctx.store.key.openText(row.applicant) : row.applicant,
    ) as {
      kind?: string;
      idNumber?: string;
      taxCode?: string;
    } | null;
    const consent = parseJson(item.consent) as { at?: string } | null;
    const receivedAt = typeof row.received_at === 'string' ? row.received_at : dossier.createdAt;
    const appointment = typeof row.appointment_at === 'string' ? row.appointment_at : null;
    return {
      MaHoSo: code,
      MaTTHC: dossier.procedureCode,
      TenTTHC: dossier.procedureName,
      ChuHoSo: dossier.applicantName,
      LoaiDoiTuong: applicant?.kind === 'organization' || applicant?.kind === 'organisation' ? 2 : 1,
      TrichYeuHoSo: `${dossier.procedureName} — ${dossier.applicantName}`.slice(0, 500),
      NgayTiepNhan: portalDate(new Date(receivedAt)),
      NgayHenTra: appointment ? portalDate(new Date(appointment)) : null,
      UyQuyen: {
        TaiKhoan: applicant?.idNumber ?? applicant?.taxCode ?? dossier.applicantName,
        DongY: true,
        ThoiDiemDongY: portalDate(new Date(consent?.at ?? receivedAt)),
        HinhThuc: 'TAI_QUAY',
      },
      TaiLieuNop: files.map((f) => ({
        MaThanhPhanHoSo: f.component_code,
        TenTep: f.name,
        KichThuoc: f.size,
        SHA256: f.sha256,
      })),
    };
  }

  /** Reads the dossier's status back; when the portal has a result, fetches and checks it. */
  private async pollStatus(portal: PortalConnector, item: ItemRow): Promise<void> {
    const code = item.code!;
    const d = await portal.getDossier(code);
    this.db
      .prepare('UPDATE outbox_items SET portal_status = ?, checked_at = ?, updated_at = ? WHERE id = ?')
      .run(d.TrangThaiHoSo, Date.now(), new Date().toISOString(), item.id);
    if (d.TrangThaiHoSo >= Status.done && d.KetQua.length > 0) {
      for (const r of d.KetQua) {
        const have = this.db
          .prepare('SELECT 1 FROM outbox_results WHERE dossier_id = ? AND file_id = ?')
          .get(item.dossier_id, r.TepId);
        if (have) continue;
        const bytes = await portal.fetchResult(code, r.TepId);
        if (sha(bytes) !== r.SHA256)
          throw new PortalFailure(
            'transient',
            'result_corrupt',
            `result ${r.TepId} of ${code} arrived damaged`,
          );
        const verified = this.opts.verifyPdf
          ? await this.opts.verifyPdf(bytes)
          : r.DaKy
            ? 'not_checked'
            : 'unsigned';
        const blob = this.ctx.store.blobs.put(bytes);
        this.db
          .prepare(
            `INSERT INTO outbox_results (dossier_id, file_id, name, blob, size, sha256, signed, verified, fetched_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
          )
          .run(
            item.dossier_id,
            r.TepId,
            r.TenTep,
            blob,
            bytes.length,
            r.SHA256,
            r.DaKy ? 1 : 0,
            verified,
            new Date().toISOString(),
          );
      }
      this.update(item.id, { state: d.TrangThaiHoSo === Status.returned ? 'done' : 'result_ready' });
    } else if (
      [Status.refused, Status.withdrawn, Status.stopped, Status.returned].includes(d.TrangThaiHoSo as 3)
    ) {
      this.update(item.id, { state: 'done' });
    }
    this.changed(item.dossier_id);
  }

  private async sendReturn(portal: PortalConnector, item: ItemRow): Promise<void> {
    this.update(item.id, { state: 'sending', wait_reason: null });
    const code = item.code ?? this.itemOf(item.dossier_id, 'submit')?.code;
    if (!code) throw new StationError('result_not_ready', { id: item.dossier_id });
    const d = await portal.recordReturn(code, item.returned_to ?? '', new Date(item.created_at));
    transaction(this.db, () => {
      this.db
        .prepare(
          "UPDATE outbox_items SET state = 'done', portal_status = ?, last_error = NULL, wait_reason = NULL, updated_at = ? WHERE dossier_id = ?",
        )
        .run(d.TrangThaiHoSo, new Date().toISOString(), item.dossier_id);
    });
    this.changed(item.dossier_id);
  }

  private markSubmitted(id: number, status: number): void {
    this.db
      .prepare(
        `UPDATE outbox_items SET state = 'submitted', portal_status = ?, attempts = 0, last_error = NULL, wait_reason = NULL,
         checked_at = ?, updated_at = ? WHERE id = ?`,
      )
      .run(status, Date.now(), new Date().toISOString(), id);
    this.changed(this.item(id).dossier_id);
  }

  /** Classifies a failure: wait and retry (with backoff and jitter), or stop for a clerk. */
  private fail(item: ItemRow, err: unknown): void {
    const current = this.item(item.id);
    const attempts = current.attempts + 1;
    let error: AppError;
    let retry = true;
    if (err instanceof PortalFailure) {
      if (err.portalCode === 'paused' || err.portalCode === 'stopped') {
        this.update(item.id, { state: current.state === 'submitted' ? 'submitted' : 'retry' });
        return;
      }
      if (err.kind === 'rejected') {
        retry = false;
        const code: ErrorCode =
          err.portalCode === 'bad_credentials' ? 'portal_credentials' : 'portal_rejected';
        error = { code, params: { reason: err.message }, detail: err.message };
      } else {
        const unreachable = err.portalCode === 'network';
        if (unreachable) this.setOnline(false);
        else this.setOnline(true);
        const code: ErrorCode =
          err.portalCode === 'timeout'
            ? 'portal_timeout'
            : unreachable
              ? 'portal_unreachable'
              : 'portal_busy';
        error = { code, params: {}, detail: err.message };
      }
    } else if (err instanceof StationError) {
      error = err.toValue();
      retry = err.code === 'disk_full';
    } else {
      error = { code: 'internal', params: {}, detail: err instanceof Error ? err.message : String(err) };
    }
    this.ctx.log(
      `outbox: item ${item.id} (${item.dossier_id}) attempt ${attempts}: ${error.code} ${error.detail ?? ''}`,
    );
    const backoff = Math.min(
      this.opts.maxBackoffMs,
      this.opts.baseBackoffMs * 2 ** Math.min(attempts - 1, 20),
    );
    const delay = Math.round(backoff * (0.5 + Math.random() * 0.5));
    const polling = current.state === 'submitted';
    this.db
      .prepare(
        `UPDATE outbox_items SET state = ?, attempts = ?, next_at = ?, last_error = ?, wait_reason = ?, updated_at = ?,
         checked_at = CASE WHEN ? THEN ? ELSE checked_at END WHERE id = ?`,
      )
      .run(
        polling ? 'submitted' : retry ? 'retry' : 'failed',
        attempts,
        Date.now() + delay,
        JSON.stringify(error),
        error.code,
        new Date().toISOString(),
        polling ? 1 : 0,
        Date.now() + delay - this.opts.statusPollMs,
        item.id,
      );
    this.changed(item.dossier_id);
  }

  // ---- payment (lệ phí) -------------------------------------------------------

  /** Online: a payment request through the portal (link/QR for the citizen). Cash: recorded at once. */
  async requestPayment(dossierId: string, method: 'online' | 'cash'): Promise<FeePayment> {
    const d = this.dossiers.get(dossierId);
    const amount = this.opts.feeOf?.(d.procedureCode) ?? 0;
    if (amount <= 0) throw new StationError('payment_not_needed');
    const existing = this.paymentOf(dossierId);
    if (existing && existing.state !== 'cancelled') return existing;
    const item = this.itemOf(dossierId, 'submit');
    const code = item?.code ?? this.dossierCode(dossierId);
    const reference = `TT-${code}`;
    const now = new Date().toISOString();
    if (method === 'cash') {
      const receipt = JSON.stringify({ SoBienLai: `TM-${code}`, NoiDung: 'Thu tiền mặt tại quầy' });
      this.db
        .prepare(
          `INSERT INTO outbox_payments (reference, dossier_id, amount, method, state, receipt, created_at, updated_at)
           VALUES (?, ?, ?, 'cash', 'paid', ?, ?, ?)
           ON CONFLICT (reference) DO UPDATE SET method = 'cash', state = 'paid', receipt = excluded.receipt, updated_at = excluded.updated_at`,
        )
        .run(reference, dossierId, amount, receipt, now, now);
      this.changed(dossierId);
      return this.paymentOf(dossierId)!;
    }
    const portal = this.portal;
    if (!portal) throw new StationError('portal_not_configured');
    if (!item?.portal_created) throw new StationError('payment_needs_portal');
    const s = this.settings();
    let p;
    try {
      p = await portal.createPayment({
        MaDoiTac: s.paymentPartner || s.agencyCode,
        MaThamChieu: reference,
        MaHoSo: code,
        SoTien: amount,
        DonViTienTe: 'VND',
        MoTa: `Lệ phí hồ sơ ${code}`.slice(0, 200),
        ThoiGian: portalDate(),
      });
    } catch (err) {
      throw this.asStationError(err);
    }
    this.db
      .prepare(
        `INSERT INTO outbox_payments (reference, dossier_id, amount, method, state, pay_url, created_at, updated_at)
         VALUES (?, ?, ?, 'online', 'pending', ?, ?, ?)
         ON CONFLICT (reference) DO UPDATE SET pay_url = excluded.pay_url, updated_at = excluded.updated_at`,
      )
      .run(reference, dossierId, p.SoTien, p.DuongDanThanhToan, now, now);
    this.changed(dossierId);
    return this.paymentOf(dossierId)!;
  }

  /** Asks the portal whether the citizen paid; keeps the receipt when so. */
  async checkPayment(dossierId: string): Promise<FeePayment> {
    const mine = this.paymentOf(dossierId);
    if (!mine) throw new StationError('payment_not_found', { id: dossierId });
    if (mine.method === 'cash' || mine.state !== 'pending') return mine;
    const portal = this.portal;
    if (!portal) throw new StationError('portal_not_configured');
    try {
      const p = await portal.getPayment(mine.reference);
      if (p.TrangThai === 'DA_THANH_TOAN') {
        const receipt = await portal.paymentReceipt(mine.reference);
        this.db
          .prepare(
            "UPDATE outbox_payments SET state = 'paid', receipt = ?, updated_at = ? WHERE reference = ?",
          )
          .run(JSON.stringify(receipt), new Date().toISOString(), mine.reference);
      } else if (p.TrangThai === 'HUY') {
        this.db
          .prepare("UPDATE outbox_payments SET state = 'cancelled', updated_at = ? WHERE reference = ?")
          .run(new Date().toISOString(), mine.reference);
      }
    } catch (err) {
      throw this.asStationError(err);
    }
    this.changed(dossierId);
    return this.paymentOf(dossierId)!;
  }

  /** The fee the dossier's procedure asks (0: free) and its latest payment. */
  paymentStatus(dossierId: string): PaymentStatus {
    const d = this.dossiers.get(dossierId);
    return { feeVnd: this.opts.feeOf?.(d.procedureCode) ?? 0, payment: this.paymentOf(dossierId) };
  }

  private paymentOf(dossierId: string): FeePayment | null {
    const r = this.db
      .prepare('SELECT * FROM outbox_payments WHERE dossier_id = ? ORDER BY created_at DESC LIMIT 1')
      .get(dossierId) as
      | {
          reference: string;
          amount: number;
          method: 'online' | 'cash';
          state: FeePayment['state'];
          pay_url: string | null;
          receipt: string | null;
          updated_at: string;
        }
      | undefined;
    if (!r) return null;
    const receipt = parseJson(r.receipt) as { SoBienLai?: string } | null;
    return {
      reference: r.reference,
      amount: r.amount,
      method: r.method,
      state: r.state,
      payUrl: r.pay_url,
      receiptNo: receipt?.SoBienLai ?? null,
      paidAt: r.state === 'paid' ? r.updated_at : null,
    };
  }

  private asStationError(err: unknown): StationError {
    if (err instanceof StationError) return err;
    if (err instanceof PortalFailure) {
      if (err.kind === 'rejected')
        return new StationError(
          err.portalCode === 'bad_credentials' ? 'portal_credentials' : 'portal_rejected',
          { reason: err.message },
          err.message,
        );
      return new StationError(
        err.portalCode === 'network'
          ? 'portal_unreachable'
          : err.portalCode === 'timeout'
            ? 'portal_timeout'
            : 'portal_busy',
        {},
        err.message,
      );
    }
    return new StationError('internal', {}, err instanceof Error ? err.message : String(err));
  }

  // ---- reading ---------------------------------------------------------------

  items(): OutboxItem[] {
    const rows = this.db
      .prepare(
        `SELECT o.*, d.applicant_name, d.procedure_code FROM outbox_items o JOIN dossiers d ON d.id = o.dossier_id
         ORDER BY o.id DESC LIMIT 2000`,
      )
      .all() as unknown as (ItemRow & { applicant_name: string; procedure_code: string })[];
    const files = this.db.prepare('SELECT * FROM outbox_files WHERE item_id = ? ORDER BY position');
    const results = this.db.prepare('SELECT * FROM outbox_results WHERE dossier_id = ?');
    return rows.map((r) => ({
      feeVnd: this.opts.feeOf?.(r.procedure_code) ?? 0,
      payment: r.kind === 'submit' ? this.paymentOf(r.dossier_id) : null,
      id: r.id,
      dossierId: r.dossier_id,
      kind: r.kind,
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
      files: (files.all(r.id) as unknown as FileRow[]).map((f) => ({
        componentCode: f.component_code,
        name: f.name,
        size: f.size,
        sent: f.sent,
        complete: f.complete === 1,
      })),
      results:
        r.kind === 'submit'
          ? (
              results.all(r.dossier_id) as unknown as {
                file_id: string;
                name: string;
                size: number;
                signed: number;
                verified: string;
              }[]
            ).map((x) => ({
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

  private item(id: number): ItemRow {
    return this.db.prepare('SELECT * FROM outbox_items WHERE id = ?').get(id) as unknown as ItemRow;
  }

  private itemOf(dossierId: string, kind: 'submit' | 'return'): ItemRow | undefined {
    return this.db
      .prepare('SELECT * FROM outbox_items WHERE dossier_id = ? AND kind = ?')
      .get(dossierId, kind) as ItemRow | undefined;
  }

  private files(itemId: number): FileRow[] {
    return this.db
      .prepare('SELECT * FROM outbox_files WHERE item_id = ? ORDER BY position')
      .all(itemId) as unknown as FileRow[];
  }

  private update(id: number, set: { state?: OutboxState; wait_reason?: string | null }): void {
    const now = new Date().toISOString();
    if (set.state !== undefined)
      this.db
        .prepare('UPDATE outbox_items SET state = ?, updated_at = ? WHERE id = ?')
        .run(set.state, now, id);
    if (set.wait_reason !== undefined)
      this.db.prepare('UPDATE outbox_items SET wait_reason = ? WHERE id = ?').run(set.wait_reason, id);
    this.changed(this.item(id).dossier_id);
  }

  /** Mã hồ sơ given at reception; a dossier received before codes existed gets one from its id. */
  private dossierCode(dossierId: string): string {
    const row = this.db.prepare('SELECT * FROM dossiers WHERE id = ?').get(dossierId) as Record<
      string,
      unknown
    >;
    if (typeof row.code === 'string' && row.code) return row.code;
    return `${this.settings().agencyCode}-${dossierId.slice(0, 8)}`;
  }

  private isPaused(id: number): boolean {
    return this.queuePaused() || this.item(id).paused === 1;
  }

  private setPaused(dossierId: string, paused: boolean): void {
    this.db
      .prepare('UPDATE outbox_items SET paused = ?, updated_at = ? WHERE dossier_id = ?')
      .run(paused ? 1 : 0, new Date().toISOString(), dossierId);
    this.changed(dossierId);
  }

  private queuePaused(): boolean {
    const r = this.db.prepare("SELECT value FROM settings WHERE key = 'outbox.paused'").get() as
      { value: string } | undefined;
    return r?.value === 'true';
  }

  private setQueuePaused(paused: boolean): void {
    this.db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES ('outbox.paused', ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(paused ? 'true' : 'false', new Date().toISOString());
    this.changed(null);
  }

  private setOnline(online: boolean): void {
    this.lastContact = Date.now();
    if (this.online === online) return;
    this.online = online;
    this.changed(null);
  }

  private changed(dossierId: string | null): void {
    this.ctx.emit('outbox.changed', { dossierId });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
function parseJson(v: unknown): unknown {
  if (typeof v !== 'string') return null;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
}
