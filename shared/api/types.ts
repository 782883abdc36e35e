/** Domain shapes shared by the contract's rooms. */
import { z } from 'zod';
import { ErrorCode } from './errors';

import { Id } from './define';

export { Id };

/** thành phần hồ sơ — one document a procedure asks for (e.g. the birth declaration form). */
export const ProcedureComponent = z.object({
  code: z.string().min(1).max(32),
  name: z.string().min(1),
  required: z.boolean(),
  copies: z.number().int().min(1).default(1),
  /** The original must be shown at the counter (xuất trình bản chính). */
  original: z.boolean().optional(),
});
export type ProcedureComponent = z.infer<typeof ProcedureComponent>;

/** thủ tục hành chính (TTHC) — an administrative procedure from the catalogue. */
export const Procedure = z.object({
  code: z.string().min(1).max(64),
  name: z.string().min(1),
  field: z.string(),
  agency: z.string(),
  processingDays: z.number().min(0),
  feeVnd: z.number().int().min(0).default(0),
  components: z.array(ProcedureComponent).min(1),
  /** Level of the receiving unit: commune (cấp xã) or province (cấp tỉnh). */
  level: z.enum(['commune', 'province']).optional(),
  /** Cơ quan tiếp nhận / cơ quan quyết định. */
  receivingAgency: z.string().optional(),
  decidingAgency: z.string().optional(),
  /** Online level (dịch vụ công trực tuyến toàn trình / một phần). */
  onlineLevel: z.enum(['full', 'partial', 'none']).optional(),
  /** When the regulation gives the time in working hours instead of days. */
  processingHours: z.number().min(0).optional(),
  /** Ways to get the result (tại quầy, bưu chính, trực tuyến). */
  resultMethods: z.array(z.string()).optional(),
  /**
   * Giờ chốt nhận hồ sơ trong ngày ("HH:mm"): a dossier received after it counts from the next
   * working day (e.g. same-day procedures received after 15:00).
   */
  cutoffTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:mm')
    .optional(),
});
export type Procedure = z.infer<typeof Procedure>;

export const PageRotation = z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]);
export type PageRotation = z.infer<typeof PageRotation>;

export const Page = z.object({
  id: Id,
  componentCode: z.string(),
  position: z.number().int().min(0),
  sourceName: z.string(),
  mime: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  dpi: z.number().positive(),
  rotation: PageRotation,
  bytes: z.number().int().min(0),
});
export type Page = z.infer<typeof Page>;

export const ComponentPdf = z.object({
  pageCount: z.number().int().min(0),
  bytes: z.number().int().min(0),
  createdAt: z.string(),
  /** False when pages changed after the PDF was assembled. */
  current: z.boolean(),
  /** The signed copy of this PDF (sign room); null when unsigned or re-assembled since. */
  signed: z
    .object({
      signer: z.string(),
      signedAt: z.string(),
      level: z.enum(['B-B', 'B-T', 'B-LT', 'B-LTA']),
      bytes: z.number().int(),
    })
    .nullable()
    .optional(),
});
export type ComponentPdf = z.infer<typeof ComponentPdf>;

export const DossierComponent = ProcedureComponent.extend({
  pages: z.array(Page),
  pdf: ComponentPdf.nullable(),
});
export type DossierComponent = z.infer<typeof DossierComponent>;

/**
 * received: tiếp nhận; awaiting_completion: sent back for completion (bổ sung), the clock stops;
 * refused: từ chối giải quyết after reception (portal status 3); withdrawn: rút hồ sơ, the citizen
 * took the dossier back (portal status 7); stopped: the agency issued the notice that processing
 * stops (thông báo dừng giải quyết, form 07; portal status 8). The three endings are final.
 */
export const DossierStatus = z.enum([
  'draft',
  'received',
  'awaiting_completion',
  'refused',
  'withdrawn',
  'stopped',
]);
export type DossierStatus = z.infer<typeof DossierStatus>;
/** A dossier refused after reception, withdrawn or stopped: nothing more happens to it. */
export const isEnded = (s: DossierStatus): s is 'refused' | 'withdrawn' | 'stopped' =>
  s === 'refused' || s === 'withdrawn' || s === 'stopped';

