import { execFile } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CallFailed } from '../../shared/api';
import { errorMessage } from '../../shared/i18n';
import { createEngine, type Engine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { type Sandbox, startSandbox } from '../../electron/engine/training';
import { tempDir } from '../helpers/tmp';
import { makeBatch, sandboxDossiers } from './fixtures';

/** The keys the province issued to this station: they must never reach a client or the log. */
const SECRET = 'khoa-that-QNAM-7f3a9c';
const PAY_SECRET = 'ma-kiem-tra-thanh-toan-51be';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

function station(dataDir: string, outbox: Parameters<typeof createEngine>[0]['outbox'] = {}) {
  const log: string[] = [];
  const events: unknown[] = [];
  const engine: Engine = createEngine({
    dataDir,
    log: (line) => log.push(line),
    imaging: { ocr: false },
    outbox: { baseBackoffMs: 30, maxBackoffMs: 300, statusPollMs: 100, chunkSize: 16 * 1024, ...outbox },
  });
  const off = engine.onEvent((e) => events.push(e));
  const client = connectInProcess(engine);
  const close = () => {
    off();
    client.dispose();
    engine.close();
  };
  closers.push(close);
  return { engine, client, log, events, close };
}

async function sandbox(secret?: string): Promise<Sandbox> {
  const s = await startSandbox({
    dataDir: tempDir('sohoa-sandbox-'),
    advanceMs: 0,
    secret,
    paymentSecret: PAY_SECRET,
  });
  closers.push(() => s.close());
  return s;
}

async function failure(p: Promise<unknown>): Promise<CallFailed> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(CallFailed);
    return err as CallFailed;
  }
  throw new Error('expected the call to fail');
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** A real server that accepts the connection and never answers. */
async function silentServer(): Promise<string> {
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  closers.push(
    () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        srv.close(() => r());
      }),
  );
  return `http://127.0.0.1:${(srv.address() as net.AddressInfo).port}`;
}

/** An ordinary web server (not a portal): every path is a 404 HTML page. */
async function webServer(): Promise<string> {
  const srv = http.createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<html><body>Không tìm thấy trang</body></html>');
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => srv.close(() => r())));
  return `http://127.0.0.1:${(srv.address() as net.AddressInfo).port}`;
}

