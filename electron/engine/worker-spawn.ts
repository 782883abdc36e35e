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
  if (!fs.existsSync(fileURLToPath(source))) return new Worker(bundled);
  const tsxRoot = path.dirname(createRequire(source).resolve('tsx/package.json'));
  const tsx = pathToFileURL(path.join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => m.tsImport(${JSON.stringify(source.href)}, ${JSON.stringify(source.href)}))`;
  return new Worker(boot, { eval: true });
}