export const DossierSummary = z.object({
  id: Id,
  procedureCode: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  status: DossierStatus,
  pageCount: z.number().int().min(0),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Mã hồ sơ, set when the dossier is received. */
  code: z.string().nullable().optional(),
  receivedAt: z.string().nullable().optional(),
  /** Ngày hẹn trả kết quả (ISO 8601, +07:00). */
  appointmentAt: z.string().nullable().optional(),
  /** When the portal reported the result, and when it was handed over (the outbox's record). */
  resolvedAt: z.string().nullable().optional(),
  handedOverAt: z.string().nullable().optional(),
  /** The outbox's state of the dossier's submission (an OutboxState), null before it is queued. */
  portalState: z.string().nullable().optional(),
});
export type DossierSummary = z.infer<typeof DossierSummary>;

/** Chủ hồ sơ — a citizen (công dân) or an organisation (tổ chức). Only what the receipt and the portal need. */
export const PersonApplicant = z.object({
  kind: z.literal('person'),
  /** Số CCCD — 12-digit citizen ID number. */
  idNumber: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  name: z.string().trim().min(1).max(300),
  birthDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  gender: z.enum(['male', 'female']).optional(),
  address: z.string().max(400).optional(),
  phone: z.string().max(40).optional(),
  email: z.string().max(200).optional(),
});
export const OrganisationApplicant = z.object({
  kind: z.literal('organisation'),
  name: z.string().trim().min(1).max(300),
  /** Mã số thuế. */
  taxCode: z
    .string()
    .regex(/^\d{10}(-\d{3})?$/)
    .optional(),
  representative: z.string().max(200).optional(),
  address: z.string().max(400).optional(),
  phone: z.string().max(40).optional(),
  email: z.string().max(200).optional(),
});
export const Applicant = z.discriminatedUnion('kind', [PersonApplicant, OrganisationApplicant]);
export type Applicant = z.infer<typeof Applicant>;

/** A required component received without pages, with the clerk's reason (e.g. original shown only). */
export const ComponentException = z.object({
  componentCode: z.string().min(1),
  reason: z.string().trim().min(3).max(500),
});
export type ComponentException = z.infer<typeof ComponentException>;

export const ClockStopRecord = z.object({
  from: z.string(),
  to: z.string().nullable(),
  reason: z.string(),
});

/**
 * Ủy quyền nộp hồ sơ trực tuyến — the citizen's consent for the station to submit
 * with their portal account on their behalf: ticked by the clerk at the counter
 * (`checkbox`) or a signed authorisation scanned as a component (`document`).
 * Without it the dossier is processed on paper and never queued online.
 */
export const ConsentGiven = z.object({
  how: z.enum(['checkbox', 'document']),
  /** The component holding the scanned signed authorisation (how = document). */
  componentCode: z.string().min(1).optional(),
});
export type ConsentGiven = z.infer<typeof ConsentGiven>;
export const ConsentRecord = ConsentGiven.extend({ by: z.string(), at: z.string() });
export type ConsentRecord = z.infer<typeof ConsentRecord>;

/** Đính chính: a supervisor's correction of a received dossier, while it is open (who, when, why). */
export const OpenCorrection = z.object({ reason: z.string(), by: z.string(), at: z.string() });
export type OpenCorrection = z.infer<typeof OpenCorrection>;
/** A finished correction as reception keeps it: `version` is the version it produced. */
export const CorrectionRecord = OpenCorrection.extend({
  version: z.number().int().min(2),
  finishedAt: z.string(),
  finishedBy: z.string(),
});
export type CorrectionRecord = z.infer<typeof CorrectionRecord>;

/** Cách thức nhận kết quả — how the applicant gets the result: at the counter, by post, online. */
export const ResultMethod = z.enum(['counter', 'post', 'online']);
export type ResultMethod = z.infer<typeof ResultMethod>;

/** Phiếu từ chối tiếp nhận (form 03): why the counter did not receive the dossier, who said so, when. */
export const RefusalRecord = z.object({ reason: z.string(), by: z.string(), at: z.string() });
export type RefusalRecord = z.infer<typeof RefusalRecord>;

/**
 * Thông báo dừng giải quyết hồ sơ (Circular 03/2025/TT-VPCP, Appendix I, form 05; the station's
 * form 07): why the agency stops processing a received dossier, who issued the notice, when.
 */
export const StopNoticeRecord = z.object({ reason: z.string(), by: z.string(), at: z.string() });
export type StopNoticeRecord = z.infer<typeof StopNoticeRecord>;

