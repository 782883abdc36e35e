import { z } from 'zod';
import { call, DossierRef } from '../define';
import { Applicant, ComponentException, Dossier, FileUpload, Procedure } from '../types';

/** A file produced by the engine (receipt, catalogue export), base64 so every transport carries it unchanged. */
export const FileOut = z.object({ fileName: z.string(), mime: z.string(), dataBase64: z.string() });

/** One missing required component, for the clerk's at-a-glance view. */
export const Completeness = z.object({
  complete: z.boolean(),
  missing: z.array(z.object({ code: z.string(), name: z.string() })),
  excepted: z.array(ComponentException),
});
export type Completeness = z.infer<typeof Completeness>;

export const receptionCalls = {
  /** Sets the applicant (chủ hồ sơ) of a draft; the dossier's applicantName follows the applicant's name. */
  'dossier.setApplicant': call(DossierRef.extend({ applicant: Applicant }), Dossier),
  /** Which required components still have no pages and no recorded exception. */
  'dossier.completeness': call(
    DossierRef.extend({ exceptions: z.array(ComponentException).max(50).optional() }),
    Completeness,
  ),
  /**
   * Tiếp nhận: checks completeness (or the recorded exceptions), allocates the
   * dossier code and the appointment, sets status `received`, and runs every
   * step other rooms registered for reception — all in one transaction.
   */
  'dossier.receive': call(
    DossierRef.extend({
      exceptions: z.array(ComponentException).max(50).optional(),
      /** Number of sets submitted (số lượng hồ sơ). */
      sets: z.number().int().min(1).max(99).optional(),
    }),
    Dossier,
  ),
  /** Yêu cầu bổ sung: the dossier waits for the applicant; the clock stops. */
  'dossier.requestCompletion': call(
    DossierRef.extend({ reason: z.string().trim().min(3).max(2000) }),
    Dossier,
  ),
  /** The applicant brought what was missing: the clock runs again and the appointment moves on. */
  'dossier.resumeProcessing': call(DossierRef, Dossier),
  /** Form 01 (receipt and appointment) or form 02 (request to complete the dossier), as a PDF. */
  'receipt.pdf': call(DossierRef.extend({ form: z.enum(['01', '02']).default('01') }), FileOut),
  /** Replaces the catalogue from a JSON or XLSX file, validated whole before anything is written. */
  'catalog.import': call(
    z.object({ fileName: z.string().min(1).max(255), dataBase64: z.string().min(1) }),
    z.object({ imported: z.number().int(), procedures: z.array(Procedure) }),
  ),
  'catalog.export': call(z.object({ format: z.enum(['json', 'xlsx']) }), FileOut),
  /** The QR texts found on a scanned or photographed ID card (the renderer parses them with shared/domain/cccd). */
  'applicant.readQr': call(z.object({ file: FileUpload }), z.object({ texts: z.array(z.string()) })),
} as const;
