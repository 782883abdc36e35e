import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, readDer } from '../../electron/engine/sign/der';
import { stampFont } from '../../electron/engine/sign/service';
import { signPdf, timestampPdf } from '../../electron/engine/sign/signer';
import { TokenClient, type TokenSigner } from '../../electron/engine/sign/token';
import { verifyPdf } from '../../electron/engine/sign/verify';
import { qpdfCheck } from '../helpers/tmp';
import { pdfsig, samplePdf, SOFTHSM_MODULE, USER_PIN } from './fixture';
import { useTestPki } from './setup';

const fx = useTestPki({ softhsmEnv: true });

const client = new TokenClient();
// Sessions are independent: opening another key later does not change what `rsa` signs with.
let rsa: TokenSigner;
let out: string;

beforeAll(async () => {
  rsa = await client.open({ modulePath: SOFTHSM_MODULE, keyId: '01', pin: USER_PIN });
  out = path.join(fx.pki.dir, 'out');
  fs.mkdirSync(out);
});

afterAll(async () => {
  await client.terminate();
});

const write = (name: string, bytes: Buffer) => {
  const f = path.join(out, name);
  fs.writeFileSync(f, bytes);
  return f;
};

describe('PAdES signatures made on the USB token (SoftHSM2), judged by pdfsig', () => {
  it('signs a PDF B-T with an RSA key: pdfsig and our verifier both call it valid and whole', async () => {
    const requestsBefore = fx.tsa.requests;
    const r = await signPdf(await samplePdf(2), rsa, { tsa: { url: fx.tsa.url, timeoutMs: 5000 } });
    expect(r.level).toBe('B-T');
    expect(r.tsaError).toBeNull();
    expect(fx.tsa.requests).toBe(requestsBefore + 1);
    const f = write('rsa-bt.pdf', r.pdf);
    const judge = pdfsig(fx.pki, f);
    expect(judge).toContain('Signature is Valid');
    expect(judge).toContain('Total document signed');
    expect(judge).toContain('Certificate is Trusted');
    expect(judge).toContain('ETSI.CAdES.detached');
    expect(judge).toContain('Nguyễn Văn An');

    const report = verifyPdf(r.pdf, [fx.pki.caPem]);
    expect(report.verdict).toBe('valid');
    const [sig] = report.signatures;
    expect(sig?.signer?.commonName).toBe('Nguyễn Văn An');
    expect(sig?.level).toBe('B-T');
    expect(sig?.timestamp?.valid).toBe(true);
    expect(sig?.findings).toEqual(
      expect.arrayContaining(['intact', 'covers_whole_file', 'trusted', 'timestamp_valid']),
    );
    // PAdES baseline: no CMS signing-time; the claimed time is the dictionary's /M.
    expect(sig?.findings).not.toContain('signing_time_attribute');
    expect(Math.abs(new Date(sig?.claimedTime ?? 0).getTime() - r.signingTime.getTime())).toBeLessThan(1500);
  });

  it('carries ESS signing-certificate-v2 and no signing-time in the CMS (openssl cms reads it)', async () => {
    const r = await signPdf(await samplePdf(1), rsa, {});
    const text = r.pdf.toString('latin1');
    const start = text.lastIndexOf('/Contents <') + '/Contents <'.length;
    const padded = Buffer.from(text.slice(start, text.indexOf('>', start)), 'hex');
    const cms = write('sig.der', raw(readDer(padded)));
    const dump = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', cms], {
      encoding: 'utf8',
    });
    expect(dump).toContain('id-smime-aa-signingCertificateV2');
    expect(dump).toContain('messageDigest');
    expect(dump).not.toContain('signingTime');
  });

  it('signs with an EC key (ECDSA P-256) and pdfsig accepts it', async () => {
    const ec = await client.open({ modulePath: SOFTHSM_MODULE, keyId: '02', pin: USER_PIN });
    const r = await signPdf(await samplePdf(1), ec, {});
    const judge = pdfsig(fx.pki, write('ec.pdf', r.pdf));
    expect(judge).toContain('Signature is Valid');
    expect(judge).toContain('Total document signed');
    expect(judge).toContain('Trần Thị Bình');
    expect(verifyPdf(r.pdf, [fx.pki.caPem]).verdict).toBe('valid');
  });

  it('a byte changed after signing: pdfsig reports a digest mismatch and so do we', async () => {
    const r = await signPdf(await samplePdf(1, { objectStreams: false }), rsa, {});
    const tampered = Buffer.from(r.pdf);
    // Someone widens the page by one point: 595 → 596, inside the signed bytes.
    const at = tampered.indexOf('595');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(tampered.indexOf('/ByteRange'));
    tampered[at + 2] = '6'.charCodeAt(0);
    const judge = pdfsig(fx.pki, write('tampered.pdf', tampered));
    expect(judge).toContain('Digest Mismatch');
    const report = verifyPdf(tampered, [fx.pki.caPem]);
    expect(report.verdict).toBe('invalid');
    expect(report.signatures[0]?.findings).toContain('digest_mismatch');
  });

  it('reports bytes appended after the last signature as a change after signing', async () => {
    const r = await signPdf(await samplePdf(1), rsa, {});
    const appended = Buffer.concat([r.pdf, Buffer.from('\n1 0 obj\n<< >>\nendobj\n')]);
    const report = verifyPdf(appended, [fx.pki.caPem]);
    expect(report.modifiedAfterLastSignature).toBe(true);
    expect(report.verdict).toBe('invalid');
  });

  it('a second signature keeps the first valid (incremental update), both judged by pdfsig', async () => {
    const first = await signPdf(await samplePdf(1), rsa, {});
    const ec = await client.open({ modulePath: SOFTHSM_MODULE, keyId: '02', pin: USER_PIN });
    const second = await signPdf(first.pdf, ec, {});
    // The first revision is kept byte for byte.
    expect(second.pdf.subarray(0, first.pdf.length).equals(first.pdf)).toBe(true);
    const judge = pdfsig(fx.pki, write('two.pdf', second.pdf));
    expect(judge.match(/Signature is Valid/g)).toHaveLength(2);
    expect(judge.match(/Certificate is Trusted/g)).toHaveLength(2);
    expect(judge).toContain('Total document signed');
    const report = verifyPdf(second.pdf, [fx.pki.caPem]);
    expect(report.signatures.map((s) => s.signer?.commonName)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình']);
    expect(report.signatures.every((s) => s.intact)).toBe(true);
    expect(report.signatures[0]?.coversWholeFile).toBe(false);
    expect(report.modifiedAfterLastSignature).toBe(false);
    expect(report.verdict).toBe('valid');
    expect(qpdfCheck(write('two-q.pdf', second.pdf))).toContain('No syntax or stream encoding errors');
  });

  it('when the TSA is down it signs B-B and says why', async () => {
    const r = await signPdf(await samplePdf(1), rsa, {
      tsa: { url: 'http://127.0.0.1:9/tsa', timeoutMs: 1500 },
    });
    expect(r.level).toBe('B-B');
    expect(r.tsaError).toMatch(/unreachable/);
    expect(pdfsig(fx.pki, write('bb.pdf', r.pdf))).toContain('Signature is Valid');
    expect(verifyPdf(r.pdf, [fx.pki.caPem]).signatures[0]?.findings).toContain('no_timestamp');
  });

  it('the verifier says when the certificate had expired at signing time, and when the chain is not trusted', async () => {
    // Our signer refuses expired certificates; a file signed elsewhere with one must still be judged.
    const expired = await client.open({ modulePath: SOFTHSM_MODULE, keyId: '03', pin: USER_PIN });
    const r = await signPdf(await samplePdf(1), expired, {});
    const report = verifyPdf(r.pdf, [fx.pki.caPem]);
    expect(report.signatures[0]?.intact).toBe(true);
    expect(report.signatures[0]?.findings).toContain('cert_expired_at_signing');
    expect(report.verdict).toBe('indeterminate');
    const untrusted = verifyPdf((await signPdf(await samplePdf(1), rsa, {})).pdf, []);
    // Signed by `rsa` after the expired key's session was opened: still intact, still its own key.
    expect(untrusted.signatures[0]?.intact).toBe(true);
    expect(untrusted.signatures[0]?.findings).toContain('untrusted');
    expect(untrusted.verdict).toBe('indeterminate');
    expect(verifyPdf(await samplePdf(1), [fx.pki.caPem]).verdict).toBe('unsigned');
    await expired.close();
  });

  it('adds a document timestamp later to a B-B signature; pdfsig and our verifier accept both', async () => {
    const bb = await signPdf(await samplePdf(1), rsa, {});
    const { pdf, time } = await timestampPdf(bb.pdf, { url: fx.tsa.url, timeoutMs: 5000 });
    expect(pdf.subarray(0, bb.pdf.length).equals(bb.pdf)).toBe(true);
    // pdfsig (poppler 22) still validates the signature but cannot check ETSI.RFC3161 timestamps:
    // `openssl ts -verify` judges the timestamp token against the bytes it covers.
    expect(pdfsig(fx.pki, write('docts.pdf', pdf))).toContain('Signature is Valid');
    const [, b, c] =
      /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/
        .exec(pdf.subarray(bb.pdf.length).toString('latin1'))
        ?.slice(1)
        .map(Number) ?? [];
    if (b === undefined || c === undefined) throw new Error('no byte range in the timestamp update');
    const covered = write('docts-covered.bin', Buffer.concat([pdf.subarray(0, b), pdf.subarray(c)]));
    const token = write(
      'docts.tst',
      raw(readDer(Buffer.from(pdf.subarray(b + 1, c - 1).toString('latin1'), 'hex'))),
    );
    const verdict = execFileSync(
      'openssl',
      [
        'ts',
        '-verify',
        '-data',
        covered,
        '-in',
        token,
        '-token_in',
        '-CAfile',
        fx.pki.caCertFile,
        '-untrusted',
        path.join(fx.pki.dir, 'tsa.crt'),
      ],
      { encoding: 'utf8' },
    );
    expect(verdict).toContain('Verification: OK');
    const report = verifyPdf(pdf, [fx.pki.caPem]);
    expect(report.verdict).toBe('valid');
    expect(report.signatures.map((s) => s.level)).toEqual(['B-B', 'doc-timestamp']);
    expect(report.signatures[0]?.findings).toContain('document_timestamp_later');
    expect(report.signatures[1]?.timestamp).toMatchObject({
      valid: true,
      tsa: 'SoHoa Test TSA',
      time: time.toISOString(),
    });
  });

  it('prints the Decree 30 stamp top right of page 1, in Tinos 10 pt, extractable with Vietnamese diacritics', async () => {
    const lines = ['Sao y', 'UBND xã Thử Nghiệm — Bộ phận Một cửa', '2026-11-27T08:15:00+07:00'];
    const r = await signPdf(await samplePdf(2), rsa, { stamp: { lines, font: stampFont(), fontSize: 10 } });
    const f = write('stamp.pdf', r.pdf);
    expect(pdfsig(fx.pki, f)).toContain('Signature is Valid');
    // Only the top-right quarter of page 1 (A4: 595×842 pt).
    const crop = execFileSync(
      'pdftotext',
      ['-f', '1', '-l', '1', '-x', '298', '-y', '0', '-W', '297', '-H', '120', f, '-'],
      {
        encoding: 'utf8',
      },
    );
    for (const l of lines) expect(crop).toContain(l);
    // Every glyph is drawn, not only extractable: render the stamp and compare its ink with the
    // same lines drawn by pdf-lib on a plain page (a broken font subset drew ~1/3 of the glyphs).
    const ink = async (file: string) => {
      const png = path.join(out, `${path.basename(file)}.png`);
      execFileSync('pdftoppm', [
        '-f',
        '1',
        '-l',
        '1',
        '-r',
        '100',
        '-x',
        '420',
        '-y',
        '0',
        '-W',
        '407',
        '-H',
        '120',
        '-gray',
        '-png',
        '-singlefile',
        file,
        png.replace(/\.png$/, ''),
      ]);
      const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
      return data.reduce((n, v) => n + (v < 128 ? 1 : 0), 0);
    };
    const reference = await PDFDocument.create();
    reference.registerFontkit(fontkit);
    const refFont = await reference.embedFont(stampFont(), { subset: false });
    const refPage = reference.addPage([595, 842]);
    lines.forEach((l, i) => {
      const w = refFont.widthOfTextAtSize(l, 10);
      refPage.drawText(l, { x: 595 - 16 - w, y: 842 - 16 - 10 - i * 12, size: 10, font: refFont });
    });
    const refFile = write('stamp-reference.pdf', Buffer.from(await reference.save()));
    const [drawn, expected] = [await ink(f), await ink(refFile)];
    expect(expected).toBeGreaterThan(500);
    expect(drawn / expected).toBeGreaterThan(0.85);
    const fonts = execFileSync('pdffonts', [f], { encoding: 'utf8' });
    expect(fonts).toMatch(/Tinos/);
    const page2 = execFileSync('pdftotext', ['-f', '2', '-l', '2', f, '-'], { encoding: 'utf8' });
    expect(page2).not.toContain('Sao y');
  });

  it('a PDF/A input still passes qpdf --check and keeps its PDF/A identification after signing', async () => {
    const { assemblePdf } = await import('../../electron/engine/pdf/assemble');
    const sharp = (await import('sharp')).default;
    const img = await sharp({ create: { width: 620, height: 877, channels: 3, background: '#ffffff' } })
      .jpeg()
      .toBuffer();
    const pdfa = await assemblePdf(
      [{ bytes: img, mime: 'image/jpeg', width: 620, height: 877, dpi: 75, frame: 0, rotation: 0 }] as never,
      { title: 'Giấy khai sinh', subject: 'thử', keywords: [] },
    );
    const r = await signPdf(Buffer.from(pdfa), rsa, {
      stamp: { lines: ['Sao y', 'UBND xã'], font: stampFont(), fontSize: 10 },
    });
    const f = write('pdfa-signed.pdf', r.pdf);
    expect(qpdfCheck(f)).toContain('No syntax or stream encoding errors');
    expect(pdfsig(fx.pki, f)).toContain('Signature is Valid');
    // The XMP metadata (pdfaid) of the original revision is untouched.
    expect(r.pdf.subarray(0, pdfa.length).equals(Buffer.from(pdfa))).toBe(true);
  });
});
