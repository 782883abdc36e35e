import type { CitizenLookup } from '../../../shared/api/rooms/citizen';
import type { Catalog } from '../catalog';
import { exchangeOf } from '../outbox';
import type { Db } from '../store';

/** Portal statuses that close a dossier without a result: refused (3), withdrawn (7), stopped (8). */
const CLOSED = new Set([3, 7, 8]);

/**
 * The code in what the citizen typed or the reader sent: the receipt's QR holds the code, a
 * line break and the look-up link (…?ma=CODE); a reader in keyboard mode may send either part.
 */
export function codeOf(text: string): string {
  const m = /[?&]ma=([^&\s]+)/.exec(text);
  if (m) {
    try {
      return decodeURIComponent(m[1]!).trim();
    } catch {
      return m[1]!.trim();
    }
  }
  return text.trim().split(/\s+/)[0] ?? '';
}

/**
 * Tra cứu at the citizen screen: the status of a received dossier as the station knows it, by
 * its code — the procedure and the dates only, never who it belongs to. Reads the dossier's row
 * and the outbox's exchange (the state of the submission and of the hand-over).
 */
export function lookupDossier(db: Db, catalog: Catalog, text: string): CitizenLookup {
  const code = codeOf(text);
  const row = db
    .prepare(
      `SELECT id, procedure_code, status, received_at, appointment_at FROM dossiers
       WHERE code = ? AND status != 'draft' AND received_at IS NOT NULL`,
    )
    .get(code) as
    | {
        id: string;
        procedure_code: string;
        status: string;
        received_at: string;
        appointment_at: string | null;
      }
    | undefined;
  if (!row) return { found: false, code };
  let procedureName = row.procedure_code;
  try {
    procedureName = catalog.get(row.procedure_code).name;
  } catch {
    // no longer in the catalogue: its code stands for it
  }
  const portal = db
    .prepare("SELECT portal_status FROM outbox_items WHERE dossier_id = ? AND kind = 'submit'")
    .get(row.id) as { portal_status: number | null } | undefined;
  const x = exchangeOf(db, row.id);
  const status: Extract<CitizenLookup, { found: true }>['status'] =
    x.handover || portal?.portal_status === 10
      ? 'returned'
      : row.status === 'refused' ||
          row.status === 'withdrawn' ||
          row.status === 'stopped' ||
          (portal?.portal_status && CLOSED.has(portal.portal_status))
        ? 'closed'
        : row.status === 'awaiting_completion'
          ? 'awaiting_completion'
          : x.submit?.state === 'result_ready' || portal?.portal_status === 9
            ? 'result_ready'
            : x.submit && x.submit.state !== 'queued'
              ? 'processing'
              : 'received';
  return {
    found: true,
    code,
    procedureName,
    status,
    receivedAt: row.received_at,
    appointmentAt: row.appointment_at,
  };
}
