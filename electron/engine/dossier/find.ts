import type { Db } from '../store';
import type { ReceptionView } from './service';

/**
 * A citizen back at the counter gives the ID number (căn cước) instead of the
 * receipt. The applicant is sealed at rest, so each dossier's applicant is opened
 * through the reception room's view and compared whole: no index of ID numbers
 * is kept beside the sealed data, and a part of a number finds nothing.
 */
export function dossiersWithIdNumber(db: Db, view: ReceptionView, idNumber: string): string[] {
  const rows = db
    .prepare('SELECT * FROM dossiers WHERE applicant IS NOT NULL ORDER BY created_at DESC')
    .all() as { id: string }[];
  return rows
    .filter((row) => {
      const a = view.detail(row).applicant;
      if (!a) return false;
      return a.kind === 'person' ? a.idNumber === idNumber : a.taxCode === idNumber;
    })
    .map((row) => row.id);
}
