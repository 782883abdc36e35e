import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insideFolder, parseBatchDossier } from '../../electron/engine/batch/service';
import { StationError } from '../../shared/api/errors';
import { BatchReport } from '../../shared/api/rooms/batch';
import { fastStation } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import { anyText, fuzz, mutated } from './kit';

const GOOD = JSON.stringify({
  procedureCode: '1.001193',
  applicant: { name: 'Nguyễn Văn Thử', idNumber: '049090001234' },
  components: [{ code: 'TK', files: ['to-khai.png'] }],
  consent: true,
});

/** dossier.json as it may arrive: bytes, JSON of any shape, damaged copies of a good one, the right keys with any values. */
const specBytes = fc.oneof(
  fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b)),
  fc.json({ maxDepth: 4 }).map((s) => Buffer.from(s)),
  mutated(GOOD).map((s) => Buffer.from(s)),
  fc
    .record({
      procedureCode: fc.jsonValue({ maxDepth: 2 }),
      applicant: fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.record({ name: anyText(300), idNumber: anyText(14) }),
      ),
      components: fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        fc.array(fc.record({ code: anyText(6), files: fc.array(anyText(40), { maxLength: 4 }) }), {
          maxLength: 4,
        }),
      ),
      consent: fc.jsonValue({ maxDepth: 2 }),
    })
    .map((o) => Buffer.from(JSON.stringify(o))),
);

describe('fuzz: batch dossier.json (a folder prepared elsewhere)', () => {
  it('reads any dossier.json as a dossier or refuses it with batch_invalid, saying why in bounded words', () => {
    fc.assert(
      fc.property(specBytes, (raw) => {
        try {
          const spec = parseBatchDossier('ho-so', raw);
          expect(spec.applicant.name.trim().length).toBeGreaterThan(0);
          for (const c of spec.components) expect(c.files.length).toBeGreaterThan(0);
        } catch (err) {
          expect(err).toBeInstanceOf(StationError);
          expect((err as StationError).code).toBe('batch_invalid');
          expect(String((err as StationError).params.reason).length).toBeLessThanOrEqual(2000);
        }
      }),
      fuzz(600),
    );
  });

  it('never lets a file name reach outside the dossier’s folder', () => {
    const dir = path.resolve('/tmp/sohoa-batch/ho-so-001');
    const name = fc.oneof(
      anyText(60),
      fc
        .tuple(
          fc.array(fc.constantFrom('..', '.', 'a', '', '/', '\\', '%2e%2e', 'C:', '\0', '~'), {
            maxLength: 8,
          }),
          fc.constantFrom('/', '\\'),
        )
        .map(([parts, sep]) => parts.join(sep)),
    );
    fc.assert(
      fc.property(name, (f) => {
        const file = insideFolder(dir, f);
        if (file !== null) {
          expect(file.startsWith(dir + path.sep)).toBe(true);
          expect(path.relative(dir, file).split(path.sep)).not.toContain('..');
        }
      }),
      fuzz(1000),
    );
  });

  it('a folder of fuzzed dossiers is reported folder by folder; nothing is received half-built', async () => {
    const root = tempDir();
    const samples = fc.sample(specBytes, { seed: 19, numRuns: 12 });
    samples.forEach((raw, i) => {
      const folder = path.join(root, `f${String(i).padStart(2, '0')}`);
      fs.mkdirSync(folder);
      fs.writeFileSync(path.join(folder, 'dossier.json'), raw);
      fs.writeFileSync(path.join(folder, 'to-khai.png'), Buffer.from('không phải ảnh'));
    });
    const st = fastStation(tempDir());
    const report = BatchReport.parse(await st.client.call('batch.import', { dir: root }));
    expect(report.imported.length + report.refused.length + report.skipped.length).toBe(samples.length);
    // The one page file is not an image: no dossier can be received from this folder.
    expect(report.imported).toEqual([]);
    const list = await st.client.call('dossier.list', {});
    expect(list.filter((d) => d.status === 'received')).toEqual([]);
    st.close();
  });
});
