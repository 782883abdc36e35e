/**
 * The station ↔ portal protocol (docs/portal-protocol.md): JSON over HTTP,
 * field names kept close to the one-stop systems' own (MaHoSo = dossier code,
 * MaTTHC = procedure code, ChuHoSo = applicant, TaiLieuNop = submitted files,
 * TrangThaiHoSo = dossier status) so an adapter for a real province stays thin.
 * Shared by the HTTP connector and the sandbox portal.
 */
import crypto from 'node:crypto';
import { z } from 'zod';

export const API = '/api/v1';

/** TrangThaiHoSo — the portal's dossier status codes. */
export const Status = {
  /** mới đăng ký */ registered: 1,
  /** đã tiếp nhận */ received: 2,
  /** từ chối */ refused: 3,
  /** đang xử lý */ processing: 4,
  /** yêu cầu bổ sung */ completionRequested: 5,
  /** yêu cầu thực hiện nghĩa vụ tài chính */ feeRequested: 6,
  /** rút hồ sơ */ withdrawn: 7,
  /** dừng xử lý */ stopped: 8,
  /** đã có kết quả */ done: 9,
  /** đã trả kết quả */ returned: 10,
} as const;
export const StatusCode = z.number().int().min(1).max(10);

/** Dates on the wire: yyyyMMddHHmmss in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
export function portalDate(d: Date = new Date()): string {
  const t = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return t.slice(0, 19).replace(/[-T:]/g, '');
}
export function parsePortalDate(s: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) throw new Error(`not a portal date: ${s}`);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+07:00`);
}
export const PortalDate = z.string().regex(/^\d{14}$/);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const AuthRequest = z.object({ MaTram: z.string().min(1), KhoaBiMat: z.string().min(1) });
export const AuthResponse = z.object({ AccessToken: z.string().min(1), HetHan: PortalDate });

/** One file declared when the dossier is created (TaiLieuNop item). */
export const DeclaredFile = z.object({
  MaThanhPhanHoSo: z.string().min(1),
  TenTep: z.string().min(1).max(200),
  KichThuoc: z.number().int().min(1),
  SHA256: Sha256,
});
export type DeclaredFile = z.infer<typeof DeclaredFile>;

/** The citizen's (or organisation's) consent, recorded at the counter, to act for their account. */
export const Consent = z.object({
  /** Tài khoản công dân: ID number or account name the portal knows. */
  TaiKhoan: z.string().min(1),
  DongY: z.literal(true),
  ThoiDiemDongY: PortalDate,
  /** How consent was given: confirmed at the counter (TAI_QUAY), or a signed authorisation (VAN_BAN). */
  HinhThuc: z.enum(['TAI_QUAY', 'VAN_BAN']),
});

export const CreateDossierRequest = z.object({
  MaHoSo: z.string().min(1).max(64),
  MaTTHC: z.string().min(1),
  TenTTHC: z.string(),
  ChuHoSo: z.string().min(1),
  /** 1 citizen, 2 organisation. */
  LoaiDoiTuong: z.union([z.literal(1), z.literal(2)]),
  TrichYeuHoSo: z.string(),
  NgayTiepNhan: PortalDate,
  NgayHenTra: PortalDate.nullable(),
  UyQuyen: Consent,
  TaiLieuNop: z.array(DeclaredFile).min(1).max(100),
  /** Hình thức nhận kết quả chosen at reception, and the delivery address of a result by post. */
  HinhThucNhanKetQua: z.enum(['TAI_QUAY', 'BUU_CHINH', 'TRUC_TUYEN']).optional(),
  DiaChiNhanKetQua: z.string().max(300).optional(),
});
export type CreateDossierRequest = z.infer<typeof CreateDossierRequest>;

export const PortalFile = DeclaredFile.extend({
  TepId: z.string().min(1),
  /** Bytes the portal holds, confirmed: the offset to resume from. */
  DaNhan: z.number().int().min(0),
  HoanTat: z.boolean(),
});
export type PortalFile = z.infer<typeof PortalFile>;

