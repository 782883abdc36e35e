import { z } from 'zod';
import { call, ComponentRef, DossierRef, Id, PageRef } from '../define';
import { Dossier, DossierSummary, FileUpload, Page, PageRejection } from '../types';

export const dossierCalls = {
  'dossier.create': call(
    z.object({
      procedureCode: z.string().min(1),
      applicantName: z.string().trim().min(1).max(200),
    }),
    Dossier,
  ),
  'dossier.list': call(z.object({}), z.array(DossierSummary)),
  'dossier.get': call(DossierRef, Dossier),
  'pages.add': call(
    ComponentRef.extend({ files: z.array(FileUpload).min(1).max(500) }),
    z.object({ dossier: Dossier, added: z.array(Page), rejected: z.array(PageRejection) }),
  ),
  'pages.reorder': call(ComponentRef.extend({ pageIds: z.array(Id) }), Dossier),
  'pages.rotate': call(
    PageRef.extend({ by: z.union([z.literal(90), z.literal(-90), z.literal(180)]) }),
    Dossier,
  ),
  'pages.delete': call(PageRef, Dossier),
  /** Undo of pages.delete: a deleted page is only hidden, never destroyed at once. */
  'pages.restore': call(PageRef, Dossier),
  'pages.thumbnail': call(PageRef, z.object({ dataUrl: z.string() })),
  'component.assemble': call(ComponentRef, Dossier),
  'component.pdf': call(ComponentRef, z.object({ fileName: z.string(), dataBase64: z.string() })),
} as const;

export const dossierEvents = {
  'dossier.changed': z.object({ dossierId: Id }),
} as const;
