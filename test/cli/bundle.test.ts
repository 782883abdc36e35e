/**
 * `npx sohoa` runs the prebuilt bundle (tools/build-cli.mjs) while it is newer than the
 * sources, and the TypeScript sources through tsx otherwise; both give the same answers.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOHOA_BIN } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const root = fileURLToPath(new URL('../..', import.meta.url));
/**
 * Built in a folder of its own inside the project (packages resolve from node_modules), not
 * in dist/cli, so other tests running `sohoa` meanwhile never see a half-written bundle.
 */
fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
const scratch = fs.mkdtempSync(path.join(root, 'dist', 'cli-test-'));
const BUNDLE = path.join(scratch, 'sohoa.mjs');
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function sohoa(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [SOHOA_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SOHOA_CLI_WHICH: '1', SOHOA_CLI_BUNDLE: BUNDLE, ...env },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, which: r.stderr.split('\n')[0] ?? '' };
}

describe('the sohoa command’s prebuilt bundle', { timeout: 300_000 }, () => {
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'tools/build-cli.mjs'), '--out', BUNDLE], { cwd: root });
  });

  it('is used once built, and answers like the sources run through tsx', () => {
    const bundled = sohoa(['--help']);
    expect(bundled.which).toBe(`sohoa: bundle ${BUNDLE}`);
    const tsx = sohoa(['--help'], { SOHOA_CLI_TSX: '1' });
    expect(tsx.which).toBe('sohoa: tsx');
    expect(bundled.code).toBe(0);
    expect(bundled.out).toBe(tsx.out);
    expect(bundled.out).toContain('pdf [--lang vie]');
  });

  it('runs a real command from the bundle: a station’s catalogue, with the resources found beside the sources', () => {
    const data = tempDir('sohoa-bundle-');
    const bundled = sohoa(['--data', data, 'catalog', 'list']);
    const tsx = sohoa(['--data', tempDir('sohoa-bundle-'), 'catalog', 'list'], { SOHOA_CLI_TSX: '1' });
    expect(bundled.which).toBe(`sohoa: bundle ${BUNDLE}`);
    expect(bundled.code).toBe(0);
    expect(bundled.out).toContain('Đăng ký khai tử');
    expect(bundled.out).toBe(tsx.out);
  });

  it('starts a command that makes no PDF without loading pdf-lib, pkijs or sharp, and loads each at its first use', () => {
    // Which packages the command loaded: printed by a preload as it exits.
    const probe = path.join(scratch, 'loaded.cjs');
    fs.writeFileSync(
      probe,
      `process.on('exit', () => process.stderr.write('LOADED ' + Object.keys(require.cache).join(' ') + '\\n'));`,
    );
    const loaded = (args: string[]) => {
      const r = spawnSync(process.execPath, ['-r', probe, BUNDLE, ...args], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.status, r.stderr).toBe(0);
      return r.stderr.split('\n').find((l) => l.startsWith('LOADED ')) ?? '';
    };
    const data = tempDir('sohoa-lazy-');
    const status = loaded(['--data', data, 'outbox', 'status']);
    for (const pkg of ['pdf-lib', '@pdf-lib/fontkit', 'pkijs', 'sharp', 'qrcode'])
      expect(status).not.toContain(`/node_modules/${pkg}/`);
    // The same bundle draws a VietQR image: qrcode comes in at its first use, and works.
    const out = path.join(data, 'qr.png');
    const qr = loaded([
      '--data',
      data,
      'payment',
      'vietqr',
      '--amount',
      '50000',
      '--note',
      'LE PHI',
      '--bank',
      '970436',
      '--account',
      '0011004',
      '--png',
      out,
    ]);
    expect(qr).toContain('/node_modules/qrcode/');
    expect(fs.readFileSync(out).subarray(1, 4).toString()).toBe('PNG');
  });

  it('falls back to tsx when the bundle is older than the sources', () => {
    const dir = tempDir('sohoa-stale-');
    for (const f of ['sohoa.mjs', 'help.txt', 'version.txt'])
      fs.copyFileSync(path.join(path.dirname(BUNDLE), f), path.join(dir, f));
    const stale = path.join(dir, 'sohoa.mjs');
    fs.utimesSync(stale, new Date('2001-01-01'), new Date('2001-01-01'));
    const r = sohoa(['--version'], { SOHOA_CLI_BUNDLE: stale });
    expect(r.which).toBe('sohoa: tsx');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
