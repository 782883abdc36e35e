import type { Migration } from '../store/migrations';

/**
 * The privacy room (docs/architecture.md, privacy) owns `privacy_purges`: when a dossier's
 * applicant details and its local files were purged. What was purged is gone; this row is
 * how the dossier's views say so.
 */
export const privacyMigrations: Migration[] = [
  {
    name: 'privacy.001-purges',
    sql: `CREATE TABLE privacy_purges (
      dossier_id TEXT PRIMARY KEY REFERENCES dossiers(id),
      applicant_at TEXT,
      files_at TEXT
    );`,
  },
];
