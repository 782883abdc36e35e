import { DatabaseSync } from '@photostructure/sqlite';
import { migrations } from './migrations';

export type Db = InstanceType<typeof DatabaseSync>;

/** Opens (or creates) the station database: WAL, foreign keys, migrated to the latest version. */
export function openDb(file: string): Db {
  const db = new DatabaseSync(file, { timeout: 5000 });
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
  migrate(db);
  return db;
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return row.user_version;
}

function migrate(db: Db): void {
  const from = schemaVersion(db);
  if (from > migrations.length) {
    throw new Error(
      `database schema v${from} is newer than this app (v${migrations.length}); update the app`,
    );
  }
  for (let v = from; v < migrations.length; v++) {
    transaction(db, () => {
      db.exec(migrations[v]!);
      db.exec(`PRAGMA user_version = ${v + 1}`);
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
    db.exec('ROLLBACK');
    throw err;
  }
}
