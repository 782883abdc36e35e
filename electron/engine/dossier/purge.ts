import type { Db } from '../store';

/**
 * The dossier room's part of a purge (docs/architecture.md, privacy): the privacy room calls
 * these inside its own transaction; only this room deletes `pages` rows or writes
 * `dossiers.applicant_name`. The dossier row itself always stays (code, dates, status).
 */

const BLOB_ID = /[0-9a-f]{64}/g;

interface PageBlobs {
  raw_blob: string;
  thumb_blob: string;
  cleanup: string | null;
  ocr: string | null;
}

/**
 * Every blob the dossier's pages use, hidden pages included: the raw scans, the thumbnails,
 * and the blobs the imaging room's records name (the rendered page, the OCR words).
 */
export function pageBlobs(db: Db, dossierId: string): { pages: number; blobs: Set<string> } {
  const rows = db
    .prepare('SELECT raw_blob, thumb_blob, cleanup, ocr FROM pages WHERE dossier_id = ?')
    .all(dossierId) as unknown as PageBlobs[];
  const blobs = new Set<string>();
  for (const r of rows) {
    blobs.add(r.raw_blob);
    blobs.add(r.thumb_blob);
    // The imaging records are JSON; any blob id in them is a file derived from the page.
    for (const json of [r.cleanup, r.ocr]) for (const id of json?.match(BLOB_ID) ?? []) blobs.add(id);
  }
  return { pages: rows.length, blobs };
}

/** Removes every page row of the dossier (its files go with the privacy room's blob check). */
export function purgePages(db: Db, dossierId: string): number {
  return Number(db.prepare('DELETE FROM pages WHERE dossier_id = ?').run(dossierId).changes);
}

/** Whether any page row (of any dossier) still refers to the blob. */
export function pagesReferTo(db: Db, blob: string): boolean {
  return !!db
    .prepare(
      `SELECT 1 FROM pages WHERE raw_blob = ? OR thumb_blob = ?
         OR instr(COALESCE(cleanup, ''), ?) > 0 OR instr(COALESCE(ocr, ''), ?) > 0 LIMIT 1`,
    )
    .get(blob, blob, blob, blob);
}

/** Puts a neutral text in place of the applicant's name the lists show. */
export function purgeApplicantName(db: Db, dossierId: string, text: string, now: string): void {
  db.prepare('UPDATE dossiers SET applicant_name = ?, updated_at = ? WHERE id = ?').run(text, now, dossierId);
}

/** The dossier rows a purge looks at: id, code, status, the name the lists show. */
export function dossierRows(
  db: Db,
): { id: string; code: string | null; status: string; applicant_name: string }[] {
  return db
    .prepare('SELECT id, code, status, applicant_name FROM dossiers ORDER BY created_at')
    .all() as unknown as { id: string; code: string | null; status: string; applicant_name: string }[];
}
