import type { Migration } from '../store/migrations';

export const catalogMigrations: Migration[] = [
  {
    name: 'catalog.001-procedures',
    sql: `CREATE TABLE procedures (code TEXT PRIMARY KEY, data TEXT NOT NULL, source TEXT NOT NULL);`,
  },
];
