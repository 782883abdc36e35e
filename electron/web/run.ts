import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, resolveDataDir } from '../engine';
import { createTrainingPortal } from '../engine/training';
import { startWebServer } from './server';

export const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
export const DEFAULT_WEB_PORT = 5180;

/** Starts the engine and the web server, prints the URL, and stops both on SIGINT/SIGTERM. */
export async function runWebMode(opts: { port?: number; data?: string }): Promise<void> {
  const dataDir = resolveDataDir(opts.data);
  // Training mode: until a real portal is configured, the outbox sends to an embedded sandbox portal.
  const training = createTrainingPortal(dataDir, (l) => console.error(`[outbox] ${l}`));
  const engine = createEngine({
    dataDir,
    log: (l) => console.error(`[engine] ${l}`),
    outbox: { autoStart: true, trainingPortal: training.start },
    privacy: { autoPurge: true },
  });
  let server;
  try {
    // SOHOA_RENDERER_DIR lets a developer serve a UI built elsewhere (e.g. vite build --outDir /tmp/ui).
    const rendererDir = process.env.SOHOA_RENDERER_DIR ?? RENDERER_DIR;
    server = await startWebServer({ engine, rendererDir, port: opts.port ?? DEFAULT_WEB_PORT });
  } catch (err) {
    engine.close();
    await training.close();
    throw err;
  }
  console.log('Trạm Số hóa — chế độ web / web mode');
  console.log(`Dữ liệu / data: ${path.resolve(dataDir)}`);
  console.log(`Mở trong trình duyệt / open in a browser: ${server.url}`);
  const running = server;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void running.close().then(async () => {
      engine.close();
      await training.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
