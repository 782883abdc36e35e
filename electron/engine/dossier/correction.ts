import { OpenCorrection } from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';
import type { Db } from '../store';

/**
 * The dossier room's `version` and `correction` columns (migration dossier.004): a
 * received dossier is a record, editable again only while a supervisor's correction
 * (đính chính) is open (docs/architecture.md, dossier). Reception decides when; this
 * file is the only writer of those two columns.
 */
export function readCorrection(raw: string | null | undefined): OpenCorrection | null {
  if (!raw) return null;
  const parsed = OpenCorrection.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

interface Row {
  code: string | null;
  version: number;
  correction: string | null;
}

function row(db: Db, dossierId: string): Row {
  const r = db.prepare('SELECT code, version, correction FROM dossiers WHERE id = ?').get(dossierId) as
    Row | undefined;
  if (!r) throw new StationError('dossier_not_found', { id: dossierId });
  return r;
}

/** The dossier's version and its open correction, if any. */
export function correctionState(
  db: Db,
  dossierId: string,
): { version: number; correction: OpenCorrection | null } {
  const r = row(db, dossierId);
  return { version: r.version, correction: readCorrection(r.correction) };
}

/** Opens a correction; the caller checked the dossier may be corrected (inside its transaction). */
export function openCorrection(db: Db, dossierId: string, c: OpenCorrection): void {
  if (row(db, dossierId).correction) throw new StationError('dossier_wrong_status', { status: 'correcting' });
  db.prepare('UPDATE dossiers SET correction = ?, updated_at = ? WHERE id = ?').run(
    JSON.stringify(c),
    new Date().toISOString(),
    dossierId,
  );
}

/** Closes the open correction: the dossier's version goes up by one; returns the new version and what was open. */
export function closeCorrection(db: Db, dossierId: string): { version: number; correction: OpenCorrection } {
  const r = row(db, dossierId);
  const open = readCorrection(r.correction);
  if (!open) throw new StationError('dossier_wrong_status', { status: 'received' });
  db.prepare('UPDATE dossiers SET correction = NULL, version = version + 1, updated_at = ? WHERE id = ?').run(
    new Date().toISOString(),
    dossierId,
  );
  return { version: r.version + 1, correction: open };
}
