import fs from 'node:fs';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { spawnSourceWorker } from '../../electron/engine/worker-spawn';
import { tempDir } from '../helpers/tmp';

const source = new URL('./fixtures/failing-worker.ts', import.meta.url);
const ended = (w: Worker) => new Promise<number>((r) => w.once('exit', r));

/** Starts the fixture worker and tells it how to end. */
async function run(how: 'throw' | 'exit' | 'wait'): Promise<void> {
  const w = spawnSourceWorker(source, source);
  w.on('error', () => {});
  const exit = ended(w);
  w.postMessage(how);
  if (how === 'wait') {
    await new Promise((r) => w.once('message', r));
    await w.terminate();
  }
  await exit;
}

describe('worker threads that crash are in the engine log', { timeout: 60_000 }, () => {
  it('logs an uncaught error and an exit nobody asked for, at error level; not a terminate()', async () => {
    const dataDir = tempDir('sohoa-log-');
    const engine = createEngine({ dataDir, imaging: { ocr: false } });
    try {
      await run('throw');
      await run('exit');
      await run('wait');
    } finally {
      engine.close();
    }
    const dir = path.join(dataDir, 'logs');
    const lines = fs
      .readdirSync(dir)
      .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n'))
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'worker.fault');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        worker: 'failing-worker',
        code: 'worker_error',
        detail: expect.stringContaining('the worker failed on purpose'),
      }),
      expect.objectContaining({ level: 'error', worker: 'failing-worker', code: 'worker_exit', exitCode: 7 }),
    ]);
  });
});
