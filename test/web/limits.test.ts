import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEngine, type Engine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import type { CallFailed } from '../../shared/api/client';
import { MAX_MESSAGE_BYTES } from '../../shared/api/wire';
import { tempDir } from '../helpers/tmp';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';

afterEach(stopAllWebModes);

function connect(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(
  ws: WebSocket,
  id: number,
  method: string,
  params: unknown = {},
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onMessage = (d: WebSocket.RawData) => {
      const m = JSON.parse(d.toString()) as Record<string, unknown>;
      if (m.kind !== 'result' || m.id !== id) return;
      ws.off('message', onMessage);
      resolve(m);
    };
    ws.on('message', onMessage);
    ws.once('close', () => reject(new Error('closed')));
    ws.send(JSON.stringify({ kind: 'call', id, method, params }));
  });
}

describe('bounded memory on every transport', () => {
  it('web mode: a frame above the limit closes that socket only; the engine answers the next call', async () => {
    const web = await startWebMode(tempDir());
    const url = new URL(web.url);
    const token = url.hash.replace('#token=', '');
    const api = `ws://${url.host}/api?token=${token}`;
    const origin = `http://${url.host}`;
    const bystander = await connect(api, origin);
    expect(await call(bystander, 1, 'app.info')).toMatchObject({ ok: true });

    const big = await connect(api, origin);
    const closed = new Promise<{ code: number; reason: string }>((r) =>
      big.once('close', (code, reason) => r({ code, reason: reason.toString() })),
    );
    big.on('error', () => {});
    const files = [{ name: 'lớn.jpg', dataBase64: 'A'.repeat(MAX_MESSAGE_BYTES + 1024) }];
    big.send(
      JSON.stringify({
        kind: 'call',
        id: 2,
        method: 'dossier.addPages',
        params: { dossierId: 'x', componentCode: 'TK', files },
      }),
    );
    // 1009: message too big — refused as it arrived, not parsed.
    expect((await closed).code).toBe(1009);

    // The socket that was open beside it still answers, and so does a new one (the page reconnects).
    expect(await call(bystander, 3, 'app.info')).toMatchObject({ ok: true });
    const again = await connect(api, origin);
    expect(await call(again, 4, 'catalog.list')).toMatchObject({ ok: true });
    // Just below the limit goes through to the contract, which answers with an error value.
    const near = await call(again, 5, 'dossier.addPages', {
      dossierId: 'nope',
      componentCode: 'TK',
      files: [{ name: 'a.jpg', dataBase64: 'A'.repeat(MAX_MESSAGE_BYTES - 4096) }],
    });
    expect(near).toMatchObject({ ok: false, error: { code: 'dossier_not_found' } });
    for (const ws of [bystander, again]) ws.close();
    await web.stop();
  });

  describe('in process (and through a MessagePort, the same dispatcher)', () => {
    let engine: Engine | undefined;
    afterEach(() => {
      engine?.close();
      engine = undefined;
    });

    it('answers an envelope above the limit with message_too_large, and the next call as usual', async () => {
      engine = createEngine({ dataDir: tempDir() });
      const client = connectInProcess(engine);
      const d = await client.call('dossier.create', {
        procedureCode: '1.001193',
        applicantName: 'Trần Thị Bình',
      });
      const files = Array.from({ length: 3 }, (_, i) => ({
        name: `p${i}.jpg`,
        dataBase64: 'A'.repeat(MAX_MESSAGE_BYTES / 2),
      }));
      const err = await client.call('dossier.addPages', { dossierId: d.id, componentCode: 'TK', files }).then(
        () => null,
        (e: unknown) => (e as CallFailed).error,
      );
      expect(err).toMatchObject({ code: 'message_too_large', params: { limit: 64 } });
      expect(Number(err?.params?.megabytes)).toBeGreaterThan(64);
      expect((await client.call('dossier.get', { dossierId: d.id })).id).toBe(d.id);
      client.dispose();
    });

    it('answers a malformed envelope that carries an id, so its caller is not left waiting', async () => {
      engine = createEngine({ dataDir: tempDir() });
      expect(await engine.dispatch({ kind: 'call', id: 9, method: 42 })).toMatchObject({
        kind: 'result',
        id: 9,
        ok: false,
        error: { code: 'invalid_request' },
      });
      expect(await engine.dispatch({ kind: 'call', method: 'app.info' })).toBeNull();
      expect(await engine.dispatch('{"kind":"call"')).toBeNull();
    });
  });
});
