import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { b64, scanImage } from '../helpers/images';
import { tempDir } from '../helpers/tmp';

/** A real small file system (tmpfs) to fill up; needs root, as CI and our machines have. */
function smallDisk(megabytes: number): string | null {
  const dir = tempDir('sohoa-small-disk-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  mounted.push(dir);
  return dir;
}
const mounted: string[] = [];
afterEach(() => {
  for (const dir of mounted.splice(0)) execFileSync('umount', ['-l', dir]);
});

/** Writes until the disk says no more; returns the filler's path. */
function fillUp(dir: string): string {
  const filler = path.join(dir, 'filler.bin');
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (err) {
    expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    fs.closeSync(fd);
  }
  return filler;
}

const canMount = process.getuid?.() === 0;

describe('a full disk at the counter', () => {
  it.skipIf(!canMount)(
    'says the disk is full, keeps every page already stored, and goes on once space is freed',
    async () => {
      const disk = smallDisk(8);
      expect(disk, 'mount -t tmpfs failed').not.toBeNull();
      const dataDir = path.join(disk!, 'data');
      let engine = createEngine({ dataDir, imaging: { ocr: false } });
      let client = connectInProcess(engine);
      const d = await client.call('dossier.create', {
        procedureCode: '1.001193',
        applicantName: 'Đỗ Thị Lan',
      });
      const first = await client.call('dossier.addPages', {
        dossierId: d.id,
        componentCode: 'TK',
        files: [{ name: 'trang-1.png', dataBase64: b64(await scanImage('png')) }],
      });
      expect(first.added).toHaveLength(1);

      const filler = fillUp(disk!);
      const page2 = { name: 'trang-2.png', dataBase64: b64(await scanImage('png', { shade: '#444' })) };
      await expect(
        client.call('dossier.addPages', { dossierId: d.id, componentCode: 'TK', files: [page2] }),
      ).rejects.toMatchObject({ error: { code: 'disk_full' } });
      // Nothing half-written: the dossier still reads, with its first page.
      const still = await client.call('dossier.get', { dossierId: d.id });
      expect(still.components[0]!.pages.map((p) => p.sourceName)).toEqual(['trang-1.png']);
      expect(fs.readdirSync(path.join(dataDir, 'blobs', 'tmp'))).toEqual([]);

      // Receiving on a full disk: either it fits in what SQLite still holds, or it fails whole —
      // never a received dossier without its outbox entry, never half a reception.
      const receive = {
        dossierId: d.id,
        exceptions: [{ componentCode: 'GCS', reason: 'Công dân bổ sung sau' }],
        // The citizen consents to online submission: received, it is queued for the portal.
        consent: { how: 'checkbox' as const },
        unsignedReason: 'Ký số bổ sung sau khi tiếp nhận',
      };
      const onFull = await client.call('reception.receive', receive).then(
        () => 'received' as const,
        (e: { error: { code: string } }) => e.error.code,
      );
      expect(['received', 'disk_full']).toContain(onFull);
      const queued = async () =>
        (await client.call('outbox.overview', {})).items.filter((i) => i.dossierId === d.id);
      const status = (await client.call('dossier.get', { dossierId: d.id })).status;
      expect(status).toBe(onFull === 'received' ? 'received' : 'draft');
      expect(await queued()).toHaveLength(onFull === 'received' ? 1 : 0);

      fs.rmSync(filler);
      const again = await client.call('dossier.addPages', {
        dossierId: d.id,
        componentCode: 'TK',
        files: [page2],
      });
      expect(again.added).toHaveLength(1);
      if (onFull !== 'received') await client.call('reception.receive', receive);
      expect(await queued()).toHaveLength(1);
      client.dispose();
      engine.close();

      engine = createEngine({ dataDir, imaging: { ocr: false } });
      client = connectInProcess(engine);
      const reopened = await client.call('dossier.get', { dossierId: d.id });
      expect(reopened.components[0]!.pages.map((p) => p.sourceName)).toEqual(['trang-1.png', 'trang-2.png']);
      client.dispose();
      engine.close();
    },
  );
});
