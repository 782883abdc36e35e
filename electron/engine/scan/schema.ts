import type { Migration } from '../store/migrations';

export const scanMigrations: Migration[] = [
  {
    name: 'scan.001-profiles-defaults',
    sql: `
    CREATE TABLE scan_profiles (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      device_id TEXT NOT NULL,
      source TEXT NOT NULL,
      dpi INTEGER NOT NULL CHECK (dpi >= 200),
      mode TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE scan_defaults (
      procedure_code TEXT NOT NULL,
      component_code TEXT NOT NULL,
      profile_id TEXT NOT NULL,
      PRIMARY KEY (procedure_code, component_code)
    );`,
  },
];
