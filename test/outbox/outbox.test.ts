import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPdf } from '../../electron/engine/sign/verify';
import { fastStation as station, testSandbox as sandbox } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import { makeBatch, sandboxDossiers, waitFor } from './fixtures';

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
/** Every file the station holds for its dossiers, by dossier code: name → SHA-256 of the bytes it sent. */
async function stationFiles(c: ReturnType<typeof station>['client']) {
  const out = new Map<string, string[]>();
  const overview = await c.call('outbox.overview', {});
  for (const item of overview.items.filter((i) => i.kind === 'submit')) {
    const d = await c.call('dossier.get', { dossierId: item.dossierId });
    const hashes: string[] = [];
    for (const comp of d.components.filter((x) => x.pdf)) {
      const pdf = await c.call('documents.componentPdf', { dossierId: d.id, componentCode: comp.code });
      hashes.push(sha(Buffer.from(pdf.dataBase64, 'base64')));
    }
    out.set(item.code ?? d.id, hashes);
  }
  return out;
}

describe('the outbox sends received dossiers to the portal', { timeout: 240_000 }, () => {
  it('imports a folder, queues every dossier at reception, and delivers each once with byte-identical files', async () => {
    const dir = tempDir();
    await makeBatch(path.join(dir, 'batch'), 3);
    const s = await sandbox();
    const st = station(path.join(dir, 'station'));
    const report = await st.client.call('batch.import', { dir: path.join(dir, 'batch') });
    expect(report.refused).toEqual([]);
    expect(report.imported).toHaveLength(3);
    const queued = await st.client.call('outbox.overview', {});
    expect(queued.items.map((i) => i.state)).toEqual(['queued', 'queued', 'queued']);

    const sync = await st.client.call('outbox.sync', {
      portalUrl: s.url,
      untilEmpty: true,
      timeoutMs: 60_000,
    });
    expect(sync).toMatchObject({ submitted: 3, pending: 0, failed: 0 });
    const held = await sandboxDossiers(s.url);
    expect(held).toHaveLength(3);
    const mine = await stationFiles(st.client);
    for (const d of held) {
      expect(d.createdTimes).toBeGreaterThanOrEqual(1);
      expect(d.files.every((f) => f.complete)).toBe(true);
      expect(d.files.map((f) => f.sha256)).toEqual(mine.get(d.code));
    }
    expect(new Set(held.map((d) => d.applicant)).size).toBe(3);
  });

  it('reads the status back, fetches the result, and records its return to the citizen (status 10)', async () => {
    const dir = tempDir();
    await makeBatch(path.join(dir, 'batch'), 1);
    const s = await sandbox({ advanceMs: 150 });
    const st = station(path.join(dir, 'station'));
    await st.client.call('batch.import', { dir: path.join(dir, 'batch') });
    await st.client.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 30_000 });
    const ready = await waitFor('the result', async () => {
      const o = await st.client.call('outbox.overview', {});
      return o.items.find((i) => i.state === 'result_ready');
    });
    expect(ready.portalStatus).toBe(9);
    expect(ready.results).toHaveLength(1);
    // The portal signed its result; the station checked it with the signing room's verifier: intact,
    // but the sandbox's own certificate is not in the station's trust list → indeterminate.
    expect(ready.results[0]!.signed).toBe(true);
    expect(ready.results[0]!.verified).toBe('indeterminate');
    const file = await st.client.call('outbox.resultFile', {
      dossierId: ready.dossierId,
      fileId: ready.results[0]!.fileId,
    });
    const result = Buffer.from(file.dataBase64, 'base64');
    expect(result.subarray(0, 5).toString()).toBe('%PDF-');
    // With the sandbox's certificate trusted, the same signature verifies as valid; pdfsig agrees from outside.
    const ca = await (await fetch(`${s.url}/sandbox/ca.pem`, { signal: AbortSignal.timeout(5000) })).text();
    expect(verifyPdf(result, [ca]).verdict).toBe('valid');
    const out = path.join(dir, 'result.pdf');
    fs.writeFileSync(out, result);
    expect(execFileSync('pdfsig', [out], { encoding: 'utf8' })).toContain('Signature is Valid');

    await st.client.call('outbox.recordReturn', {
      dossierId: ready.dossierId,
      returnedTo: 'Nguyễn Văn Thử 0',
    });
    await waitFor('status 10 on the portal', async () => (await sandboxDossiers(s.url))[0]?.status === 10);
    const after = await st.client.call('outbox.overview', {});
    expect(after.items.every((i) => i.state === 'done')).toBe(true);
  });

  it('with 30% errors and dropped connections everything still arrives, once', async () => {
    const dir = tempDir();
    await makeBatch(path.join(dir, 'batch'), 8);
    const s = await sandbox({ faults: { failRate: 0.3, dropRate: 0.15 } });
    const st = station(path.join(dir, 'station'), { concurrency: 3 });
    await st.client.call('batch.import', { dir: path.join(dir, 'batch') });
    const sync = await st.client.call('outbox.sync', {
      portalUrl: s.url,
      untilEmpty: true,
      timeoutMs: 90_000,
    });
    expect(sync).toMatchObject({ submitted: 8, pending: 0, failed: 0 });
    s.setFaults({ failRate: 0, dropRate: 0 });
    const held = await sandboxDossiers(s.url);
    expect(held).toHaveLength(8);
    const mine = await stationFiles(st.client);
    for (const d of held) expect(d.files.map((f) => f.sha256)).toEqual(mine.get(d.code));
    // The faults really happened: some creates were repeated or some attempts retried.
    expect(sync.items.some((i) => i.attempts > 0) || held.some((d) => d.createdTimes > 1)).toBe(true);
  });

  it('a portal that hangs shows "no answer in time" and the dossier goes through once it answers again', async () => {
    const dir = tempDir();
    await makeBatch(path.join(dir, 'batch'), 2);
    const s = await sandbox({ faults: { hangRate: 1 } });
    const st = station(path.join(dir, 'station'), { requestTimeoutMs: 300 });
    await st.client.call('batch.import', { dir: path.join(dir, 'batch') });
    const stuck = await st.client.call('outbox.sync', {
      portalUrl: s.url,
      untilEmpty: true,
      timeoutMs: 1500,
    });
    expect(stuck.pending).toBe(2);
    for (const i of stuck.items) {
      expect(['retry', 'sending']).toContain(i.state);
      expect(i.lastError?.code).toBe('portal_timeout');
    }
    s.setFaults({ hangRate: 0 });
    const done = await st.client.call('outbox.sync', { untilEmpty: true, timeoutMs: 30_000 });
    expect(done).toMatchObject({ submitted: 2, pending: 0 });
    expect(await sandboxDossiers(s.url)).toHaveLength(2);
  });

  it('an expired session is renewed without losing or repeating anything', async () => {
    const dir = tempDir();
    await makeBatch(path.join(dir, 'batch'), 2);
    const s = await sandbox({ faults: { latencyMs: 20 } });
    const st = station(path.join(dir, 'station'));
    await st.client.call('batch.import', { dir: path.join(dir, 'batch') });
    // The portal ends every session again and again while the station works: each call that meets
    // PHIEN_HET_HAN logs in again and goes on.
    // Every 150 ms: several times in each dossier's exchange (≈ 10 calls of 20 ms), yet not so often
    // that a loaded machine cannot finish three calls in a row between two expiries.
    const expiring = setInterval(() => s.expireSessions(), 150);
    try {
      const sync = await st.client.call('outbox.sync', {
        portalUrl: s.url,
        untilEmpty: true,
        timeoutMs: 90_000,
      });
      expect(sync).toMatchObject({ submitted: 2, pending: 0, failed: 0 });
    } finally {
      clearInterval(expiring);
    }
    const held = await sandboxDossiers(s.url);
    expect(held).toHaveLength(2);
    expect(held.every((d) => d.files.every((f) => f.complete))).toBe(true);
  });

  it('with no portal configured (training mode) the station sends to its embedded sandbox by itself', async () => {
    const dir = tempDir();
    await makeBatch(path.join(dir, 'batch'), 1);
    let started = 0;
    let trainingUrl = '';
    const st = station(path.join(dir, 'station'), {
      autoStart: true,
      trainingPortal: async () => {
        started++;
        const s = await sandbox();
        trainingUrl = s.url;
        return s.url;
      },
    });
    expect((await st.client.call('app.info', {})).trainingMode).toBe(true);
    await st.client.call('batch.import', { dir: path.join(dir, 'batch') });
    const item = await waitFor('the dossier on the training portal', async () => {
      const o = await st.client.call('outbox.overview', {});
      return o.training
        ? o.items.find((i) => i.state === 'submitted' || i.state === 'result_ready')
        : undefined;
    });
    expect(item.portalStatus).toBeGreaterThanOrEqual(2);
    expect(started).toBe(1);
    expect(await sandboxDossiers(trainingUrl)).toHaveLength(1);
  });

  it('refused credentials stop the dossier with the action to take', async () => {
    const dir = tempDir();
    await makeBatch(path.join(dir, 'batch'), 1);
    const s = await sandbox({ secret: 'other' });
    const st = station(path.join(dir, 'station'));
    await st.client.call('batch.import', { dir: path.join(dir, 'batch') });
    const sync = await st.client.call('outbox.sync', {
      portalUrl: s.url,
      untilEmpty: true,
      timeoutMs: 10_000,
    });
    expect(sync.failed).toBe(1);
    expect(sync.items[0]!.lastError?.code).toBe('portal_credentials');
  });
});
