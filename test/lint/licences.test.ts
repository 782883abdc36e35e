import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = path.join(ROOT, 'tools/licences.mjs');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const run = (...args: string[]) =>
  spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', timeout: 60_000 });

interface FakePackage {
  license?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  files?: Record<string, string>;
}

/** A project folder with `packages` installed flat in node_modules (a name with "/" nests under its parent). */
function fakeTree(root: FakePackage, packages: Record<string, FakePackage>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-licences-'));
  dirs.push(dir);
  const write = (where: string, name: string, p: FakePackage) => {
    fs.mkdirSync(where, { recursive: true });
    const { files, ...rest } = p;
    fs.writeFileSync(path.join(where, 'package.json'), JSON.stringify({ name, version: '1.0.0', ...rest }));
    for (const [f, text] of Object.entries(files ?? {})) fs.writeFileSync(path.join(where, f), text);
  };
  write(dir, 'fake-app', { license: 'UNLICENSED', ...root });
  for (const [where, p] of Object.entries(packages)) {
    const parts = where.split('>');
    const name = parts.at(-1)!;
    const folder = path.join(dir, ...parts.flatMap((n) => ['node_modules', n]));
    write(folder, name, p);
  }
  return dir;
}

describe('the licence check of the production dependencies', () => {
  it('fails on an AGPL package deep in the production tree, naming it and its licence', () => {
    const dir = fakeTree(
      { dependencies: { viewer: '1' }, devDependencies: { 'gpl-tool': '1' } },
      {
        viewer: { license: 'MIT', dependencies: { renderer: '1' } },
        // Installed nested, as npm does when versions clash.
        'viewer>renderer': { license: 'AGPL-3.0-or-later' },
        // A dev tool is not shipped: its licence does not matter.
        'gpl-tool': { license: 'GPL-3.0-only' },
      },
    );
    const r = run('--root', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('renderer@1.0.0: AGPL-3.0-or-later');
    expect(r.stderr).not.toContain('gpl-tool');
  });

  it('fails on GPL with no other choice and on SSPL; passes a GPL-or-MIT choice, LGPL (noted) and a GPL linking exception', () => {
    const bad = fakeTree(
      { dependencies: { a: '1', b: '1', c: '1' } },
      {
        a: { license: 'GPL-2.0-only' },
        b: { license: 'SSPL-1.0' },
        c: { license: '(MIT AND GPL-3.0-or-later)' },
      },
    );
    const r = run('--root', bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('a@1.0.0: GPL-2.0-only');
    expect(r.stderr).toContain('b@1.0.0: SSPL-1.0');
    expect(r.stderr).toContain('c@1.0.0: (MIT AND GPL-3.0-or-later) (GPL-3.0-or-later)');

    const good = fakeTree(
      { dependencies: { jszipish: '1', libvipsish: '1', javaish: '1' } },
      {
        jszipish: { license: '(MIT OR GPL-3.0-or-later)' },
        libvipsish: { license: 'LGPL-3.0-or-later' },
        javaish: { license: 'GPL-2.0-only WITH Classpath-exception-2.0' },
      },
    );
    const ok = run('--root', good);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/allowed, LGPL.*libvipsish@1\.0\.0: LGPL-3\.0-or-later/);
  });

  it('fails on a package that declares no licence, and on a missing production package', () => {
    const dir = fakeTree({ dependencies: { quiet: '1', gone: '1' } }, { quiet: {} });
    const r = run('--root', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('quiet@1.0.0: no licence declared');
    expect(r.stderr).toContain('not installed: gone');
  });

  it('writes one notice section per package with its licence, copyright line and licence text', () => {
    const dir = fakeTree(
      { dependencies: { lib: '1' } },
      {
        lib: {
          license: 'MIT',
          files: { LICENSE: 'MIT License\n\nCopyright (c) 2021 Lib Authors\n\nPermission…\n' },
        },
      },
    );
    const out = path.join(dir, 'NOTICES');
    const r = run('--root', dir, '--notices', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain('lib@1.0.0\n');
    expect(text).toContain('Licence: MIT');
    expect(text).toContain('  Copyright (c) 2021 Lib Authors');
    expect(text).toContain('--- LICENSE\nMIT License');
  });

  it('passes on the real production tree: no mupdf or other AGPL package is shipped', () => {
    const r = run();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('licences: ok');
    expect(r.stdout).toMatch(/allowed, LGPL.*@img\/sharp-libvips-/);
  });

  // Generated on linux-x64 (CI's platform): sharp's prebuilt packages differ on others.
  const linuxX64 = process.platform === 'linux' && process.arch === 'x64';
  it.runIf(linuxX64)('THIRD_PARTY_NOTICES is current: regenerating it gives the same bytes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-notices-'));
    dirs.push(dir);
    const out = path.join(dir, 'THIRD_PARTY_NOTICES');
    const r = run('--notices', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const fresh = fs.readFileSync(out);
    const committed = fs.readFileSync(path.join(ROOT, 'THIRD_PARTY_NOTICES'));
    // On a mismatch: `npm run notices` and commit the file.
    expect(fresh.equals(committed)).toBe(true);
    const text = fresh.toString('utf8');
    for (const needle of [
      '@img/sharp-libvips-linux-x64@',
      'LGPL-3.0-or-later',
      'dejavu-fonts-ttf@',
      'Bitstream Vera',
      '@expo-google-fonts/tinos@',
      'SIL Open Font License',
      '@tesseract.js-data/vie@',
      'Apache License 2.0',
      '@embedpdf/pdfium@',
      'PDFium Authors',
    ])
      expect(text).toContain(needle);
    expect(text).not.toContain('mupdf@');
  });
});
