#!/usr/bin/env node
// The `sohoa` command. It runs the prebuilt bundle (dist/cli/sohoa.mjs, `npm run build:cli`)
// while that is newer than every TypeScript source, and the sources through tsx otherwise,
// so it works right after `npm install` and while the sources are being edited.
// SOHOA_CLI_TSX=1 forces tsx; SOHOA_CLI_BUNDLE names another bundle; SOHOA_CLI_WHICH=1
// says on stderr which one runs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = process.env.SOHOA_CLI_BUNDLE || path.join(root, 'dist', 'cli', 'sohoa.mjs');

/** The newest modification time of the sources the bundle is made of. */
function newestSource() {
  let newest = 0;
  for (const dir of ['electron', 'shared']) {
    for (const f of fs.readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!f.isFile() || !/\.tsx?$/.test(f.name)) continue;
      const t = fs.statSync(path.join(f.parentPath ?? f.path, f.name)).mtimeMs;
      if (t > newest) newest = t;
    }
  }
  return newest;
}

function bundleIsCurrent() {
  if (process.env.SOHOA_CLI_TSX === '1') return false;
  try {
    return fs.statSync(bundle).mtimeMs > newestSource();
  } catch {
    return false;
  }
}

/** `--help` and `--version` as the bundle wrote them at build time (see tools/build-cli.mjs). */
const PRINTED = { '--help': 'help.txt', '-h': 'help.txt', '--version': 'version.txt', '-v': 'version.txt' };

function printedText() {
  const args = process.argv.slice(2);
  const file = args.length === 1 ? PRINTED[args[0]] : undefined;
  if (!file) return null;
  try {
    return fs.readFileSync(path.join(path.dirname(bundle), file), 'utf8');
  } catch {
    return null;
  }
}

if (bundleIsCurrent()) {
  if (process.env.SOHOA_CLI_WHICH === '1') console.error(`sohoa: bundle ${bundle}`);
  const text = printedText();
  if (text !== null) process.stdout.write(text);
  else await import(pathToFileURL(bundle).href);
} else {
  if (process.env.SOHOA_CLI_WHICH === '1') console.error('sohoa: tsx');
  const { register } = await import('tsx/esm/api');
  register();
  await import('../electron/cli/main.ts');
}
