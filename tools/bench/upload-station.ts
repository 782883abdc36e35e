/**
 * The station for `npm run bench:upload` (tools/bench/upload.ts): the engine and web mode's
 * server in their own process, as `sohoa web` runs them, with a probe of its event loop
 * (perf_hooks.monitorEventLoopDelay, 1 ms resolution) the bench resets and reads over IPC, and
 * the time of the blob store's synchronous writes (write + fsync + rename + fsync of the folder,
 * store/blobs.ts), timed here by wrapping `BlobStore.put` for the bench only.
 * Background imaging waits (start delay) unless SOHOA_BENCH_CLEANUP=1, so the transport is
 * measured alone; OCR is off either way. SOHOA_BENCH_IDLE=1: the probe alone, no station — the
 * machine's own scheduling noise in the same window.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createEngine } from '../../electron/engine';
import { BlobStore } from '../../electron/engine/store/blobs';
import { startWebServer } from '../../electron/web/server';

const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
let blobMaxMs = 0;
let blobTotalMs = 0;
const put = BlobStore.prototype.put;
BlobStore.prototype.put = function (this: BlobStore, bytes: Uint8Array) {
  const t = performance.now();
  try {
    return put.call(this, bytes);
  } finally {
    const ms = performance.now() - t;
    blobMaxMs = Math.max(blobMaxMs, ms);
    blobTotalMs += ms;
  }
};

let stop = async () => {};
let ready = { port: 0, token: '' };
if (process.env.SOHOA_BENCH_IDLE !== '1') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-upload-station-'));
  const renderer = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-upload-ui-'));
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>bench</title>');
  const cleanup = process.env.SOHOA_BENCH_CLEANUP === '1';
  const engine = createEngine({
    dataDir,
    imaging: { ocr: false, startDelayMs: cleanup ? undefined : 60 * 60_000 },
  });
  const server = await startWebServer({ engine, rendererDir: renderer, port: 0 });
  ready = { port: server.port, token: server.token };
  stop = async () => {
    await server.close();
    engine.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(renderer, { recursive: true, force: true });
  };
}

process.on('message', (m: { op: string }) => {
  if (m.op === 'reset') {
    loop.reset();
    blobMaxMs = blobTotalMs = 0;
    process.send?.({ op: 'reset' });
  } else if (m.op === 'read') {
    process.send?.({
      op: 'read',
      maxMs: loop.max / 1e6,
      p99Ms: loop.percentile(99) / 1e6,
      blobMaxMs,
      blobTotalMs,
    });
  } else if (m.op === 'stop') {
    void stop().then(() => process.exit(0));
  }
});
process.send?.({ op: 'ready', ...ready });
