import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { catalogToXlsx, parseCatalogFile, parseJsonCatalog } from '../../electron/engine/catalog/io';
import { MAX_XLSX_EXPANDED } from '../../electron/engine/catalog/zip-guard';
import { Procedure } from '../../shared/api/contract';
import { StationError } from '../../shared/api/errors';
import { anyText, fuzz, mutated, timed } from './kit';

const SAMPLE: Procedure = {
  code: '1.001193',
  name: 'Đăng ký khai sinh',
  field: 'Hộ tịch',
  agency: 'UBND cấp xã',
  processingDays: 1,
  feeVnd: 0,
  components: [{ code: 'TK', name: 'Tờ khai đăng ký khai sinh', required: true, copies: 1 }],
};
const GOOD_JSON = JSON.stringify({ procedures: [SAMPLE] });

/** Either a catalogue the contract takes, or `catalog_invalid` with a readable message — nothing else. */
function checkAnswer(run: () => Procedure[]): void {
  try {
    const procedures = run();
    expect(procedures.length).toBeGreaterThan(0);
    for (const p of procedures) expect(Procedure.safeParse(p).success).toBe(true);
  } catch (err) {
    expect(err).toBeInstanceOf(StationError);
    expect((err as StationError).code).toBe('catalog_invalid');
    expect(String((err as StationError).params.problem).length).toBeLessThan(8000);
  }
}

const procedureLike = fc.record({
  code: fc.oneof(anyText(80), fc.constant('1.001193')),
  name: anyText(100),
  field: anyText(20),
  agency: anyText(20),
  processingDays: fc.oneof(fc.double(), fc.integer(), fc.constant('3')),
  feeVnd: fc.oneof(fc.integer(), fc.double()),
  components: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.array(
      fc.record({ code: anyText(8), name: anyText(30), required: fc.boolean(), copies: fc.integer() }),
      {
        maxLength: 4,
      },
    ),
  ),
});

describe('fuzz: catalogue files (JSON and XLSX, from the province or typed by hand)', () => {
  it('JSON: any text, any JSON, damaged copies of a good file, procedure-shaped records', () => {
    const text = fc.oneof(
      anyText(800),
      fc.json({ maxDepth: 5 }),
      mutated(GOOD_JSON),
      fc.array(procedureLike, { maxLength: 5 }).map((ps) => JSON.stringify({ procedures: ps })),
    );
    fc.assert(
      fc.property(text, (t) => checkAnswer(() => parseJsonCatalog('danh-muc.json', t))),
      fuzz(500),
    );
  });

  it('XLSX: random bytes behind a ZIP signature and damaged copies of a real workbook', async () => {
    const good = await catalogToXlsx([SAMPLE]);
    const damaged = fc
      .array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 12,
      })
      .map((edits) => {
        const b = Buffer.from(good);
        for (const [at, v] of edits) b[at] = v;
        return b;
      });
    const bytes = fc.oneof(
      damaged,
      fc.nat({ max: good.length }).map((n) => good.subarray(0, n)),
      fc
        .uint8Array({ maxLength: 4000 })
        .map((b) => Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from(b)])),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (b) => {
        const { ms } = await timed(async () => {
          try {
            const procedures = await parseCatalogFile('danh-muc.xlsx', b);
            for (const p of procedures) expect(Procedure.safeParse(p).success).toBe(true);
          } catch (err) {
            expect(err).toBeInstanceOf(StationError);
            expect((err as StationError).code).toBe('catalog_invalid');
          }
        });
        expect(ms).toBeLessThan(3000);
      }),
      fuzz(150, 8000),
    );
  });

  it('XLSX: a zip bomb is refused before ExcelJS inflates it, in bounded time', async () => {
    // A sheet of zeros just above the bound: ~100 KB compressed, what the station would have to hold whole.
    const sheet = new Uint8Array(MAX_XLSX_EXPANDED + 1024 * 1024);
    const bomb = Buffer.from(
      zipSync({ '[Content_Types].xml': new Uint8Array(10), 'xl/worksheets/sheet1.xml': sheet }, { level: 1 }),
    );
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const { ms, value } = await timed(() =>
      parseCatalogFile('bom.xlsx', bomb).then(
        () => null,
        (e: unknown) => e,
      ),
    );
    expect(value).toMatchObject({ code: 'catalog_invalid' });
    expect(String((value as StationError).params.problem)).toContain('100 MB');
    expect(ms).toBeLessThan(5000);
    // The guard's words: ExcelJS (which would inflate the sheet whole in memory) never saw it.
  });
});
