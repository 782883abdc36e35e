import { z } from 'zod';
import { call, DossierRef, FileOut } from '../define';
import { Applicant, ComponentException, ConsentGiven, Dossier, FileUpload } from '../types';

export { FileOut } from '../define';

/** One missing required component, for the clerk's at-a-glance view. */
export const Completeness = z.object({
  complete: z.boolean(),
  missing: z.array(z.object({ code: z.string(), name: z.string() })),
  excepted: z.array(ComponentException),
});
export type Completeness = z.infer<typeof Completeness>;

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
  /** Form 01 (receipt and appointment) or form 02 (request to complete the dossier), as a PDF. */
  'reception.receipt': call(DossierRef.extend({ form: z.enum(['01', '02']).default('01') }), FileOut),
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
