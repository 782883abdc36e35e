import { DatabaseSync } from '@photostructure/sqlite';
import type { Migration } from './migrations';

export type Db = InstanceType<typeof DatabaseSync>;

/** Opens (or creates) the station database: WAL, foreign keys, every pending migration applied. */
export function openDb(file: string, migrations: readonly Migration[]): Db {
  const db = new DatabaseSync(file, { timeout: 5000 });
  try {
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
    migrate(db, migrations);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

export function appliedMigrations(db: Db): string[] {
  return (db.prepare('SELECT name FROM schema_migrations ORDER BY seq').all() as { name: string }[]).map(
    (r) => r.name,
  );
}

function migrate(db: Db, migrations: readonly Migration[]): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (seq INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)',
  );
  const known = new Set(migrations.map((m) => m.name));
  const done = appliedMigrations(db);
  const unknown = done.filter((n) => !known.has(n));
  if (unknown.length) {
    throw new Error(
      `the database was written by a newer version of the app (${unknown.join(', ')}); update the app`,
    );
  }
  const applied = new Set(done);
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  for (const m of migrations) {
    if (applied.has(m.name)) continue;
    transaction(db, () => {
      db.exec(m.sql);
      record.run(m.name, new Date().toISOString());
    });
  }
}

/** Runs fn inside one write transaction; any throw rolls everything back. */
export function transaction<T>(db: Db, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const out = fn();
    db.exec('COMMIT');
    return out;
  } catch (err) {
    // SQLite may already have rolled back by itself (e.g. SQLITE_FULL); a second ROLLBACK
    // would throw and hide the real cause.
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
