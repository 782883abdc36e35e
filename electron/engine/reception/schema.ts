import type { Migration } from '../store/migrations';

/** Reception (tiếp nhận): the applicant, the dossier code, the appointment, and the per-station day counters. */
export const receptionMigrations: Migration[] = [
  {
    name: 'dossier.002-reception',
    sql: `
    ALTER TABLE dossiers ADD COLUMN applicant TEXT;
    ALTER TABLE dossiers ADD COLUMN code TEXT;
    ALTER TABLE dossiers ADD COLUMN received_at TEXT;
    ALTER TABLE dossiers ADD COLUMN appointment_at TEXT;
    ALTER TABLE dossiers ADD COLUMN reception TEXT;
    CREATE UNIQUE INDEX dossiers_code ON dossiers(code) WHERE code IS NOT NULL;
    CREATE TABLE dossier_counters (
      agency_code TEXT NOT NULL,
      day TEXT NOT NULL,
      station TEXT NOT NULL,
      last INTEGER NOT NULL,
      PRIMARY KEY (agency_code, day, station)
    );`,
  },
];
