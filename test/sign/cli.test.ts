import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeTestPki,
  pdfsig,
  samplePdf,
  SOFTHSM_MODULE,
  startTsa,
  type TestPki,
  type TestTsa,
  USER_PIN,
} from './fixture';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/sohoa.mjs');
let pki: TestPki;
let tsa: TestTsa;

/** Runs `sohoa` asynchronously: the TSA answering it lives in this process. */
function sohoa(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...pki.env, SOHOA_LANG: '', SOHOA_PIN: USER_PIN, ...env },
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  pki = makeTestPki();
  tsa = await startTsa(pki);
});

afterAll(async () => {
  await tsa?.close();
  pki?.cleanup();
});

describe('sohoa tokens / sign / verify on the command line', () => {
  it('lists the token and its certificates as JSON', async () => {
    const r = await sohoa(['tokens', '--module', SOFTHSM_MODULE, '--json']);
    expect(r.status).toBe(0);
    const tokens = JSON.parse(r.stdout) as {
      tokenLabel: string;
      certificates: { keyId: string; problem: string | null }[];
    }[];
    expect(tokens[0]?.tokenLabel).toBe('SoHoa Test');
    expect(tokens[0]?.certificates.find((c) => c.keyId === '03')?.problem).toBe('expired');
  });

  it('signs several PDFs B-T with a visible stamp, then verifies one in Vietnamese', async () => {
    const a = path.join(pki.dir, 'a.pdf');
    const b = path.join(pki.dir, 'b.pdf');
    fs.writeFileSync(a, await samplePdf(1));
    fs.writeFileSync(b, await samplePdf(2));
    const outDir = path.join(pki.dir, 'signed');
    const r = await sohoa([
      'sign',
      '--module',
      SOFTHSM_MODULE,
      '--token',
      'SoHoa Test',
      '--key-id',
      '01',
      '--pin-env',
      'SOHOA_PIN',
      '--tsa',
      tsa.url,
      '--visible',
      '--org',
      'UBND xã Thử Nghiệm',
      '--out-dir',
      outDir,
      a,
      b,
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('B-T');
    // The PIN never shows up in what the command prints.
    expect(r.stdout + r.stderr).not.toContain(USER_PIN);
    for (const f of ['a.pdf', 'b.pdf'])
      expect(pdfsig(pki, path.join(outDir, f))).toContain('Signature is Valid');

    const v = await sohoa(['verify', '--lang', 'vi', '--trust', pki.caCertFile, path.join(outDir, 'b.pdf')]);
    expect(v.status).toBe(0);
    expect(v.stdout).toContain('Chữ ký hợp lệ');
    expect(v.stdout).toContain('Nguyễn Văn An');
    expect(v.stdout).toContain('Dấu thời gian hợp lệ');
    expect(v.stdout).toContain('+07:00');

    const untrusted = await sohoa(['verify', '--json', path.join(outDir, 'a.pdf')]);
    expect(untrusted.status).toBe(1);
    expect(JSON.parse(untrusted.stdout)).toMatchObject({ verdict: 'indeterminate' });
  });

  it('says clearly when the PIN is wrong or the certificate expired, and writes nothing', async () => {
    const input = path.join(pki.dir, 'c.pdf');
    fs.writeFileSync(input, await samplePdf(1));
    const out = path.join(pki.dir, 'c-signed.pdf');
    const wrong = await sohoa(
      [
        'sign',
        '--lang',
        'vi',
        '--module',
        SOFTHSM_MODULE,
        '--key-id',
        '01',
        '--pin-env',
        'BAD_PIN',
        '--out',
        out,
        input,
      ],
      { BAD_PIN: '111111' },
    );
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/sign_pin_(incorrect|count_low)/);
    expect(wrong.stderr).toContain('Mã PIN không đúng');
    const expired = await sohoa([
      'sign',
      '--module',
      SOFTHSM_MODULE,
      '--key-id',
      '03',
      '--pin-env',
      'SOHOA_PIN',
      '--out',
      out,
      input,
    ]);
    expect(expired.status).toBe(1);
    expect(expired.stderr).toContain('sign_cert_expired');
    expect(fs.existsSync(out)).toBe(false);
  });
});
