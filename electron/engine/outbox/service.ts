import { type ApologyRecord, type AppError, type Dossier, isEnded } from '../../../shared/api/contract';
import { isLate } from '../../../shared/domain/due';
import { vnDateTime } from '../../../shared/domain/vn-time';
import { StationError } from '../../../shared/api/errors';
import type { OutboxItem, OutboxOverview, SyncReport } from '../../../shared/api/rooms/outbox';
import { faultFields } from '../api/errors';
import type { EngineContext } from '../context';
import type { DossierService } from '../dossier/service';
import { type PortalConnector, PortalFailure } from '../portal/connector';
import { portalError, portalFaultFields } from '../portal/errors';
import { CHUNK } from '../portal/protocol';
import type { Settings } from '../settings';
import { type FeeView, type ItemRow, OutboxQueue, PENDING } from './queue';
import { Transfer, type TransferOptions } from './transfer';
import type { CounterEvent } from '../../../shared/api/rooms/outbox';
import { formatInstant } from '../../../shared/domain/deadline';
import type { Documents } from '../documents';

export interface OutboxOptions extends FeeView {
  /** Dossiers sent at the same time. */
  concurrency?: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs, with jitter. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often the portal is asked for the status of a submitted dossier. */
  statusPollMs?: number;
  chunkSize?: number;
  verifyPdf?: TransferOptions['verifyPdf'];
  ratingOf?: TransferOptions['ratingOf'];
  /** The clock the upload window is read against (tests inject one). */
  now?: () => Date;
}

/** The clerk's switch for the whole queue, kept beside the settings. */
const PAUSED = 'outbox.paused';