/**
 * Phiếu xin lỗi và hẹn lại ngày trả kết quả (form 04): a late dossier's apology with its new
 * appointment, and whether the delay was the agency's own doing (chủ quan) or not (khách quan).
 */
export const ApologyRecord = z.object({
  reason: z.string(),
  cause: z.enum(['subjective', 'objective']),
  previousAppointmentAt: z.string(),
  newAppointmentAt: z.string(),
  by: z.string(),
  at: z.string(),
});
export type ApologyRecord = z.infer<typeof ApologyRecord>;

/**
 * Why a dossier is received while a component with pages has no current signed PDF — the
 * one rule of every receiving path (the counter, the post office, a folder import): the
 * engine refuses it missing or shorter than UNSIGNED_REASON_MIN (shared/domain/sign-gaps.ts)
 * with a Vietnamese message, so the length is not checked here.
 */
export const UnsignedReason = z.string().trim().max(2000);
export type UnsignedReason = z.infer<typeof UnsignedReason>;

/**
 * Received with components not assembled or not signed: the clerk's reason (at least
 * UNSIGNED_REASON_MIN characters, shared/domain/sign-gaps.ts), the components as they were.
 */
export const UnsignedRecord = z.object({
  reason: z.string(),
  components: z.array(z.string()),
  by: z.string(),
  at: z.string(),
});
export type UnsignedRecord = z.infer<typeof UnsignedRecord>;

export const Dossier = DossierSummary.extend({
  components: z.array(DossierComponent),
  applicant: Applicant.nullable().optional(),
  exceptions: z.array(ComponentException).optional(),
  clockStops: z.array(ClockStopRecord).optional(),
  /** Cán bộ tiếp nhận — the clerk who received the dossier, as recorded at reception. */
  receivedBy: z.string().nullable().optional(),
  /** The consent recorded at reception; null: received for paper processing only. */
  consent: ConsentRecord.nullable().optional(),
  /** 1 as received, +1 for each finished correction. */
  version: z.number().int().min(1).optional(),
  /** The correction open now (pages editable again), or null. */
  correction: OpenCorrection.nullable().optional(),
  /** Finished corrections, oldest first. */
  corrections: z.array(CorrectionRecord).optional(),
  /**
   * Years the appointment was counted through whose holiday table nobody had confirmed (its
   * holidays computed): the appointment may move once that year's decision is known.
   */
  unconfirmedYears: z.array(z.number().int()).optional(),
  /** How the applicant gets the result, as chosen at reception. */
  resultMethod: ResultMethod.optional(),
  /** Where a result by post is delivered (chosen at reception). */
  deliveryAddress: z.string().nullable().optional(),
  /** Số thứ tự in the register book (sổ theo dõi hồ sơ), with the book. */
  register: z
    .object({ book: z.string(), year: z.number().int(), no: z.number().int() })
    .nullable()
    .optional(),
  /** The refusal to receive (form 03), when the counter refused the dossier. */
  refusal: RefusalRecord.nullable().optional(),
  /** Rút hồ sơ: the citizen withdrew the received dossier — why, the clerk who recorded it, when. */
  withdrawal: RefusalRecord.nullable().optional(),
  /** Apologies for lateness (form 04), oldest first; the appointment is the last one's new date. */
  apologies: z.array(ApologyRecord).optional(),
  /** Stop notices (station form 07), oldest first; form 07 prints the last one. */
  stopNotices: z.array(StopNoticeRecord).optional(),
  /** Received unsigned: why, and which components were not assembled or signed; null: all signed. */
  unsigned: UnsignedRecord.nullable().optional(),
  /**
   * What the privacy room purged after the retention period (docs/architecture.md, privacy):
   * when the applicant's details and when the local files were removed; null: nothing purged.
   */
  purged: z
    .object({ applicantAt: z.string().nullable(), filesAt: z.string().nullable() })
    .nullable()
    .optional(),
});
export type Dossier = z.infer<typeof Dossier>;

/** A file travelling over the contract; base64 keeps it identical on every transport. */
export const FileUpload = z.object({
  name: z.string().min(1).max(255),
  dataBase64: z.string(),
});
export type FileUpload = z.infer<typeof FileUpload>;

export const AppError = z.object({
  code: ErrorCode,
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  detail: z.string().optional(),
});
export type AppError = z.infer<typeof AppError>;

export const PageRejection = z.object({ name: z.string(), error: AppError });
