import { z } from 'zod';
import { call, ComponentRef, DossierRef } from '../define';
import { Dossier } from '../types';

/** The documents room: the component PDFs and the whole-dossier PDF, assembled from the cleaned pages. */
export const documentsCalls = {
  'documents.assemble': call(ComponentRef, Dossier),
  'documents.componentPdf': call(ComponentRef, z.object({ fileName: z.string(), dataBase64: z.string() })),
  /** One PDF/A for the whole dossier, with a bookmark per component. */
  'documents.dossierPdf': call(
    DossierRef,
    z.object({ fileName: z.string(), dataBase64: z.string(), pageCount: z.number() }),
  ),
} as const;
