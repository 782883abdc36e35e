import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastStation as station } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import { makeBatch } from '../outbox/fixtures';

describe('batch import: a folder of dossiers prepared elsewhere', { timeout: 120_000 }, () => {
  it('importing the same folder twice adds nothing; a broken dossier is refused with its reason and never received', async () => {
    const dir = tempDir();
    const batch = path.join(dir, 'batch');
    await makeBatch(batch, 2);
    await makeBatch(path.join(dir, 'broken'), 1, 10);
    // One folder with a missing file, one with an unknown component.
    fs.renameSync(path.join(dir, 'broken', 'ho-so-010'), path.join(batch, 'ho-so-010'));
    fs.rmSync(path.join(batch, 'ho-so-010', 'giay-bao-tu.png'));
    const st = station(path.join(dir, 'station'));
    const first = await st.client.call('batch.import', { dir: batch });
    expect(first.imported.map((i) => i.folder)).toEqual(['ho-so-000', 'ho-so-001']);
    expect(first.refused).toHaveLength(1);
    expect(first.refused[0]).toMatchObject({ folder: 'ho-so-010', error: { code: 'batch_invalid' } });
    expect(String(first.refused[0]!.error.params?.reason)).toContain('giay-bao-tu.png');

    const second = await st.client.call('batch.import', { dir: batch });
    expect(second.imported).toEqual([]);
    expect(second.skipped.map((s) => s.folder)).toEqual(['ho-so-000', 'ho-so-001']);
    const overview = await st.client.call('outbox.overview', {});
    expect(overview.items).toHaveLength(2);
    const dossiers = await st.client.call('dossier.list', {});
    expect(dossiers.filter((d) => d.status === 'received')).toHaveLength(2);
  });
});