export const ResultFile = z.object({
  TepId: z.string().min(1),
  TenTep: z.string(),
  KichThuoc: z.number().int(),
  SHA256: Sha256,
  DaKy: z.boolean(),
});
export type ResultFile = z.infer<typeof ResultFile>;

export const PortalDossier = z.object({
  MaHoSo: z.string(),
  /** Phiên bản: 1 as created, then the number of the last confirmed correction (đính chính). */
  PhienBan: z.number().int().min(1).default(1),
  MaTTHC: z.string(),
  ChuHoSo: z.string(),
  TrangThaiHoSo: StatusCode,
  NgayTiepNhan: PortalDate,
  NgayHenTra: PortalDate.nullable(),
  NgayNop: PortalDate.nullable(),
  NgayCapNhat: PortalDate,
  TaiLieuNop: z.array(PortalFile),
  KetQua: z.array(ResultFile),
});
export type PortalDossier = z.infer<typeof PortalDossier>;

/**
 * Đính chính (docs/portal-protocol.md): the corrected files of a dossier already on the
 * portal, as a new version; idempotent on the Idempotency-Key header like creation.
 */
export const CorrectionRequest = z.object({
  PhienBan: z.number().int().min(2),
  LyDo: z.string().min(1).max(2000),
  TaiLieuNop: z.array(DeclaredFile).min(1).max(100),
});
export type CorrectionRequest = z.infer<typeof CorrectionRequest>;

/**
 * Xin lỗi và hẹn lại ngày trả kết quả (docs/portal-protocol.md): a late dossier's apology, its
 * reason and cause (chủ quan: the agency's own doing; khách quan: not), the appointment it
 * replaces and the new one; idempotent on the Idempotency-Key header.
 */
export const ApologyRequest = z.object({
  LyDo: z.string().min(1).max(2000),
  NguyenNhan: z.enum(['CHU_QUAN', 'KHACH_QUAN']),
  NgayHenTraCu: PortalDate,
  NgayHenTraMoi: PortalDate,
  NgayXinLoi: PortalDate,
});
export type ApologyRequest = z.infer<typeof ApologyRequest>;

/**
 * Sự kiện tại quầy (docs/portal-protocol.md, "Events"): one counter event of a dossier — a
 * completion request or its resumption (with the old and new appointment), a refusal, a
 * withdrawal, a stop notice (dừng xử lý), a result by post (tracking number, delivered, returned), a rating. The portal
 * records it once per Idempotency-Key and leaves the dossier in TrangThaiHoSo.
 */
export const EventRequest = z.object({
  LoaiSuKien: z.enum([
    'YEU_CAU_BO_SUNG',
    'TIEP_NHAN_BO_SUNG',
    'TU_CHOI',
    'RUT_HO_SO',
    'DUNG_XU_LY',
    'BUU_CHINH',
    'DANH_GIA',
  ]),
  /** The status the event leaves the dossier in; absent (a rating): unchanged. */
  TrangThaiHoSo: StatusCode.optional(),
  ThoiDiem: PortalDate,
  NguoiXuLy: z.string().max(200),
  NoiDung: z.string().max(2000),
  NgayHenTraCu: PortalDate.optional(),
  NgayHenTraMoi: PortalDate.optional(),
  SoHieuBuuGui: z.string().max(20).optional(),
  TrangThaiBuuGui: z.enum(['DA_GIAO_BUU_TA', 'DA_PHAT', 'CHUYEN_HOAN']).optional(),
  MucDanhGia: z.number().int().min(1).max(3).optional(),
});
export type EventRequest = z.infer<typeof EventRequest>;

export const ChunkAck = z.object({ DaNhan: z.number().int().min(0), HoanTat: z.boolean() });
export type ChunkAck = z.infer<typeof ChunkAck>;

/** Lý do of a "Không hài lòng" on the wire (docs/portal-protocol.md, "Return"). */
export const RATING_REASONS = [
  'THAI_DO',
  'THOI_GIAN_CHO',
  'HUONG_DAN',
  'GIAY_TO_NGOAI_QUY_DINH',
  'THU_PHI_NGOAI_QUY_DINH',
  'HEN_TRA',
  'CO_SO_VAT_CHAT',
  'KHAC',
] as const;