/**
 * The outbox worker (docs/architecture.md, outbox room): sends received dossiers to the portal
 * exactly once (idempotency key on create, the portal's own offset on every file, submit
 * repeatable), retries with backoff and jitter, reads statuses back, fetches results, and records
 * the return of results (status 10).
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
  private readonly queue: OutboxQueue;
  private readonly transfer: Transfer;
  private readonly opts: Required<
    Pick<OutboxOptions, 'concurrency' | 'baseBackoffMs' | 'maxBackoffMs' | 'statusPollMs'>
  > &
    FeeView & { now: () => Date };

  constructor(
    private readonly ctx: EngineContext,
    private readonly dossiers: DossierService,
    documents: Pick<Documents, 'frozenFiles'>,
    private readonly settings: Settings,
    opts: OutboxOptions = {},
  ) {
    this.opts = {
      concurrency: opts.concurrency ?? 3,
      baseBackoffMs: opts.baseBackoffMs ?? 2000,
      maxBackoffMs: opts.maxBackoffMs ?? 5 * 60_000,
      statusPollMs: opts.statusPollMs ?? 60_000,
      feeOf: opts.feeOf,
      paymentOf: opts.paymentOf,
      now: opts.now ?? (() => new Date()),
    };
    this.queue = new OutboxQueue(ctx.store, (dossierId) => this.changed(dossierId));
    this.transfer = new Transfer(ctx, this.queue, dossiers, documents, settings, {
      chunkSize: opts.chunkSize ?? CHUNK,
      verifyPdf: opts.verifyPdf,
      ratingOf: opts.ratingOf,
      interrupted: (id) => (this.stopped ? 'stopped' : this.isPaused(id) ? 'paused' : null),
    });
    // Only a dossier whose citizen consented to online submission is queued; the rest go on paper.
    ctx.onReceiveInTx.push((dossierId, { online }) => online && this.enqueueInTx(dossierId));
  }

  /**
   * Queues the dossier's submission. Called inside the transaction that
   * receives it, so a received dossier always has its queue entry. Repeating it
   * is harmless.
   */
  enqueueInTx(dossierId: string): void {
    this.queue.enqueue(dossierId);
    queueMicrotask(() => this.kick());
  }

  /**
   * Đính chính, called inside the transaction that finishes a correction (wired in
   * engine/index.ts): queues the corrected version for a dossier the portal has. A
   * dossier never sent (paper processing) has nothing to update.
   */
  enqueueUpdateInTx(dossierId: string, c: { version: number; reason: string }): boolean {
    const submit = this.queue.itemOf(dossierId, 'submit');
    if (!submit?.portal_created) return false;
    this.queue.enqueueUpdate(dossierId, submit.code, c.version, c.reason);
    queueMicrotask(() => {
      this.changed(dossierId);
      this.kick();
    });
    return true;
  }

  /**
   * Xin lỗi và hẹn lại, called inside the transaction that records the apology (wired in
   * engine/index.ts): queues telling the portal for a dossier that was queued to it. A paper
   * dossier has no portal to tell.
   */
  enqueueApologyInTx(dossierId: string, a: ApologyRecord): boolean {
    const submit = this.queue.itemOf(dossierId, 'submit');
    if (!submit) return false;
    this.queue.enqueueApology(dossierId, submit.code, JSON.stringify(a));
    queueMicrotask(() => {
      this.changed(dossierId);
      this.kick();
    });
    return true;
  }

  /**
   * Sự kiện tại quầy, called inside the transaction that records it (wired in engine/index.ts):
   * the event becomes the dossier's next outbox item, sent after every earlier one. A paper
   * dossier (never queued to the portal) has no portal to tell.
   */
  enqueueEventInTx(dossierId: string, e: CounterEvent): boolean {
    const submit = this.queue.itemOf(dossierId, 'submit');
    if (!submit) return false;
    // After its ending (refusal, withdrawal, stop) a dossier has nothing more to tell the portal.
    if (isEnded(this.dossiers.get(dossierId).status) && !ENDINGS.includes(e.kind)) return false;
    this.queue.enqueueEvent(dossierId, submit.code, JSON.stringify(e));
    queueMicrotask(() => {
      this.changed(dossierId);
      this.kick();
    });
    return true;
  }

  /**
   * Khung giờ gửi (settings.uploadWindowFrom): before that time of day nothing is sent, only
   * status polls go (and what the clerk lets through with "Gửi ngay").
   */
  windowClosed(): boolean {
    const from = this.settings.get().uploadWindowFrom;
    return !!from && formatInstant(this.opts.now().getTime()).slice(11, 16) < from;
  }

  /** "Gửi ngay": the dossier's pending items (or all of them) go now, through a closed upload window. */
  sendNow(dossierId?: string): OutboxOverview {
    this.queue.sendNow(dossierId);
    this.kick();
    return this.overview();
  }

  /** True while the dossier's submission or its last update is still on its way to the portal. */
  uploading(dossierId: string): boolean {
    return (['submit', 'update'] as const).some((kind) => {
      const item = this.queue.itemOf(dossierId, kind);
      return !!item && PENDING.includes(item.state);
    });
  }

  /** Uses this portal from now on; `training` marks the embedded sandbox. */
  setPortal(portal: PortalConnector | null, training = false): void {
    this.portal = portal;
    this.training = training;
    this.online = null;
    this.kick();
  }

  /** The portal in use now (null: none configured). */
  get connector(): PortalConnector | null {
    return this.portal;
  }

  get portalUrl(): string | null {
    return this.portal?.url ?? null;
  }

  /** The code a dossier was sent under and whether the portal has it yet; null when it was never queued. */
  submission(dossierId: string): { code: string | null; onPortal: boolean } | null {
    const item = this.queue.itemOf(dossierId, 'submit');
    return item ? { code: item.code, onPortal: item.portal_created === 1 } : null;
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
      paused: this.settings.flag(PAUSED),
      uploadWindowFrom: this.settings.get().uploadWindowFrom,
      windowClosed: this.windowClosed(),
      items: this.items(),
    };
  }

  pause(dossierId?: string): OutboxOverview {
    this.setPaused(dossierId, true);
    return this.overview();
  }

  resume(dossierId?: string): OutboxOverview {
    this.setPaused(dossierId, false);
    this.kick();
    return this.overview();
  }

  retryNow(dossierId?: string): OutboxOverview {
    this.queue.retryNow(dossierId);
    this.kick();
    return this.overview();
  }

  /** Trả kết quả: records who received the result; the portal hears of it through the queue. */
  recordReturn(dossierId: string, returnedTo: string): OutboxOverview {
    const submit = this.queue.itemOf(dossierId, 'submit');
    const dossier = this.dossiers.get(dossierId);
    assertNotEnded(dossier);
    this.assertNotLate(dossier, submit?.resolved_at ?? null);
    if (!submit && dossier.status !== 'draft' && !dossier.consent) {
      // A paper dossier (no consent to submit online): the hand-over is recorded here, nothing goes to a portal.
      this.queue.enqueueReturn(dossierId, dossier.code ?? null, returnedTo, 'done');
      return this.overview();
    }
    if (!submit || (submit.state !== 'result_ready' && submit.state !== 'done'))
      throw new StationError('result_not_ready', { id: dossierId });
    this.queue.enqueueReturn(dossierId, submit.code, returnedTo);
    this.kick();
    return this.overview();
  }

  /**
   * No dossier late without a word: one whose result came (or, on paper, is handed over) after
   * its appointment is not handed over until the apology with a new date is issued — which
   * moves the appointment (reception.apologize).
   */
  private assertNotLate(dossier: Dossier, resolvedAt: string | null): void {
    if (!dossier.appointmentAt || dossier.status === 'draft') return;
    if (!isLate(dossier.appointmentAt, resolvedAt ?? Date.now())) return;
    throw new StationError('handover_needs_apology', {
      code: dossier.code ?? dossier.id,
      appointment: vnDateTime(dossier.appointmentAt),
    });
  }

  resultFile(dossierId: string, fileId: string): { fileName: string; bytes: Buffer } {
    const r = this.queue.result(dossierId, fileId);
    if (!r) throw new StationError('result_not_ready', { id: dossierId });
    // Handed over and past its retention: the row stays as the record, the file is gone (privacy room).
    if (!this.ctx.store.blobs.has(r.blob)) throw new StationError('data_purged', { id: dossierId });
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
    return this.queue.pendingCount();
  }

  items(): OutboxItem[] {
    return this.queue.items(this.opts);
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
        this.ctx.log.error('outbox.loop', faultFields(err));
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
    const poll = Math.min(this.opts.statusPollMs, 5000);
    // Every slot busy: the next item can only start when one ends, and that wakes the loop.
    if (this.inFlight.size >= this.opts.concurrency) return poll;
    const t = this.queue.nextDue(this.windowClosed());
    if (t === null) return poll;
    return Math.max(20, Math.min(poll, t - Date.now()));
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
    if (!this.portal || this.settings.flag(PAUSED)) return;
    const free = this.opts.concurrency - this.inFlight.size;
    if (free <= 0) return;
    const hold = this.windowClosed();
    for (const item of this.queue.due(Date.now(), this.opts.statusPollMs, free + this.inFlight.size, hold)) {
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
      if (item.kind === 'return') await this.transfer.sendReturn(portal, item);
      else if (item.kind === 'update') await this.transfer.sendUpdate(portal, item);
      else if (item.kind === 'apology') await this.transfer.sendApology(portal, item);
      else if (item.kind === 'event') await this.transfer.sendEvent(portal, item);
      else if (item.state === 'submitted') await this.transfer.poll(portal, item);
      else await this.transfer.send(portal, item);
      this.setOnline(true);
    } catch (err) {
      // After stop() the database may already be closed: the item simply resumes at the next start.
      if (this.stopped) return;
      this.fail(item, err);
    }
  }

  /** Classifies a failure: wait and retry (with backoff and jitter), or stop for a clerk. */
  private fail(item: ItemRow, err: unknown): void {
    const current = this.queue.item(item.id);
    if (err instanceof PortalFailure && (err.portalCode === 'paused' || err.portalCode === 'stopped')) {
      this.queue.update(item.id, { state: current.state === 'submitted' ? 'submitted' : 'retry' });
      return;
    }
    const error: AppError = portalError(err).toValue();
    // Refused by the portal: a clerk must act. The line, a timeout, a busy portal: try again later.
    let retry = err instanceof StationError ? err.code === 'disk_full' : true;
    if (err instanceof PortalFailure) {
      retry = err.kind !== 'rejected';
      if (retry) this.setOnline(err.portalCode !== 'network');
    }
    const attempts = current.attempts + 1;
    const backoff = Math.min(
      this.opts.maxBackoffMs,
      this.opts.baseBackoffMs * 2 ** Math.min(attempts - 1, 20),
    );
    const delay = Math.round(backoff * (0.5 + Math.random() * 0.5));
    this.ctx.log[retry ? 'warn' : 'error']('outbox.retry', {
      itemId: item.id,
      dossierId: item.dossier_id,
      kind: item.kind,
      attempt: attempts,
      retry,
      delayMs: retry ? delay : undefined,
      ...portalFaultFields(err, error),
    });
    this.queue.recordFailure(item, {
      state: current.state === 'submitted' ? 'submitted' : retry ? 'retry' : 'failed',
      attempts,
      nextAt: Date.now() + delay,
      error,
      pollMs: this.opts.statusPollMs,
    });
  }

  // ---- pausing and the indicator -----------------------------------------------

  private isPaused(id: number): boolean {
    return this.settings.flag(PAUSED) || this.queue.paused(id);
  }

  private setPaused(dossierId: string | undefined, paused: boolean): void {
    if (dossierId) return this.queue.setPaused(dossierId, paused);
    this.settings.setFlag(PAUSED, paused);
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

/** The events that end a dossier (sent although it has ended: they are the ending). */
const ENDINGS: CounterEvent['kind'][] = ['refusal', 'withdrawal', 'stop'];

const ENDED_VI = {
  refused: 'bị từ chối giải quyết',
  withdrawn: 'được người dân rút',
  stopped: 'bị dừng giải quyết',
} as const;

/** A refused, withdrawn or stopped dossier has no result to hand over. */
function assertNotEnded(d: Dossier): void {
  if (!isEnded(d.status)) return;
  const ended =
    d.status === 'refused' ? d.refusal : d.status === 'withdrawn' ? d.withdrawal : d.stopNotices?.at(-1);
  throw new StationError('dossier_ended', {
    code: d.code ?? d.id,
    ending: ENDED_VI[d.status],
    at: ended ? vnDateTime(ended.at) : '',
    by: ended?.by ?? '',
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
