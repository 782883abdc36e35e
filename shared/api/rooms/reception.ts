import { z } from 'zod';
import { call, DossierRef, FileOut } from '../define';
import { StationError } from '../errors';
import {
  Applicant,
  ComponentException,
  ConsentGiven,
  Dossier,
  FileUpload,
  ResultMethod,
  UnsignedReason,
} from '../types';

export { ResultMethod } from '../types';

export { FileOut } from '../define';

/** One missing required component, for the clerk's at-a-glance view. */
export const Completeness = z.object({
  complete: z.boolean(),
  missing: z.array(z.object({ code: z.string(), name: z.string() })),
  excepted: z.array(ComponentException),
});
export type Completeness = z.infer<typeof Completeness>;

/** A refusal's or a withdrawal's reason: 10–2000 characters once trimmed (it goes on the record and to the portal). */
export const ENDING_REASON_MIN = 10;
export const ENDING_REASON_MAX = 2000;

/** The reason of an ending, refused in words (`ending_reason_invalid`, naming the action) rather than as a bare invalid_request. */
function endingReason(action: string) {
  const ok = (v: unknown) =>
    typeof v === 'string' && v.trim().length >= ENDING_REASON_MIN && v.trim().length <= ENDING_REASON_MAX;
  return z
    .custom<string>(ok, {
      params: {
        refuse: (v: unknown) =>
          new StationError('ending_reason_invalid', {
            action,
            length: typeof v === 'string' ? v.trim().length : 0,
            min: ENDING_REASON_MIN,
            max: ENDING_REASON_MAX,
          }),
      },
    })
    .transform((v) => v.trim());
}

/** The one-stop forms' texts, each as shipped (resources/forms/forms.vi.json) and as the province changed it. */
export const FormTextsView = z.object({
  /** The legal basis the forms follow. */
  basis: z.string(),
  parts: z.array(
    z.object({
      /** "common" (every form), "01" … "07", "post". */
      part: z.string(),
      title: z.string().nullable(),
      /** The "Mẫu số" the form prints. */
      number: z.string().nullable(),
      texts: z.array(
        z.object({
          key: z.string(),
          shipped: z.string(),
          value: z.string(),
          changed: z.boolean(),
          /** The placeholders the station fills in this text ({name}, {code} …): the only ones it may hold. */
          placeholders: z.array(z.string()),
        }),
      ),
    }),
  ),
});
export type FormTextsView = z.infer<typeof FormTextsView>;

/** Station form numbers (what `--form` and `reception.receipt` take; the paper prints the province's "Mẫu số"). */
export const FormNo = z.enum(['01', '02', '03', '04', '05', '07']);
export type FormNo = z.infer<typeof FormNo>;

