import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { exited, killOnceMoved, spawnSohoa } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { makeBatch, sandboxDossiers, sandboxUrl } from '../outbox/fixtures';
import { received, startStandin } from './standin-process';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

const sohoa = (args: string[]) => spawnSohoa(children, args, { SOHOA_PORTAL_KEY: 'matkhau' });

describe('the outbox in the DVCQG dialect', () => {
  it('a batch reaches a stand-in national portal exactly once through SIGKILLs of the station and 30 % faults', async () => {
    const dir = tempDir();
    const stationDir = path.join(dir, 'station');
    const COUNT = 6;
    await makeBatch(path.join(dir, 'batch'), COUNT);
    {
      const engine = createEngine({ dataDir: stationDir, imaging: { ocr: false } });
      const c = connectInProcess(engine);
      expect((await c.call('batch.import', { dir: path.join(dir, 'batch') })).imported).toHaveLength(COUNT);
      c.dispose();
      engine.close();
    }
    // The province's file service (our protocol's resumable upload) and the national portal.
    const files = sohoa([
      'portal-sandbox',
      '--port',
      '0',
      '--data',
      path.join(dir, 'files'),
      '--latency-ms',
      '10',
    ]);
    const filesUrl = await sandboxUrl(files);
    const standin = await startStandin(children, [
      '--faults',
      '0.3',
      '--fault-kinds',
      '500,empty,html,lost',
      '--session-calls',
      '7',
    ]);
    const args = [
      'outbox',
      'sync',
      '--portal',
      filesUrl,
      '--dialect',
      'dvcqg',
      '--dvcqg-adapter',
      standin.url,
      '--dvcqg-auth',
      '/auth',
      '--dvcqg-integration',
      '/integration',
      '--dvcqg-share',
      '/share',
      '--dvcqg-user',
      'donvi',
      '--madonvi',
      '000.00.00.H01',
      '--until-empty',
      '--data',
      stationDir,
      '--backoff-ms',
      '30',
      '--chunk-kb',
      '4',
      '--timeout-s',
      '50',
    ];
    // Progress both services can see: bytes at the file service, syncs at the national portal.
    const progress = async () => {
      const bytes = (await sandboxDossiers(filesUrl)).reduce(
        (n, d) => n + 1 + d.files.reduce((m, f) => m + f.received, 0),
        0,
      );
      const got = await received(standin.url);
      return bytes + Object.values(got.dossiers).reduce((n, d) => n + d.syncs.length, 0);
    };
    let kills = 0;
    for (let round = 0; round < 4; round++) {
      if (!(await killOnceMoved(sohoa(args), progress, 300))) break;
      kills++;
    }
    const last = sohoa([...args, '--json']);
    let out = '';
    last.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    last.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    expect(await exited(last, 55_000), out).toBe(0);
    expect(kills).toBeGreaterThanOrEqual(1);

    const got = await received(standin.url);
    const held = await sandboxDossiers(filesUrl);
    expect(held).toHaveLength(COUNT);
    expect(Object.keys(got.dossiers).sort()).toEqual(held.map((d) => d.code).sort());
    for (const d of Object.values(got.dossiers)) {
      // Created once: every later sync (a replay after a kill or a lost answer) is an update.
      expect(d.syncs[0]!.isUpdating).toBe('False');
      expect(d.syncs.slice(1).every((s) => s.isUpdating === 'True')).toBe(true);
      const tep = d.dossier.TaiLieuNop as { DuongDanTaiTepTin: string }[];
      expect(tep.length).toBeGreaterThan(0);
      expect(tep.every((f) => f.DuongDanTaiTepTin.startsWith(filesUrl))).toBe(true);
    }
  }, 120_000);
});
