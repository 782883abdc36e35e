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
});
export type ComponentPdf = z.infer<typeof ComponentPdf>;

export const DossierComponent = ProcedureComponent.extend({
  pages: z.array(Page),
  pdf: ComponentPdf.nullable(),
});
export type DossierComponent = z.infer<typeof DossierComponent>;

export const DossierStatus = z.enum(['draft', 'received']);
export type DossierStatus = z.infer<typeof DossierStatus>;

export const DossierSummary = z.object({
  id: Id,
  procedureCode: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  status: DossierStatus,
  pageCount: z.number().int().min(0),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DossierSummary = z.infer<typeof DossierSummary>;

export const Dossier = DossierSummary.extend({
  components: z.array(DossierComponent),
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
