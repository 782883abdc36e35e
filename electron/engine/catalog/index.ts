import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Procedure } from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';
import { type Db, transaction } from '../store';
import { CatalogFile, catalogToXlsx, parseCatalogFile } from './io';

export const SAMPLE_CATALOG = fileURLToPath(
  new URL('../../../resources/catalog/sample-quang-nam.json', import.meta.url),
);

/** The procedure catalogue (danh mục thủ tục hành chính), kept in the database. */
export class Catalog {
  constructor(private readonly db: Db) {}

  /** On a new database, fill the catalogue with the shipped sample so the station works at once. */
  seedIfEmpty(file = SAMPLE_CATALOG): void {
    const row = this.db.prepare('SELECT COUNT(*) AS n FROM procedures').get() as { n: number };
    if (row.n > 0) return;
    const parsed = CatalogFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    const insert = this.db.prepare('INSERT INTO procedures (code, data, source) VALUES (?, ?, ?)');
    transaction(this.db, () => {
      for (const p of parsed.procedures)
        insert.run(p.code, JSON.stringify(p), parsed.sample ? 'sample' : file);
    });
  }

  list(): Procedure[] {
    const rows = this.db.prepare('SELECT data FROM procedures ORDER BY code').all() as { data: string }[];
    return rows.map((r) => Procedure.parse(JSON.parse(r.data)));
  }

  /** The list with the shipped sample's procedures marked, for the procedure picker's "mẫu". */
  listed(): (Procedure & { sample?: boolean })[] {
    const rows = this.db.prepare('SELECT data, source FROM procedures ORDER BY code').all() as {
      data: string;
      source: string;
    }[];
    return rows.map((r) => ({
      ...Procedure.parse(JSON.parse(r.data)),
      ...(r.source === 'sample' ? { sample: true } : {}),
    }));
  }

  get(code: string): Procedure {
    const row = this.db.prepare('SELECT data FROM procedures WHERE code = ?').get(code) as
      { data: string } | undefined;
    if (!row) throw new StationError('unknown_procedure', { code });
    return Procedure.parse(JSON.parse(row.data));
  }

  /**
   * Sets (or, with null, removes) one procedure's cut-off time; the rest of the procedure and where
   * it came from stay as they are. Dossiers already received keep the time they were counted with.
   */
  setCutoff(code: string, cutoffTime: string | null): Procedure {
    const { cutoffTime: _old, ...rest } = this.get(code);
    const next = Procedure.parse(cutoffTime ? { ...rest, cutoffTime } : rest);
    this.db.prepare('UPDATE procedures SET data = ? WHERE code = ?').run(JSON.stringify(next), code);
    return next;
  }

  /**
   * Imports a JSON or XLSX catalogue: the whole file is checked first; then, in
   * one transaction, each procedure replaces the one with the same code and new
   * ones are added. Procedures not in the file stay (dossiers may refer to them). The national
   * database's procedure list only updates procedures the station has: the others' codes go to
   * `skipped`.
   */
  async import(fileName: string, bytes: Buffer, skipped: string[] = []): Promise<Procedure[]> {
    const have = new Map(this.list().map((p) => [p.code, p]));
    const procedures = await parseCatalogFile(fileName, bytes, (code) => have.get(code), skipped);
    const upsert = this.db.prepare(
      'INSERT INTO procedures (code, data, source) VALUES (?, ?, ?) ON CONFLICT (code) DO UPDATE SET data = excluded.data, source = excluded.source',
    );
    transaction(this.db, () => {
      for (const p of procedures) upsert.run(p.code, JSON.stringify(p), fileName);
    });
    return procedures;
  }

  async export(format: 'json' | 'xlsx'): Promise<{ fileName: string; mime: string; bytes: Buffer }> {
    const procedures = this.list();
    const sample =
      (this.db.prepare("SELECT COUNT(*) AS n FROM procedures WHERE source = 'sample'").get() as { n: number })
        .n > 0;
    if (format === 'json')
      return {
        fileName: 'danh-muc-thu-tuc.json',
        mime: 'application/json',
        bytes: Buffer.from(JSON.stringify({ ...(sample ? { sample: true } : {}), procedures }, null, 2)),
      };
    return {
      fileName: 'danh-muc-thu-tuc.xlsx',
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      bytes: await catalogToXlsx(procedures),
    };
  }
}
