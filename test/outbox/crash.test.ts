import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { tempDir } from '../helpers/tmp';
import { exited, killOnceMoved, spawnSohoa } from '../helpers/cli';
import { makeBatch, sandboxDossiers, sandboxUrl } from './fixtures';

const children = new Set<ChildProcess>();

afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
});

const sohoa = (args: string[]) => spawnSohoa(children, args);

/** Starts `sohoa portal-sandbox` as its own process and reads its URL. */
async function startSandboxProcess(
  dataDir: string,
  extra: string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  const child = sohoa(['portal-sandbox', '--port', '0', '--data', dataDir, ...extra]);
  return { url: await sandboxUrl(child), child };
}

describe('exactly once through crashes', () => {
  it('the station killed with SIGKILL at random instants during a sync, restarted again and again: every dossier on the portal once, byte-identical, nothing stuck', async () => {
    const dir = tempDir();
    const stationDir = path.join(dir, 'station');
    const COUNT = 12;
    await makeBatch(path.join(dir, 'batch'), COUNT);
    {
      const engine = createEngine({ dataDir: stationDir, imaging: { ocr: false } });
      const c = connectInProcess(engine);
      const r = await c.call('batch.import', { dir: path.join(dir, 'batch') });
      expect(r.imported).toHaveLength(COUNT);
      c.dispose();
      engine.close();
    }
    // A slow line with the odd cut: a sync takes long enough for kills to land mid-upload.
    const sandbox = await startSandboxProcess(path.join(dir, 'portal'), [
      '--latency-ms',
      '15',
      '--drop-rate',
      '0.03',
    ]);
    const syncArgs = ['outbox', 'sync', '--portal', sandbox.url, '--until-empty', '--data', stationDir];
    const tuning = ['--backoff-ms', '50', '--chunk-kb', '4', '--concurrency', '3', '--timeout-s', '120'];
    // Progress the portal can see: bytes received across every file of every dossier.
    const progress = async () =>
      (await sandboxDossiers(sandbox.url)).reduce(
        (n, d) => n + 1 + d.files.reduce((m, f) => m + f.received, 0),
        0,
      );
    let kills = 0;
    for (let round = 0; round < 6; round++) {
      // Kill only once this run has visibly moved the upload on (see killOnceMoved).
      if (!(await killOnceMoved(sohoa([...syncArgs, ...tuning]), progress, 400))) break;
      kills++;
    }
    const last = sohoa([...syncArgs, ...tuning, '--json']);
    let out = '';
    last.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    last.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    expect(await exited(last, 120_000), out).toBe(0);
    expect(kills).toBeGreaterThanOrEqual(2);

    const held = await sandboxDossiers(sandbox.url);
    expect(held).toHaveLength(COUNT);
    expect(new Set(held.map((d) => d.applicant)).size).toBe(COUNT);
    const engine = createEngine({ dataDir: stationDir, imaging: { ocr: false } });
    const c = connectInProcess(engine);
    try {
      const overview = await c.call('outbox.overview', {});
      expect(
        overview.items.filter((i) => ['queued', 'sending', 'retry', 'failed'].includes(i.state)),
      ).toEqual([]);
      for (const item of overview.items) {
        const remote = held.find((d) => d.code === item.code);
        expect(remote, item.code ?? item.dossierId).toBeDefined();
        const d = await c.call('dossier.get', { dossierId: item.dossierId });
        const mine: string[] = [];
        for (const comp of d.components.filter((x) => x.pdf)) {
          const pdf = await c.call('documents.componentPdf', { dossierId: d.id, componentCode: comp.code });
          mine.push(crypto.createHash('sha256').update(Buffer.from(pdf.dataBase64, 'base64')).digest('hex'));
        }
        expect(remote!.files.map((f) => f.sha256)).toEqual(mine);
        expect(remote!.files.every((f) => f.complete)).toBe(true);
      }
    } finally {
      c.dispose();
      engine.close();
      sandbox.child.kill('SIGTERM');
    }
  }, 400_000);
});