describe('connecting the station to a real portal', { timeout: 120_000 }, () => {
  it('keeps the portal and payment keys inside the engine: no answer, event or log line carries them', async () => {
    const dir = tempDir();
    const real = await sandbox(SECRET);
    let st = station(dir);
    const saved = await st.client.call('settings.update', {
      portalUrl: real.url,
      portalStationId: 'QNAM-01',
      portalSecret: SECRET,
      paymentPartner: 'QNAM',
      paymentSecret: PAY_SECRET,
    });
    expect(saved).toMatchObject({ portalUrl: real.url, portalSecretSet: true, paymentSecretSet: true });
    expect(saved).not.toHaveProperty('portalSecret');
    expect(saved).not.toHaveProperty('paymentSecret');

    // Saving another field leaves the keys as they were: the stored key still logs in.
    const later = await st.client.call('settings.update', { unitName: 'Bộ phận Một cửa xã Tam Xuân' });
    expect(later).toMatchObject({ portalSecretSet: true, paymentSecretSet: true });
    const check = await st.client.call('portal.check', { url: real.url, stationId: 'QNAM-01' });
    expect(check).toMatchObject({ ok: true, usedStoredSecret: true });

    const seen = [
      JSON.stringify(saved),
      JSON.stringify(later),
      JSON.stringify(await st.client.call('settings.get', {})),
      JSON.stringify(st.events),
      JSON.stringify(check),
      st.log.join('\n'),
    ].join('\n');
    expect(seen).not.toContain(SECRET);
    expect(seen).not.toContain(PAY_SECRET);
    expect(st.events.filter((e) => (e as { name: string }).name === 'settings.changed')).toHaveLength(2);

    // Across a restart, still stored, still not shown.
    st.close();
    st = station(dir);
    const reopened = await st.client.call('settings.get', {});
    expect(reopened).toMatchObject({
      portalStationId: 'QNAM-01',
      portalSecretSet: true,
      paymentSecretSet: true,
    });
    expect(JSON.stringify(reopened)).not.toContain(SECRET);

    // An explicit clear (null) removes one key; an empty string is not a way to clear and is refused.
    const cleared = await st.client.call('settings.update', { portalSecret: null });
    expect(cleared).toMatchObject({ portalSecretSet: false, paymentSecretSet: true });
    const none = await failure(st.client.call('portal.check', { url: real.url, stationId: 'QNAM-01' }));
    expect(none.error.code).toBe('portal_check_no_key');
    const empty = await failure(st.client.call('settings.update', { portalSecret: '' }));
    expect(empty.error.code).toBe('invalid_request');
    // A key refused at the boundary (too long) is not echoed in the error or the log either.
    const long = await failure(st.client.call('settings.update', { portalSecret: SECRET.repeat(30) }));
    expect(long.error.code).toBe('invalid_request');
    expect(JSON.stringify(long.error)).not.toContain(SECRET);
    expect(st.log.join('\n')).not.toContain(SECRET);
  });

  it('after saving, the outbox sends to the new portal with the new key at once, and back in training mode to the sandbox with its own key', async () => {
    const dir = tempDir();
    const training = await sandbox(); // the embedded sandbox's own key ('sandbox')
    const real = await sandbox(SECRET);
    const st = station(path.join(dir, 'station'), { trainingPortalUrl: training.url });
    const deliver = async (n: number) => {
      await makeBatch(path.join(dir, `batch-${n}`), 1, n);
      const r = await st.client.call('batch.import', { dir: path.join(dir, `batch-${n}`) });
      expect(r.refused).toEqual([]);
      return st.client.call('outbox.sync', { untilEmpty: true, timeoutMs: 30_000 });
    };

    // The real key is stored, but no portal address yet: training mode, and the sandbox gets its own key.
    await st.client.call('settings.update', { portalStationId: 'QNAM-01', portalSecret: SECRET });
    expect(await st.client.call('app.info', {})).toMatchObject({ trainingMode: true });
    expect(await st.client.call('outbox.overview', {})).toMatchObject({
      portalUrl: training.url,
      training: true,
    });
    expect(await deliver(0)).toMatchObject({ pending: 0, failed: 0 });
    expect(await sandboxDossiers(training.url)).toHaveLength(1);

    // The real portal: training mode ends with the save, and the next dossier goes there.
    await st.client.call('settings.update', { portalUrl: real.url });
    expect(await st.client.call('app.info', {})).toMatchObject({ trainingMode: false });
    expect(await st.client.call('outbox.overview', {})).toMatchObject({
      portalUrl: real.url,
      training: false,
    });
    expect(await deliver(1)).toMatchObject({ pending: 0, failed: 0 });
    expect(await sandboxDossiers(real.url)).toHaveLength(1);

    // A wrong key saved for the same address is used at once: the portal refuses it, the clerk is told.
    await st.client.call('settings.update', { portalSecret: 'khoa-cu-da-thu-hoi' });
    const refused = await deliver(2);
    expect(refused).toMatchObject({ failed: 1 });
    expect(await sandboxDossiers(real.url)).toHaveLength(1);
    expect(refused.items.find((i) => i.state === 'failed')?.lastError?.code).toBe('portal_credentials');
    await st.client.call('settings.update', { portalSecret: SECRET });
    await st.client.call('outbox.retryNow', {});
    expect(await st.client.call('outbox.sync', { untilEmpty: true, timeoutMs: 30_000 })).toMatchObject({
      failed: 0,
      pending: 0,
    });
    expect(await sandboxDossiers(real.url)).toHaveLength(2);

    // Back to training: the tag returns and the sandbox is the portal again.
    await st.client.call('settings.update', { portalUrl: '' });
    expect(await st.client.call('app.info', {})).toMatchObject({ trainingMode: true });
    expect(await st.client.call('outbox.overview', {})).toMatchObject({
      portalUrl: training.url,
      training: true,
    });
    expect(st.log.join('\n')).not.toContain(SECRET);
  });

  it('"Kiểm tra kết nối" logs in without saving, and names what is wrong: key, address, silence, not a portal, TLS', async () => {
    const real = await sandbox(SECRET);
    const st = station(tempDir());
    const before = await st.client.call('settings.get', {});
    const test = (url: string, secret = SECRET) =>
      st.client.call('portal.check', { url, stationId: 'QNAM-01', secret });

    const ok = await test(real.url);
    expect(ok).toMatchObject({ ok: true, url: real.url, usedStoredSecret: false });
    expect(Date.parse(ok.sessionExpiresAt)).toBeGreaterThan(Date.now());
    expect(await st.client.call('settings.get', {})).toEqual(before); // nothing saved

    const wrong = await failure(test(real.url, 'khoa-sai'));
    expect(wrong.error.code).toBe('portal_check_credentials');
    expect(errorMessage(wrong.error, 'vi')).toContain('Mã trạm');

    const closed = await failure(test(`http://127.0.0.1:${await closedPort()}`));
    expect(closed.error).toMatchObject({
      code: 'portal_check_unreachable',
      params: { reason: 'ECONNREFUSED' },
    });
    expect(errorMessage(closed.error, 'vi')).toContain('Không kết nối được tới địa chỉ http://127.0.0.1:');

    const notPortal = await failure(test(await webServer()));
    expect(notPortal.error).toMatchObject({
      code: 'portal_check_not_portal',
      params: { reason: 'HTTP 404' },
    });

    const tls = await failure(test(real.url.replace('http:', 'https:')));
    expect(tls.error.code).toBe('portal_check_tls');

    // A server that takes the connection and never answers: given up at the 10 s bound, not later.
    const silent = await silentServer();
    const t0 = Date.now();
    const hang = await failure(test(silent));
    const took = Date.now() - t0;
    expect(hang.error).toMatchObject({ code: 'portal_check_timeout', params: { seconds: 10 } });
    expect(took).toBeGreaterThanOrEqual(9_500);
    expect(took).toBeLessThan(12_000);
    expect(errorMessage(hang.error, 'vi')).toContain('không trả lời trong 10 giây');

    expect(st.log.join('\n')).not.toContain(SECRET);
    expect(await st.client.call('settings.get', {})).toEqual(before);
  });

  it('`sohoa outbox test-portal` checks the saved portal from the command line, the key taken from the environment, never from argv', async () => {
    const real = await sandbox(SECRET);
    const dir = tempDir();
    const st = station(dir);
    await st.client.call('settings.update', { portalUrl: real.url, portalStationId: 'QNAM-01' });
    st.close();
    const bin = fileURLToPath(new URL('../../bin/sohoa.mjs', import.meta.url));
    const run = (key: string) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        execFile(
          process.execPath,
          [bin, '--data', dir, 'outbox', 'test-portal'],
          { env: { ...process.env, SOHOA_PORTAL_KEY: key, SOHOA_LANG: 'vi' }, timeout: 60_000 },
          (err, stdout, stderr) =>
            resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
        );
      });
    const ok = await run(SECRET);
    expect(ok.out).toContain(`ok: ${real.url} accepted the station`);
    expect(ok.code).toBe(0);
    const wrong = await run('khoa-sai');
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('[portal_check_credentials]');
  });
});

