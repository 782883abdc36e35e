import type { Migration } from '../store/migrations';

/**
 * The post-office counter (agency room): the agencies served, each dossier received on an agency's
 * behalf with its money lines and its handover, the daily handovers, and results by post.
 */
export const agencyMigrations: Migration[] = [
  {
    name: 'agency.001-agencies-handovers-post',
    sql: `
    CREATE TABLE agencies (
      code TEXT PRIMARY KEY,
      body TEXT NOT NULL
    );
    CREATE TABLE agency_dossiers (
      dossier_id TEXT PRIMARY KEY REFERENCES dossiers(id),
      agency_code TEXT NOT NULL,
      day TEXT NOT NULL,
      fee INTEGER NOT NULL,
      pickup INTEGER NOT NULL,
      return_charge INTEGER NOT NULL,
      pay_method TEXT NOT NULL,
      pay_reference TEXT NOT NULL,
      received_at TEXT NOT NULL
    );
    CREATE INDEX agency_dossiers_day ON agency_dossiers(agency_code, day);
    CREATE TABLE agency_handovers (
      agency_code TEXT NOT NULL,
      day TEXT NOT NULL,
      confirmed_at TEXT NOT NULL,
      confirmed_by TEXT NOT NULL,
      scan_name TEXT,
      scan_blob TEXT,
      PRIMARY KEY (agency_code, day)
    );
    CREATE TABLE agency_post (
      dossier_id TEXT PRIMARY KEY REFERENCES dossiers(id),
      tracking TEXT,
      state TEXT NOT NULL,
      at TEXT NOT NULL
    );`,
  },
];
