import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { DVCQG_PATHS, type DvcqgReceived } from '../../electron/engine/training/dvcqg';
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
  }, 240_000);

  it('the same through the training portal in DVCQG mode (portal-sandbox --dialect dvcqg, 30 % faults): each dossier created once, replays as updates', async () => {
    const dir = tempDir();
    const stationDir = path.join(dir, 'station');
    const COUNT = 10; // enough calls that "no fault happened" (0.7^calls) is negligible
    await makeBatch(path.join(dir, 'batch'), COUNT);
    {
      const engine = createEngine({ dataDir: stationDir, imaging: { ocr: false } });
      const c = connectInProcess(engine);
      expect((await c.call('batch.import', { dir: path.join(dir, 'batch') })).imported).toHaveLength(COUNT);
      c.dispose();
      engine.close();
    }
    // One training portal serves the file service and the DVCQG endpoints; the faults hit both:
    // a 503 before or after the work, a cut line, an answer lost after the work.
    const portal = sohoa([
      'portal-sandbox',
      '--port',
      '0',
      '--data',
      path.join(dir, 'portal'),
      '--dialect',
      'dvcqg',
      '--fail-rate',
      '0.15',
      '--drop-rate',
      '0.15',
      '--latency-ms',
      '10',
    ]);
    const url = await sandboxUrl(portal);
    const dvcqg = async (): Promise<DvcqgReceived> =>
      (await (
        await fetch(`${url}/sandbox/dvcqg`, { signal: AbortSignal.timeout(10_000) })
      ).json()) as DvcqgReceived;
    // The training portal's DVCQG password is its secret ("sandbox"), as the file service's.
    const station = (a: string[]) => spawnSohoa(children, a, { SOHOA_PORTAL_KEY: 'sandbox' });
    const args = [
      'outbox',
      'sync',
      '--portal',
      url,
      '--dialect',
      'dvcqg',
      '--dvcqg-auth',
      DVCQG_PATHS.auth,
      '--dvcqg-integration',
      DVCQG_PATHS.integration,
      '--dvcqg-share',
      DVCQG_PATHS.share,
      '--dvcqg-user',
      'donvi-h47',
      '--madonvi',
      '000.00.00.H47',
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
    const progress = async () => {
      const bytes = (await sandboxDossiers(url)).reduce(
        (n, d) => n + 1 + d.files.reduce((m, f) => m + f.received, 0),
        0,
      );
      return bytes + (await dvcqg()).calls.length;
    };
    let kills = 0;
    for (let round = 0; round < 3; round++) {
      if (!(await killOnceMoved(station(args), progress, 300))) break;
      kills++;
    }
    const last = station([...args, '--json']);
    let out = '';
    last.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    last.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    expect(await exited(last, 55_000), out).toBe(0);
    expect(kills).toBeGreaterThanOrEqual(1);

    const got = await dvcqg();
    const held = await sandboxDossiers(url);
    expect(held).toHaveLength(COUNT);
    expect(got.dossiers.map((d) => d.MaHoSo).sort()).toEqual(held.map((d) => d.code).sort());
    const syncs = got.calls.filter((c) => c.service === 'DongBoHoSoMC');
    for (const d of got.dossiers) {
      const mine = syncs.filter((c) => JSON.stringify(c.body).includes(`"MaHoSo":"${d.MaHoSo}"`));
      // Created by exactly one isUpdating "False" that did the work (its answer may have been lost);
      // every later sync is an update, never a second creation refused as existing (409).
      expect(mine.filter((c) => c.isUpdating === 'False' && c.errorCode === '00')).toHaveLength(1);
      expect(mine.some((c) => c.errorCode === '409')).toBe(false);
      expect(d.created).toBe(1);
    }
    // Faults happened, and what they cost was retried, not skipped.
    expect(got.calls.some((c) => c.answer !== 'sent')).toBe(true);
  }, 240_000);
});
