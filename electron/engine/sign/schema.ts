import type { Migration } from '../store/migrations';

/**
 * The signed copy of a component PDF lives beside the unsigned one, as a new
 * blob (`signed_blob`; the portal gets it when present, else `blob`). Kept as
 * it shipped: the trigger it creates is dropped by `documents.001`, and the
 * documents room forgets a signature itself when a component is re-assembled
 * into other bytes (docs/architecture.md, documents).
 */
export const signMigrations: Migration[] = [
  {
    name: 'sign.001-signed-component-pdfs',
    sql: `
    ALTER TABLE component_pdfs ADD COLUMN signed_blob TEXT;
    ALTER TABLE component_pdfs ADD COLUMN signed_source_blob TEXT;
    ALTER TABLE component_pdfs ADD COLUMN signed_by TEXT;
    ALTER TABLE component_pdfs ADD COLUMN signed_at TEXT;
    ALTER TABLE component_pdfs ADD COLUMN sign_level TEXT;
    ALTER TABLE component_pdfs ADD COLUMN signed_bytes INTEGER;
    CREATE TRIGGER component_pdfs_unsign_on_reassembly
      AFTER UPDATE OF blob ON component_pdfs
      WHEN NEW.blob IS NOT OLD.blob AND NEW.signed_blob IS NOT NULL
    BEGIN
      UPDATE component_pdfs
        SET signed_blob = NULL, signed_source_blob = NULL, signed_by = NULL,
            signed_at = NULL, sign_level = NULL, signed_bytes = NULL
        WHERE dossier_id = NEW.dossier_id AND component_code = NEW.component_code;
    END;
    CREATE TABLE sign_config (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );`,
  },
];
