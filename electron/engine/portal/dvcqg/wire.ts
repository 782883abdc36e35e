/**
 * The National Public Service Portal's integration dialect (dịch vụ tích hợp DVCQG, reached
 * through the provincial integration platform, LGSP), as OpenCPS implements it: a session from
 * the auth endpoint, then `{session, madonvi, service, ...}` posted to the integration (or share)
 * endpoint; the answer carries `error_code` ("00"/0 = success) and `result`.
 * docs/portal-protocol.md, "DVCQG dialect", maps every station event to a service and its fields.
 */
import { z } from 'zod';
import { portalDate } from '../protocol';

/** Dates in this dialect: yyyyMMddHHmmss in Asia/Ho_Chi_Minh, as in our own protocol. */
export const dvcqgDate = portalDate;

export interface DvcqgConfig {
  adapterUrl: string;
  authEndpoint: string;
  integrationEndpoint: string;
  shareEndpoint: string;
  username: string;
  password: string;
  /** Mã đơn vị: the unit's code on the national portal. */
  madonvi: string;
  timeoutMs?: number;
}

/** Every answer: an error code (string or number) and, on success, a result. */
export const Envelope = z
  .object({
    error_code: z.union([z.string(), z.number()]).optional(),
    message: z.string().optional(),
    error_message: z.string().optional(),
    session: z.string().optional(),
    result: z.unknown().optional(),
  })
  .passthrough();
export type Envelope = z.infer<typeof Envelope>;

export function isSuccess(code: string | number | undefined): boolean {
  return code === undefined || Number(code) === 0;
}

/** A progress line as TraCuuHoSo may list it (CapNhatTienDoHoSoMC's item, as held). */
const ProgressLine = z
  .object({
    ThoiDiemXuLy: z.union([z.string(), z.number()]).optional(),
    TrangThai: z.union([z.string(), z.number()]).optional(),
    NoiDungXuLy: z.string().nullable().optional(),
  })
  .passthrough();

/** Whether the portal already holds this progress line: same instant, status and content. */
export function holdsLine(found: FoundDossier | undefined, line: DvcqgProgress): boolean {
  return (found?.QuaTrinhXuLy ?? []).some(
    (l) =>
      String(l.ThoiDiemXuLy ?? '') === line.ThoiDiemXuLy &&
      String(l.TrangThai ?? '') === line.TrangThai &&
      (l.NoiDungXuLy ?? '') === line.NoiDungXuLy,
  );
}

/** One row of TraCuuHoSo's result: the dossier as the national portal holds it. */
export const FoundDossier = z
  .object({
    MaHoSo: z.string(),
    MaTTHC: z.string().optional(),
    ChuHoSo: z.string().optional(),
    TrangThaiHoSo: z.union([z.string(), z.number()]).optional(),
    NgayHenTra: z.string().nullable().optional(),
    /**
     * The progress lines the portal holds, when its TraCuuHoSo lists them (the training portal
     * does): a line already there is not sent again after a lost answer. Absent: nothing to compare.
     */
    QuaTrinhXuLy: z.array(ProgressLine).nullable().optional().catch(undefined),
  })
  .passthrough();
export type FoundDossier = z.infer<typeof FoundDossier>;

/** One row of LayThuTuc's result: a procedure of the national database. */
export const Procedure = z
  .object({
    MATTHC: z.string().optional(),
    TENTTHC: z.string(),
    LINHVUCTHUCHIEN: z
      .array(z.object({ MALINHVUC: z.string(), TENLINHVUC: z.string() }).passthrough())
      .default([]),
  })
  .passthrough();
export type Procedure = z.infer<typeof Procedure>;

/** A submitted file, referenced by the URL the national portal downloads it from. */
export interface DvcqgFile {
  TepDinhKemId: string;
  TenTepDinhKem: string;
  IsDeleted: 'False' | 'True';
  MaThanhPhanHoSo: string;
  DuongDanTaiTepTin: string;
}

/** One completion request (yêu cầu bổ sung) with the appointment it moved. */
export interface DvcqgCompletion {
  HoSoBoSungId: string;
  NguoiYeuCauBoSung: string;
  NoiDungBoSung: string;
  NgayBoSung: string;
  NguoiTiepNhanBoSung: string;
  ThongTinTiepNhan: string;
  NgayTiepNhanBoSung: string;
  /** 0 asked, 1 received back. */
  TrangThaiBoSung: number;
  DanhSachGiayToBoSung: string;
  DanhSachLePhiBoSung: string;
  NgayHenTraTruoc: string;
  NgayHenTraMoi: string;
}

/** DongBoHoSoMC's `data[]` item (the fields the station fills). */
export interface DvcqgDossier {
  MaHoSo: string;
  MaTTHC: string;
  TenTTHC: string;
  MaLinhVuc: string;
  TenLinhVuc: string;
  ChuHoSo: string;
  LoaiDoiTuong: '1' | '2';
  MaDoiTuong: string;
  ThongTinKhac: string;
  Email: string;
  Fax: string;
  SoDienThoai: string;
  TrichYeuHoSo: string;
  NgayTiepNhan: string;
  NgayHenTra: string;
  TrangThaiHoSo: string;
  NgayTra: string;
  ThongTinTra: string;
  HinhThuc: string;
  NgayKetThucXuLy: string;
  DonViXuLy: string;
  GhiChu: string;
  TaiLieuNop: DvcqgFile[];
  DanhSachLePhi: unknown[];
  DanhSachTepDinhKemKhac: unknown[];
  DanhSachHoSoBoSung: DvcqgCompletion[];
  DanhSachGiayToKetQua: unknown[];
}

/** CapNhatTienDoHoSoMC's `data[]` item: one step of progress. */
export interface DvcqgProgress {
  MaHoSo: string;
  NguoiXuLy: string;
  ChucDanh: string;
  ThoiDiemXuLy: string;
  PhongBanXuLy: string;
  NoiDungXuLy: string;
  TrangThai: string;
  NgayBatDau: string;
  NgayKetThucTheoQuyDinh: string;
}