/**
 * Đánh giá hài lòng: the citizen's rating at the counter, sent with the hand-over when there is
 * one. MucDo 1 rất hài lòng, 2 hài lòng, 3 không hài lòng; MaQuay the counter; never who rated.
 */
export const PortalRating = z.object({
  MucDo: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  LyDo: z.array(z.enum(RATING_REASONS)).max(RATING_REASONS.length),
  GopY: z.string().max(500).optional(),
  ThoiGian: PortalDate,
  MaQuay: z.string().min(1).max(16),
});
export type PortalRating = z.infer<typeof PortalRating>;

export const ReturnRequest = z.object({
  NgayTra: PortalDate,
  NguoiNhan: z.string().min(1),
  DanhGia: PortalRating.optional(),
});

/** Payment request through the portal's payment platform. */
export const PaymentRequest = z.object({
  MaDoiTac: z.string().min(1),
  MaThamChieu: z.string().min(1).max(64),
  MaHoSo: z.string().min(1),
  SoTien: z.number().int().min(1),
  DonViTienTe: z.literal('VND'),
  MoTa: z.string().max(200),
  ThoiGian: PortalDate,
  MaKiemTra: Sha256,
});
export type PaymentRequest = z.infer<typeof PaymentRequest>;
export const PaymentState = z.enum(['CHO_THANH_TOAN', 'DA_THANH_TOAN', 'HUY']);
export const Payment = z.object({
  MaThamChieu: z.string(),
  MaGiaoDich: z.string(),
  MaHoSo: z.string(),
  SoTien: z.number().int(),
  TrangThai: PaymentState,
  DuongDanThanhToan: z.string(),
  NgayThanhToan: PortalDate.nullable(),
});
export type Payment = z.infer<typeof Payment>;
export const PaymentReceipt = z.object({
  SoBienLai: z.string(),
  MaThamChieu: z.string(),
  MaHoSo: z.string(),
  SoTien: z.number().int(),
  NgayThanhToan: PortalDate,
  NoiDung: z.string(),
});
export type PaymentReceipt = z.infer<typeof PaymentReceipt>;

/** MaKiemTra: SHA-256 over the request's fields joined by `|`, then the shared secret. */
export function paymentCheckCode(p: Omit<PaymentRequest, 'MaKiemTra'>, secret: string): string {
  const fields = [p.MaDoiTac, p.MaThamChieu, p.MaHoSo, String(p.SoTien), p.DonViTienTe, p.MoTa, p.ThoiGian];
  return crypto
    .createHash('sha256')
    .update([...fields, secret].join('|'), 'utf8')
    .digest('hex');
}

/** Every error answer: MaLoi (stable code) and ThongDiep (message for a person). */
export const PortalErrorBody = z.object({
  MaLoi: z.string(),
  ThongDiep: z.string(),
  DaNhan: z.number().int().min(0).optional(),
});
export type PortalErrorBody = z.infer<typeof PortalErrorBody>;

export const ErrorCodes = {
  badRequest: 'YEU_CAU_SAI',
  unauthorized: 'CHUA_XAC_THUC',
  sessionExpired: 'PHIEN_HET_HAN',
  notFound: 'KHONG_TIM_THAY',
  conflict: 'TRUNG_MA_HO_SO',
  offsetMismatch: 'LECH_VI_TRI',
  chunkCorrupt: 'SAI_MA_BAM_DOAN',
  fileCorrupt: 'SAI_MA_BAM_TEP',
  incomplete: 'CHUA_DU_TEP',
  badCheckCode: 'SAI_MA_KIEM_TRA',
  unavailable: 'TAM_NGUNG',
  /** A correction's version is not above the dossier's, under another key. */
  staleVersion: 'PHIEN_BAN_CU',
} as const;

/** Header names. */
export const H = {
  idempotency: 'idempotency-key',
  chunkSha: 'x-chunk-sha256',
} as const;

/** The chunk size the station uses; the portal accepts any chunk up to MAX_CHUNK. */
export const CHUNK = 256 * 1024;
export const MAX_CHUNK = 4 * 1024 * 1024;
