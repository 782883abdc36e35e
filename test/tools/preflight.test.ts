import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without types
import { APT_LINE, CHECKS, PACKAGES } from '../../tools/preflight.mjs';
import { tempDir } from '../helpers/tmp';

const PREFLIGHT = path.resolve('tools/preflight.mjs');

interface Check {
  tool: string;
  pkg: string;
}

function run(env: NodeJS.ProcessEnv) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [PREFLIGHT], { env, encoding: 'utf8', timeout: 10_000 });
  return { ...r, ms: Date.now() - started };
}

/** A PATH of one folder: `node`, and fake tools that exit 0 and print nothing. */
function fakePath(tools: string[]): string {
  const dir = tempDir('sohoa-preflight-path-');
  fs.symlinkSync(process.execPath, path.join(dir, 'node'));
  for (const t of tools) fs.writeFileSync(path.join(dir, t), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  return dir;
}

const packagesOf = (line: string) =>
  line
    .replace(/#.*/, '')
    .split(/\s+/)
    .filter((w) => w && !w.startsWith('-') && !['sudo', 'apt-get', 'install'].includes(w));

describe('the preflight before npm test', () => {
  it('passes on this machine, in well under a second', () => {
    const r = run(process.env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.ms).toBeLessThan(1000);
  });

  it('names each missing tool with its Debian package, in Vietnamese then English, and the apt line', () => {
    const env = { HOME: process.env.HOME, PATH: fakePath(['pdftotext', 'qpdf', 'openssl', 'tesseract']) };
    const r = run(env);
    expect(r.status).toBe(1);
    const out = r.stderr;
    const vi = out.indexOf('Thiếu công cụ');
    const en = out.indexOf('Missing tools');
    expect(vi).toBeGreaterThanOrEqual(0);
    expect(en).toBeGreaterThan(vi);
    for (const [tool, pkg] of [
      ['pdfinfo', 'poppler-utils'],
      ['pdfsig', 'poppler-utils'],
      ['scanimage', 'sane-utils'],
      ['softhsm2-util', 'softhsm2'],
      ['pkcs11-tool', 'opensc'],
      ['certutil', 'libnss3-tools'],
      ['chromium', 'chromium'],
      // The fake tesseract lists no languages: the Vietnamese data is what is missing.
      ['tesseract vie (Vietnamese language data)', 'tesseract-ocr-vie'],
    ]) {
      expect(out.slice(vi, en)).toContain(`- ${tool} (gói Debian: ${pkg})`);
      expect(out.slice(en)).toContain(`- ${tool} (Debian package: ${pkg})`);
    }
    // What is there is not named; the test backend is not probed without scanimage.
    for (const present of ['pdftotext', 'qpdf', 'openssl', 'tesseract '])
      expect(out).not.toContain(`- ${present} (`);
    expect(out).not.toContain('test:0');
    expect(out.split('\n').filter((l) => l.includes(APT_LINE))).toHaveLength(2);
  });

  it('finds a missing Chromium at CHROMIUM_PATH, as the e2e helper looks for it', () => {
    const env = { PATH: process.env.PATH, CHROMIUM_PATH: '/nonexistent/chromium' };
    const r = run(env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('- chromium (Debian package: chromium)');
  });

  it("checks exactly the packages of the README's apt line and of .ci/run's", () => {
    const readme = fs.readFileSync('README.md', 'utf8').split('\n');
    const readmeLine = readme.find((l) => /^sudo apt-get install/.test(l));
    expect(readmeLine).toBeDefined();
    expect(readmeLine).toContain(APT_LINE);
    const ci = fs
      .readFileSync('.ci/run', 'utf8')
      .split('\n')
      .find((l) => /apt-get install/.test(l));
    expect(ci).toBeDefined();
    expect(packagesOf(ci!.replace(/>.*/, ''))).toEqual(PACKAGES);
    expect(packagesOf(readmeLine!)).toEqual(PACKAGES);
    expect([...new Set((CHECKS as Check[]).map((c) => c.pkg))].sort()).toEqual([...PACKAGES].sort());
  });

  it('runs before vitest in the test script', () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.test).toMatch(/^node tools\/preflight\.mjs && /);
    expect(execFileSync(process.execPath, ['--check', PREFLIGHT], { encoding: 'utf8' })).toBe('');
  });
});
