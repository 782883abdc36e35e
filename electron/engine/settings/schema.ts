import type { Migration } from '../store/migrations';

export const settingsMigrations: Migration[] = [
  {
    name: 'settings.001-settings',
    sql: `CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);`,
  },
];
