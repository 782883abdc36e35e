import type { Migration } from '../store/migrations';

/**
 * The privacy room (docs/architecture.md, privacy) owns `privacy_purges`: when a dossier's
 * applicant details and its local files were purged. What was purged is gone; this row is
 * how the dossier's views say so. `pending` (JSON array of blob ids) holds the files whose rows
 * went in the purge's transaction and are not deleted yet: a crash between the two leaves
 * them listed here, and the next run deletes them.
 */
export const privacyMigrations: Migration[] = [
  {
    name: 'privacy.001-purges',
    sql: `CREATE TABLE privacy_purges (
      dossier_id TEXT PRIMARY KEY REFERENCES dossiers(id),
      applicant_at TEXT,
      files_at TEXT,
      pending TEXT
    );`,
  },
];
