import { createHash, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import type { CertInfo } from './certs';
import {
  child,
  children,
  content,
  decodeOid,
  decodeTime,
  type DerNode,
  HASH_BY_OID,
  nth,
  raw,
  readDer,
} from './der';

/**
 * Judging one OCSP response (RFC 6960) or one CRL (RFC 5280 §5) about one
 * certificate, synchronously and from the DER alone: the same checks whether
 * the answer just came from the network (revocation.ts) or was read back from
 * a PDF's document security store years later (dss-read.ts). An OCSP response
 * must be signed by the issuer or by a responder the issuer certified for
 * OCSP signing (valid when it answered), its CertID must name this very
 * certificate (hash of the issuer's name and key, serial); a CRL must carry
 * the issuer's name and verify with its key. Either must be current at the
 * time judged: issued after it, or still before its nextUpdate.
 */

export type DataProblem =
  | 'unreadable'
  | 'not_successful'
  | 'other_certificate'
  | 'bad_signature'
  | 'unauthorized'
  | 'stale'
  | 'from_future';

export interface DataVerdict {
  status: 'good' | 'revoked';
  revokedAt: Date | null;
  thisUpdate: Date;
  nextUpdate: Date | null;
}

export type Judged = { ok: true; verdict: DataVerdict } | { ok: false; problem: DataProblem };

/** Clocks of responders and stations differ a little. */
const SKEW_MS = 5 * 60_000;

/** Signature algorithms by OID, as Node's crypto.verify names their hash. */
const SIG_HASH: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};
const OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const EKU_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';

/** The subject Name and the public key's bits of a certificate, as CertIDs hash them. */
function subjectAndKey(der: Buffer): { subject: Buffer; key: Buffer } {
  const parts = children(child(readDer(der), 0, 0x30));
  const off = parts[0]?.tag === 0xa0 ? 1 : 0;
  const spki = nth(parts, off + 5);
  return { subject: Buffer.from(raw(nth(parts, off + 4))), key: bitString(child(spki, 1, 0x03)) };
}

const bitString = (n: DerNode) => Buffer.from(content(n).subarray(1));

function signedBy(tbs: Buffer, algOid: string, signature: Buffer, cert: CertInfo | X509Certificate): boolean {
  const hash = SIG_HASH[algOid];
  if (!hash) return false;
  const key = cert instanceof X509Certificate ? cert.publicKey : cert.x509.publicKey;
  try {
    return cryptoVerify(hash, tbs, key, signature);
  } catch {
    return false;
  }
}

/** The current-at-`at` rule shared by OCSP and CRLs. */
function timing(thisUpdate: Date, nextUpdate: Date | null, at: Date, now: Date): DataProblem | null {
  if (thisUpdate.getTime() > now.getTime() + SKEW_MS) return 'from_future';
  if (thisUpdate.getTime() >= at.getTime() - SKEW_MS) return null;
  if (nextUpdate && nextUpdate.getTime() >= at.getTime()) return null;
  return 'stale';
}

export interface CertIdFields {
  hash: string;
  nameHash: Buffer;
  keyHash: Buffer;
  serial: Buffer;
}

interface SingleResponse {
  certId: CertIdFields;
  status: 'good' | 'revoked' | 'unknown';
  revokedAt: Date | null;
  thisUpdate: Date;
  nextUpdate: Date | null;
}

interface ParsedOcsp {
  tbs: Buffer;
  sigAlg: string;
  signature: Buffer;
  responderName: Buffer | null;
  responderKeyHash: Buffer | null;
  producedAt: Date;
  responses: SingleResponse[];
  certs: Buffer[];
}

