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
import { createRequire } from 'node:module';
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

/**
 * Packages loaded at their first use, not at start: `sohoa outbox sync` (or `catalog list`)
 * never touches pdf-lib, fontkit, pkijs, sharp, ws… yet `createEngine` wires every room, and
 * importing them took most of a start (3–6 s under load). Each import of one of these
 * packages is given a module of stand-ins instead: one per export the package has (listed
 * here, at build time), each a Proxy that `require`s the package the first time it is called,
 * constructed, extended or read, and forwards everything to the real export. Only CommonJS
 * packages (or those whose ESM entry wraps the same CommonJS), so the export a stand-in
 * forwards to is the one `import` gave before. Constants (strings, numbers) are copied.
 */
const LAZY_PACKAGES = [
  'pdf-lib',
  '@pdf-lib/fontkit',
  'pkijs',
  'sharp',
  'ws',
  'qrcode',
  'fast-xml-parser',
  'tesseract.js',
];
const requireAtRoot = createRequire(path.join(root, 'package.json'));
const IDENT = /^[A-Za-z_$][\w$]*$/;

/** The stand-ins' module for package `name`. */
function lazyModule(name) {
  const real = requireAtRoot(name);
  const kind = (v) => (typeof v === 'function' ? 'f' : v !== null && typeof v === 'object' ? 'o' : null);
  const lines = [
    `import { createRequire as __lazyRequire } from 'node:module';`,
    `let __m;`,
    `const __load = () => (__m ??= __lazyRequire(__sohoaSourceUrl('package.json'))(${JSON.stringify(name)}));`,
    `const __lazy = (get, fn) => {`,
    `  const target = fn ? function () {} : {};`,
    `  const proxy = new Proxy(target, {`,
    `    get: (_, k) => { const v = get(); return Reflect.get(v, k, v); },`,
    `    set: (_, k, value) => Reflect.set(get(), k, value),`,
    `    has: (_, k) => Reflect.has(get(), k),`,
    `    deleteProperty: (_, k) => Reflect.deleteProperty(get(), k),`,
    `    apply: (_, self, args) => Reflect.apply(get(), self, args),`,
    `    construct: (_, args, nt) => Reflect.construct(get(), args, nt === proxy ? get() : nt),`,
    `    getPrototypeOf: () => Reflect.getPrototypeOf(get()),`,
    `    ownKeys: () => [...new Set([...Reflect.ownKeys(get()), ...Reflect.ownKeys(target).filter((k) => !Reflect.getOwnPropertyDescriptor(target, k).configurable)])],`,
    `    getOwnPropertyDescriptor: (_, k) => {`,
    `      const t = Reflect.getOwnPropertyDescriptor(target, k);`,
    `      const d = Reflect.getOwnPropertyDescriptor(get(), k);`,
    `      if (t && !t.configurable) return { ...t, value: d ? d.value : t.value };`,
    `      return d && { ...d, configurable: true };`,
    `    },`,
    `  });`,
    `  return proxy;`,
    `};`,
  ];
  if (!kind(real)) throw new Error(`build-cli: ${name} does not export an object or a function`);
  lines.push(`export default __lazy(() => __load(), ${kind(real) === 'f'});`);
  for (const key of Object.keys(real)) {
    if (key === 'default' || key === '__esModule' || !IDENT.test(key)) continue;
    const k = kind(real[key]);
    if (k) lines.push(`export const ${key} = __lazy(() => __load()[${JSON.stringify(key)}], ${k === 'f'});`);
    else lines.push(`export const ${key} = ${JSON.stringify(real[key]) ?? 'undefined'};`);
  }
  return lines.join('\n');
}

/** @type {esbuild.Plugin} */
const lazyPackages = {
  name: 'lazy-packages',
  setup(build) {
    const filter = new RegExp(
      `^(${LAZY_PACKAGES.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`,
    );
    build.onResolve({ filter }, (args) =>
      args.namespace === 'lazy-package' ? undefined : { path: args.path, namespace: 'lazy-package' },
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({
      contents: lazyModule(args.path),
      loader: 'js',
      resolveDir: root,
    }));
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
  plugins: [lazyPackages, sourceImportMetaUrl],
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
