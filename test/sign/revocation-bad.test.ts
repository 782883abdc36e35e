import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reportText } from '../../electron/cli/commands/sign';
import { extensions } from '../../electron/engine/sign/path';
import { MAX_CRL_BYTES, RevocationChecker } from '../../electron/engine/sign/revocation';
import { signPdf } from '../../electron/engine/sign/signer';
import { verifyPdfOnline } from '../../electron/engine/sign/verify-online';
import { samplePdf } from './fixture';
import { makePki, type Pki } from './pki-fixture';

/**
 * Revocation sources that misbehave: the certificates' OCSP and CRL URLs point
 * at 127.0.0.1, where this test puts, in place of the PKI's real responder, a
 * server that hangs, answers garbage, answers about another certificate, signs
 * with a key that is not the issuer's, or sends a CRL that is huge or not a CRL.
 * Each gets a named reason, in bounded time; none is ever taken for "good".
 */
describe('sign: revocation sources that hang, lie or flood', () => {
  let pki: Pki;
  let port: number;
  let bad: http.Server | null = null;
  let good: Buffer;
  let crlOnly: Buffer;
  const f = (name: string) => path.join(pki.dir, name);
  const checker = () => new RevocationChecker({ timeoutMs: 1500 });

  /** The PKI's own responder off, this handler on the same port the certificates name. */
  const misbehave = async (handler: http.RequestListener) => {
    await pki.online(false);
    bad = http.createServer(handler);
    await new Promise<void>((resolve) => bad?.listen(port, '127.0.0.1', resolve));
  };
  /** An OCSP response from `openssl ocsp` for `certName`'s serial, signed by `signer`. */
  const ocspFor = (certName: string, signer: string) => {
    const q = f(`bad-q-${crypto.randomUUID()}.der`);
    execFileSync('openssl', [
      'ocsp',
      ...['-issuer', f('inter.crt'), '-cert', f(`${certName}.crt`), '-no_nonce', '-reqout', q],
    ]);
    execFileSync('openssl', [
      'ocsp',
      ...['-index', f('idx-inter.txt'), '-CA', f('inter.crt')],
      ...['-rsigner', f(`${signer}.crt`), '-rkey', f(`${signer}.key`), '-nmin', '5'],
      ...['-reqin', q, '-respout', `${q}.resp`],
    ]);
    return fs.readFileSync(`${q}.resp`);
  };

  beforeAll(async () => {
    pki = await makePki();
    port = Number(new URL(extensions(pki.signers.good.certificate).ocsp[0] ?? '').port);
    good = (await signPdf(await samplePdf(1), pki.signers.good)).pdf;
    crlOnly = (await signPdf(await samplePdf(1), pki.signers.crlRevoked)).pdf;
  }, 120_000);
  afterEach(async () => {
    bad?.closeAllConnections();
    await new Promise<void>((resolve) => (bad ? bad.close(() => resolve()) : resolve()));
    bad = null;
    await pki.online(true);
  });
  afterAll(async () => {
    await pki?.close();
  });

  it('a responder that accepts and never answers: "quá thời gian chờ", indeterminate, in bounded time', async () => {
    await misbehave(() => undefined); // holds every request open
    const started = Date.now();
    const report = await verifyPdfOnline(good, [pki.rootPem], checker());
    const s = report.signatures[0];
    // OCSP, then the CRL, for the signer; the CRL for the intermediate: three timeouts of 1.5 s at most.
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(s?.revocation?.status).toBe('unknown');
    expect(s?.revocation?.failures).toContain('timeout');
    expect(s?.findings).toContain('revocation_timeout');
    expect(report.verdict).toBe('indeterminate');
    expect(reportText(report, 'vi')).toContain('Máy chủ OCSP/CRL không trả lời kịp');
  });

  it('garbage instead of an OCSP response and a CRL: "không đúng định dạng", never good', async () => {
    await misbehave((_req, res) => res.writeHead(200).end(crypto.randomBytes(700)));
    const report = await verifyPdfOnline(good, [pki.rootPem], checker());
    expect(report.signatures[0]?.revocation?.status).toBe('unknown');
    expect(report.signatures[0]?.revocation?.failures).toEqual(['malformed', 'malformed', 'malformed']);
    expect(report.verdict).toBe('indeterminate');
  });

  it('a well-signed OCSP answer about another certificate is not an answer about this one', async () => {
    const other = ocspFor('revokedAfter', 'ocsp'); // the real responder's signature, the wrong serial
    await misbehave((req, res) => {
      if (req.url === '/ocsp') res.writeHead(200, { 'content-type': 'application/ocsp-response' }).end(other);
      else res.writeHead(404).end();
    });
    const report = await verifyPdfOnline(good, [pki.rootPem], checker());
    const s = report.signatures[0];
    expect(s?.revocation?.failures?.slice(0, 2)).toEqual(['wrong_certificate', 'http_error']);
    expect(s?.findings).toContain('revocation_wrong_certificate');
    expect(reportText(report, 'vi')).toContain('Máy chủ OCSP/CRL trả lời về một chứng thư khác');
    expect(report.verdict).toBe('indeterminate');
  });

  it('an OCSP "good" signed by a key the issuer never delegated, and another CA\'s CRL: refused, each named', async () => {
    // subInter is a CA of another branch (root → pl0 → subInter): it may not speak for the intermediate.
    const forged = ocspFor('good', 'subInter');
    await misbehave((req, res) => {
      if (req.url === '/ocsp') res.writeHead(200).end(forged);
      else res.writeHead(200).end(fs.readFileSync(f('root.crl'))); // the root's CRL as the intermediate's
    });
    const report = await verifyPdfOnline(good, [pki.rootPem], checker());
    const s = report.signatures[0];
    expect(s?.revocation?.failures?.[0]).toBe('bad_signature');
    expect(s?.revocation?.failures?.[1]).toBe('wrong_certificate'); // the CRL names another issuer
    expect(s?.findings).toContain('revocation_bad_signature');
    expect(report.verdict).toBe('indeterminate');
  });

  it('a CRL that never ends is cut at the cap: bounded memory, named reason', async () => {
    let sent = 0;
    await misbehave((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pkix-crl' });
      const chunk = Buffer.alloc(1 << 20, 0x30);
      const pump = () => {
        let more = true;
        while (sent < 4 * MAX_CRL_BYTES && more) {
          more = res.write(chunk);
          sent += chunk.length;
        }
        if (sent < 4 * MAX_CRL_BYTES) res.once('drain', pump);
        else res.end();
      };
      res.on('error', () => undefined);
      pump();
    });
    const flood = await verifyPdfOnline(crlOnly, [pki.rootPem], checker());
    expect(flood.signatures[0]?.revocation?.failures?.[0]).toBe('too_large');
    expect(flood.signatures[0]?.findings).toContain('revocation_too_large');
    expect(sent).toBeLessThan(4 * MAX_CRL_BYTES); // we stopped reading; the server never got to the end
    expect(flood.verdict).toBe('indeterminate');
  });

  it('a certificate served as a CRL is not a CRL', async () => {
    await misbehave((_req, res) => res.writeHead(200).end(fs.readFileSync(f('inter.crt'))));
    const notCrl = await verifyPdfOnline(crlOnly, [pki.rootPem], checker());
    expect(notCrl.signatures[0]?.revocation?.failures?.[0]).toBe('malformed');
    expect(notCrl.verdict).toBe('indeterminate');
  });

  it('the same files with the real responder back: the signer is good, the CRL-only signer revoked', async () => {
    const report = await verifyPdfOnline(good, [pki.rootPem], checker());
    expect(report.signatures[0]?.revocation?.status).toBe('good');
    expect(report.signatures[0]?.revocation?.failures ?? []).toEqual([]);
    const revoked = await verifyPdfOnline(crlOnly, [pki.rootPem], checker());
    expect(revoked.signatures[0]?.revocation?.status).toMatch(/^revoked_/);
  });
});
