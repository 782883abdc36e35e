import type {
  ApologyRequest,
  ChunkAck,
  CorrectionRequest,
  CreateDossierRequest,
  EventRequest,
  Payment,
  PaymentReceipt,
  PaymentRequest,
  PortalDossier,
  PortalFile,
  PortalRating,
} from './protocol';

/**
 * Why a portal call failed, as the outbox needs to know it:
 * - `transient`: the line, a timeout, a 5xx — try again later, nothing is lost;
 * - `session`: the session expired — authenticate again, then retry at once;
 * - `offset`: the portal holds a different amount of a file — resume from `received`;
 * - `rejected`: the portal refused the request as such — a clerk must act.
 */
export type PortalFailureKind = 'transient' | 'session' | 'offset' | 'rejected';

export class PortalFailure extends Error {
  constructor(
    readonly kind: PortalFailureKind,
    /** The portal's MaLoi, or a local code (`network`, `timeout`, `http_<status>`). */
    readonly portalCode: string,
    message: string,
    readonly received?: number,
  ) {
    super(message);
    this.name = 'PortalFailure';
  }
}

/**
 * What the station needs from a public-service portal. One interface; the
 * HTTP implementation (docs/portal-protocol.md) is the first. Every method is
 * safe to repeat: create is keyed by an idempotency key, chunks by their
 * offset, submit and return by the dossier's state.
 */
export interface PortalConnector {
  readonly url: string;
  /** Logs the station in; called again automatically when the session expires. */
  authenticate(): Promise<void>;
  createDossier(req: CreateDossierRequest, idempotencyKey: string): Promise<PortalDossier>;
  getDossier(code: string): Promise<PortalDossier>;
  fileStatus(code: string, fileId: string): Promise<PortalFile>;
  uploadChunk(code: string, fileId: string, offset: number, chunk: Uint8Array): Promise<ChunkAck>;
  submit(code: string): Promise<PortalDossier>;
  /** Đính chính: declares a new version's files (answer: the dossier with that version's TepIds). */
  correctDossier(code: string, req: CorrectionRequest, idempotencyKey: string): Promise<PortalDossier>;
  /** Confirms a correction once its files are complete: the dossier is at that version from then on. */
  confirmCorrection(code: string, version: number): Promise<PortalDossier>;
  /** Xin lỗi và hẹn lại: records a late dossier's apology and its new appointment (NgayHenTra). */
  apologize(code: string, req: ApologyRequest, idempotencyKey: string): Promise<PortalDossier>;
  /** Sự kiện tại quầy: one counter event of the dossier, once per idempotency key (docs/portal-protocol.md, "Events"). */
  recordEvent(code: string, req: EventRequest, idempotencyKey: string): Promise<PortalDossier>;
  fetchResult(code: string, fileId: string): Promise<Buffer>;
  /** Trả kết quả; `rating`: the citizen's rating at the counter, when they gave one (DanhGia). */
  recordReturn(code: string, returnedTo: string, at: Date, rating?: PortalRating): Promise<PortalDossier>;
  createPayment(req: Omit<PaymentRequest, 'MaKiemTra'>): Promise<Payment>;
  getPayment(reference: string): Promise<Payment>;
  paymentReceipt(reference: string): Promise<PaymentReceipt>;
  /** Cheap reachability check (no session needed). */
  ping(): Promise<boolean>;
}
