import type { Db } from '../store';

/**
 * The documents room's part of a purge (docs/architecture.md, privacy): the component PDFs
 * and their signed copies. Called inside the privacy room's transaction; only this room
 * deletes `component_pdfs` rows. What was sent stays on record in the outbox's files.
 */

interface PdfBlobs {
  blob: string;
  signed_blob: string | null;
  signed_source_blob: string | null;
}

/** Every blob the dossier's component PDFs use: the PDF, its signed copy, the bytes signed. */
export function pdfBlobs(db: Db, dossierId: string): { pdfs: number; blobs: Set<string> } {
  const rows = db
    .prepare('SELECT blob, signed_blob, signed_source_blob FROM component_pdfs WHERE dossier_id = ?')
    .all(dossierId) as unknown as PdfBlobs[];
  const blobs = new Set<string>();
  for (const r of rows) for (const b of [r.blob, r.signed_blob, r.signed_source_blob]) if (b) blobs.add(b);
  return { pdfs: rows.length, blobs };
}

export function purgePdfs(db: Db, dossierId: string): number {
  return Number(db.prepare('DELETE FROM component_pdfs WHERE dossier_id = ?').run(dossierId).changes);
}

/** Whether any component PDF row (of any dossier) still refers to the blob. */
export function pdfsReferTo(db: Db, blob: string): boolean {
  return !!db
    .prepare(
      'SELECT 1 FROM component_pdfs WHERE blob = ? OR signed_blob = ? OR signed_source_blob = ? LIMIT 1',
    )
    .get(blob, blob, blob);
}
