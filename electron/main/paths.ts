/**
 * Where things are. The bundles main.cjs, preload.cjs and engine.cjs sit side by side
 * in dist/electron (also inside app.asar), and the built UI in dist/renderer.
 */
import { app } from 'electron';
import path from 'node:path';

export const preloadPath = path.join(__dirname, 'preload.cjs');
export const enginePath = path.join(__dirname, 'engine.cjs');
export const rendererDir = path.join(__dirname, '..', 'renderer');

/** SOHOA_DATA_DIR, else `--data DIR` (or `--data=DIR`), else <userData>/data. */
export function resolveDataDir(argv: readonly string[] = process.argv, env = process.env): string {
  const chosen = env.SOHOA_DATA_DIR || argValue(argv, '--data');
  return chosen ? path.resolve(chosen) : path.join(app.getPath('userData'), 'data');
}

function argValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === name) return argv[i + 1];
    if (arg?.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}
