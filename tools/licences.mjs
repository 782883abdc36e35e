#!/usr/bin/env node
/**
 * Licences of what SoHoa Station ships: every production dependency, walked from
 * package.json's `dependencies` through node_modules the way Node resolves them
 * (devDependencies are build and test tools, not shipped).
 *
 *   node tools/licences.mjs             fail (exit 1) on a copyleft licence that would bind
 *                                       the whole app: AGPL, GPL with no other choice, SSPL;
 *                                       and on a package with no licence we have not reviewed
 *   node tools/licences.mjs --notices   also write THIRD_PARTY_NOTICES: one section per package
 *   --root DIR                          another project folder (the tests' fake trees)
 *   --out FILE                          where --notices writes (default ROOT/THIRD_PARTY_NOTICES)
 *
 * LGPL is allowed: the one LGPL package, @img/sharp-libvips-*, is libvips as a shared
 * library that sharp loads at run time, which a user may replace (LGPL-3.0 §4).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = path.resolve(opt('--root') ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const writeNotices = args.includes('--notices');
const out = path.resolve(opt('--out') ?? path.join(root, 'THIRD_PARTY_NOTICES'));

/**
 * Packages whose package.json does not give an SPDX licence, with what we found by
 * reading them. Only these names get past "no licence declared".
 */
const REVIEWED = {
  'dejavu-fonts-ttf': {
    licence: 'LicenseRef-Bitstream-Vera AND LicenseRef-Arev-Fonts',
    why: 'package.json says "SEE LICENSE IN README.md AND LICENSE"; LICENSE: Bitstream Vera Fonts licence (DejaVu changes in the public domain), Arev Fonts licence',
  },
  buffers: {
    licence: 'LicenseRef-Undeclared',
    why: 'declares no licence and ships no licence file (substack, 2011; reached through exceljs → unzipper → binary); its sibling packages binary and chainsaw are MIT/X11 — to be confirmed with the author or replaced',
  },
};

/** What a notice adds to a package's own words. */
const NOTES = [
  {
    match: /^@img\/sharp-libvips-/,
    note: 'libvips and the libraries it is built with (glib, pango, librsvg, libheif, libexif, fribidi: LGPL-3.0; the others BSD, MIT, zlib, MPL-1.1 for cairo, libpng, IJG — see the table in its README.md), prebuilt by the sharp project. It is a shared library (lib/libvips-cpp.so / libvips-42.dll) that sharp loads at run time, kept unpacked beside the app (resources/app.asar.unpacked/node_modules/@img/), so a user may replace it with a build of their own (LGPL-3.0 §4). Source: https://github.com/lovell/sharp-libvips and https://github.com/libvips/libvips. The LGPL-3.0 text: https://www.gnu.org/licenses/lgpl-3.0.txt (with the GPL-3.0 it refers to).',
  },
  {
    match: /^@tesseract\.js-data\//,
    note: "The .traineddata files are the Tesseract OCR project's models (tesseract-ocr/tessdata and tessdata_best), Copyright Google and the Tesseract authors, under the Apache License 2.0; the npm packaging is MIT. The station also ships resources/ocr/vie.traineddata.gz, tesseract's fast Vietnamese model (tesseract-ocr/tessdata_fast, as packaged by Debian in tesseract-ocr-vie 1:4.1.0-2), Copyright 1988-1995 Hewlett Packard Company, 2006-2022 Google Inc., under the same Apache License 2.0.",
  },
  {
    match: /^@embedpdf\/pdfium$/,
    note: 'Contains PDFium compiled to WebAssembly (dist/pdfium.wasm, shipped as dist/electron/pdfium.wasm): Copyright 2014 The PDFium Authors, BSD-3-Clause and Apache-2.0 (both texts in LICENSE.pdfium below); the libraries PDFium builds in (FreeType, libjpeg-turbo, OpenJPEG, zlib, Little CMS, libpng) are under their own permissive licences.',
  },
  {
    match: /^dejavu-fonts-ttf$/,
    note: 'The DejaVu fonts: Copyright (c) 2003 Bitstream, Inc. (Bitstream Vera), DejaVu changes in the public domain, Arev glyphs Copyright (c) 2006 Tavmjong Bah.',
  },
  {
    match: /^@expo-google-fonts\/tinos$/,
    note: 'The Tinos fonts (LICENSE_FONT): SIL Open Font License 1.1; the JavaScript packaging is MIT (LICENSE).',
  },
];

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** The folder of `name` as Node would find it from the package in `from`. */
function resolveDep(from, name) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') {
      const candidate = path.join(dir, 'node_modules', name);
      if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    }
    if (dir === root || path.dirname(dir) === dir) return null;
  }
}

