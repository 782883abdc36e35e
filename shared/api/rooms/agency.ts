import { z } from 'zod';
import { AGENCY_CODE_RE } from '../../domain/dossier-code';
import { call, DossierRef, FileOut, Id } from '../define';
import { ComponentException, ConsentGiven, Dossier, ResultMethod, UnsignedReason } from '../types';

/**
 * The post-office counter (điểm phục vụ bưu chính, Decision 45/2016/QĐ-TTg): the agencies a postal
 * station receives for, the money of each dossier, the handover of the paper originals (bàn giao
 * hồ sơ giấy), the cash book (sổ thu) and results delivered by post (docs/architecture.md, agency).
 */
/** Mã định danh of an agency; its shape (AGENCY_CODE_RE) is checked by the engine, refused in words. */
export const AgencyCode = z.string().trim().min(1).max(40);
export { AGENCY_CODE_RE };
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** Một cơ quan the post office serves: its code gives the dossier codes; only its procedures are accepted. */
export const Agency = z.object({
  code: AgencyCode,
  name: z.string().trim().min(1).max(200),
  level: z.enum(['commune', 'district', 'province', 'central']),
  procedures: z.array(z.string().trim().min(1).max(40)).min(1).max(500),
  /** Who takes the paper originals at the agency (name, phone). */
  contact: z.string().trim().max(200).default(''),
  /** The agreed time to hand the originals over, in days after reception. */
  handoverDays: z.number().int().min(0).max(30).default(1),
});
export type Agency = z.infer<typeof Agency>;

/** The money of one dossier: the procedure's fee and the postal charges as separate lines. */
export const MoneyLine = z.object({
  kind: z.enum(['fee', 'pickup', 'return']),
  amount: z.number().int().min(0),
});
export const DossierMoney = z.object({
  dossierId: Id,
  code: z.string(),
  agencyCode: z.string(),
  applicantName: z.string(),
  procedureCode: z.string(),
  lines: z.array(MoneyLine),
  total: z.number().int(),
  payMethod: z.enum(['cash', 'online']),
  reference: z.string(),
  receivedAt: z.string(),
});
export type DossierMoney = z.infer<typeof DossierMoney>;

export const HandoverLine = z.object({
  dossierId: Id,
  code: z.string(),
  applicantName: z.string(),
  procedureName: z.string(),
  components: z.array(z.object({ name: z.string(), sheets: z.number().int() })),
  sheets: z.number().int(),
  note: z.string(),
});
export type HandoverLine = z.infer<typeof HandoverLine>;

export const Handover = z.object({
  agencyCode: z.string(),
  day: z.string(),
  dossiers: z.number().int(),
  confirmedAt: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  /** The scanned signed list, when one was attached. */
  scanName: z.string().nullable(),
});
export type Handover = z.infer<typeof Handover>;

export const BacklogLine = z.object({
  dossierId: Id,
  code: z.string(),
  agencyCode: z.string(),
  applicantName: z.string(),
  receivedAt: z.string(),
  dueDay: z.string(),
});

/** A result travelling by post (Trả kết quả qua bưu chính). */
export const PostResult = z.object({
  dossierId: Id,
  code: z.string(),
  applicantName: z.string(),
  address: z.string(),
  agencyCode: z.string(),
  resolvedAt: z.string().nullable(),
  tracking: z.string().nullable(),
  state: z.enum(['waiting', 'with_delivery', 'delivered', 'returned']),
  at: z.string().nullable(),
});
export type PostResult = z.infer<typeof PostResult>;

export const AgencyFigure = z.object({
  agencyCode: z.string(),
  agencyName: z.string(),
  received: z.number().int(),
  handedOver: z.number().int(),
  notHandedOver: z.number().int(),
  byPost: z.number().int(),
  delivered: z.number().int(),
  fees: z.number().int(),
  postalCharges: z.number().int(),
});

