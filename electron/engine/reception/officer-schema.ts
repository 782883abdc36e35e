import type { Migration } from '../store/migrations';

/** Cán bộ tiếp nhận — who received each dossier, as the station's setting named them at that moment. */
export const officerMigrations: Migration[] = [
  {
    name: 'dossier.003-received-by',
    sql: `ALTER TABLE dossiers ADD COLUMN received_by TEXT;`,
  },
];
