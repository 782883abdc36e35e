import { type EventRequest, parsePortalDate, portalDate } from './protocol';

/**
 * The counter's events the portal must hear, in either dialect, each its own outbox item
 * ordered per dossier (docs/portal-protocol.md, "Events").
 */
export type PortalEventKind =
  /** yêu cầu bổ sung: the clock stops, the dossier waits for the citizen (status 5) */
  | 'completion_request'
  /** bổ sung đã nhận: the clock runs again with a new appointment (back to 4) */
  | 'completion_resume'
  /** từ chối (3) */
  | 'refusal'
  /** rút hồ sơ (7) */
  | 'withdrawal'
  /** thông báo dừng giải quyết hồ sơ (8) */
  | 'stop'
  /** đính chính: the data or files corrected */
  | 'correction'
  /** xin lỗi và hẹn lại: a new appointment */
  | 'apology'
  /** trả kết quả qua bưu chính: tracking number, delivered or returned */
  | 'result_post'
  /** trả kết quả tại quầy (10) */
  | 'handover'
  /** đánh giá của người dân */
  | 'rating';

export interface PortalEvent {
  kind: PortalEventKind;
  /** When it happened at the counter. */
  at: Date;
  /** Who acted (clerk's name) and their title. */
  actor: string;
  actorTitle?: string;
  /** What happened, in the clerk's words (reason, content of the request, rating). */
  content: string;
  /** The appointment before and after (completion, apology). */
  oldAppointment?: Date | null;
  newAppointment?: Date | null;
  /** result_post: the tracking number and how the delivery ended. */
  tracking?: string;
  postState?: 'sent' | 'delivered' | 'returned';
  /** rating: 1 very satisfied … 3 unsatisfied. */
  rating?: number;
}

/** The dossier status (TrangThaiHoSo, codes 1–10) each event leaves the dossier in. */
export const EVENT_STATUS: Record<PortalEventKind, number> = {
  completion_request: 5,
  completion_resume: 4,
  refusal: 3,
  withdrawal: 7,
  stop: 8,
  correction: 4,
  apology: 4,
  result_post: 10,
  handover: 10,
  rating: 10,
};

/** The station's own dossier states (shared/domain) → the portal's status codes 1–10. */
export const STATION_STATUS: Record<string, number> = {
  draft: 1,
  received: 2,
  processing: 4,
  waiting_completion: 5,
  fee_requested: 6,
  refused: 3,
  withdrawn: 7,
  stopped: 8,
  done: 9,
  returned: 10,
};

/** The SoHoa protocol's name of each counter event sent as such (docs/portal-protocol.md, "Events"). */
export const EVENT_WIRE = {
  completion_request: 'YEU_CAU_BO_SUNG',
  completion_resume: 'TIEP_NHAN_BO_SUNG',
  refusal: 'TU_CHOI',
  withdrawal: 'RUT_HO_SO',
  stop: 'DUNG_XU_LY',
  result_post: 'BUU_CHINH',
  rating: 'DANH_GIA',
} as const satisfies Partial<Record<PortalEventKind, EventRequest['LoaiSuKien']>>;
export type WireEventKind = keyof typeof EVENT_WIRE;

const POST_WIRE = { sent: 'DA_GIAO_BUU_TA', delivered: 'DA_PHAT', returned: 'CHUYEN_HOAN' } as const;

/** The status an event leaves the dossier in: a result by post is returned (10) only once delivered. */
export function statusAfter(e: PortalEvent): number | undefined {
  if (e.kind === 'rating') return undefined;
  if (e.kind === 'result_post') return e.postState === 'delivered' ? 10 : 9;
  return EVENT_STATUS[e.kind];
}

/** A counter event as the SoHoa protocol sends it (POST /ho-so/{MaHoSo}/su-kien). */
export function eventRequest(e: PortalEvent & { kind: WireEventKind }): EventRequest {
  const opt = <T>(v: T | null | undefined) => (v === null ? undefined : v);
  return {
    LoaiSuKien: EVENT_WIRE[e.kind],
    TrangThaiHoSo: statusAfter(e),
    ThoiDiem: portalDate(e.at),
    NguoiXuLy: e.actor,
    NoiDung: e.content,
    NgayHenTraCu: e.oldAppointment ? portalDate(e.oldAppointment) : undefined,
    NgayHenTraMoi: e.newAppointment ? portalDate(e.newAppointment) : undefined,
    SoHieuBuuGui: opt(e.tracking),
    TrangThaiBuuGui: e.postState ? POST_WIRE[e.postState] : undefined,
    MucDanhGia: opt(e.rating),
  };
}

/** Back from the wire (the DVCQG connector maps it on to CapNhatTienDoHoSoMC / DongBoHoSoMC). */
export function eventOf(r: EventRequest): PortalEvent {
  const kind = (Object.keys(EVENT_WIRE) as WireEventKind[]).find((k) => EVENT_WIRE[k] === r.LoaiSuKien)!;
  const post = (Object.keys(POST_WIRE) as (keyof typeof POST_WIRE)[]).find(
    (k) => POST_WIRE[k] === r.TrangThaiBuuGui,
  );
  return {
    kind,
    at: parsePortalDate(r.ThoiDiem),
    actor: r.NguoiXuLy,
    content: r.NoiDung,
    oldAppointment: r.NgayHenTraCu ? parsePortalDate(r.NgayHenTraCu) : null,
    newAppointment: r.NgayHenTraMoi ? parsePortalDate(r.NgayHenTraMoi) : null,
    tracking: r.SoHieuBuuGui,
    postState: post,
    rating: r.MucDanhGia,
  };
}