export const EndOfDay = z.object({
  day: z.string(),
  /** Received dossiers the portal does not have yet (scanned, not yet sent). */
  notSent: z.number().int(),
  uploadWindowFrom: z.string(),
  /** Inside the upload window now (always when there is none). */
  uploadOpen: z.boolean(),
  agencies: z.array(
    z.object({
      agencyCode: z.string(),
      agencyName: z.string(),
      toHandOver: z.number().int(),
      handover: Handover.nullable(),
      cash: z.number().int(),
      online: z.number().int(),
    }),
  ),
  backlog: z.array(BacklogLine),
});
export type EndOfDay = z.infer<typeof EndOfDay>;

const Format = z.enum(['pdf', 'xlsx']);

export const agencyCalls = {
  /** The station kind and the agencies it serves. */
  'agency.list': call(
    z.object({}),
    z.object({ stationKind: z.enum(['one_stop', 'postal']), agencies: z.array(Agency) }),
  ),
  /** Adds an agency, or replaces the one with its code. */
  'agency.add': call(Agency, z.array(Agency), 'admin'),
  'agency.remove': call(z.object({ code: AgencyCode }), z.array(Agency), 'admin'),
  /**
   * Tiếp nhận on behalf of an agency (postal station): the procedure must be one the agency accepts;
   * the code comes from its agency code; the fee and postal charges are recorded as money lines.
   */
  'agency.receive': call(
    DossierRef.extend({
      agencyCode: AgencyCode,
      resultMethod: ResultMethod.default('counter'),
      deliveryAddress: z.string().trim().max(300).optional(),
      /** The dossier was collected at the applicant's home (cước thu gom). */
      pickup: z.boolean().default(false),
      payMethod: z.enum(['cash', 'online']).default('cash'),
      /** The post office's own receipt or transaction number for the money. */
      payReference: z.string().trim().max(60).default(''),
      consent: ConsentGiven.nullable().optional(),
      exceptions: z.array(ComponentException).max(50).optional(),
      sets: z.number().int().min(1).max(99).optional(),
      /** Why it is received with components not assembled or signed (the counter's rule, ≥10 characters). */
      unsignedReason: UnsignedReason.optional(),
    }),
    Dossier,
  ),
  'agency.money': call(DossierRef, DossierMoney),
  /** Sổ thu: the day's money lines (of one agency or all) as XLSX. */
  'agency.cashbook': call(
    z.object({ day: Day, agencyCode: AgencyCode.optional() }),
    z.object({ file: FileOut, lines: z.array(DossierMoney), total: z.number().int() }),
  ),
  /** Danh sách bàn giao hồ sơ giấy of one agency and day, as PDF (two signature blocks) or XLSX. */
  'agency.handoverList': call(
    z.object({ agencyCode: AgencyCode, day: Day, format: Format.default('pdf') }),
    z.object({ file: FileOut, lines: z.array(HandoverLine) }),
  ),
  /** The agency confirmed the handover (a scanned signed list attached, or its word). */
  'agency.handoverConfirm': call(
    z.object({
      agencyCode: AgencyCode,
      day: Day,
      scan: z.object({ name: z.string().min(1).max(200), dataBase64: z.string().min(1) }).optional(),
    }),
    Handover,
  ),
  /** Dossiers whose originals were not handed over within the agreed time. */
  'agency.backlog': call(z.object({}), z.array(BacklogLine)),
  /** Trả kết quả qua bưu chính: the dossiers whose result goes by post. */
  'agency.postResults': call(z.object({}), z.array(PostResult)),
  /** A step of a result by post: the S10 tracking number (handed to delivery), delivered, returned. */
  'agency.recordPost': call(
    DossierRef.extend({
      step: z.enum(['tracking', 'delivered', 'returned']),
      tracking: z.string().max(20).optional(),
    }),
    PostResult,
  ),
  /** Cuối ngày: what is not yet sent, each agency's handover and cash. */
  'agency.endOfDay': call(z.object({ day: Day.optional() }), EndOfDay),
  /** Figures per agency, received between from and to (YYYY-MM-DD, inclusive). */
  'agency.figures': call(
    z.object({ from: Day, to: Day, agencyCode: AgencyCode.optional() }),
    z.array(AgencyFigure),
    'supervisor',
  ),
} as const;
