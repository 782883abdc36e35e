import type { Migration } from '../store/migrations';

/**
 * The documents room owns `component_pdfs` (created by `dossier.001`, its signed
 * copy's columns added by `sign.001`; both kept as they shipped). The rule "a
 * new assembly into other bytes forgets the signature" is code in
 * documents/state.ts now, not a trigger (docs/architecture.md, documents).
 */
export const documentsMigrations: Migration[] = [
  {
    name: 'documents.001-unsign-in-code',
    sql: `DROP TRIGGER IF EXISTS component_pdfs_unsign_on_reassembly;`,
  },
  {
    // Đính chính (docs/architecture.md, documents): before a correction, each component PDF of the
    // version as received is kept here. Blobs are content-addressed and never overwritten, so
    // keeping their ids keeps the very files.
    name: 'documents.002-versions',
    sql: `
    CREATE TABLE document_versions (
      dossier_id TEXT NOT NULL REFERENCES dossiers(id),
      version INTEGER NOT NULL,
      component_code TEXT NOT NULL,
      blob TEXT NOT NULL,
      signed_blob TEXT,
      bytes INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      signed_by TEXT,
      signed_at TEXT,
      kept_at TEXT NOT NULL,
      PRIMARY KEY (dossier_id, version, component_code)
    );`,
  },
];
