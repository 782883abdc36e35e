import type { Applicant } from '../../../shared/api/contract';
import type { Db } from '../store';
import type { DataKey } from '../store/data-key';
import { readApplicant } from './view';

/**
 * Reception's part of the personal data lifecycle (docs/architecture.md, privacy): the
 * applicant's sealed details in `dossiers.applicant`, which only this room writes.
 */

/** Clears the applicant's details and the sealed delivery address of a result by post; true when there were any. */
export function purgeApplicant(db: Db, dossierId: string): boolean {
  const r = db
    .prepare(
      `UPDATE dossiers SET applicant = NULL,
       reception = CASE WHEN json_valid(reception) THEN json_set(reception, '$.delivery', NULL) ELSE reception END
       WHERE id = ? AND applicant IS NOT NULL`,
    )
    .run(dossierId);
  return Number(r.changes) > 0;
}

/** Whether the dossier still holds the applicant's details. */
export function hasApplicant(db: Db, dossierId: string): boolean {
  return !!db.prepare('SELECT 1 FROM dossiers WHERE id = ? AND applicant IS NOT NULL').get(dossierId);
}

/** The applicant's ID: the CCCD / ID number of a person, the tax code of an organisation. */
export const applicantId = (a: Applicant): string | undefined =>
  a.kind === 'person' ? a.idNumber : a.taxCode;

/** The dossiers whose applicant has this CCCD / ID number or tax code (each opened with the data key). */
export function dossiersOfApplicant(db: Db, key: DataKey, id: string): string[] {
  const rows = db
    .prepare('SELECT id, applicant FROM dossiers WHERE applicant IS NOT NULL ORDER BY created_at')
    .all() as unknown as { id: string; applicant: string }[];
  return rows
    .filter((r) => {
      const a = readApplicant(r.applicant, key);
      return !!a && applicantId(a) === id;
    })
    .map((r) => r.id);
}
