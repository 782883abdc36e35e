import { z } from 'zod';
import { type PortalConnector, PortalFailure } from '../connector';
import { eventOf, type PortalEvent } from '../events';
import type { HttpPortal } from '../http';
import {
  API,
  type ApologyRequest,
  type CorrectionRequest,
  type CreateDossierRequest,
  type EventRequest,
  type PaymentRequest,
  type PortalDossier,
  type PortalRating,
  parsePortalDate,
  Status,
} from '../protocol';
import { DvcqgClient } from './client';
import { toCompletion, toDvcqgDossier, toProgress } from './mapping';
import { type DvcqgConfig, FoundDossier, holdsLine, Procedure } from './wire';

/**
 * The DVCQG dialect behind the station's PortalConnector. Files go first to the file service the
 * province names (our protocol's resumable upload, `files`); the dossier then reaches the national
 * portal by DongBoHoSoMC, looked up with TraCuuHoSo first so a replay goes as isUpdating "True";
 * each change of state by CapNhatTienDoHoSoMC.
 */
export class DvcqgPortal implements PortalConnector {
  readonly url: string;
  readonly client: DvcqgClient;

  constructor(
    private readonly cfg: DvcqgConfig,
    private readonly files: HttpPortal,
  ) {
    this.client = new DvcqgClient(cfg);
    this.url = this.client.url;
  }

  async authenticate(): Promise<void> {
    await this.client.login();
    await this.files.authenticate();
  }
  ping(): Promise<boolean> {
    return this.files.ping();
  }
  createDossier(req: CreateDossierRequest, key: string) {
    return this.files.createDossier(req, key);
  }
  getDossier(code: string) {
    return this.files.getDossier(code);
  }
  fileStatus(code: string, fileId: string) {
    return this.files.fileStatus(code, fileId);
  }
  uploadChunk(code: string, fileId: string, offset: number, chunk: Uint8Array) {
    return this.files.uploadChunk(code, fileId, offset, chunk);
  }
  fetchResult(code: string, fileId: string) {
    return this.files.fetchResult(code, fileId);
  }
  createPayment(req: Omit<PaymentRequest, 'MaKiemTra'>) {
    return this.files.createPayment(req);
  }
  getPayment(reference: string) {
    return this.files.getPayment(reference);
  }
  paymentReceipt(reference: string) {
    return this.files.paymentReceipt(reference);
  }

  /** Files complete on the file service: the dossier goes to the national portal, then is closed there. */
  async submit(code: string): Promise<PortalDossier> {
    const d = await this.files.getDossier(code);
    await this.syncDossier(d, Status.received);
    return this.files.submit(code);
  }

  async correctDossier(code: string, req: CorrectionRequest, key: string) {
    return this.files.correctDossier(code, req, key);
  }

  async confirmCorrection(code: string, version: number) {
    const d = await this.files.confirmCorrection(code, version);
    await this.syncDossier(d, Status.processing);
    return d;
  }

  async apologize(code: string, req: ApologyRequest, key: string) {
    const d = await this.files.apologize(code, req, key);
    await this.sendEvent(code, {
      kind: 'apology',
      at: parsePortalDate(req.NgayXinLoi),
      actor: '',
      content: req.LyDo,
      oldAppointment: parsePortalDate(req.NgayHenTraCu),
      newAppointment: parsePortalDate(req.NgayHenTraMoi),
    });
    return d;
  }

  /** A counter event: kept by the file service (its status follows), then told to the national portal. */
  async recordEvent(code: string, req: EventRequest, key: string) {
    const d = await this.files.recordEvent(code, req, key);
    await this.sendEvent(code, eventOf(req));
    return d;
  }

  async recordReturn(code: string, returnedTo: string, at: Date, rating?: PortalRating) {
    const d = await this.files.recordReturn(code, returnedTo, at, rating);
    await this.sendEvent(code, { kind: 'handover', at, actor: '', content: `Trả kết quả cho ${returnedTo}` });
    return d;
  }

  /** TraCuuHoSo: the dossier as the national portal holds it (undefined: not there). */
  private async lookup(code: string): Promise<FoundDossier | undefined> {
    const found = await this.client.list('TraCuuHoSo', { mahoso: code }, FoundDossier);
    return found.find((f) => f.MaHoSo === code);
  }

  /**
   * DongBoHoSoMC for one dossier: TraCuuHoSo first decides isUpdating (`held`: its answer, when the
   * caller just asked); a dossier the national portal holds for another procedure or applicant is
   * stopped, never overwritten.
   */
  async syncDossier(
    d: PortalDossier,
    status: number,
    completion?: PortalEvent,
    held?: { found: FoundDossier | undefined },
  ): Promise<'created' | 'updated'> {
    const same = held ? held.found : await this.lookup(d.MaHoSo);
    if (same && ((same.MaTTHC && same.MaTTHC !== d.MaTTHC) || (same.ChuHoSo && same.ChuHoSo !== d.ChuHoSo)))
      throw new PortalFailure(
        'rejected',
        'dossier_conflict',
        `TraCuuHoSo: ${d.MaHoSo} exists on the national portal with other data (${same.MaTTHC ?? ''}, ${same.ChuHoSo ?? ''})`,
      );
    const completions = completion
      ? [toCompletion(d.MaHoSo, completion, completion.kind === 'completion_resume')]
      : [];
    const item = toDvcqgDossier(d, status, {
      fileUrl: (id) =>
        `${this.files.url}${API}/ho-so/${encodeURIComponent(d.MaHoSo)}/tep/${encodeURIComponent(id)}`,
      completions,
    });
    if (completion?.newAppointment)
      item.NgayHenTra = toProgress(d.MaHoSo, completion, '').NgayKetThucTheoQuyDinh;
    // A success without its result list proves nothing: never taken as delivered.
    await this.client.list(
      'DongBoHoSoMC',
      { isUpdating: same ? 'True' : 'False', data: [item] },
      z.unknown(),
    );
    return same ? 'updated' : 'created';
  }

  /**
   * One counter event: the dossier updated when the event moves its appointment, then its progress
   * line. CapNhatTienDoHoSoMC has no key, so TraCuuHoSo is asked first: a line the portal already
   * holds (sent before, its answer lost) is not sent again. Answers whether the line was sent now.
   */
  async sendEvent(code: string, e: PortalEvent): Promise<'sent' | 'already_held'> {
    const line = toProgress(code, e, this.cfg.madonvi);
    const found = await this.lookup(code);
    if (e.kind === 'completion_request' || e.kind === 'completion_resume') {
      const d = await this.files.getDossier(code);
      await this.syncDossier(d, e.kind === 'completion_request' ? 5 : 4, e, { found });
    }
    if (holdsLine(found, line)) return 'already_held';
    await this.client.list('CapNhatTienDoHoSoMC', { data: [line] }, z.unknown());
    return 'sent';
  }

  /** LayThuTuc: the national database's name and field of a procedure (null: unknown there). */
  async procedure(code: string): Promise<{ name: string; fieldCode: string; fieldName: string } | null> {
    const rows = await this.client.list('LayThuTuc', { maTTHC: code }, Procedure, true);
    const p = rows[0];
    if (!p) return null;
    const field = p.LINHVUCTHUCHIEN[0];
    return { name: p.TENTTHC, fieldCode: field?.MALINHVUC ?? '', fieldName: field?.TENLINHVUC ?? '' };
  }
}
