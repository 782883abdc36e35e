#!/usr/bin/env node
/**
 * Bundles the Electron shell with esbuild into dist/electron:
 *   main.cjs     electron/main/index.ts          (Node, `electron` external)
 *   preload.cjs  electron/preload/index.ts       (sandboxed preload: one file, zod inside)
 *   engine.cjs   electron/engine/host/utility.ts (utilityProcess; native addons external)
 * Usage: node tools/build-electron.mjs [--watch]
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'electron');
const watch = process.argv.includes('--watch');

/** Native (Node-API) addons: loaded from node_modules at run time, unpacked from the asar. */
/**
 * Left out of the bundles and loaded from node_modules: native addons, and packages
 * that find their own files (workers, .wasm, traineddata) relative to themselves.
 */
const nativeDeps = ['sharp', '@photostructure/sqlite', 'pkcs11js', 'tesseract.js', 'zxing-wasm'];

/**
 * CJS has no import.meta. Our own sources use `new URL('../x', import.meta.url)` to
 * find files relative to themselves (resources/, package.json), so each one gets the
 * URL its source file would have under the app root, which is the bundle's ../..
 * (in dev and inside app.asar alike). Dependencies get the bundle's own URL.
 */
const rootFromOutdir = path.relative(outdir, root).split(path.sep);
const importMetaBanner = [
  `const __sohoaSourceUrl = (rel) => require('node:url').pathToFileURL(require('node:path').join(__dirname, ${rootFromOutdir
    .map((p) => JSON.stringify(p))
    .join(', ')}, rel)).href;`,
  `const __sohoaBundleUrl = require('node:url').pathToFileURL(__filename).href;`,
].join('\n');

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

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'info',
  legalComments: 'none',
  absWorkingDir: root,
};

const targets = [
  {
    ...common,
    entryPoints: ['electron/main/index.ts'],
    outfile: path.join(outdir, 'main.cjs'),
    external: ['electron'],
  },
  {
    ...common,
    // A sandboxed preload can require only 'electron' and a few polyfills: bundle the rest.
    platform: 'browser',
    target: 'chrome130',
    minify: true,
    entryPoints: ['electron/preload/index.ts'],
    outfile: path.join(outdir, 'preload.cjs'),
    external: ['electron'],
  },
  {
    ...common,
    entryPoints: ['electron/engine/host/utility.ts'],
    outfile: path.join(outdir, 'engine.cjs'),
    external: ['electron', ...nativeDeps],
    banner: { js: importMetaBanner },
    define: { 'import.meta.url': '__sohoaBundleUrl' },
    plugins: [sourceImportMetaUrl],
  },
  {
    ...common,
    // PKCS#11 calls block: the signing room runs them in this worker thread.
    entryPoints: ['electron/engine/sign/token-worker.ts'],
    outfile: path.join(outdir, 'token-worker.cjs'),
    external: ['electron', ...nativeDeps],
    banner: { js: importMetaBanner },
    define: { 'import.meta.url': '__sohoaBundleUrl' },
    plugins: [sourceImportMetaUrl],
  },
  {
    ...common,
    // PDFium (WebAssembly) renders synchronously: PDF pages are inspected and rendered in
    // this worker thread. Its JavaScript is bundled; pdfium.wasm is copied beside the bundle.
    entryPoints: ['electron/engine/pdf/raster-worker.ts'],
    outfile: path.join(outdir, 'raster-worker.cjs'),
    external: ['electron', ...nativeDeps],
    banner: { js: importMetaBanner },
    define: { 'import.meta.url': '__sohoaBundleUrl', SOHOA_BUNDLED_WORKER: 'true' },
    plugins: [sourceImportMetaUrl],
  },
  {
    ...common,
    // A page's analysis and cleanup loop over its pixels: they run in this worker thread.
    entryPoints: ['electron/engine/imaging/cleanup-worker.ts'],
    outfile: path.join(outdir, 'cleanup-worker.cjs'),
    external: ['electron', ...nativeDeps],
    banner: { js: importMetaBanner },
    define: { 'import.meta.url': '__sohoaBundleUrl' },
    plugins: [sourceImportMetaUrl],
  },
];

// The engine's entry is written separately; until it exists, build the shell alone.
const ready = targets.filter((t) => {
  const [entry] = /** @type {string[]} */ (t.entryPoints);
  if (entry !== 'electron/engine/host/utility.ts' || existsSync(path.join(root, entry))) return true;
  console.warn(`build-electron: skipping ${entry} (not written yet)`);
  return false;
});

/** The PDF worker reads pdfium.wasm beside itself (electron-builder.yml unpacks it from the asar). */
mkdirSync(outdir, { recursive: true });
copyFileSync(
  createRequire(import.meta.url).resolve('@embedpdf/pdfium/pdfium.wasm'),
  path.join(outdir, 'pdfium.wasm'),
);

if (watch) {
  for (const options of ready) await (await esbuild.context(options)).watch();
  console.log('build-electron: watching…');
} else {
  await Promise.all(ready.map((options) => esbuild.build(options)));
}
