import type { AuditEntry } from '../../../shared/api/rooms/audit';

/** A row of `audit_log` as SQLite gives it. */
export interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  dossier_id: string | null;
  detail: string;
  prev: string;
  hash: string;
}

export const toEntry = (r: Row): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  dossierId: r.dossier_id,
  detail: r.detail,
  prev: r.prev,
  hash: r.hash,
});