export const receptionCalls = {
  /** Sets the applicant (chủ hồ sơ) of a draft; the dossier's applicantName follows the applicant's name. */
  'reception.setApplicant': call(DossierRef.extend({ applicant: Applicant }), Dossier),
  /** Which required components still have no pages and no recorded exception. */
  'reception.completeness': call(
    DossierRef.extend({ exceptions: z.array(ComponentException).max(50).optional() }),
    Completeness,
  ),
  /**
   * Tiếp nhận: checks completeness (or the recorded exceptions), allocates the
   * dossier code and the appointment, sets status `received`, and runs every
   * step other rooms registered for reception — all in one transaction.
   */
  'reception.receive': call(
    DossierRef.extend({
      exceptions: z.array(ComponentException).max(50).optional(),
      /** Number of sets submitted (số lượng hồ sơ). */
      sets: z.number().int().min(1).max(99).optional(),
      /** The citizen's consent to submit online on their behalf; left out or null: paper processing only. */
      consent: ConsentGiven.nullable().optional(),
      /** How the applicant chose to get the result (printed on form 01); the counter when left out. */
      resultMethod: ResultMethod.optional(),
      /** Where a result by post goes; the applicant's address when left out (refused when neither). */
      deliveryAddress: z.string().trim().max(300).optional(),
      /**
       * Why the dossier is received while a component with pages has no current signed PDF;
       * refused when missing or shorter than UNSIGNED_REASON_MIN (shared/domain/sign-gaps.ts).
       */
      unsignedReason: UnsignedReason.optional(),
    }),
    Dossier,
  ),
  /** Yêu cầu bổ sung: the dossier waits for the applicant; the clock stops. */
  'reception.requestCompletion': call(
    DossierRef.extend({ reason: z.string().trim().min(3).max(2000) }),
    Dossier,
  ),
  /** The applicant brought what was missing: the clock runs again and the appointment moves on. */
  'reception.resumeProcessing': call(DossierRef, Dossier),
  /**
   * A one-stop form of the dossier as a PDF: 01 receipt and appointment, 02 request to complete,
   * 03 refusal to receive, 04 apology with a new date, 05 control sheet, 07 stop notice (Circular
   * 03/2025/TT-VPCP's form 05). Each is refused, with why, for a dossier in a state it is not made for.
   */
  'reception.receipt': call(DossierRef.extend({ form: FormNo.default('01') }), FileOut),
  /**
   * Thông báo dừng giải quyết hồ sơ: records why the agency stops processing a received dossier
   * (printed as form 07). The dossier's state and the portal are not changed by it.
   */
  'reception.stopNotice': call(DossierRef.extend({ reason: z.string().trim().min(10).max(2000) }), Dossier),
  /** Lời văn các mẫu phiếu: every form's texts, shipped and as changed. */
  'reception.formTexts': call(z.object({}), FormTextsView, 'admin'),
  /**
   * Changes some forms' texts (`{ "04": { "citation": "…" } }`); a text given empty or as shipped
   * goes back to the shipped one. Refused, nothing saved, for an unknown text or a placeholder the
   * station does not fill for that text.
   */
  'reception.setFormTexts': call(
    z.object({
      changes: z.record(z.string().max(10), z.record(z.string().max(40), z.string().max(4000))),
    }),
    FormTextsView,
    'admin',
  ),
  /**
   * Từ chối: a draft is refused at the counter (printed as form 03); a received dossier is refused
   * for good (status `refused`), the portal told (status 3) through the outbox.
   */
  'reception.refuse': call(DossierRef.extend({ reason: endingReason('từ chối') }), Dossier),
  /**
   * Rút hồ sơ: the citizen takes a received dossier back (status `withdrawn`, final); the portal is
   * told (status 7) through the outbox, and nothing else is sent or handed over for it after that.
   */
  'reception.withdraw': call(DossierRef.extend({ reason: endingReason('rút hồ sơ') }), Dossier),
  /**
   * Xin lỗi và hẹn lại: a dossier overdue (or nearly) gets a new appointment, with the reason and
   * whether the delay is the agency's own (subjective); printed as form 04, told to the portal,
   * counted late in the figures. Refused for a dossier still on time.
   */
  'reception.apologize': call(
    DossierRef.extend({
      reason: z.string().trim().min(10).max(2000),
      cause: z.enum(['subjective', 'objective']),
      newAppointmentAt: z.string().min(10).max(40),
    }),
    Dossier,
  ),
  /** Sổ theo dõi hồ sơ: the register of dossiers received from `from` to `to` (local dates), PDF or XLSX. */
  'reception.register': call(
    z.object({
      from: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
      to: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
      format: z.enum(['pdf', 'xlsx']).default('xlsx'),
    }),
    FileOut,
  ),
  /**
   * Đính chính: a supervisor opens a correction of a received dossier (the version as
   * received is kept, the pages become editable). Refused while its upload is on its way.
   */
  'reception.correct': call(
    DossierRef.extend({ reason: z.string().trim().min(10).max(2000) }),
    Dossier,
    'supervisor',
  ),
  /** Finishes the open correction once every changed component is signed again; queues the update to the portal. */
  'reception.finishCorrection': call(DossierRef, Dossier),
  /** The QR texts found on a scanned or photographed ID card (the renderer parses them with shared/domain/cccd). */
  'reception.readQr': call(z.object({ file: FileUpload }), z.object({ texts: z.array(z.string()) })),
} as const;
