import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEngine, type Engine } from '../../electron/engine';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { Client, CallFailed } from '../../shared/api';
import { MAX_FILE_BYTES } from '../../shared/api/limits';
import { errorMessage } from '../../shared/i18n/errors';
import { tempDir } from '../helpers/tmp';

let engine: Engine | undefined;
let server: WebServer | undefined;
let socket: WebSocket | undefined;

afterEach(async () => {
  socket?.terminate();
  await server?.close();
  engine?.close();
  socket = server = engine = undefined;
});

async function start() {
  const renderer = tempDir();
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Trạm Số hóa</title>');
  const dataDir = tempDir();
  engine = createEngine({ dataDir, imaging: { ocr: false } });
  server = await startWebServer({ engine, rendererDir: renderer, port: 0 });
  const origin = `http://127.0.0.1:${server.port}`;
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, { origin });
  socket = ws;
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const client = new Client((m) => ws.send(JSON.stringify(m)));
  ws.on('message', (d) => client.receive(JSON.parse(d.toString())));
  return { s: server, client, origin, staging: path.join(dataDir, 'staging') };
}

interface PutOptions {
  token: string;
  origin: string;
  name: string;
  body: Buffer;
  /** Content-Length announced (defaults to the body's). */
  declared?: number;
  /** Sends this many bytes, then cuts the connection (the tab closed mid-upload). */
  cutAfter?: number;
  /** Sends only the headers and waits for the answer. */
  headersOnly?: boolean;
}

/** A raw `PUT /upload`, in 64 KB writes as a browser streams a file. */
function put(
  port: number,
  o: PutOptions,
): Promise<{ status: number; json: Record<string, unknown> } | 'cut'> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/upload',
        method: 'PUT',
        headers: {
          Authorization: `Bearer ${o.token}`,
          Origin: o.origin,
          'Content-Type': 'application/octet-stream',
          'Content-Length': o.declared ?? o.body.length,
          'X-Upload-Name': encodeURIComponent(o.name),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || '{}') }));
      },
    );
    req.on('error', (err) => (o.cutAfter !== undefined ? resolve('cut') : reject(err)));
    if (o.headersOnly) {
      req.flushHeaders();
      return;
    }
    const end = o.cutAfter ?? o.body.length;
    const write = (at: number) => {
      if (at >= end) {
        if (o.cutAfter !== undefined) setTimeout(() => (req.destroy(), resolve('cut')), 50);
        else req.end();
        return;
      }
      req.write(o.body.subarray(at, Math.min(end, at + 65536)), () => write(at + 65536));
    };
    write(0);
  });
}

/** A colour scan-like JPEG (noise, so it does not shrink to nothing), different for each seed. */
async function page(seed: number, width = 1240, height = 1754): Promise<Buffer> {
  const raw = crypto.createHash('sha256').update(String(seed)).digest();
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = 180 + ((raw[i % 32]! ^ (i * 7)) % 70);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

async function untilEmpty(dir: string): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    if (fs.readdirSync(dir).length === 0) return [];
    await new Promise((r) => setTimeout(r, 20));
  }
  return fs.readdirSync(dir);
}

