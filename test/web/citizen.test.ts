import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEngine, type Engine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { tempDir } from '../helpers/tmp';

let engine: Engine | undefined;
let server: WebServer | undefined;

afterEach(async () => {
  await server?.close();
  engine?.close();
  server = engine = undefined;
});

async function start() {
  const renderer = tempDir();
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Trạm Số hóa</title>');
  engine = createEngine({ dataDir: tempDir(), imaging: { ocr: false } });
  server = await startWebServer({ engine, rendererDir: renderer, port: 0 });
  return { engine, server, origin: `http://127.0.0.1:${server.port}` };
}

function pair(port: number, code: unknown, origin?: string) {
  return fetch(`http://127.0.0.1:${port}/citizen/pair`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(origin ? { Origin: origin } : {}) },
    body: JSON.stringify({ code }),
  }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as { token?: string; error?: { code: string } },
  }));
}

function connect(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** One call over a socket, answered by its id. */
function call(ws: WebSocket, id: number, method: string, params: unknown = {}) {
  return new Promise<{ ok: boolean; result?: unknown; error?: { code: string } }>((resolve) => {
    const onMessage = (d: WebSocket.RawData) => {
      const m = JSON.parse(d.toString()) as { kind: string; id?: number };
      if (m.kind === 'result' && m.id === id) {
        ws.off('message', onMessage);
        resolve(m as never);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ kind: 'call', id, method, params }));
  });
}

describe('web mode: the /citizen page', () => {
  it('is served at /citizen, pairs by the clerk’s code from our origin only, once; its socket makes only citizen calls', async () => {
    const { engine, server: s, origin } = await start();
    const page = await fetch(`http://127.0.0.1:${s.port}/citizen`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Trạm Số hóa');

    const clerk = connectInProcess(engine);
    try {
      const { code } = await clerk.call('citizen.pairingCode', {});
      // From another origin, or none: refused before the code is even looked at.
      expect((await pair(s.port, code, 'http://evil.example')).status).toBe(403);
      expect((await pair(s.port, code)).status).toBe(403);
      // A guessed code is refused.
      const guess = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      const wrong = await pair(s.port, guess, origin);
      expect(wrong).toEqual({
        status: 403,
        body: { error: expect.objectContaining({ code: 'citizen_pairing_invalid' }) },
      });
      // The right one gives a token, once.
      const ok = await pair(s.port, code, origin);
      expect(ok.status).toBe(200);
      const token = ok.body.token!;
      expect(token).toMatch(/^[\w-]{40,}$/);
      expect((await pair(s.port, code, origin)).body.error?.code).toBe('citizen_pairing_invalid');

      // The citizen token opens /citizen-api, never /api; the run's token does not open /citizen-api.
      await expect(connect(`ws://127.0.0.1:${s.port}/api?token=${token}`, origin)).rejects.toThrow(
        'HTTP 403',
      );
      await expect(connect(`ws://127.0.0.1:${s.port}/citizen-api?token=${s.token}`, origin)).rejects.toThrow(
        'HTTP 403',
      );
      await expect(
        connect(`ws://127.0.0.1:${s.port}/citizen-api?token=${token}`, 'http://evil.example'),
      ).rejects.toThrow('HTTP 403');
      const ws = await connect(`ws://127.0.0.1:${s.port}/citizen-api?token=${token}`, origin);
      const events: string[] = [];
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as { kind: string; name?: string };
        if (m.kind === 'event') events.push(m.name!);
      });
      expect((await call(ws, 1, 'citizen.current')).result).toMatchObject({ phase: 'idle' });
      expect((await call(ws, 2, 'dossier.list')).error?.code).toBe('auth_forbidden');
      expect((await call(ws, 3, 'citizen.pairingCode')).error?.code).toBe('auth_forbidden');
      expect((await call(ws, 4, 'settings.get')).error?.code).toBe('auth_forbidden');
      // The clerk sees the screen connected; a dossier change reaches the clerk, not the citizen page.
      await expect.poll(async () => (await clerk.call('citizen.status', {})).connected).toBe(1);
      const d = await clerk.call('dossier.create', {
        procedureCode: '1.003005',
        applicantName: 'NGUYỄN VĂN AN',
      });
      await clerk.call('citizen.show', { dossierId: d.id });
      await expect.poll(() => events.includes('citizen.view')).toBe(true);
      expect(events.every((e) => e === 'citizen.view')).toBe(true);
      ws.close();
      await expect.poll(async () => (await clerk.call('citizen.status', {})).connected).toBe(0);

      // Five wrong codes in a row (the reused one above was the first) lock pairing for a minute, with 429.
      const fresh = (await clerk.call('citizen.pairingCode', {})).code;
      const other = String((Number(fresh) + 7) % 1_000_000).padStart(6, '0');
      for (let i = 0; i < 4; i++) expect((await pair(s.port, other, origin)).status).toBe(403);
      const locked = await pair(s.port, fresh, origin);
      expect(locked.status).toBe(429);
      expect(locked.body.error?.code).toBe('citizen_pairing_locked');
    } finally {
      clerk.dispose();
    }
  });
});
