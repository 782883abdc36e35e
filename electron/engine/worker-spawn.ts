import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts one of the engine's worker threads. In dev, tests and web mode the
 * worker is TypeScript run through tsx's ESM API (require.resolve would give its
 * CommonJS twin); in the packaged app, with no sources, it is the bundle that
 * tools/build-electron.mjs writes into dist/electron.
 */
export function spawnSourceWorker(source: URL, bundled: URL): Worker {
  const name = path.basename(fileURLToPath(source)).replace(/\.ts$/, '');
  if (!fs.existsSync(fileURLToPath(source)) || shippedWorkers(bundled))
    return watched(new Worker(bundled), name);
  const tsxRoot = path.dirname(createRequire(source).resolve('tsx/package.json'));
  const tsx = pathToFileURL(path.join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => m.tsImport(${JSON.stringify(source.href)}, ${JSON.stringify(source.href)}))`;
  return watched(new Worker(boot, { eval: true }), name);
}

/**
 * `SOHOA_WORKER_BUNDLES=1`: the bundles even where the sources are (the benchmarks measure what
 * the packaged app runs, not tsx compiling a worker's sources in its thread; built by
 * `npm run build:electron`). Ignored when the bundle is missing.
 */
const shippedWorkers = (bundled: URL): boolean =>
  process.env.SOHOA_WORKER_BUNDLES === '1' && fs.existsSync(fileURLToPath(bundled));

/** A worker thread that failed: an uncaught error, or an exit nobody asked for. */
export interface WorkerFault {
  worker: string;
  code: 'worker_error' | 'worker_exit';
  exitCode?: number;
  detail?: string;
}

const faultListeners = new Set<(fault: WorkerFault) => void>();

/** Tells `listener` of every worker thread's fault (the engine's log); returns the way to stop. */
export function onWorkerFault(listener: (fault: WorkerFault) => void): () => void {
  faultListeners.add(listener);
  return () => void faultListeners.delete(listener);
}

function tell(fault: WorkerFault): void {
  for (const l of faultListeners) l(fault);
}

/** Reports the worker's crashes; an exit after its owner's terminate() is not one. */
function watched(w: Worker, name: string): Worker {
  let ended = false;
  const terminate = w.terminate.bind(w);
  w.terminate = () => {
    ended = true;
    return terminate();
  };
  w.on('error', (err) => {
    ended = true;
    tell({
      worker: name,
      code: 'worker_error',
      detail: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
  });
  w.on('exit', (exitCode) => {
    if (!ended && exitCode !== 0) tell({ worker: name, code: 'worker_exit', exitCode });
  });
  return w;
}
