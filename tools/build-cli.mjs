#!/usr/bin/env node
/**
 * Bundles the `sohoa` command with esbuild into dist/cli/sohoa.mjs (ESM, Node), so
 * `npx sohoa` starts without compiling TypeScript through tsx. Packages stay in
 * node_modules (native addons, workers, .wasm and traineddata find their own files);
 * only our sources are bundled. Our sources find files relative to themselves with
 * `new URL('../x', import.meta.url)`: each gets the URL its source file has, worked
 * out from the bundle's own URL at run time, so resources/ and the worker threads'
 * sources are found as under tsx. bin/sohoa.mjs uses the bundle while it is newer
 * than every source file, and tsx otherwise.
 * Usage: node tools/build-cli.mjs [--out FILE]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outAt = process.argv.indexOf('--out');
/** Where the bundle goes (`--out FILE`: elsewhere, e.g. a test's scratch folder). */
const CLI_BUNDLE =
  outAt > 0 ? path.resolve(process.argv[outAt + 1]) : path.join(root, 'dist', 'cli', 'sohoa.mjs');
const rootFromBundle = path.relative(path.dirname(CLI_BUNDLE), root).split(path.sep).join('/');

/** @type {esbuild.Plugin} */
const sourceImportMetaUrl = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const rel = path.relative(root, args.path).split(path.sep).join('/');
      const ext = path.extname(args.path).slice(1);
      const loader = /** @type {esbuild.Loader} */ (
        ext.startsWith('m') || ext.startsWith('c') ? ext.slice(1) : ext
      );
      return {
        contents: source.replaceAll('import.meta.url', `__sohoaSourceUrl(${JSON.stringify(rel)})`),
        loader,
      };
    });
  },
};

await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['electron/cli/main.ts'],
  outfile: CLI_BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  banner: {
    js: `const __sohoaSourceUrl = (rel) => new URL(${JSON.stringify(`${rootFromBundle}/`)} + rel, import.meta.url).href;`,
  },
  plugins: [sourceImportMetaUrl],
});

// `sohoa --help` and `--version` print text that only the sources decide: the bundle writes
// it once here, and bin/sohoa.mjs prints it while the bundle is current, without loading
// the engine's packages (most of a start-up's time).
for (const [flag, file] of [
  ['--help', 'help.txt'],
  ['--version', 'version.txt'],
]) {
  const out = execFileSync(process.execPath, [CLI_BUNDLE, flag], { encoding: 'utf8' });
  writeFileSync(path.join(path.dirname(CLI_BUNDLE), file), out);
}
console.log(`build-cli: ${path.relative(root, CLI_BUNDLE)}`);
