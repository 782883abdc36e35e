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
];
