import type { Migration } from '../store/migrations';

/**
 * accounts: one row per person. `password` and `pin` hold scrypt records
 * (salt, parameters and hash as JSON — never the secret); `failed` and
 * `blocked_until` slow down guessing; `full_sign_in_day` (local date) allows a
 * quick switch by PIN for the rest of that day; `certificate` remembers the
 * clerk's chosen signing certificate.
 */
export const accountsMigrations: Migration[] = [
  {
    name: 'accounts.001-accounts',
    sql: `CREATE TABLE accounts (
      username TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
      password TEXT NOT NULL,
      pin TEXT,
      disabled INTEGER NOT NULL DEFAULT 0,
      failed INTEGER NOT NULL DEFAULT 0,
      blocked_until INTEGER NOT NULL DEFAULT 0,
      full_sign_in_day TEXT,
      last_sign_in_at TEXT,
      certificate TEXT,
      created_at TEXT NOT NULL
    );`,
  },
];
