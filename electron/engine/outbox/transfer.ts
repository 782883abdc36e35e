import crypto from 'node:crypto';
import { ApologyRecord, isEnded } from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';
import { parseInstant } from '../../../shared/domain/deadline';
import type { EngineContext } from '../context';
import type { Documents } from '../documents';
import type { DossierService } from '../dossier/service';
import { type PortalConnector, PortalFailure } from '../portal/connector';
import { portalDate, type PortalRating, Status } from '../portal/protocol';
import { dossierRequest, portalCode } from '../portal/request';
import { eventRequest } from '../portal/events';
import { portalEvent } from './event';
import { CounterEvent } from '../../../shared/api/rooms/outbox';
import type { Settings } from '../settings';
import type { FileRow, ItemRow, OutboxQueue } from './queue';

export interface TransferOptions {
  chunkSize: number;
  /** Checks a fetched result's signatures (the signing room's verifier), when there is one. */
  verifyPdf?: (bytes: Buffer) => Promise<'valid' | 'invalid' | 'indeterminate' | 'unsigned'>;
  /** The citizen's rating of the dossier, sent with the hand-over (the feedback room's, wired in engine/index.ts). */
  ratingOf?: (dossierId: string) => PortalRating | null;
  /** The worker stopped, or the clerk paused this item: an upload gives way between chunks. */
  interrupted(itemId: number): 'stopped' | 'paused' | null;
}

/**
 * One exchange with the portal, from wherever it stopped: create (keyed by the item's idempotency
 * key), upload from the offset the portal confirms, submit, read the status back and fetch results,
 * record the return. Every step is safe to repeat.
 */
export class Transfer {
  constructor(
    private readonly ctx: EngineContext,
    private readonly queue: OutboxQueue,
    private readonly dossiers: DossierService,
    private readonly documents: Pick<Documents, 'frozenFiles'>,
    private readonly settings: Settings,
    private readonly opts: TransferOptions,
  ) {}

  /** One submission. */
  async send(portal: PortalConnector, item: ItemRow): Promise<void> {
    const q = this.queue;
    q.update(item.id, { state: 'sending', wait_reason: null });
    let files = q.files(item.id);
    if (files.length === 0) files = await this.freeze(item);
    const code = q.item(item.id).code!;
    // The file ids came with this very answer: the portal holds no byte of them yet.
    let fresh = false;
    if (!q.item(item.id).portal_created || files.some((f) => !f.file_id)) {
      const dossier = this.dossiers.get(item.dossier_id);
      const request = dossierRequest({
        dossier,
        code,
        files: files.map((f) => ({
          MaThanhPhanHoSo: f.component_code,
          TenTep: f.name,
          KichThuoc: f.size,
          SHA256: f.sha256,
        })),
        // As reception recorded it: who, when, how (ticked at the counter or a signed authorisation).
        consent: {
          given: Boolean(dossier.consent),
          at: dossier.consent?.at ?? null,
          how: dossier.consent?.how ?? 'checkbox',
        },
      });
      const created = await portal.createDossier(request, item.idem_key);
      q.created(item.id, created.TrangThaiHoSo, () =>
        files.map((f, i) => {
          const remote = created.TaiLieuNop[i];
          if (!remote || remote.SHA256 !== f.sha256 || remote.KichThuoc !== f.size)
            throw new PortalFailure(
              'rejected',
              'file_list_mismatch',
              `the portal lists other files for ${code}`,
            );
          return { position: f.position, fileId: remote.TepId };
        }),
      );
      files = q.files(item.id);
      if (created.TrangThaiHoSo !== Status.registered) {
        // Submitted before a crash took the answer away: nothing left to send.
        q.markSubmitted(item.id, created.TrangThaiHoSo);
        return;
      }
      fresh = true;
    }
    const submitted = await this.uploadThen(portal, item, code, files, fresh, () => portal.submit(code));
    q.markSubmitted(item.id, submitted.TrangThaiHoSo);
    this.ctx.log(`outbox: ${code} submitted (status ${submitted.TrangThaiHoSo})`);
  }

