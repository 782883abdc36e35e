import type { catalogCalls } from '../../../shared/api/rooms/catalog';
import type { RoomHandlers } from '../context';
import type { Catalog } from './index';
import { type NationalLookup, nationalDiff } from './national';

export function catalogHandlers(
  catalog: Catalog,
  national: () => NationalLookup | null = () => null,
): RoomHandlers<keyof typeof catalogCalls> {
  return {
    'catalog.nationalDiff': () => nationalDiff(catalog, national()),
    'catalog.list': () => catalog.listed(),
    'catalog.import': async (p) => {
      const skipped: string[] = [];
      const procedures = await catalog.import(p.fileName, Buffer.from(p.dataBase64, 'base64'), skipped);
      return { imported: procedures.length, procedures, ...(skipped.length ? { skipped } : {}) };
    },
    'catalog.setCutoff': (p) => catalog.setCutoff(p.code, p.cutoffTime),
    'catalog.export': async (p) => {
      const f = await catalog.export(p.format);
      return { fileName: f.fileName, mime: f.mime, dataBase64: f.bytes.toString('base64') };
    },
  };
}
