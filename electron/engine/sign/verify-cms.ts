import { createHash, verify as cryptoVerify } from 'node:crypto';
import { type CertInfo, parseCert } from './certs';
import {
  child,
  children,
  content,
  decodeOid,
  type DerNode,
  HASH_BY_OID,
  nth,
  OID,
  raw,
  readDer,
} from './der';

/** Finding a PDF's signatures and checking one CMS SignedData (verify.ts judges the rest; docs/architecture.md, the sign room). */

export type Range = [number, number, number, number];

export interface Found {
  range: Range;
  dictText: string;
}

export function findSignatures(pdf: Buffer): Found[] {
  const text = pdf.toString('latin1');
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  const out: Found[] = [];
  const seen = new Set<string>();
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const range: Range = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
    const key = range.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    const objStart = text.lastIndexOf(' obj', m.index);
    const objEnd = text.indexOf('endobj', Math.max(range[2], m.index));
    const before = text.slice(Math.max(0, objStart), Math.min(range[1], m.index + 2000));
    const after = range[2] < objEnd ? text.slice(range[2], objEnd) : '';
    out.push({ range, dictText: before.length < range[1] ? `${before} ${after}` : before });
  }
  return out.sort((a, b) => a.range[2] + a.range[3] - (b.range[2] + b.range[3]));
}

export function pdfDateToIso(s: string): string | null {
  const m = /D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([+-])(\d{2})'?(\d{2})?'?|Z)?/.exec(s);
  if (!m) return null;
  const tz = m[7] ? `${m[7]}${m[8]}:${m[9] ?? '00'}` : 'Z';
  const d = new Date(
    `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${tz}`,
  );
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export interface SignerInfoCheck {
  signer: CertInfo | null;
  certs: CertInfo[];
  digestOk: boolean;
  signatureOk: boolean;
  signatureValue: Buffer;
  unsigned: DerNode | null;
  hasSigningTime: boolean;
}

/** Verifies the (first) SignerInfo of a SignedData against the content's digest. */
export function checkSignedData(contentInfo: Buffer, data: Buffer | null): SignerInfoCheck {
  const ci = readDer(contentInfo);
  if (decodeOid(child(ci, 0)) !== OID.signedData) throw new Error('not SignedData');
  const sd = child(child(ci, 1, 0xa0), 0, 0x30);
  const parts = children(sd);
  const encap = nth(parts, 2);
  let content_ = data;
  const eContent = children(encap)[1];
  if (eContent) content_ = Buffer.from(content(child(eContent, 0)));
  if (!content_) throw new Error('no content');
  const certs = (
    parts.find((p) => p.tag === 0xa0) ? children(parts.find((p) => p.tag === 0xa0) as DerNode) : []
  )
    .filter((c) => c.tag === 0x30)
    .map((c) => parseCert(Buffer.from(raw(c))));
  const signerInfo = child(nth(parts, parts.length - 1), 0, 0x30);
  const si = children(signerInfo);
  const sid = nth(si, 1);
  let signer: CertInfo | null = null;
  if (sid.tag === 0x30) {
    const issuer = raw(child(sid, 0));
    const serial = raw(child(sid, 1));
    signer = certs.find((c) => c.issuerDer.equals(issuer) && c.serialDer.equals(serial)) ?? null;
  }
  const hashName = HASH_BY_OID[decodeOid(child(nth(si, 2), 0))] ?? 'sha256';
  const signedAttrs = si[3]?.tag === 0xa0 ? si[3] : null;
  const rest = signedAttrs ? si.slice(4) : si.slice(3);
  const sigAlg = decodeOid(child(nth(rest, 0), 0));
  const signatureValue = Buffer.from(content(nth(rest, 1)));
  const unsigned = rest[2]?.tag === 0xa1 ? rest[2] : null;
  const contentDigest = createHash(hashName).update(content_).digest();
  let digestOk = false;
  let signedBytes = content_;
  let hasSigningTime = false;
  if (signedAttrs) {
    for (const attr of children(signedAttrs)) {
      const type = decodeOid(child(attr, 0));
      if (type === OID.messageDigest) digestOk = content(child(child(attr, 1), 0)).equals(contentDigest);
      if (type === OID.signingTime) hasSigningTime = true;
    }
    signedBytes = Buffer.from(raw(signedAttrs));
    signedBytes[0] = 0x31;
  } else digestOk = true;
  const algHash = sigAlg === OID.ecdsaWithSha256 || sigAlg === OID.sha256WithRSA ? 'sha256' : hashName;
  const verifies = (c: CertInfo) => {
    try {
      return cryptoVerify(algHash, signedBytes, c.x509.publicKey, signatureValue);
    } catch {
      return false;
    }
  };
  // A signer named by subject key identifier: the certificate whose key verifies is the signer.
  if (!signer && sid.tag !== 0x30) signer = certs.find(verifies) ?? null;
  const signatureOk = signer ? verifies(signer) : false;
  return { signer, certs, digestOk, signatureOk, signatureValue, unsigned, hasSigningTime };
}

/** The RFC 3161 token of a signature's timestamp (B-T), from its unsigned attributes; null when it has none. */
export function timestampTokenOf(check: SignerInfoCheck): Buffer | null {
  const attr = check.unsigned
    ? children(check.unsigned).find((a) => decodeOid(child(a, 0)) === OID.timeStampToken)
    : undefined;
  return attr ? Buffer.from(raw(child(child(attr, 1), 0))) : null;
}

/** The last signature of a PDF (the one covering the most bytes): its whole /Contents, padding included, and what it covers. */
export function lastSignature(pdf: Buffer): { found: Found; contents: Buffer; covered: Buffer } | null {
  const found = findSignatures(pdf).at(-1);
  if (!found) return null;
  const [, b, c, d] = found.range;
  const hex = pdf
    .subarray(b + 1, c - 1)
    .toString('latin1')
    .replace(/\s/g, '');
  return {
    found,
    contents: Buffer.from(hex, 'hex'),
    covered: Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]),
  };
}
