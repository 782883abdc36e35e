import { EVENT_STATUS, type PortalEvent, statusAfter } from '../events';
import type { PortalDossier } from '../protocol';
import { type DvcqgCompletion, type DvcqgDossier, type DvcqgProgress, dvcqgDate } from './wire';

export interface DossierExtra {
  TenTTHC?: string;
  MaLinhVuc?: string;
  TenLinhVuc?: string;
  TrichYeuHoSo?: string;
  LoaiDoiTuong?: 1 | 2;
  /** Where the national portal downloads a file from (the province's file service). */
  fileUrl: (fileId: string) => string;
  completions?: DvcqgCompletion[];
}

/** A dossier as the file service holds it → DongBoHoSoMC's data item. */
export function toDvcqgDossier(d: PortalDossier, status: number, x: DossierExtra): DvcqgDossier {
  return {
    MaHoSo: d.MaHoSo,
    MaTTHC: d.MaTTHC,
    TenTTHC: x.TenTTHC ?? '',
    MaLinhVuc: x.MaLinhVuc ?? '',
    TenLinhVuc: x.TenLinhVuc ?? '',
    ChuHoSo: d.ChuHoSo,
    LoaiDoiTuong: x.LoaiDoiTuong === 2 ? '2' : '1',
    MaDoiTuong: '',
    ThongTinKhac: '',
    Email: '',
    Fax: '',
    SoDienThoai: '',
    TrichYeuHoSo: x.TrichYeuHoSo ?? '',
    NgayTiepNhan: d.NgayTiepNhan,
    NgayHenTra: d.NgayHenTra ?? '',
    TrangThaiHoSo: String(status),
    NgayTra: '',
    ThongTinTra: '',
    HinhThuc: '0',
    NgayKetThucXuLy: '',
    DonViXuLy: '',
    GhiChu: '',
    TaiLieuNop: d.TaiLieuNop.map((f) => ({
      TepDinhKemId: f.TepId,
      TenTepDinhKem: f.TenTep,
      IsDeleted: 'False',
      MaThanhPhanHoSo: f.MaThanhPhanHoSo,
      DuongDanTaiTepTin: x.fileUrl(f.TepId),
    })),
    DanhSachLePhi: [],
    DanhSachTepDinhKemKhac: [],
    DanhSachHoSoBoSung: x.completions ?? [],
    DanhSachGiayToKetQua: [],
  };
}

/** What CapNhatTienDoHoSoMC says of an event (NoiDungXuLy carries the details). */
export function toProgress(code: string, e: PortalEvent, unit: string): DvcqgProgress {
  return {
    MaHoSo: code,
    NguoiXuLy: e.actor,
    ChucDanh: e.actorTitle ?? '',
    ThoiDiemXuLy: dvcqgDate(e.at),
    PhongBanXuLy: unit,
    NoiDungXuLy: contentOf(e),
    // A rating leaves the status as it is; the national portal's progress line still needs one.
    TrangThai: String(statusAfter(e) ?? EVENT_STATUS[e.kind]),
    NgayBatDau: dvcqgDate(e.at),
    NgayKetThucTheoQuyDinh: e.newAppointment ? dvcqgDate(e.newAppointment) : '',
  };
}

function contentOf(e: PortalEvent): string {
  switch (e.kind) {
    case 'result_post':
      return `Trả kết quả qua bưu chính: số hiệu ${e.tracking ?? ''}, ${postWord(e.postState)}. ${e.content}`.trim();
    case 'rating':
      return `Đánh giá của người dân: mức ${e.rating ?? 0}. ${e.content}`.trim();
    case 'apology':
      return `Xin lỗi và hẹn lại ngày trả: ${e.content}`;
    default:
      return e.content;
  }
}

function postWord(s: PortalEvent['postState']): string {
  return s === 'delivered' ? 'đã phát' : s === 'returned' ? 'chuyển hoàn' : 'đã gửi';
}

/** A completion request (or its resumption) as DanhSachHoSoBoSung carries it. */
export function toCompletion(code: string, e: PortalEvent, received: boolean): DvcqgCompletion {
  return {
    HoSoBoSungId: `${code}-${dvcqgDate(e.at)}`,
    NguoiYeuCauBoSung: e.actor,
    NoiDungBoSung: e.content,
    NgayBoSung: dvcqgDate(e.at),
    NguoiTiepNhanBoSung: received ? e.actor : '',
    ThongTinTiepNhan: received ? e.content : '',
    NgayTiepNhanBoSung: received ? dvcqgDate(e.at) : '',
    TrangThaiBoSung: received ? 1 : 0,
    DanhSachGiayToBoSung: '',
    DanhSachLePhiBoSung: '',
    NgayHenTraTruoc: e.oldAppointment ? dvcqgDate(e.oldAppointment) : '',
    NgayHenTraMoi: e.newAppointment ? dvcqgDate(e.newAppointment) : '',
  };
}