function readSingle(n: DerNode): SingleResponse {
  const [id, status, thisUpdate, ...rest] = children(n);
  if (!id || !status || !thisUpdate) throw new Error('short SingleResponse');
  const [alg, nameHash, keyHash, serial] = children(id);
  if (!alg || !nameHash || !keyHash || !serial) throw new Error('short CertID');
  const next = rest.find((r) => r.tag === 0xa0);
  const tag = status.tag & 0x1f;
  return {
    certId: {
      hash: HASH_BY_OID[decodeOid(child(alg, 0))] ?? '',
      nameHash: Buffer.from(content(nameHash)),
      keyHash: Buffer.from(content(keyHash)),
      serial: Buffer.from(content(serial)),
    },
    status: tag === 0 ? 'good' : tag === 1 ? 'revoked' : 'unknown',
    revokedAt: tag === 1 ? decodeTime(child(status, 0)) : null,
    thisUpdate: decodeTime(thisUpdate),
    nextUpdate: next ? decodeTime(child(next, 0)) : null,
  };
}

/** Reads an OCSPResponse; null when it is not a successful basic response. Throws on bytes that are not one. */
export function readOcsp(der: Buffer): ParsedOcsp | null {
  const top = readDer(der);
  if (top.end !== der.length) throw new Error('trailing bytes');
  const [status, bytes] = children(top);
  if (!status || content(status)[0] !== 0 || !bytes) return null;
  const rb = child(bytes, 0, 0x30);
  if (decodeOid(child(rb, 0)) !== OCSP_BASIC) return null;
  const basic = readDer(Buffer.from(content(child(rb, 1, 0x04))));
  const [tbsNode, alg, sig, certsNode] = children(basic);
  if (!tbsNode || !alg || !sig) throw new Error('short BasicOCSPResponse');
  const tbs = children(tbsNode);
  const off = tbs[0]?.tag === 0xa0 ? 1 : 0;
  const responder = nth(tbs, off);
  return {
    tbs: Buffer.from(raw(tbsNode)),
    sigAlg: decodeOid(child(alg, 0)),
    signature: bitString(sig),
    responderName: responder.tag === 0xa1 ? Buffer.from(raw(child(responder, 0))) : null,
    responderKeyHash: responder.tag === 0xa2 ? Buffer.from(content(child(responder, 0))) : null,
    producedAt: decodeTime(nth(tbs, off + 1)),
    responses: children(nth(tbs, off + 2)).map(readSingle),
    certs: certsNode ? children(child(certsNode, 0)).map((c) => Buffer.from(raw(c))) : [],
  };
}

/** The CertIDs an OCSP response answers for (to tell which certificate it is about). */
export function ocspCertIds(der: Buffer): CertIdFields[] {
  return readOcsp(der)?.responses.map((r) => r.certId) ?? [];
}

/** Does this CertID name `cert` issued by `issuer`? */
export function certIdMatches(id: CertIdFields, cert: CertInfo, issuer: CertInfo): boolean {
  if (!id.hash) return false;
  const { subject, key } = subjectAndKey(issuer.der);
  const serial = content(readDer(cert.serialDer));
  return (
    id.serial.equals(serial) &&
    createHash(id.hash).update(subject).digest().equals(id.nameHash) &&
    createHash(id.hash).update(key).digest().equals(id.keyHash)
  );
}

function hasOcspSigning(x: X509Certificate): boolean {
  // Node lists the extended key usages of a certificate (undefined when it has none).
  const eku = (x as X509Certificate & { keyUsage?: string[] }).keyUsage;
  return Array.isArray(eku) && eku.includes(EKU_OCSP_SIGNING);
}

/** The responder is the issuer itself, or a certificate the issuer signed for OCSP signing, valid when it answered. */
function responderOk(o: ParsedOcsp, issuer: CertInfo): boolean {
  const names = (der: Buffer) => subjectAndKey(der);
  const isResponder = (der: Buffer) => {
    const { subject, key } = names(der);
    if (o.responderName) return subject.equals(o.responderName);
    return !!o.responderKeyHash && createHash('sha1').update(key).digest().equals(o.responderKeyHash);
  };
  if (isResponder(issuer.der) && signedBy(o.tbs, o.sigAlg, o.signature, issuer)) return true;
  for (const der of o.certs) {
    if (!isResponder(der)) continue;
    let x: X509Certificate;
    try {
      x = new X509Certificate(der);
    } catch {
      continue;
    }
    if (!signedBy(o.tbs, o.sigAlg, o.signature, x)) continue;
    const at = o.producedAt.getTime();
    const valid = new Date(x.validFrom).getTime() <= at && at <= new Date(x.validTo).getTime();
    if (valid && x.checkIssued(issuer.x509) && x.verify(issuer.x509.publicKey) && hasOcspSigning(x))
      return true;
  }
  return false;
}