/** Every production package: name, version, folder, its package.json. */
function walk() {
  const rootPkg = readJson(path.join(root, 'package.json'));
  const seen = new Map();
  const missing = [];
  const queue = [{ dir: root, pkg: rootPkg, isRoot: true }];
  while (queue.length) {
    const { dir, pkg, isRoot } = queue.shift();
    const deps = [
      ...Object.keys(pkg.dependencies ?? {}).map((n) => [n, true]),
      ...Object.keys(pkg.optionalDependencies ?? {}).map((n) => [n, false]),
      ...(isRoot ? [] : Object.keys(pkg.peerDependencies ?? {}).map((n) => [n, false])),
    ];
    for (const [name, required] of deps) {
      const found = resolveDep(dir, name);
      if (!found) {
        if (required) missing.push(`${name} (needed by ${pkg.name ?? 'the project'})`);
        continue;
      }
      const real = fs.realpathSync(found);
      if (seen.has(real)) continue;
      const depPkg = readJson(path.join(found, 'package.json'));
      seen.set(real, {
        name: depPkg.name ?? name,
        version: depPkg.version ?? '0.0.0',
        dir: real,
        pkg: depPkg,
      });
      queue.push({ dir: found, pkg: depPkg, isRoot: false });
    }
  }
  return { packages: [...seen.values()], missing };
}

/** The licence as package.json gives it (SPDX expression, or the old `licenses` array). */
function declared(pkg) {
  const one = (l) => (typeof l === 'string' ? l : (l?.type ?? null));
  if (pkg.license) return one(pkg.license);
  if (Array.isArray(pkg.licenses) && pkg.licenses.length)
    return pkg.licenses.map(one).filter(Boolean).join(' OR ') || null;
  return null;
}

/** An SPDX expression as a tree: { or: [...] } | { and: [...] } | { id, exception }. */
function parse(expr) {
  const tokens = expr.replace(/[()]/g, ' $& ').trim().split(/\s+/);
  let i = 0;
  const atom = () => {
    if (tokens[i] === '(') {
      i++;
      const e = or();
      i++; // ')'
      return e;
    }
    const id = tokens[i++] ?? '';
    if (tokens[i] === 'WITH') {
      i++;
      return { id, exception: tokens[i++] ?? '' };
    }
    return { id, exception: null };
  };
  const and = () => {
    const parts = [atom()];
    while (tokens[i] === 'AND') {
      i++;
      parts.push(atom());
    }
    return parts.length === 1 ? parts[0] : { and: parts };
  };
  const or = () => {
    const parts = [and()];
    while (tokens[i] === 'OR') {
      i++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0] : { or: parts };
  };
  return or();
}

/** Licences that would oblige the province to publish the whole app under them. */
const BINDING = /^(AGPL|GPL|SSPL)/i;
/** Exceptions that let a GPL library be linked into other software. */
const LINKING_EXCEPTIONS = /^(Classpath-exception|GCC-exception|LLVM-exception)/i;

/** The binding licences that the expression leaves no way around (empty: fine). */
function binding(tree) {
  if ('or' in tree) {
    const each = tree.or.map(binding);
    return each.some((b) => b.length === 0) ? [] : each.flat();
  }
  if ('and' in tree) return tree.and.flatMap(binding);
  return BINDING.test(tree.id) && !(tree.exception && LINKING_EXCEPTIONS.test(tree.exception))
    ? [tree.exception ? `${tree.id} WITH ${tree.exception}` : tree.id]
    : [];
}

const isLgpl = (licence) => /\bLGPL/i.test(licence);