  /**
   * Đính chính (docs/portal-protocol.md): sends the corrected version of a dossier the
   * portal already has — declare its files (keyed by the item's idempotency key), upload
   * them in chunks from the portal's offset, confirm. The files are the documents room's
   * frozenFiles at the first attempt: the re-signed bytes, the same on every retry.
   */
  async sendUpdate(portal: PortalConnector, item: ItemRow): Promise<void> {
    const q = this.queue;
    q.update(item.id, { state: 'sending', wait_reason: null });
    const code = item.code ?? q.itemOf(item.dossier_id, 'submit')?.code;
    if (!code || !item.version) throw new StationError('outbox_no_files', { id: item.dossier_id });
    let files = q.files(item.id);
    if (files.length === 0)
      files = q.freeze(item.id, code, await this.documents.frozenFiles(item.dossier_id));
    let fresh = false;
    if (!q.item(item.id).portal_created || files.some((f) => !f.file_id)) {
      const declared = await portal.correctDossier(
        code,
        {
          PhienBan: item.version,
          LyDo: item.reason ?? '',
          TaiLieuNop: files.map((f) => ({
            MaThanhPhanHoSo: f.component_code,
            TenTep: f.name,
            KichThuoc: f.size,
            SHA256: f.sha256,
          })),
        },
        item.idem_key,
      );
      q.created(item.id, declared.TrangThaiHoSo, () =>
        files.map((f, i) => {
          const remote = declared.TaiLieuNop[i];
          if (!remote || remote.SHA256 !== f.sha256 || remote.KichThuoc !== f.size)
            throw new PortalFailure(
              'rejected',
              'file_list_mismatch',
              `the portal lists other files for ${code} v${item.version}`,
            );
          return { position: f.position, fileId: remote.TepId };
        }),
      );
      files = q.files(item.id);
      fresh = true;
    }
    const version = item.version;
    const confirmed = await this.uploadThen(portal, item, code, files, fresh, () =>
      portal.confirmCorrection(code, version),
    );
    q.markUpdated(item.id, confirmed.TrangThaiHoSo);
    this.ctx.log(`outbox: ${code} corrected to version ${confirmed.PhienBan}`);
  }

  /**
   * Xin lỗi và hẹn lại (docs/portal-protocol.md): tells the portal of the apology and its new
   * appointment, keyed by the item's idempotency key; waits (and retries) while the
   * submission itself has not reached the portal yet.
   */
  async sendApology(portal: PortalConnector, item: ItemRow): Promise<void> {
    const q = this.queue;
    q.update(item.id, { state: 'sending', wait_reason: null });
    const submit = q.itemOf(item.dossier_id, 'submit');
    const code = submit?.code ?? item.code;
    if (!submit?.portal_created || !code)
      throw new PortalFailure('transient', 'not_on_portal', `${item.dossier_id} is not on the portal yet`);
    const a = ApologyRecord.parse(JSON.parse(item.payload ?? '{}'));
    const at = (s: string) => portalDate(new Date(parseInstant(s)));
    const d = await portal.apologize(
      code,
      {
        LyDo: a.reason,
        NguyenNhan: a.cause === 'subjective' ? 'CHU_QUAN' : 'KHACH_QUAN',
        NgayHenTraCu: at(a.previousAppointmentAt),
        NgayHenTraMoi: at(a.newAppointmentAt),
        NgayXinLoi: at(a.at),
      },
      item.idem_key,
    );
    q.markUpdated(item.id, d.TrangThaiHoSo);
    this.ctx.log(`outbox: ${code} apology sent, new appointment ${a.newAppointmentAt}`);
  }

  /**
   * Sự kiện tại quầy (docs/portal-protocol.md, "Events"): one counter event, keyed by the
   * item's idempotency key. The queue starts it only once every earlier item of the dossier
   * is delivered, so the submission is on the portal by then.
   */
  async sendEvent(portal: PortalConnector, item: ItemRow): Promise<void> {
    const q = this.queue;
    q.update(item.id, { state: 'sending', wait_reason: null });
    const submit = q.itemOf(item.dossier_id, 'submit');
    const code = submit?.code ?? item.code;
    if (!submit?.portal_created || !code)
      throw new PortalFailure('transient', 'not_on_portal', `${item.dossier_id} is not on the portal yet`);
    const e = portalEvent(CounterEvent.parse(JSON.parse(item.payload ?? '{}')));
    const d = await portal.recordEvent(code, eventRequest(e), item.idem_key);
    q.markUpdated(item.id, d.TrangThaiHoSo);
    this.ctx.log(`outbox: ${code} event ${e.kind} sent`);
  }

  /**
   * Uploads the files the record does not hold as complete, then `last` (the submission or the
   * correction's confirmation), whose success records every file complete in the same write
   * (markSubmitted, markUpdated). When the exchange fails before that, the files the portal
   * confirmed complete (HoanTat) in it are recorded on the way out: the retry neither asks the
   * portal about them again nor sends them, and goes on from the first file not confirmed (from
   * the portal's DaNhan). Without this, every retry repeats a round trip per file, and a portal
   * that fails calls often enough (sessions ending all the time, a bad line) is never got through.
   */
  private async uploadThen<R>(
    portal: PortalConnector,
    item: ItemRow,
    code: string,
    files: FileRow[],
    fresh: boolean,
    last: () => Promise<R>,
  ): Promise<R> {
    const confirmed: number[] = [];
    try {
      for (const f of files) {
        if (f.complete) continue;
        await this.upload(portal, item, code, f, fresh);
        confirmed.push(f.position);
      }
      return await last();
    } catch (err) {
      if (confirmed.length) {
        try {
          this.queue.filesComplete(item.id, confirmed);
          this.changed(item.dossier_id);
        } catch {
          // The database closed under a stopping worker: the portal's DaNhan still says where to go on.
        }
      }
      throw err;
    }
  }

