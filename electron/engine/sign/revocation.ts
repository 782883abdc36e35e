import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import type { CertInfo } from './certs';
import { extensions } from './path';
import { type DataProblem, type DataVerdict, judgeCrl, judgeOcsp } from './revocation-data';

/**
 * Revocation of each certificate of a chain (docs/architecture.md, the sign
 * room): OCSP at the responder the certificate's AIA names, else the CRL its
 * distribution points name. Only those URLs are fetched (http: and https:),
 * each with a timeout; answers are cached in memory per engine, keyed by the
 * issuer and the serial, until their nextUpdate. When nothing answers the
 * result is `unknown` — never "good" by silence — with why each source gave
 * nothing usable (`failures`). Every answer is read under the timeout (which
 * also bounds a body that trickles) and a size cap.
 */

export type RevocationStatus = 'good' | 'revoked' | 'unknown' | 'no_source';

/** Why a source gave no usable answer (shared/api/rooms/sign.ts `RevocationFailure`). */
export type RevocationFailure =
  | 'timeout'
  | 'unreachable'
  | 'http_error'
  | 'too_large'
  | 'malformed'
  | 'bad_signature'
  | 'wrong_certificate'
  | 'stale';

class RevocationError extends Error {
  constructor(readonly reason: RevocationFailure) {
    super(reason);
  }
}

/** What an attempt ended with: ours, the timeout's, the network's, or a parser's (malformed). */
export function failureOf(err: unknown): RevocationFailure {
  if (err instanceof RevocationError) return err.reason;
  const name = (err as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  if (err instanceof TypeError && /fetch failed/.test(err.message)) return 'unreachable';
  return 'malformed';
}

/** A judged answer that does not hold up, as the clerk is told. */
const PROBLEM_FAILURE: Record<DataProblem, RevocationFailure> = {
  unreadable: 'malformed',
  not_successful: 'http_error',
  other_certificate: 'wrong_certificate',
  bad_signature: 'bad_signature',
  unauthorized: 'bad_signature',
  stale: 'stale',
  from_future: 'stale',
};

export interface RevocationResult {
  status: RevocationStatus;
  revokedAt: Date | null;
  source: 'ocsp' | 'crl' | null;
  /** The common name of the certificate this is about. */
  subject: string;
  /** `unknown`: why each source tried gave nothing usable, in the order tried. */
  failures?: RevocationFailure[];
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

/** Answers larger than these are refused (an OCSP response is a few KB; a national CA's CRL a few MB). */
export const MAX_OCSP_BYTES = 256 * 1024;
export const MAX_CRL_BYTES = 32 * 1024 * 1024;

/** An answer as fetched: the DER a document security store keeps, and what it says. */
export interface RevocationMaterial {
  result: RevocationResult;
  source: 'ocsp' | 'crl';
  der: Buffer;
  nextUpdate: Date | null;
}

export class RevocationChecker {
  private readonly cache = new Map<string, Cached>();
  private readonly crls = new Map<string, { der: Buffer; until: number }>();
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
    const subject = cert.commonName;
    const ext = extensions(cert);
    if (!ext.ocsp.length && !ext.crl.length)
      return { status: 'no_source', revokedAt: null, source: null, subject };
    const failures: RevocationFailure[] = [];
    const answer = await this.material(cert, issuer, failures);
    if (!answer) return { status: 'unknown', revokedAt: null, source: null, subject, failures };
    if (answer.nextUpdate) this.cache.set(key, { result: answer.result, until: answer.nextUpdate.getTime() });
    return answer.result;
  }

  /**
   * A fresh answer about `cert` with its DER: OCSP at the responders its AIA
   * names, else the CRL of its distribution points (a CRL is kept until its
   * nextUpdate: it is large and the same for every certificate of the issuer).
   * Null when no source answered with something that holds up.
   */
  async material(
    cert: CertInfo,
    issuer: CertInfo,
    failures: RevocationFailure[] = [],
  ): Promise<RevocationMaterial | null> {
    const ext = extensions(cert);
    const attempt = (p: Promise<RevocationMaterial>) =>
      p.catch((err: unknown) => {
        failures.push(failureOf(err));
        return null;
      });
    for (const url of ext.ocsp.filter(httpUrl)) {
      const m = await attempt(this.ocsp(url, cert, issuer));
      if (m) return m;
    }
    for (const url of ext.crl.filter(httpUrl)) {
      const m = await attempt(this.crl(url, cert, issuer));
      if (m) return m;
    }
    return null;
  }

  private async fetch(url: string, maxBytes: number, init: RequestInit = {}): Promise<Buffer> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    const once = () => fetch(url, { ...init, redirect: 'error', signal });
    // A kept-alive connection the server has since closed fails at once: asked again, on a new one.
    const res = await once().catch((err: unknown) => {
      if (staleSocket(err)) return once();
      throw err;
    });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new RevocationError('http_error');
    }
    if (Number(res.headers.get('content-length') ?? 0) > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw new RevocationError('too_large');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const reader = res.body?.getReader();
    for (let r = await reader?.read(); r && !r.done; r = await reader?.read()) {
      size += r.value.length;
      if (size > maxBytes) {
        await reader?.cancel().catch(() => undefined);
        throw new RevocationError('too_large');
      }
      chunks.push(Buffer.from(r.value));
    }
    return Buffer.concat(chunks);
  }

  private async ocsp(url: string, cert: CertInfo, issuer: CertInfo): Promise<RevocationMaterial> {
    const req = new pkijs.OCSPRequest();
    await req.createForCertificate(pk(cert), { hashAlgorithm: 'SHA-1', issuerCertificate: pk(issuer) });
    const body = req.toSchema(true).toBER(false);
    const der = await this.fetch(url, MAX_OCSP_BYTES, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request' },
      body: new Uint8Array(body),
    });
    const now = new Date();
    const judged = judgeOcsp(der, cert, issuer, now, now);
    if (!judged.ok) throw new RevocationError(PROBLEM_FAILURE[judged.problem]);
    return toMaterial(judged.verdict, 'ocsp', der, cert);
  }

  private async crl(url: string, cert: CertInfo, issuer: CertInfo): Promise<RevocationMaterial> {
    const now = new Date();
    const hit = this.crls.get(url);
    let der = hit && hit.until > now.getTime() ? hit.der : await this.fetch(url, MAX_CRL_BYTES);
    const text = der.subarray(0, 16).toString('latin1');
    if (text.startsWith('-----BEGIN'))
      der = Buffer.from(der.toString('latin1').replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const judged = judgeCrl(der, cert, issuer, now, now);
    if (!judged.ok) throw new RevocationError(PROBLEM_FAILURE[judged.problem]);
    if (judged.verdict.nextUpdate) this.crls.set(url, { der, until: judged.verdict.nextUpdate.getTime() });
    return toMaterial(judged.verdict, 'crl', der, cert);
  }
}

function toMaterial(v: DataVerdict, source: 'ocsp' | 'crl', der: Buffer, cert: CertInfo): RevocationMaterial {
  const result: RevocationResult = {
    status: v.status,
    revokedAt: v.revokedAt,
    source,
    subject: cert.commonName,
  };
  return { result, source, der, nextUpdate: v.nextUpdate };
}

/** undici's "other side closed" on a reused socket (UND_ERR_SOCKET), not a server that is down. */
function staleSocket(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string } } | null)?.cause;
  return err instanceof TypeError && cause?.code === 'UND_ERR_SOCKET';
}

function httpUrl(u: string): boolean {
  try {
    const p = new URL(u).protocol;
    return p === 'http:' || p === 'https:';
  } catch {
    return false;
  }
}