/** A copyright line: "Copyright (c) 2020 Someone", "(c) 2003 …", "© 2019 …" — not a licence's boilerplate. */
const COPYRIGHT =
  /^\s*(?:(?:\/\/|#|\*|;)\s*)?(copyright\s*(\(c\)|©)?\s*\d{4}|copyright\s*(\(c\)|©)\s*\w|(\(c\)|©)\s*\d{4})/i;

/** The licensing section of a README, for a package that ships no licence file. */
function readmeLicensing(dir) {
  const readme = fs.readdirSync(dir).find((f) => /^readme(\.(md|markdown|txt))?$/i.test(f));
  if (!readme) return null;
  const text = fs.readFileSync(path.join(dir, readme), 'utf8').replace(/\r\n?/g, '\n');
  const m = /^(#{1,3}) *licen[cs](e|ing)\b.*$/im.exec(text);
  if (!m) return null;
  const rest = text.slice(m.index + m[0].length);
  const next = new RegExp(`^#{1,${m[1].length}} `, 'm').exec(rest);
  return { file: readme, text: (m[0] + (next ? rest.slice(0, next.index) : rest)).trim() };
}

/** Licence, copyright and notice files a package ships, in a fixed order. */
function licenceFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && /^(licen[cs]e|copying|notice|copyright)/i.test(e.name))
    .map((e) => e.name)
    .sort();
}

function check(packages) {
  const problems = [];
  const lgpl = [];
  for (const p of packages) {
    const reviewed = REVIEWED[p.name];
    const licence = declared(p.pkg);
    const usable = licence && !/^(UNLICENSED|SEE LICEN[CS]E IN)/i.test(licence);
    if (!usable && !reviewed) {
      problems.push(`${p.name}@${p.version}: no licence declared (${licence ?? 'none'}) and not reviewed`);
      continue;
    }
    const effective = usable ? licence : reviewed.licence;
    const bad = binding(parse(effective));
    if (bad.length) problems.push(`${p.name}@${p.version}: ${effective} (${bad.join(', ')})`);
    else if (isLgpl(effective)) lgpl.push(`${p.name}@${p.version}: ${effective}`);
  }
  return { problems, lgpl };
}

function notices(packages) {
  const rootPkg = readJson(path.join(root, 'package.json'));
  const lines = [
    `THIRD-PARTY SOFTWARE NOTICES — ${rootPkg.productName ?? rootPkg.name}`,
    '',
    'The production dependencies shipped with this app, one section each: name, version,',
    'licence, copyright lines, and the licence text each package ships (a text already',
    'given above is referred to, not repeated). Generated by `node tools/licences.mjs',
    "--notices` from the installed node_modules (linux-x64: sharp's prebuilt binaries are",
    'those of the platform it runs on); do not edit by hand.',
    '',
    'The Electron runtime (Chromium, Node.js) carries its own notices: LICENSE and',
    'LICENSES.chromium.html beside the executable.',
    '',
  ];
  const texts = new Map();
  const sorted = [...packages].sort((a, b) =>
    a.name === b.name ? a.version.localeCompare(b.version) : a.name < b.name ? -1 : 1,
  );
  const done = new Set();
  for (const p of sorted) {
    const key = `${p.name}@${p.version}`;
    if (done.has(key)) continue;
    done.add(key);
    const licence = declared(p.pkg);
    const reviewed = REVIEWED[p.name];
    lines.push('='.repeat(78), key, '='.repeat(78));
    lines.push(
      `Licence: ${licence ?? 'not declared'}${reviewed ? ` (reviewed: ${reviewed.licence} — ${reviewed.why})` : ''}`,
    );
    if (p.pkg.homepage || p.pkg.repository) {
      const repo = typeof p.pkg.repository === 'string' ? p.pkg.repository : p.pkg.repository?.url;
      lines.push(`Source: ${p.pkg.homepage ?? repo}`);
    }
    for (const { match, note } of NOTES) if (match.test(p.name)) lines.push(`Note: ${note}`);
    const files = licenceFiles(p.dir);
    const copyrights = new Set();
    for (const f of files)
      for (const line of fs.readFileSync(path.join(p.dir, f), 'utf8').split(/\r?\n/))
        if (COPYRIGHT.test(line)) copyrights.add(line.trim());
    if (copyrights.size) lines.push(...[...copyrights].slice(0, 12).map((c) => `  ${c}`));
    if (!files.length) {
      const section = readmeLicensing(p.dir);
      lines.push(
        section
          ? `(ships no licence file; the licensing section of its ${section.file}:)`
          : '(ships no licence file)',
      );
      if (section) lines.push('', section.text);
    }
    for (const f of files) {
      const text = fs.readFileSync(path.join(p.dir, f), 'utf8').replace(/\r\n?/g, '\n').trimEnd();
      const hash = createHash('sha256').update(text).digest('hex');
      const first = texts.get(hash);
      if (first) {
        lines.push('', `--- ${f}: the same text as ${first} above`);
        continue;
      }
      texts.set(hash, `${key} ${f}`);
      lines.push('', `--- ${f}`, text);
    }
    lines.push('');
  }
  return lines.join('\n').replace(/[ \t]+$/gm, '') + '\n';
}

const { packages, missing } = walk();
const { problems, lgpl } = check(packages);
if (missing.length) problems.push(...missing.map((m) => `not installed: ${m} (run npm ci)`));
console.log(`licences: ${packages.length} production packages`);
for (const l of lgpl) console.log(`  allowed, LGPL (a shared library loaded at run time, replaceable): ${l}`);
if (writeNotices) {
  fs.writeFileSync(out, notices(packages));
  console.log(`licences: wrote ${path.relative(process.cwd(), out) || out}`);
}
if (problems.length) {
  console.error('licences: production dependencies under a licence the app cannot ship with:');
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log('licences: ok');
