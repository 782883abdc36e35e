import { z } from 'zod';
import { call, ComponentRef, DossierRef } from '../define';
import { Dossier } from '../types';

/** One component file of a kept version. */
export const KeptFile = z.object({
  componentCode: z.string(),
  /** The file's size (the signed copy's where there is one) and SHA-256. */
  bytes: z.number().int(),
  sha256: z.string(),
  signed: z.boolean(),
  signedBy: z.string().nullable(),
  signedAt: z.string().nullable(),
});
/** A version of a dossier kept when a correction was opened. */
export const KeptVersion = z.object({
  version: z.number().int().min(1),
  keptAt: z.string(),
  components: z.array(KeptFile),
});
export type KeptVersion = z.infer<typeof KeptVersion>;

/** The documents room: the component PDFs and the whole-dossier PDF, assembled from the cleaned pages. */
export const documentsCalls = {
  'documents.assemble': call(ComponentRef, Dossier),
  'documents.componentPdf': call(ComponentRef, z.object({ fileName: z.string(), dataBase64: z.string() })),
  /** One PDF/A for the whole dossier, with a bookmark per component. */
  'documents.dossierPdf': call(
    DossierRef,
    z.object({ fileName: z.string(), dataBase64: z.string(), pageCount: z.number() }),
  ),
  /** The versions kept by corrections (đính chính): each as it was received, component by component. */
  'documents.versions': call(DossierRef, z.array(KeptVersion)),
  /** One component's file of a kept version, exactly as it was (its signed copy where there was one). */
  'documents.versionPdf': call(
    ComponentRef.extend({ version: z.number().int().min(1) }),
    z.object({ fileName: z.string(), dataBase64: z.string(), signed: z.boolean(), sha256: z.string() }),
  ),
} as const;
