import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportText } from '../../electron/cli/commands/sign';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { tempDir } from '../helpers/tmp';
import { RevocationChecker } from '../../electron/engine/sign/revocation';
import { signPdf } from '../../electron/engine/sign/signer';
import { verifyPdf } from '../../electron/engine/sign/verify';
import { verifyPdfOnline } from '../../electron/engine/sign/verify-online';
import { samplePdf } from './fixture';
import { makePki, type Pki, pdfsigPki, type SignerName } from './pki-fixture';

/**
 * Path validation (RFC 5280) and revocation (OCSP, CRL) against a test PKI
 * made with openssl, its responders on 127.0.0.1; pdfsig (NSS, only the test
 * root trusted) judges the same files where it can.
 */
describe('sign: certificate paths and revocation', () => {
  let pki: Pki;
  const signed = new Map<string, Buffer>();
  const day = 86400_000;

  const sign = async (name: SignerName, signingTime = new Date()) => {
    const key = `${name}@${signingTime.toISOString()}`;
    const hit = signed.get(key);
    if (hit) return hit;
    const { pdf } = await signPdf(await samplePdf(1), pki.signers[name], { signingTime });
    signed.set(key, pdf);
    return pdf;
  };
  const file = (name: string, pdf: Buffer) => {
    const f = path.join(pki.dir, `${name}.pdf`);
    fs.writeFileSync(f, pdf);
    return f;
  };
  const online = async (pdf: Buffer, checker = new RevocationChecker({ timeoutMs: 2000 })) =>
    verifyPdfOnline(pdf, [pki.rootPem], checker);

  beforeAll(async () => {
    pki = await makePki();
  }, 120_000);
  afterAll(async () => {
    await pki?.close();
  });

  it('a correct chain root → intermediate → signer is trusted and, with OCSP answering "good", valid', async () => {
    const pdf = await sign('good');
    const report = await online(pdf);
    const s = report.signatures[0];
    expect(report.verdict).toBe('valid');
    expect(s?.trusted).toBe(true);
    expect(s?.pathProblems).toEqual([]);
    expect(s?.findings).toContain('revocation_good');
    expect(s?.findings).toContain('signing_time_claimed');
    expect(s?.judgedAt?.source).toBe('claimed');
    expect(s?.revocation?.status).toBe('good');
    expect(pki.hits.some((h) => h === 'POST /ocsp')).toBe(true);
    const judge = await pdfsigPki(pki, file('good', pdf));
    expect(judge).toContain('Signature is Valid');
    expect(judge).toContain('Certificate is Trusted');
  });

  it('offline verification never says valid by silence for a certificate that names OCSP/CRL', async () => {
    const report = verifyPdf(await sign('good'), [pki.rootPem]);
    expect(report.signatures[0]?.revocation?.status).toBe('not_checked');
    expect(report.signatures[0]?.findings).toContain('revocation_unknown');
    expect(report.verdict).toBe('indeterminate');
  });

  it('an end-entity (CA:FALSE) that issued a certificate: the link is named, not trusted; pdfsig agrees', async () => {
    const pdf = await sign('rogueVictim');
    const report = await online(pdf);
    const s = report.signatures[0];
    expect(s?.trusted).toBe(false);
    expect(s?.findings).toContain('path_invalid');
    expect(s?.pathProblems).toContainEqual({ code: 'issuer_not_ca', subject: 'Người Dùng Cuối Giả CA' });
    expect(report.verdict).toBe('indeterminate');
    // What `sohoa verify` prints: the link and the reason, in Vietnamese.
    expect(reportText(report, 'vi')).toContain(
      'Chứng thư “Người Dùng Cuối Giả CA” không phải chứng thư của tổ chức cấp (CA) mà lại cấp chứng thư khác.',
    );
    expect(await pdfsigPki(pki, file('rogue', pdf))).not.toContain('Certificate is Trusted');
  });

  it('an intermediate expired at the signing time is named; pdfsig agrees', async () => {
    const pdf = await sign('underExpired');
    const s = (await online(pdf)).signatures[0];
    expect(s?.pathProblems).toContainEqual({ code: 'expired', subject: 'Trung Gian Hết Hạn' });
    expect(s?.findings).toContain('cert_expired_at_signing');
    expect(s?.verdict).toBe('indeterminate');
    expect(await pdfsigPki(pki, file('expired', pdf))).not.toContain('Certificate is Trusted');
  });

  it('a CA below a pathlen:0 intermediate breaks the path; pdfsig agrees', async () => {
    const pdf = await sign('underPathLen');
    const s = (await online(pdf)).signatures[0];
    expect(s?.trusted).toBe(false);
    expect(s?.pathProblems).toContainEqual({ code: 'path_len_exceeded', subject: 'Trung Gian Pathlen 0' });
    expect(await pdfsigPki(pki, file('pathlen', pdf))).not.toContain('Certificate is Trusted');
  });

  it('a signer whose extended key usage is serverAuth only: said so, not valid', async () => {
    const s = (await online(await sign('serverOnly'))).signatures[0];
    expect(s?.findings).toContain('eku_excludes_signing');
    expect(s?.pathProblems).toContainEqual({ code: 'eku_excludes_purpose', subject: 'Máy Chủ Web' });
    expect(s?.verdict).toBe('indeterminate');
  });

  it('an unknown critical extension makes the certificate unacceptable (RFC 5280 §4.2); pdfsig agrees', async () => {
    const pdf = await sign('oddCritical');
    const s = (await online(pdf)).signatures[0];
    expect(s?.trusted).toBe(false);
    expect(s?.pathProblems).toContainEqual({
      code: 'unknown_critical_extension',
      subject: 'Người Có Phần Mở Rộng Lạ',
    });
    expect(await pdfsigPki(pki, file('odd', pdf))).not.toContain('Certificate is Trusted');
  });

  it('revoked before the signing time: invalid (OCSP from openssl ocsp)', async () => {
    const s = (await online(await sign('revokedBefore'))).signatures[0];
    expect(s?.revocation?.status).toBe('revoked_before');
    expect(s?.revocation?.revokedAt).toBe(pki.revokedAt.toISOString());
    expect(s?.findings).toContain('revoked_before_signing');
    expect(s?.verdict).toBe('invalid');
    // NSS asks the same OCSP responder.
    expect(await pdfsigPki(pki, file('revoked', await sign('revokedBefore')))).toContain('Revoked');
  });

  it('revoked after the signing time: valid, with a note', async () => {
    const report = await online(await sign('revokedAfter', new Date(Date.now() - 5 * day)));
    const s = report.signatures[0];
    expect(s?.revocation?.status).toBe('revoked_after');
    expect(s?.findings).toContain('revoked_after_signing');
    expect(s?.verdict).toBe('valid');
  });

  it('the cache answers until nextUpdate; with responders off a fresh check says "chưa kiểm tra được", never valid', async () => {
    const cached = new RevocationChecker({ timeoutMs: 1000 });
    const pdf = await sign('good');
    expect((await online(pdf, cached)).verdict).toBe('valid');
    await pki.online(false);
    try {
      const again = await online(pdf, cached);
      expect(again.verdict).toBe('valid');
      const fresh = await online(pdf, new RevocationChecker({ timeoutMs: 1000 }));
      expect(fresh.signatures[0]?.revocation?.status).toBe('unknown');
      expect(fresh.signatures[0]?.findings).toContain('revocation_unknown');
      expect(fresh.verdict).toBe('indeterminate');
      expect(reportText(fresh, 'vi')).toContain('Chưa kiểm tra được tình trạng thu hồi');
    } finally {
      await pki.online(true);
    }
  });

  it('CRL from the distribution point when the certificate names no OCSP responder; the intermediate through the root CRL', async () => {
    const checker = new RevocationChecker({ timeoutMs: 2000 });
    const { certificate, chain } = pki.signers.crlRevoked;
    const [inter] = chain;
    if (!inter) throw new Error('no intermediate');
    const leaf = await checker.check(certificate, inter);
    expect(leaf).toMatchObject({ status: 'revoked', source: 'crl', subject: 'Người Bị Thu Hồi Theo CRL' });
    expect(leaf.revokedAt?.toISOString()).toBe(pki.revokedAt.toISOString());
    const s = (await online(await sign('crlRevoked'))).signatures[0];
    expect(s?.verdict).toBe('invalid');
    expect(pki.hits).toContain('GET /inter.crl');
    expect(pki.hits).toContain('GET /root.crl');
  });

  it('trust anchors come from the configuration; the training CA only while no portal is configured', async () => {
    const engine = createEngine({ dataDir: tempDir(), outbox: { autoStart: false } });
    const client = connectInProcess(engine);
    try {
      const upload = { name: 'good.pdf', dataBase64: (await sign('good')).toString('base64') };
      const nothing = await client.call('sign.verifyFile', upload);
      expect(nothing.signatures[0]?.trusted).toBe(false);
      await client.call('sign.config.update', {
        trainingTrustPems: [pki.rootPem],
        revocationTimeoutMs: 2000,
      });
      const training = await client.call('sign.verifyFile', upload);
      expect(training.signatures[0]?.trusted).toBe(true);
      expect(training.signatures[0]?.revocation?.status).toBe('good');
      expect(training.verdict).toBe('valid');
      await client.call('settings.update', { portalUrl: 'http://127.0.0.1:9/' });
      const real = await client.call('sign.verifyFile', upload);
      expect(real.signatures[0]?.trusted).toBe(false);
      expect(real.signatures[0]?.pathProblems[0]?.code).toBe('no_anchor');
      await client.call('sign.config.update', { trustPems: [pki.rootPem] });
      expect((await client.call('sign.verifyFile', upload)).verdict).toBe('valid');
    } finally {
      client.dispose();
      engine.close();
    }
  });
});
