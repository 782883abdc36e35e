import { z } from 'zod';
import { call, ComponentRef, DossierRef, Id, PageRef } from '../define';
import { Dossier, DossierSummary, FileUpload, Page, PageRejection } from '../types';

/** A page the clerk deleted: hidden from the component, kept so it can be restored. */
export const DeletedPage = Page.extend({ deletedAt: z.string() });
export type DeletedPage = z.infer<typeof DeletedPage>;

export const dossierCalls = {
  'dossier.create': call(
    z.object({
      procedureCode: z.string().min(1),
      applicantName: z.string().trim().min(1).max(300),
    }),
    Dossier,
  ),
  'dossier.list': call(z.object({}), z.array(DossierSummary)),
  'dossier.get': call(DossierRef, Dossier),
  /**
   * Tìm theo số định danh: the dossiers whose applicant has this citizen ID number
   * (CCCD, 12 digits) or tax code — the whole number only, never a part of it.
   */
  'dossier.findByIdNumber': call(
    z.object({ idNumber: z.string().regex(/^(\d{12}|\d{10}(-\d{3})?)$/) }),
    z.array(Id),
  ),
  'dossier.addPages': call(
    ComponentRef.extend({ files: z.array(FileUpload).min(1).max(500) }),
    z.object({ dossier: Dossier, added: z.array(Page), rejected: z.array(PageRejection) }),
  ),
  'dossier.reorderPages': call(ComponentRef.extend({ pageIds: z.array(Id) }), Dossier),
  'dossier.rotatePage': call(
    PageRef.extend({ by: z.union([z.literal(90), z.literal(-90), z.literal(180)]) }),
    Dossier,
  ),
  'dossier.deletePage': call(PageRef, Dossier),
  /** Undo of dossier.deletePage: a deleted page is only hidden, never destroyed at once. */
  'dossier.restorePage': call(PageRef, Dossier),
  /** Trang đã xóa: the dossier's deleted pages (one component's when named), last deleted first. */
  'dossier.deletedPages': call(
    DossierRef.extend({ componentCode: z.string().min(1).optional() }),
    z.array(DeletedPage),
  ),
  'dossier.thumbnail': call(PageRef, z.object({ dataUrl: z.string() })),
} as const;

export const dossierEvents = {
  'dossier.changed': z.object({ dossierId: Id }),
} as const;
