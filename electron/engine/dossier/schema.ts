import type { Migration } from '../store/migrations';

export const dossierMigrations: Migration[] = [
  {
    name: 'dossier.001-dossiers-pages-pdfs',
    sql: `
    CREATE TABLE dossiers (
      id TEXT PRIMARY KEY,
      procedure_code TEXT NOT NULL,
      applicant_name TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'draft',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX dossiers_created ON dossiers(created_at);
    CREATE TABLE pages (
      id TEXT PRIMARY KEY,
      dossier_id TEXT NOT NULL REFERENCES dossiers(id),
      component_code TEXT NOT NULL,
      position INTEGER NOT NULL,
      raw_blob TEXT NOT NULL,
      thumb_blob TEXT NOT NULL,
      source_name TEXT NOT NULL,
      mime TEXT NOT NULL,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      dpi REAL NOT NULL,
      bytes INTEGER NOT NULL,
      frame INTEGER NOT NULL DEFAULT 0,
      rotation INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      deleted_at TEXT
    );
    CREATE INDEX pages_component ON pages(dossier_id, component_code, position);
    CREATE TABLE component_pdfs (
      dossier_id TEXT NOT NULL REFERENCES dossiers(id),
      component_code TEXT NOT NULL,
      blob TEXT NOT NULL,
      page_count INTEGER NOT NULL,
      bytes INTEGER NOT NULL,
      pages_key TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (dossier_id, component_code)
    );`,
  },
  {
    // A received dossier is a record (docs/architecture.md, "The received dossier"): `version`
    // counts its corrections (đính chính); `correction` holds the open one (JSON: reason, by, at), if any.
    name: 'dossier.004-version-correction',
    sql: `ALTER TABLE dossiers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE dossiers ADD COLUMN correction TEXT;`,
  },
];
