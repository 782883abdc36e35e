#!/usr/bin/env node
/**
 * Before `npm test`: are the Debian tools the tests use installed? A missing one is named
 * (Vietnamese, then English) with the Debian package that provides it and the README's one
 * `apt-get install` line, and the run stops here instead of failing deep inside vitest.
 * Fast (well under a second): PATH look-ups and file checks, and two tiny child processes
 * (`scanimage -L` with only SANE's test backend, `tesseract --list-langs`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The README's and .ci/run's package list, in their order (a unit test keeps the three equal). */
export const PACKAGES = [
  'chromium',
  'poppler-utils',
  'qpdf',
  'fonts-noto-core',
  'sane-utils',
  'sane-airscan',
  'softhsm2',
  'opensc',
  'libnss3-tools',
  'openssl',
  'tesseract-ocr',
  'tesseract-ocr-vie',
];

export const APT_LINE = `sudo apt-get install -y ${PACKAGES.join(' ')}`;

/** A program on PATH (or an absolute path), executable. */
function findProgram(name, env) {
  if (name.includes('/')) return isExecutable(name) ? name : null;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (isExecutable(file)) return file;
  }
  return null;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A SANE backend's library in one of the system's SANE folders (/usr/lib/<triplet>/sane). */
function saneBackendInstalled(name) {
  const dirs = ['/usr/lib/sane', '/usr/local/lib/sane'];
  try {
    for (const d of fs.readdirSync('/usr/lib')) dirs.push(path.join('/usr/lib', d, 'sane'));
  } catch {
    // no /usr/lib: nothing found
  }
  return dirs.some((d) => {
    try {
      return fs.readdirSync(d).some((f) => f.startsWith(`libsane-${name}.so`));
    } catch {
      return false;
    }
  });
}

/**
 * What the tests need: `tool` (what the clerk-facing message names), `pkg` (the Debian
 * package), and `ok(env)`; `needs` skips a check whose program is already reported missing.
 */
export const CHECKS = [
  {
    tool: 'chromium',
    pkg: 'chromium',
    // test/helpers/browser.ts: CHROMIUM_PATH, else /usr/bin/chromium.
    ok: (env) => findProgram(env.CHROMIUM_PATH || 'chromium', env) !== null,
  },
  ...['pdftotext', 'pdfinfo', 'pdftoppm', 'pdfsig', 'pdffonts', 'pdfimages'].map((tool) => ({
    tool,
    pkg: 'poppler-utils',
    ok: (env) => findProgram(tool, env) !== null,
  })),
  { tool: 'qpdf', pkg: 'qpdf', ok: (env) => findProgram('qpdf', env) !== null },
  {
    tool: 'Noto Serif (font)',
    pkg: 'fonts-noto-core',
    ok: () => fs.existsSync('/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf'),
  },
  { tool: 'scanimage', pkg: 'sane-utils', ok: (env) => findProgram('scanimage', env) !== null },
  {
    // The scanning tests' device: SANE's `test` backend, seen as test:0 with only it enabled.
    tool: 'scanimage -L → test:0 (SANE test backend)',
    pkg: 'sane-utils',
    needs: 'scanimage',
    ok: (env) => {
      const conf = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-preflight-'));
      try {
        fs.writeFileSync(path.join(conf, 'dll.conf'), 'test\n');
        const r = spawnSync('scanimage', ['-L'], {
          env: { ...env, SANE_CONFIG_DIR: conf },
          encoding: 'utf8',
          timeout: 5000,
        });
        return /`test:0'/.test(r.stdout ?? '');
      } finally {
        fs.rmSync(conf, { recursive: true, force: true });
      }
    },
  },
  { tool: 'sane-airscan (SANE backend)', pkg: 'sane-airscan', ok: () => saneBackendInstalled('airscan') },
  { tool: 'softhsm2-util', pkg: 'softhsm2', ok: (env) => findProgram('softhsm2-util', env) !== null },
  {
    // test/sign/fixture.ts SOFTHSM_MODULE
    tool: '/usr/lib/softhsm/libsofthsm2.so',
    pkg: 'softhsm2',
    ok: () => fs.existsSync('/usr/lib/softhsm/libsofthsm2.so'),
  },
  { tool: 'pkcs11-tool', pkg: 'opensc', ok: (env) => findProgram('pkcs11-tool', env) !== null },
  { tool: 'certutil', pkg: 'libnss3-tools', ok: (env) => findProgram('certutil', env) !== null },
  { tool: 'openssl', pkg: 'openssl', ok: (env) => findProgram('openssl', env) !== null },
  { tool: 'tesseract', pkg: 'tesseract-ocr', ok: (env) => findProgram('tesseract', env) !== null },
  {
    tool: 'tesseract vie (Vietnamese language data)',
    pkg: 'tesseract-ocr-vie',
    needs: 'tesseract',
    ok: (env) => {
      const r = spawnSync('tesseract', ['--list-langs'], { env, encoding: 'utf8', timeout: 5000 });
      return `${r.stdout ?? ''}\n${r.stderr ?? ''}`.split('\n').some((l) => l.trim() === 'vie');
    },
  },
];

/** The checks that fail, in the list's order. */
export function missing(env = process.env) {
  const failed = [];
  for (const c of CHECKS) {
    if (c.needs && failed.some((f) => f.tool === c.needs)) continue;
    if (!c.ok(env)) failed.push(c);
  }
  return failed;
}

export function report(failed) {
  const pkgs = [...new Set(failed.map((f) => f.pkg))];
  const lines = [
    'Thiếu công cụ mà các bài kiểm thử cần:',
    ...failed.map((f) => `  - ${f.tool} (gói Debian: ${f.pkg})`),
    `Cài đặt (dòng trong README): ${APT_LINE}`,
    '',
    'Missing tools the tests need:',
    ...failed.map((f) => `  - ${f.tool} (Debian package: ${f.pkg})`),
    `Install (the README's line): ${APT_LINE}`,
    `(missing packages: ${pkgs.join(' ')})`,
  ];
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const failed = missing();
  if (failed.length) {
    process.stderr.write(report(failed));
    process.exit(1);
  }
}
