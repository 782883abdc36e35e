import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { verifyPdf } from '../../electron/engine/sign/verify';
import { SandboxSigner } from '../../electron/engine/training/signing';
import { tempDir } from '../helpers/tmp';

const x509Text = (file: string) =>
  execFileSync('openssl', ['x509', '-in', file, '-text', '-noout'], { encoding: 'utf8' });

async function onePagePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  return Buffer.from(await doc.save());
}

describe("the training portal's result signer", () => {
  it('makes a self-issued RSA certificate that openssl reads and verifies, and keeps it across restarts', async () => {
    const dir = tempDir();
    const signer = new SandboxSigner(dir);
    const pem = signer.certPem;
    const certFile = path.join(dir, 'result-signer.cert.pem');
    expect(fs.readFileSync(certFile, 'utf8')).toBe(pem);
    expect(fs.statSync(path.join(dir, 'result-signer.key.pem')).mode & 0o777).toBe(0o600);

    const text = x509Text(certFile);
    const name = 'CN = CONG DICH VU CONG HOP CAT (SANDBOX), O = SoHoa Station sandbox, C = VN';
    expect(text).toContain('Version: 3 (0x2)');
    expect(text).toContain(`Subject: ${name}`);
    expect(text).toContain(`Issuer: ${name}`);
    expect(text).toContain('Public Key Algorithm: rsaEncryption');
    expect(text).toContain('Public-Key: (2048 bit)');
    expect(text).toMatch(/Signature Algorithm: sha256WithRSAEncryption/);
    expect(text).toMatch(/X509v3 Basic Constraints: *\n *CA:FALSE/);
    expect(text).toMatch(/X509v3 Key Usage: *\n *Digital Signature, Non Repudiation\n/);
    expect(text).not.toContain('critical');
    // Valid from a day ago for five years.
    const dates = execFileSync('openssl', ['x509', '-in', certFile, '-noout', '-startdate', '-enddate'], {
      encoding: 'utf8',
    });
    const notBefore = Date.parse(/notBefore=(.*)/.exec(dates)![1]!);
    const notAfter = Date.parse(/notAfter=(.*)/.exec(dates)![1]!);
    expect(Math.abs(Date.now() - 24 * 3600_000 - notBefore)).toBeLessThan(60_000);
    expect(Math.abs(notAfter - notBefore - (5 * 365 + 1) * 24 * 3600_000)).toBeLessThan(2000);
    // Its own signature is right: openssl accepts it as its own trust anchor.
    expect(
      execFileSync('openssl', ['verify', '-CAfile', certFile, certFile], { encoding: 'utf8' }).trim(),
    ).toBe(`${certFile}: OK`);

    // A second signer on the same folder (a restart) uses the same certificate.
    expect(new SandboxSigner(dir).certPem).toBe(pem);
  });

  it('signs a result PDF that verifies against its certificate, also from outside (pdfsig)', async () => {
    const dir = tempDir();
    const signer = new SandboxSigner(dir);
    const signed = await signer.sign(await onePagePdf());
    expect(verifyPdf(signed, [signer.certPem]).verdict).toBe('valid');
    expect(verifyPdf(signed, []).verdict).toBe('indeterminate');
    const out = path.join(dir, 'result.pdf');
    fs.writeFileSync(out, signed);
    const report = execFileSync('pdfsig', [out], { encoding: 'utf8' });
    expect(report).toContain('Signature is Valid');
    expect(report).toContain('CONG DICH VU CONG HOP CAT (SANDBOX)');
  });

  it('still loads a certificate kept by an earlier version (PEM with CRLF lines)', async () => {
    const dir = tempDir();
    const pem = new SandboxSigner(dir).certPem;
    const crlf = pem.replace(/\n/g, '\r\n');
    fs.writeFileSync(path.join(dir, 'result-signer.cert.pem'), crlf);
    const signer = new SandboxSigner(dir);
    expect(signer.certPem).toBe(crlf);
    expect(verifyPdf(await signer.sign(await onePagePdf()), [pem]).verdict).toBe('valid');
  });
});
