/**
 * The station for `npm run bench:upload` (tools/bench/upload.ts): the engine and web mode's
 * server in their own process, as `sohoa web` runs them, with a probe of its event loop
 * (perf_hooks.monitorEventLoopDelay, 1 ms resolution) the bench resets and reads over IPC.
 * Background imaging waits (start delay) unless SOHOA_BENCH_CLEANUP=1, so the transport is
 * measured alone; OCR is off either way.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createEngine } from '../../electron/engine';
import { startWebServer } from '../../electron/web/server';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-upload-station-'));
const renderer = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-upload-ui-'));
fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>bench</title>');
const cleanup = process.env.SOHOA_BENCH_CLEANUP === '1';
const engine = createEngine({
  dataDir,
  imaging: { ocr: false, startDelayMs: cleanup ? undefined : 60 * 60_000 },
});
const server = await startWebServer({ engine, rendererDir: renderer, port: 0 });
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();

process.on('message', (m: { op: string }) => {
  if (m.op === 'reset') {
    loop.reset();
    process.send?.({ op: 'reset' });
  } else if (m.op === 'read') {
    process.send?.({
      op: 'read',
      maxMs: loop.max / 1e6,
      p99Ms: loop.percentile(99) / 1e6,
      rss: process.memoryUsage.rss(),
    });
  } else if (m.op === 'stop') {
    void server.close().then(() => {
      engine.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(renderer, { recursive: true, force: true });
      process.exit(0);
    });
  }
});
process.send?.({ op: 'ready', port: server.port, token: server.token, rss: process.memoryUsage.rss() });
