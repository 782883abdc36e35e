/**
 * The engine as Electron runs it: the esbuild bundle dist/electron/engine.cjs, driven
 * through a stand-in for utilityProcess's parentPort (Electron itself can't run here).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const engineBundle = path.join(root, 'dist/electron/engine.cjs');
const host = path.join(import.meta.dirname, 'fake-utility-host.mjs');
const dirs: string[] = [];

function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sohoa-bundle-'));
  dirs.push(dir);
  return dir;
}

function runEngine(dir: string, extra: string[] = []) {
  const child = spawn(process.execPath, [host, engineBundle, '--data', dir, ...extra]);
  const lines: unknown[] = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) lines.push(JSON.parse(part));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

beforeAll(() => {
  const build = spawnSync(process.execPath, ['tools/build-electron.mjs'], { cwd: root, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
});

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the bundled engine in its utility process', () => {
  it('says it is ready, takes a port from main, answers a call on it, and shuts down cleanly when asked', async () => {
    const dir = dataDir();
    const engine = runEngine(dir);
    expect(await engine.exited).toBe(0);
    // A clean shutdown released the data directory.
    expect(existsSync(path.join(dir, 'engine.lock'))).toBe(false);
    expect(engine.lines[0]).toEqual({ status: { type: 'ready' } });
    // Then where the shell should look for app updates: nowhere yet (no updateUrl set).
    expect(engine.lines[1]).toEqual({
      status: { type: 'update-feed', feed: { url: '', channel: 'latest' } },
    });
    expect(engine.lines[2]).toMatchObject({
      reply: { kind: 'result', id: 1, ok: true, result: { dataDir: dir, version: expect.any(String) } },
    });
  });

  it('answers the citizen window’s port only the citizen screen’s calls, whatever the page sends', async () => {
    const engine = runEngine(dataDir(), ['--side', 'citizen']);
    expect(await engine.exited).toBe(0);
    const replies = engine.lines.flatMap((l) => {
      const r = (l as { reply?: { kind: string; id: number } }).reply;
      return r?.kind === 'result' ? [r] : [];
    });
    expect(replies).toEqual([
      expect.objectContaining({
        id: 1,
        ok: false,
        error: expect.objectContaining({ code: 'auth_forbidden' }),
      }),
      expect.objectContaining({ id: 2, ok: true, result: expect.objectContaining({ phase: 'idle' }) }),
    ]);
  });

  it('tells main the new update feed when the administrator sets the update URL and channel', async () => {
    const dir = dataDir();
    const url = 'https://capnhat.example.gov.vn/sohoa/';
    const engine = runEngine(dir, ['--settings', JSON.stringify({ updateUrl: url, updateChannel: 'beta' })]);
    expect(await engine.exited).toBe(0);
    const feeds = engine.lines.flatMap((l) => {
      const status = (l as { status?: { type: string; feed?: unknown } }).status;
      return status?.type === 'update-feed' ? [status.feed] : [];
    });
    expect(feeds).toEqual([
      { url: '', channel: 'latest' },
      { url, channel: 'beta' },
    ]);
    // And at the next start, from the settings.
    const again = runEngine(dir);
    expect(await again.exited).toBe(0);
    expect(again.lines[1]).toEqual({ status: { type: 'update-feed', feed: { url, channel: 'beta' } } });
  });

  it('reports data_dir_locked and exits with code 2 when another engine holds the data folder', async () => {
    const dir = dataDir();
    // An engine that starts, takes the lock and then just stays up.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `process.parentPort = { on() {}, postMessage: (m) => console.log(m.type) };
         require(${JSON.stringify(engineBundle)});
         setInterval(() => {}, 1000);`,
        '--',
        '--data',
        dir,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) =>
        holder.stdout.on('data', (d: Buffer) => d.includes('ready') && resolve()),
      );
      const second = runEngine(dir);
      expect(await second.exited).toBe(2);
      expect(second.lines[0]).toMatchObject({
        status: { type: 'fatal', error: { code: 'data_dir_locked' } },
      });
    } finally {
      holder.kill();
    }
  });

  it('sends to the embedded training portal until a real portal is configured, as web mode does', async () => {
    const dir = dataDir();
    const engine = runEngine(dir, ['--poll', 'outbox.overview', 'training']);
    expect(await engine.exited).toBe(0);
    const overviews = engine.lines.flatMap((l) => {
      const reply = (l as { reply?: { kind: string; result?: { training?: boolean; portalUrl?: string } } })
        .reply;
      return reply?.kind === 'result' && reply.result ? [reply.result] : [];
    });
    // The outbox overview (which the UI shows as training mode) names the sandbox on 127.0.0.1.
    expect(overviews.at(-1)).toMatchObject({
      training: true,
      portalUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+/),
    });
    // The sandbox keeps its own data beside the station's.
    expect(existsSync(path.join(dir, 'training-portal'))).toBe(true);
    expect(existsSync(path.join(dir, 'engine.lock'))).toBe(false);
  });
});

describe('the worker bundles beside the engine', () => {
  it('renders a scanned PDF page in the bundled PDF worker (the packaged app has no TypeScript)', async () => {
    const { Worker } = await import('node:worker_threads');
    const { PDFDocument } = await import('pdf-lib');
    const sharp = (await import('sharp')).default;
    const scan = await sharp({ create: { width: 400, height: 560, channels: 3, background: '#fff' } })
      .jpeg()
      .toBuffer();
    const doc = await PDFDocument.create();
    const jpg = await doc.embedJpg(scan);
    doc.addPage([144, 201.6]).drawImage(jpg, { x: 0, y: 0, width: 144, height: 201.6 });
    const bytes = await doc.save();
    const w = new Worker(path.join(root, 'dist/electron/raster-worker.cjs'));
    try {
      const reply = await new Promise<{ ok: boolean; page: { width: number; dpi: number } | null }>(
        (resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
          w.postMessage({ id: 1, op: 'scanned', bytes, frame: 0 });
        },
      );
      // 400 px over 2 inches: a 200 dpi scan, rendered at its own resolution.
      expect(reply).toMatchObject({ ok: true, page: { width: 400, dpi: 200 } });
    } finally {
      await w.terminate();
    }
  });

  it('analyses a crooked page in the bundled cleanup worker, as the engine thread would', async () => {
    const { Worker } = await import('node:worker_threads');
    const sharp = (await import('sharp')).default;
    const { analyzePage } = await import('../../electron/engine/imaging/cleanup');
    // A page with dark bars for lines, turned 3°: the worker finds the same skew as the engine thread.
    const bars = Array.from({ length: 30 }, (_, i) => ({
      input: { create: { width: 900, height: 10, channels: 3 as const, background: '#000' } },
      left: 150,
      top: 150 + i * 40,
    }));
    const page = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#fff' } })
      .composite(bars)
      .png()
      .toBuffer();
    const scan = await sharp(page).rotate(3, { background: '#fff' }).jpeg().toBuffer();
    const w = new Worker(path.join(root, 'dist/electron/cleanup-worker.cjs'));
    try {
      const reply = await new Promise<{ ok: boolean; analysis: { skewDeg: number } }>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
        w.postMessage({ id: 1, op: 'analyze', img: { bytes: new Uint8Array(scan), frame: 0, dpi: 150 } });
      });
      const here = await analyzePage({ bytes: scan, frame: 0, dpi: 150 });
      expect(reply).toMatchObject({ ok: true, analysis: here });
      expect(Math.abs(reply.analysis.skewDeg + 3)).toBeLessThanOrEqual(0.2);
    } finally {
      await w.terminate();
    }
  });

  it('the PDF worker needs only pdfium.wasm beside it: no node_modules, no sources', async () => {
    const { Worker } = await import('node:worker_threads');
    const { PDFDocument } = await import('pdf-lib');
    const sharp = (await import('sharp')).default;
    // As in the packaged app, where the wrapper's package is left out of node_modules.
    const dir = dataDir();
    for (const f of ['raster-worker.cjs', 'pdfium.wasm'])
      copyFileSync(path.join(root, 'dist/electron', f), path.join(dir, f));
    const scan = await sharp({ create: { width: 900, height: 1200, channels: 3, background: '#fff' } })
      .jpeg()
      .toBuffer();
    const doc = await PDFDocument.create();
    const jpg = await doc.embedJpg(scan);
    doc.addPage([216, 288]).drawImage(jpg, { x: 0, y: 0, width: 216, height: 288 });
    const bytes = await doc.save();
    const w = new Worker(path.join(dir, 'raster-worker.cjs'));
    try {
      const reply = await new Promise<{
        ok: boolean;
        page: { width: number; height: number; dpi: number } | null;
      }>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
        w.postMessage({ id: 1, op: 'scanned', bytes, frame: 0 });
      });
      // 900 px over 3 inches: a 300 dpi scan, rendered at 300 dpi.
      expect(reply).toMatchObject({ ok: true, page: { width: 900, height: 1200, dpi: 300 } });
    } finally {
      await w.terminate();
    }
  });
});
