import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Procedure } from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';
import { type Db, transaction } from '../store';

const CatalogFile = z.object({
  sample: z.boolean().optional(),
  procedures: z.array(Procedure).min(1),
});

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

  get(code: string): Procedure {
    const row = this.db.prepare('SELECT data FROM procedures WHERE code = ?').get(code) as
      { data: string } | undefined;
    if (!row) throw new StationError('unknown_procedure', { code });
    return Procedure.parse(JSON.parse(row.data));
  }
}