  /**
   * Uploads one file from the offset the portal confirms, chunk by chunk. `fresh`: the portal
   * declared the file in this very exchange, so it holds none of its bytes and is not asked.
   * The offset is recorded at most every SAVE_MS and when the file is complete: it is what the
   * clerk's screen shows, never where a resumed upload starts (that is the portal's DaNhan, asked
   * again, or given back by a chunk refused at the wrong offset).
   */
  private async upload(
    portal: PortalConnector,
    item: ItemRow,
    code: string,
    f: FileRow,
    fresh = false,
  ): Promise<void> {
    const bytes = this.ctx.store.blobs.get(f.blob);
    const fileId = f.file_id!;
    let offset = fresh ? 0 : (await portal.fileStatus(code, fileId)).DaNhan;
    let lastSave = Date.now();
    for (let guard = 0; guard < 100_000; guard++) {
      const why = this.opts.interrupted(item.id);
      if (why === 'stopped') throw new PortalFailure('transient', 'stopped', 'the worker stopped');
      if (why === 'paused') throw new PortalFailure('transient', 'paused', 'paused by the clerk');
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
      if (ack.HoanTat) break;
      if (Date.now() - lastSave > SAVE_MS) {
        lastSave = Date.now();
        this.queue.setSent(item.id, f.position, offset, false);
        this.changed(item.dossier_id);
      }
    }
    // Recorded with the submission (markSubmitted, markUpdated), or when the exchange fails
    // (uploadThen), when the last record is recent: one write for all the files.
    if (Date.now() - lastSave > SAVE_MS) {
      this.queue.setSent(item.id, f.position, f.size, true);
      this.changed(item.dossier_id);
    }
  }

  /** The files the documents room froze for this dossier, recorded once: a retry sends the very same bytes. */
  private async freeze(item: ItemRow): Promise<FileRow[]> {
    const frozen = await this.documents.frozenFiles(item.dossier_id);
    const code = portalCode(this.dossiers.get(item.dossier_id), this.settings.get().agencyCode);
    return this.queue.freeze(item.id, code, frozen);
  }

  /** Reads the dossier's status back; when the portal has a result, fetches and checks it. */
  async poll(portal: PortalConnector, item: ItemRow): Promise<void> {
    // Refused, withdrawn or stopped at the counter: the submission is over — no result fetched, no hand-over
    // (the ending itself goes as an event item of its own).
    if (isEnded(this.dossiers.get(item.dossier_id).status)) {
      this.queue.update(item.id, { state: 'done' });
      return;
    }
    const code = item.code!;
    const d = await portal.getDossier(code);
    this.queue.markChecked(item.id, d.TrangThaiHoSo);
    if (d.TrangThaiHoSo >= Status.done && d.KetQua.length > 0) {
      for (const r of d.KetQua) {
        if (this.queue.hasResult(item.dossier_id, r.TepId)) continue;
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
        this.queue.addResult(item.dossier_id, {
          fileId: r.TepId,
          name: r.TenTep,
          bytes,
          sha256: r.SHA256,
          signed: r.DaKy,
          verified,
        });
      }
      this.queue.update(item.id, { state: d.TrangThaiHoSo === Status.returned ? 'done' : 'result_ready' });
    } else if (
      [Status.refused, Status.withdrawn, Status.stopped, Status.returned].includes(d.TrangThaiHoSo as 3)
    ) {
      this.queue.update(item.id, { state: 'done' });
    }
    this.changed(item.dossier_id);
  }

  /** Trả kết quả: tells the portal who received the result (status 10), with the citizen's rating when given. */
  async sendReturn(portal: PortalConnector, item: ItemRow): Promise<void> {
    this.queue.update(item.id, { state: 'sending', wait_reason: null });
    const code = item.code ?? this.queue.itemOf(item.dossier_id, 'submit')?.code;
    if (!code) throw new StationError('result_not_ready', { id: item.dossier_id });
    const rating = this.opts.ratingOf?.(item.dossier_id) ?? undefined;
    const d = await portal.recordReturn(code, item.returned_to ?? '', new Date(item.created_at), rating);
    this.queue.markReturned(item.dossier_id, d.TrangThaiHoSo);
  }

  private changed(dossierId: string): void {
    this.ctx.emit('outbox.changed', { dossierId });
  }
}

/** How often an upload in progress records its offset (for the screen; see upload). */
const SAVE_MS = 500;

const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