describe('the online/offline indicator with nothing to send', { timeout: 120_000 }, () => {
  it('turns online once the portal answers, offline when it goes away, and online again when it returns', async () => {
    // Not through sandbox(): this one is closed by the test itself.
    const real = await startSandbox({ dataDir: tempDir('sohoa-sandbox-'), advanceMs: 0, secret: SECRET });
    const st = station(tempDir(), { statusPollMs: 300, autoStart: true }); // as the app runs it
    const online = () => st.client.call('outbox.overview', {}).then((s) => s.online);
    // A fresh station with an empty queue does not know yet…
    await st.client.call('settings.update', {
      portalUrl: real.url,
      portalStationId: 'QNAM-01',
      portalSecret: SECRET,
    });
    // …then the heartbeat reaches the portal.
    await expect.poll(online, { timeout: 10_000 }).toBe(true);
    const port = Number(new URL(real.url).port);
    await real.close();
    await expect.poll(online, { timeout: 20_000 }).toBe(false);
    // The line comes back on the same address.
    const back = await startSandbox({
      dataDir: tempDir('sohoa-sandbox-'),
      advanceMs: 0,
      secret: SECRET,
      port,
    });
    closers.push(() => back.close());
    await expect.poll(online, { timeout: 20_000 }).toBe(true);
    expect(st.events.some((e) => (e as { name: string }).name === 'outbox.changed')).toBe(true);
  });
});
