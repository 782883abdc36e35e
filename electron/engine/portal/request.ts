import type { Dossier } from '../../../shared/api/contract';
import type { Rating, RatingReason } from '../../../shared/api/rooms/feedback';
import type { CounterEvent } from '../../../shared/api/rooms/outbox';
import { StationError } from '../../../shared/api/errors';
import {
  type CreateDossierRequest,
  type DeclaredFile,
  portalDate,
  type PortalRating,
  type RATING_REASONS,
} from './protocol';

/** The citizen's consent to the station acting for their portal account (UyQuyen). */
export interface ApplicantConsent {
  /** DongY: the portal takes no dossier without it. */
  given: boolean;
  /** When it was given (ISO 8601); the reception time when not known. */
  at: string | null;
  /** Ticked by the clerk at the counter, or a signed authorisation scanned into the dossier. */
  how?: 'checkbox' | 'document';
}

/** Mã hồ sơ as the portal knows it: the code given at reception; a dossier received before codes existed gets one from its id. */
export function portalCode(dossier: Pick<Dossier, 'id' | 'code'>, agencyCode: string): string {
  return dossier.code || `${agencyCode}-${dossier.id.slice(0, 8)}`;
}

/**
 * The portal's create request (docs/portal-protocol.md) for a received dossier, from what the dossier
 * room gives (`DossierService.get`, the applicant as reception keeps it), the files as frozen for
 * upload, and the citizen's consent — an explicit input, never assumed here.
 */
export function dossierRequest(input: {
  dossier: Dossier;
  code: string;
  files: DeclaredFile[];
  consent: ApplicantConsent;
}): CreateDossierRequest {
  const { dossier, code, consent } = input;
  if (!consent.given)
    throw new StationError(
      'portal_rejected',
      { reason: 'chưa có sự đồng ý ủy quyền của chủ hồ sơ' },
      'no consent recorded for the applicant',
    );
  const applicant = dossier.applicant ?? null;
  const receivedAt = dossier.receivedAt ?? dossier.createdAt;
  const account =
    applicant?.kind === 'organisation'
      ? applicant.taxCode
      : applicant?.kind === 'person'
        ? applicant.idNumber
        : undefined;
  return {
    MaHoSo: code,
    MaTTHC: dossier.procedureCode,
    TenTTHC: dossier.procedureName,
    ChuHoSo: dossier.applicantName,
    LoaiDoiTuong: applicant?.kind === 'organisation' ? 2 : 1,
    TrichYeuHoSo: `${dossier.procedureName} — ${dossier.applicantName}`.slice(0, 500),
    NgayTiepNhan: portalDate(new Date(receivedAt)),
    NgayHenTra: dossier.appointmentAt ? portalDate(new Date(dossier.appointmentAt)) : null,
    UyQuyen: {
      TaiKhoan: account ?? dossier.applicantName,
      DongY: true,
      ThoiDiemDongY: portalDate(new Date(consent.at ?? receivedAt)),
      HinhThuc: consent.how === 'document' ? 'VAN_BAN' : 'TAI_QUAY',
    },
    TaiLieuNop: input.files,
    HinhThucNhanKetQua: RESULT_METHOD[dossier.resultMethod ?? 'counter'],
    ...(dossier.resultMethod === 'post' && dossier.deliveryAddress
      ? { DiaChiNhanKetQua: dossier.deliveryAddress }
      : {}),
  };
}

const RESULT_METHOD = { counter: 'TAI_QUAY', post: 'BUU_CHINH', online: 'TRUC_TUYEN' } as const;

const RATING_LEVEL: Record<Rating['level'], PortalRating['MucDo']> = {
  very_satisfied: 1,
  satisfied: 2,
  unsatisfied: 3,
};
const RATING_REASON: Record<RatingReason, (typeof RATING_REASONS)[number]> = {
  attitude: 'THAI_DO',
  waiting: 'THOI_GIAN_CHO',
  guidance: 'HUONG_DAN',
  extra_papers: 'GIAY_TO_NGOAI_QUY_DINH',
  unofficial_fee: 'THU_PHI_NGOAI_QUY_DINH',
  appointment: 'HEN_TRA',
  facilities: 'CO_SO_VAT_CHAT',
  other: 'KHAC',
};

/** DanhGia (docs/portal-protocol.md, "Return"): the rating as the portal takes it; the clerk's name stays home. */
export function portalRating(r: Rating): PortalRating {
  return {
    MucDo: RATING_LEVEL[r.level],
    LyDo: r.reasons.map((x) => RATING_REASON[x]),
    ...(r.comment ? { GopY: r.comment.slice(0, 500) } : {}),
    ThoiGian: portalDate(new Date(r.at)),
    MaQuay: r.counter,
  };
}

/** The citizen's rating as a counter event of its own (docs/portal-protocol.md, "Events"). */
export function ratingEvent(r: Rating): CounterEvent {
  return {
    kind: 'rating',
    at: r.at,
    actor: r.clerk ?? '',
    content: [r.reasons.map((x) => RATING_REASON[x]).join(', '), r.comment ?? ''].filter(Boolean).join('. '),
    rating: RATING_LEVEL[r.level],
  };
}
