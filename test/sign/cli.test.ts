import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSohoa } from '../helpers/cli';
import { pdfsig, samplePdf, SOFTHSM_MODULE, USER_PIN } from './fixture';
import { useTestPki } from './setup';

const fx = useTestPki({ softhsmEnv: false });

/** Runs `sohoa` asynchronously: the TSA answering it lives in this process. */
const sohoa = (args: string[], env: Record<string, string> = {}) =>
  runSohoa(args, { ...fx.pki.env, SOHOA_LANG: '', SOHOA_PIN: USER_PIN, ...env });

describe('sohoa tokens / sign / verify on the command line', () => {
  it('lists the token and its certificates as JSON', async () => {
    const r = await sohoa(['tokens', '--module', SOFTHSM_MODULE, '--json']);
    expect(r.code).toBe(0);
    const tokens = JSON.parse(r.out) as {
      tokenLabel: string;
      certificates: { keyId: string; problem: string | null }[];
    }[];
    expect(tokens[0]?.tokenLabel).toBe('SoHoa Test');
    expect(tokens[0]?.certificates.find((c) => c.keyId === '03')?.problem).toBe('expired');
  });

  it('signs several PDFs B-T with a visible stamp, then verifies one in Vietnamese', async () => {
    const a = path.join(fx.pki.dir, 'a.pdf');
    const b = path.join(fx.pki.dir, 'b.pdf');
    fs.writeFileSync(a, await samplePdf(1));
    fs.writeFileSync(b, await samplePdf(2));
    const outDir = path.join(fx.pki.dir, 'signed');
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
      fx.tsa.url,
      '--visible',
      '--org',
      'UBND xã Thử Nghiệm',
      '--out-dir',
      outDir,
      a,
      b,
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('B-T');
    // The PIN never shows up in what the command prints.
    expect(r.out + r.err).not.toContain(USER_PIN);
    for (const f of ['a.pdf', 'b.pdf'])
      expect(pdfsig(fx.pki, path.join(outDir, f))).toContain('Signature is Valid');

    const v = await sohoa([
      'verify',
      '--lang',
      'vi',
      '--trust',
      fx.pki.caCertFile,
      path.join(outDir, 'b.pdf'),
    ]);
    expect(v.code).toBe(0);
    expect(v.out).toContain('Chữ ký hợp lệ');
    expect(v.out).toContain('Nguyễn Văn An');
    expect(v.out).toContain('Dấu thời gian hợp lệ');
    expect(v.out).toContain('+07:00');

    const untrusted = await sohoa(['verify', '--json', path.join(outDir, 'a.pdf')]);
    expect(untrusted.code).toBe(1);
    expect(JSON.parse(untrusted.out)).toMatchObject({ verdict: 'indeterminate' });
  });

  it('says clearly when the PIN is wrong or the certificate expired, and writes nothing', async () => {
    const input = path.join(fx.pki.dir, 'c.pdf');
    fs.writeFileSync(input, await samplePdf(1));
    const out = path.join(fx.pki.dir, 'c-signed.pdf');
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
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/sign_pin_(incorrect|count_low)/);
    expect(wrong.err).toContain('Mã PIN không đúng');
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
    expect(expired.code).toBe(1);
    expect(expired.err).toContain('sign_cert_expired');
    expect(fs.existsSync(out)).toBe(false);
  });
});
