import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import type { CertInfo } from './certs';
import { extensions } from './path';

/**
 * Revocation of each certificate of a chain (docs/architecture.md, the sign
 * room): OCSP at the responder the certificate's AIA names, else the CRL its
 * distribution points name. Only those URLs are fetched (http: and https:),
 * each with a timeout; answers are cached in memory per engine, keyed by the
 * issuer and the serial, until their nextUpdate. When nothing answers the
 * result is `unknown` — never "good" by silence.
 */

export type RevocationStatus = 'good' | 'revoked' | 'unknown' | 'no_source';

export interface RevocationResult {
  status: RevocationStatus;
  revokedAt: Date | null;
  source: 'ocsp' | 'crl' | null;
  /** The common name of the certificate this is about. */
  subject: string;
}

export interface RevocationOptions {
  /** Per request, milliseconds (default 4000). */
  timeoutMs?: number;
}

interface Cached {
  result: RevocationResult;
  until: number;
}

const pk = (c: CertInfo) => pkijs.Certificate.fromBER(Uint8Array.from(c.der));
const sameSerial = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

export class RevocationChecker {
  private readonly cache = new Map<string, Cached>();
  private readonly timeoutMs: number;

  constructor(opts: RevocationOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 4000;
  }

  /** Each certificate of the chain but the trust anchor, against its issuer; signer first. */
  async checkChain(chain: CertInfo[]): Promise<RevocationResult[]> {
    const out: RevocationResult[] = [];
    for (let k = 0; k + 1 < chain.length; k++)
      out.push(await this.check(chain[k] as CertInfo, chain[k + 1] as CertInfo));
    return out;
  }

  async check(cert: CertInfo, issuer: CertInfo): Promise<RevocationResult> {
    const key = `${createHash('sha256').update(issuer.der).digest('hex')}:${cert.serialHex}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.result;
    const ext = extensions(cert);
    const subject = cert.commonName;
    if (!ext.ocsp.length && !ext.crl.length)
      return { status: 'no_source', revokedAt: null, source: null, subject };
    let answer: { result: RevocationResult; nextUpdate: Date | null } | null = null;
    for (const url of ext.ocsp.filter(httpUrl)) {
      answer = await this.ocsp(url, cert, issuer).catch(() => null);
      if (answer) break;
    }
    if (!answer)
      for (const url of ext.crl.filter(httpUrl)) {
        answer = await this.crl(url, cert, issuer).catch(() => null);
        if (answer) break;
      }
    if (!answer) return { status: 'unknown', revokedAt: null, source: null, subject };
    if (answer.nextUpdate) this.cache.set(key, { result: answer.result, until: answer.nextUpdate.getTime() });
    return answer.result;
  }

  private async fetch(url: string, init: RequestInit = {}): Promise<Uint8Array<ArrayBuffer>> {
    const res = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(this.timeoutMs) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return Uint8Array.from(new Uint8Array(await res.arrayBuffer()));
  }

  private async ocsp(url: string, cert: CertInfo, issuer: CertInfo) {
    const issuerPk = pk(issuer);
    const req = new pkijs.OCSPRequest();
    await req.createForCertificate(pk(cert), { hashAlgorithm: 'SHA-1', issuerCertificate: issuerPk });
    const body = req.toSchema(true).toBER(false);
    const bytes = await this.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request' },
      body: new Uint8Array(body),
    });
    const resp = pkijs.OCSPResponse.fromBER(bytes);
    if (resp.responseStatus.valueBlock.valueDec !== 0 || !resp.responseBytes) return null;
    const basic = pkijs.BasicOCSPResponse.fromBER(
      Uint8Array.from(resp.responseBytes.response.valueBlock.valueHexView),
    );
    // The responder is the issuer or a responder the issuer delegated (id-kp-OCSPSigning).
    if (!(await basic.verify({ trustedCerts: [issuerPk] }).catch(() => false))) return null;
    const serial = pk(cert).serialNumber.valueBlock.valueHexView;
    const single = basic.tbsResponseData.responses.find((r) =>
      sameSerial(r.certID.serialNumber.valueBlock.valueHexView, serial),
    );
    if (!single) return null;
    const now = Date.now();
    if (single.thisUpdate.getTime() > now + 5 * 60_000) return null;
    if (single.nextUpdate && single.nextUpdate.getTime() < now) return null;
    const tag = (single.certStatus as { idBlock: { tagNumber: number } }).idBlock.tagNumber;
    const subject = cert.commonName;
    let result: RevocationResult;
    if (tag === 0) result = { status: 'good', revokedAt: null, source: 'ocsp', subject };
    else if (tag === 1) {
      const inner = (single.certStatus as { valueBlock: { value: { toDate?: () => Date }[] } }).valueBlock
        .value[0];
      result = { status: 'revoked', revokedAt: inner?.toDate?.() ?? null, source: 'ocsp', subject };
    } else return null;
    return { result, nextUpdate: single.nextUpdate ?? null };
  }

  private async crl(url: string, cert: CertInfo, issuer: CertInfo) {
    let bytes = await this.fetch(url);
    const text = Buffer.from(bytes).toString('latin1');
    if (text.startsWith('-----BEGIN'))
      bytes = Uint8Array.from(Buffer.from(text.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
    const crl = pkijs.CertificateRevocationList.fromBER(bytes);
    if (!(await crl.verify({ issuerCertificate: pk(issuer) }).catch(() => false))) return null;
    const nextUpdate = crl.nextUpdate?.value ?? null;
    if (nextUpdate && nextUpdate.getTime() < Date.now()) return null;
    const serial = pk(cert).serialNumber.valueBlock.valueHexView;
    const entry = (crl.revokedCertificates ?? []).find((r) =>
      sameSerial(r.userCertificate.valueBlock.valueHexView, serial),
    );
    const subject = cert.commonName;
    const result: RevocationResult = entry
      ? { status: 'revoked', revokedAt: entry.revocationDate.value, source: 'crl', subject }
      : { status: 'good', revokedAt: null, source: 'crl', subject };
    return { result, nextUpdate };
  }
}

function httpUrl(u: string): boolean {
  try {
    const p = new URL(u).protocol;
    return p === 'http:' || p === 'https:';
  } catch {
    return false;
  }
}