export function judgeOcsp(der: Buffer, cert: CertInfo, issuer: CertInfo, at: Date, now = new Date()): Judged {
  let o: ParsedOcsp | null;
  try {
    o = readOcsp(der);
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  if (!o) return { ok: false, problem: 'not_successful' };
  const single = o.responses.find((r) => certIdMatches(r.certId, cert, issuer));
  if (!single) return { ok: false, problem: 'other_certificate' };
  if (!SIG_HASH[o.sigAlg] || !responderOk(o, issuer)) {
    const anySig = [issuer.der, ...o.certs].some((d) => {
      try {
        return signedBy(o.tbs, o.sigAlg, o.signature, new X509Certificate(d));
      } catch {
        return false;
      }
    });
    return { ok: false, problem: anySig ? 'unauthorized' : 'bad_signature' };
  }
  if (single.status === 'unknown') return { ok: false, problem: 'not_successful' };
  const late = timing(single.thisUpdate, single.nextUpdate, at, now);
  if (late) return { ok: false, problem: late };
  const { status, revokedAt, thisUpdate, nextUpdate } = single;
  return { ok: true, verdict: { status, revokedAt, thisUpdate, nextUpdate } };
}

interface ParsedCrl {
  tbs: Buffer;
  sigAlg: string;
  signature: Buffer;
  issuer: Buffer;
  thisUpdate: Date;
  nextUpdate: Date | null;
  revoked: DerNode | null;
}

export function readCrl(der: Buffer): ParsedCrl {
  const top = readDer(der);
  if (top.end !== der.length) throw new Error('trailing bytes');
  const [tbsNode, alg, sig] = children(top);
  if (!tbsNode || !alg || !sig) throw new Error('short CertificateList');
  const t = children(tbsNode);
  const off = t[0]?.tag === 0x02 ? 1 : 0;
  const after = t.slice(off + 3);
  const next = after[0] && (after[0].tag === 0x17 || after[0].tag === 0x18) ? after[0] : null;
  const list = after.find((n) => n.tag === 0x30) ?? null;
  return {
    tbs: Buffer.from(raw(tbsNode)),
    sigAlg: decodeOid(child(alg, 0)),
    signature: bitString(sig),
    issuer: Buffer.from(raw(nth(t, off + 1))),
    thisUpdate: decodeTime(nth(t, off + 2)),
    nextUpdate: next ? decodeTime(next) : null,
    revoked: list,
  };
}

/** The issuer Name of a CRL (raw DER), to tell whose it is; null when unreadable. */
export function crlIssuer(der: Buffer): Buffer | null {
  try {
    return readCrl(der).issuer;
  } catch {
    return null;
  }
}

export const subjectDer = (c: CertInfo): Buffer => subjectAndKey(c.der).subject;

export function judgeCrl(der: Buffer, cert: CertInfo, issuer: CertInfo, at: Date, now = new Date()): Judged {
  let c: ParsedCrl;
  try {
    c = readCrl(der);
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  if (!c.issuer.equals(subjectDer(issuer))) return { ok: false, problem: 'other_certificate' };
  if (!signedBy(c.tbs, c.sigAlg, c.signature, issuer)) return { ok: false, problem: 'bad_signature' };
  const late = timing(c.thisUpdate, c.nextUpdate, at, now);
  if (late) return { ok: false, problem: late };
  const serial = content(readDer(cert.serialDer));
  let revokedAt: Date | null = null;
  try {
    for (const entry of c.revoked ? children(c.revoked) : []) {
      const [num, date] = children(entry);
      if (num && date && content(num).equals(serial)) {
        revokedAt = decodeTime(date);
        break;
      }
    }
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  const verdict: DataVerdict = {
    status: revokedAt ? 'revoked' : 'good',
    revokedAt,
    thisUpdate: c.thisUpdate,
    nextUpdate: c.nextUpdate,
  };
  return { ok: true, verdict };
}
