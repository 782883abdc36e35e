import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEngine, type Engine } from '../../electron/engine';
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
  const parent = tempDir();
  const renderer = path.join(parent, 'renderer');
  fs.mkdirSync(renderer);
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Trạm Số hóa</title>');
  fs.writeFileSync(path.join(parent, 'secret.txt'), 'secret');
  engine = createEngine({ dataDir: tempDir() });
  server = await startWebServer({ engine, rendererDir: renderer, port: 0 });
  return server;
}

function get(
  port: number,
  pathname: string,
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    // A raw request, so "../" reaches the server as typed rather than normalised by a URL parser.
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('web mode', () => {
  it('serves the renderer on 127.0.0.1 with a strict CSP and refuses to leave its folder', async () => {
    const s = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
    const index = await get(s.port, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('Trạm Số hóa');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    for (const attempt of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt']) {
      const res = await get(s.port, attempt);
      expect(res.status, attempt).toBeGreaterThanOrEqual(403);
      expect(res.body).not.toContain('secret');
    }
    expect((await get(s.port, '/..%2fsecret.txt')).status).toBe(403);
  });

  it('answers the API only to our own origin with this run’s token', async () => {
    const s = await start();
    const origin = `http://127.0.0.1:${s.port}`;
    const api = `ws://127.0.0.1:${s.port}/api`;
    await expect(connect(`${api}?token=wrong`, origin)).rejects.toThrow('HTTP 403');
    await expect(connect(`${api}?token=${s.token}`, 'http://evil.example')).rejects.toThrow('HTTP 403');
    await expect(connect(`${api}?token=${s.token}`)).rejects.toThrow('HTTP 403');

    const ws = await connect(`${api}?token=${s.token}`, origin);
    const reply = new Promise<unknown>((r) => ws.once('message', (d) => r(JSON.parse(d.toString()))));
    ws.send(JSON.stringify({ kind: 'call', id: 7, method: 'catalog.list', params: {} }));
    expect(await reply).toMatchObject({ kind: 'result', id: 7, ok: true });
    // Garbage does not kill the connection.
    ws.send('{not json');
    const second = new Promise<unknown>((r) => ws.once('message', (d) => r(JSON.parse(d.toString()))));
    ws.send(JSON.stringify({ kind: 'call', id: 8, method: 'app.info', params: {} }));
    expect(await second).toMatchObject({ id: 8, ok: true });
    ws.close();
  });
});
