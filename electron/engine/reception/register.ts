import type { Db } from '../store';
import type { Migration } from '../store/migrations';

/**
 * Sổ theo dõi hồ sơ — the register book. Every received dossier is entered under the book
 * (quyển số, a setting) and the year it was received, with the next number of that book and
 * year: the "Số thứ tự" form 01 prints. Its own sequence, not the dossier code's day counter,
 * so numbers run on across days and stations of one data folder and never repeat.
 */
export const registerMigrations: Migration[] = [
  {
    name: 'reception.001-register',
    sql: `
    CREATE TABLE register_entries (
      dossier_id TEXT PRIMARY KEY REFERENCES dossiers(id),
      book TEXT NOT NULL,
      year INTEGER NOT NULL,
      no INTEGER NOT NULL,
      UNIQUE (book, year, no)
    );
    INSERT INTO register_entries (dossier_id, book, year, no)
      SELECT id, book, year, ROW_NUMBER() OVER (PARTITION BY book, year ORDER BY received_at, code)
      FROM (SELECT id, code, received_at, CAST(substr(received_at, 1, 4) AS INTEGER) AS year,
                   COALESCE(json_extract(reception, '$.registerBook'), '01') AS book
            FROM dossiers WHERE received_at IS NOT NULL);`,
  },
];

/** Enters the dossier in the book, inside the caller's transaction; the number it got. */
export function enterInRegister(db: Db, dossierId: string, book: string, year: number): number {
  const had = db.prepare('SELECT no FROM register_entries WHERE dossier_id = ?').get(dossierId) as
    { no: number } | undefined;
  if (had) return had.no;
  const last = db
    .prepare('SELECT MAX(no) AS n FROM register_entries WHERE book = ? AND year = ?')
    .get(book, year) as {
    n: number | null;
  };
  const no = (last.n ?? 0) + 1;
  db.prepare('INSERT INTO register_entries (dossier_id, book, year, no) VALUES (?, ?, ?, ?)').run(
    dossierId,
    book,
    year,
    no,
  );
  return no;
}

export interface RegisterEntry {
  dossierId: string;
  book: string;
  year: number;
  no: number;
}

export function registerEntryOf(db: Db, dossierId: string): RegisterEntry | null {
  const r = db
    .prepare('SELECT dossier_id AS dossierId, book, year, no FROM register_entries WHERE dossier_id = ?')
    .get(dossierId) as RegisterEntry | undefined;
  return r ?? null;
}

/** The entries of dossiers received from `from` to `to` (local dates), in the book's order. */
export function registerEntries(db: Db, from: string, to: string): RegisterEntry[] {
  return db
    .prepare(
      `SELECT r.dossier_id AS dossierId, r.book, r.year, r.no FROM register_entries r JOIN dossiers d ON d.id = r.dossier_id
       WHERE substr(d.received_at, 1, 10) BETWEEN ? AND ? ORDER BY r.year, r.book, r.no`,
    )
    .all(from, to) as unknown as RegisterEntry[];
}