describe('web mode sends page files as raw bytes, staged on disk, imported by id', () => {
  it('a clerk adds three colour pages: they arrive whole and in order, and nothing stays staged', async () => {
    const { s, client, origin, staging } = await start();
    const d = await client.call('dossier.create', { procedureCode: '1.001193', applicantName: 'Lê Thị Tải' });
    const pages = [await page(1), await page(2, 1654, 2339), await page(3)];
    const names = ['trang-1.jpg', 'Trang 2 — tờ khai.jpg', 'trang-3.jpg'];
    const ids: string[] = [];
    for (const [i, body] of pages.entries()) {
      const r = await put(s.port, { token: s.token, origin, name: names[i]!, body });
      if (r === 'cut') throw new Error('cut');
      expect(r.status).toBe(201);
      expect(r.json.size).toBe(body.length);
      ids.push(r.json.uploadId as string);
    }
    // Staged on disk, sealed: none of a page's bytes lie there as sent.
    const files = fs.readdirSync(staging);
    expect(files).toHaveLength(3);
    const onDisk = fs.readFileSync(path.join(staging, files[0]!));
    expect(pages.some((p) => onDisk.subarray(0, 64).equals(p.subarray(0, 64)))).toBe(false);

    const out = await client.call('scan.importStaged', {
      dossierId: d.id,
      componentCode: 'TK',
      uploads: ids.map((uploadId, i) => ({ uploadId, name: names[i]! })),
      imagesOnly: true,
    });
    expect(out.rejected).toEqual([]);
    expect(out.added.map((p) => p.sourceName)).toEqual(names);
    expect(out.added.map((p) => p.bytes)).toEqual(pages.map((p) => p.length));
    expect(out.added.map((p) => [p.width, p.height])).toEqual([
      [1240, 1754],
      [1654, 2339],
      [1240, 1754],
    ]);
    expect(fs.readdirSync(staging)).toEqual([]);
    // An id is good once: a second import of the same upload is refused by name, adding nothing.
    const again = await client.call('scan.importStaged', {
      dossierId: d.id,
      componentCode: 'TK',
      uploads: [{ uploadId: ids[0]!, name: names[0]! }],
    });
    expect(again.added).toEqual([]);
    expect(again.rejected[0]?.error.code).toBe('upload_incomplete');
    expect(errorMessage(again.rejected[0]!.error, 'vi')).toContain('"trang-1.jpg" chưa được gửi trọn vẹn');
    expect((await client.call('dossier.get', { dossierId: d.id })).components[0]!.pages).toHaveLength(3);
  });

  it('refuses a wrong token and another origin before a byte is staged', async () => {
    const { s, origin, staging } = await start();
    const body = await page(4);
    const wrong = await put(s.port, { token: 'wrong', origin, name: 'a.jpg', body });
    expect(wrong !== 'cut' && wrong.status).toBe(401);
    const evil = await put(s.port, { token: s.token, origin: 'http://evil.example', name: 'a.jpg', body });
    expect(evil !== 'cut' && evil.status).toBe(403);
    expect(fs.readdirSync(staging)).toEqual([]);
  });

  it('an upload cut off mid-way leaves no staged file and no page', async () => {
    const { s, client, origin, staging } = await start();
    const d = await client.call('dossier.create', {
      procedureCode: '1.001193',
      applicantName: 'Đỗ Văn Ngắt',
    });
    const body = await page(5, 2480, 3508);
    expect(body.length).toBeGreaterThan(600_000);
    const r = await put(s.port, { token: s.token, origin, name: 'dut.jpg', body, cutAfter: 300_000 });
    expect(r).toBe('cut');
    expect(await untilEmpty(staging)).toEqual([]);
    // Whatever id the page might guess, there is nothing to import.
    const out = await client.call('scan.importStaged', {
      dossierId: d.id,
      componentCode: 'TK',
      uploads: [{ uploadId: crypto.randomUUID(), name: 'dut.jpg' }],
    });
    expect(out.added).toEqual([]);
    expect(out.rejected.map((x) => x.error.code)).toEqual(['upload_incomplete']);
    expect((await client.call('dossier.get', { dossierId: d.id })).components[0]!.pages).toEqual([]);
  });

  it('a file over the limit is refused from its announced size, with the Vietnamese message', async () => {
    const { s, origin, staging } = await start();
    const r = await put(s.port, {
      token: s.token,
      origin,
      name: 'quet-1200dpi.tif',
      body: Buffer.alloc(0),
      declared: MAX_FILE_BYTES + 1024 * 1024,
      headersOnly: true,
    });
    if (r === 'cut') throw new Error('cut');
    expect(r.status).toBe(413);
    const error = r.json.error as { code: 'file_too_large'; params: Record<string, string | number> };
    expect(error.code).toBe('file_too_large');
    expect(errorMessage(error, 'vi')).toBe(
      'Tệp "quet-1200dpi.tif" quá lớn (201 MB). Hãy quét lại ở 200–300 dpi hoặc chia nhỏ tệp.',
    );
    expect(fs.readdirSync(staging)).toEqual([]);
  });

  it('a staged file for a dossier that is not there is removed with the refusal', async () => {
    const { s, client, origin, staging } = await start();
    const r = await put(s.port, { token: s.token, origin, name: 'x.jpg', body: await page(6) });
    if (r === 'cut') throw new Error('cut');
    const err = await client
      .call('scan.importStaged', {
        dossierId: 'khong-co',
        componentCode: 'TK',
        uploads: [{ uploadId: r.json.uploadId as string, name: 'x.jpg' }],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CallFailed);
    expect(fs.readdirSync(staging)).toEqual([]);
  });
});
