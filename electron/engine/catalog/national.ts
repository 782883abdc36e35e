import type { NationalDiff } from '../../../shared/api/rooms/catalog';
import { StationError } from '../../../shared/api/errors';
import type { Catalog } from './index';

/** One procedure of the national database (wired in engine/index.ts to the DVCQG connector's LayThuTuc). */
export type NationalLookup = (code: string) => Promise<{ name: string; fieldName: string } | null>;

/**
 * `catalog sync`: each local procedure read from the national procedure database (LayThuTuc, DVCQG
 * dialect) and compared — name and field (lĩnh vực). Nothing is changed: the supervisor decides,
 * and imports the national database's export through `catalog.import` when it should.
 */
export async function nationalDiff(catalog: Catalog, lookup: NationalLookup | null): Promise<NationalDiff> {
  if (!lookup) throw new StationError('catalog_needs_dvcqg', {});
  const items: NationalDiff['items'] = [];
  for (const p of catalog.list()) {
    let n: Awaited<ReturnType<NationalLookup>>;
    try {
      n = await lookup(p.code);
    } catch (err) {
      // The portal's technical words (HTTP status, LGSP message) stay behind "Chi tiết".
      if (err instanceof StationError) throw err;
      throw new StationError(
        'catalog_national_failed',
        {},
        `${p.code}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const differs: ('name' | 'field')[] = [];
    if (n && n.name.trim() !== p.name.trim()) differs.push('name');
    if (n && n.fieldName.trim() !== p.field.trim()) differs.push('field');
    items.push({
      code: p.code,
      found: n !== null,
      localName: p.name,
      localField: p.field,
      nationalName: n?.name ?? null,
      nationalField: n?.fieldName ?? null,
      differs,
    });
  }
  return { items };
}
