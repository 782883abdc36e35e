import { createHash, verify as cryptoVerify } from 'node:crypto';
import { buildChain, type CertInfo, parseCert, pemToDers } from './certs';
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
import { parseTstInfo } from './tsa';

/**
 * Checks every signature of a PDF the way a validator does: the byte ranges,
 * the digest, the signature value, the signer's chain to our trust store, the
 * certificate's validity when it signed, the timestamp, and whether anything
 * was appended after the last signature. Findings are codes; the words the
 * clerk reads come from i18n (`sign.finding.*`).
 */

export type Finding =
  | 'intact'
  | 'digest_mismatch'
  | 'bad_signature'
  | 'unreadable'
  | 'byte_range_invalid'
  | 'covers_whole_file'
  | 'later_revisions'
  | 'trusted'
  | 'untrusted'
  | 'cert_valid_at_signing'
  | 'cert_expired_at_signing'
  | 'cert_not_yet_valid_at_signing'
  | 'cert_no_signing_usage'
  | 'timestamp_valid'
  | 'timestamp_invalid'
  | 'no_timestamp'
  | 'signing_time_attribute'
  | 'document_timestamp_later';

export interface SignatureReport {
  index: number;
  signer: {
    commonName: string;
    subject: string;
    issuer: string;
    serialHex: string;
    notBefore: string;
    notAfter: string;
  } | null;
  /** The time the signer claims (/M), ISO 8601. */
  claimedTime: string | null;
  timestamp: { time: string; tsa: string; valid: boolean } | null;
  level: 'B-B' | 'B-T' | 'doc-timestamp' | 'other';
  subFilter: string | null;
  byteRange: number[];
  coversWholeFile: boolean;
  /** Signed bytes unchanged and the signature value checks out. */
  intact: boolean;
  trusted: boolean;
  validAtSigning: boolean;
  verdict: 'valid' | 'invalid' | 'indeterminate';
  findings: Finding[];
}

export interface VerifyReport {
  fileBytes: number;
  signatures: SignatureReport[];
  /** Bytes were added after the last signature (a later signature's own update does not count). */
  modifiedAfterLastSignature: boolean;
  verdict: 'valid' | 'invalid' | 'indeterminate' | 'unsigned';
}

type Range = [number, number, number, number];

interface Found {
  range: Range;
  dictText: string;
}

function findSignatures(pdf: Buffer): Found[] {
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

function pdfDateToIso(s: string): string | null {
  const m = /D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([+-])(\d{2})'?(\d{2})?'?|Z)?/.exec(s);
  if (!m) return null;
  const tz = m[7] ? `${m[7]}${m[8]}:${m[9] ?? '00'}` : 'Z';
  const d = new Date(
    `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${tz}`,
  );
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

interface SignerInfoCheck {
  signer: CertInfo | null;
  certs: CertInfo[];
  digestOk: boolean;
  signatureOk: boolean;
  signatureValue: Buffer;
  unsigned: DerNode | null;
  hasSigningTime: boolean;
}

/** Verifies the (first) SignerInfo of a SignedData against the content's digest. */
function checkSignedData(contentInfo: Buffer, data: Buffer | null): SignerInfoCheck {
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

export function loadTrust(pems: string[]): CertInfo[] {
  return pems.flatMap((p) => pemToDers(p)).map(parseCert);
}

function chainTrusted(
  leaf: CertInfo,
  pool: CertInfo[],
  trust: CertInfo[],
): { trusted: boolean; chain: CertInfo[] } {
  const chain = buildChain(leaf, [...pool, ...trust]);
  const trusted = chain.some((c) => trust.some((t) => t.der.equals(c.der)));
  return { trusted, chain };
}

const validAt = (c: CertInfo, at: Date) => at >= c.notBefore && at <= c.notAfter;

export function verifyPdf(pdf: Buffer, trustPems: string[] = []): VerifyReport {
  const trust = loadTrust(trustPems);
  const found = findSignatures(pdf);
  const reports: SignatureReport[] = found.map((f, index) => verifyOne(pdf, f, index, trust));
  // A valid document timestamp after a B-B signature proves the signature existed by then.
  for (const [i, r] of reports.entries()) {
    if (r.level !== 'B-B') continue;
    if (reports.slice(i + 1).some((later) => later.level === 'doc-timestamp' && later.verdict === 'valid')) {
      r.findings.push('document_timestamp_later');
    }
  }
  const last = found[found.length - 1];
  const modifiedAfterLastSignature = last
    ? last.range[2] + last.range[3] < pdf.length - trailingWhitespace(pdf)
    : false;
  let verdict: VerifyReport['verdict'] = 'unsigned';
  if (reports.length) {
    if (reports.some((r) => r.verdict === 'invalid') || modifiedAfterLastSignature) verdict = 'invalid';
    else if (reports.some((r) => r.verdict === 'indeterminate')) verdict = 'indeterminate';
    else verdict = 'valid';
  }
  return { fileBytes: pdf.length, signatures: reports, modifiedAfterLastSignature, verdict };
}

function trailingWhitespace(pdf: Buffer): number {
  let n = 0;
  while (n < pdf.length && [0x0a, 0x0d, 0x20, 0x00].includes(pdf[pdf.length - 1 - n] ?? -1)) n++;
  return n;
}

/** The certificate that signed, as the report names it. */
function signerOf(cert: CertInfo): NonNullable<SignatureReport['signer']> {
  return {
    commonName: cert.commonName,
    subject: cert.subject,
    issuer: cert.issuer,
    serialHex: cert.serialHex,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
  };
}

/** A document timestamp: the TSA's token over the bytes before it; no signer of its own. */
function verifyDocTimestamp(
  base: SignatureReport,
  token: Buffer,
  covered: Buffer,
  trust: CertInfo[],
): SignatureReport {
  const { findings } = base;
  base.level = 'doc-timestamp';
  try {
    const info = parseTstInfo(token);
    const imprintOk = createHash(HASH_BY_OID[info.imprintAlg] ?? 'sha256')
      .update(covered)
      .digest()
      .equals(info.imprint);
    const tsCheck = checkSignedData(token, null);
    const tsa = tsCheck.signer;
    base.intact = imprintOk && tsCheck.digestOk && tsCheck.signatureOk;
    findings.push(
      !imprintOk || !tsCheck.digestOk ? 'digest_mismatch' : tsCheck.signatureOk ? 'intact' : 'bad_signature',
    );
    base.claimedTime = info.genTime.toISOString();
    if (tsa) {
      base.signer = signerOf(tsa);
      const { trusted, chain } = chainTrusted(tsa, tsCheck.certs, trust);
      base.trusted = trusted;
      findings.push(trusted ? 'trusted' : 'untrusted');
      base.validAtSigning = chain.every((x) => validAt(x, info.genTime));
      findings.push(base.validAtSigning ? 'cert_valid_at_signing' : 'cert_expired_at_signing');
    }
    const valid = base.intact && base.trusted && base.validAtSigning;
    base.timestamp = { time: info.genTime.toISOString(), tsa: tsa?.commonName ?? '', valid };
    findings.push(valid ? 'timestamp_valid' : 'timestamp_invalid');
    base.verdict = !base.intact ? 'invalid' : valid ? 'valid' : 'indeterminate';
  } catch {
    findings.push('unreadable');
  }
  return base;
}

function verifyOne(pdf: Buffer, f: Found, index: number, trust: CertInfo[]): SignatureReport {
  const [a, b, c, d] = f.range;
  const findings: Finding[] = [];
  const subFilter = /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(f.dictText)?.[1] ?? null;
  const m = /\/M\s*\((D:[^)]*)\)/.exec(f.dictText);
  const claimedTime = m?.[1] ? pdfDateToIso(m[1]) : null;
  const base: SignatureReport = {
    index,
    signer: null,
    claimedTime,
    timestamp: null,
    level: 'other',
    subFilter,
    byteRange: f.range,
    coversWholeFile: c + d === pdf.length,
    intact: false,
    trusted: false,
    validAtSigning: false,
    verdict: 'invalid',
    findings,
  };
  const hex = pdf.subarray(b, c).toString('latin1');
  if (a !== 0 || b >= c || c + d > pdf.length || !/^<[0-9a-fA-F\s]*>$/.test(hex)) {
    findings.push('byte_range_invalid');
    return base;
  }
  findings.push(base.coversWholeFile ? 'covers_whole_file' : 'later_revisions');
  const covered = Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]);
  const contents = Buffer.from(hex.slice(1, -1).replace(/\s/g, ''), 'hex');
  if (subFilter === 'ETSI.RFC3161') return verifyDocTimestamp(base, contents, covered, trust);
  let check: SignerInfoCheck;
  try {
    check = checkSignedData(contents, covered);
  } catch {
    findings.push('unreadable');
    return base;
  }
  const { signer } = check;
  if (signer) {
    base.signer = signerOf(signer);
  }
  if (!check.digestOk) findings.push('digest_mismatch');
  else if (!check.signatureOk) findings.push('bad_signature');
  else findings.push('intact');
  base.intact = check.digestOk && check.signatureOk;
  if (check.hasSigningTime) findings.push('signing_time_attribute');

  // Timestamp (B-T): the token's imprint must match the signature value.
  let signingAt = claimedTime ? new Date(claimedTime) : new Date();
  const tsAttr = check.unsigned
    ? children(check.unsigned).find((attr) => decodeOid(child(attr, 0)) === OID.timeStampToken)
    : undefined;
  if (tsAttr) {
    const token = Buffer.from(raw(child(child(tsAttr, 1), 0)));
    let valid = false;
    let time = '';
    let tsaName = '';
    try {
      const info = parseTstInfo(token);
      const imprintOk = createHash(HASH_BY_OID[info.imprintAlg] ?? 'sha256')
        .update(check.signatureValue)
        .digest()
        .equals(info.imprint);
      const tsCheck = checkSignedData(token, null);
      const tsChain = tsCheck.signer ? chainTrusted(tsCheck.signer, tsCheck.certs, trust) : null;
      valid = imprintOk && tsCheck.digestOk && tsCheck.signatureOk && !!tsChain?.trusted;
      time = info.genTime.toISOString();
      tsaName = tsCheck.signer?.commonName ?? '';
      if (imprintOk && tsCheck.digestOk && tsCheck.signatureOk) signingAt = info.genTime;
    } catch {
      // An unreadable token is reported as an invalid timestamp.
    }
    base.timestamp = { time, tsa: tsaName, valid };
    findings.push(valid ? 'timestamp_valid' : 'timestamp_invalid');
    base.level = subFilter === 'ETSI.CAdES.detached' ? 'B-T' : 'other';
  } else {
    findings.push('no_timestamp');
    base.level = subFilter === 'ETSI.CAdES.detached' ? 'B-B' : 'other';
  }

  if (signer) {
    const { trusted, chain } = chainTrusted(signer, check.certs, trust);
    base.trusted = trusted;
    findings.push(trusted ? 'trusted' : 'untrusted');
    const expired = chain.find((x) => signingAt > x.notAfter);
    const early = chain.find((x) => signingAt < x.notBefore);
    base.validAtSigning = chain.every((x) => validAt(x, signingAt));
    if (expired) findings.push('cert_expired_at_signing');
    else if (early) findings.push('cert_not_yet_valid_at_signing');
    else findings.push('cert_valid_at_signing');
    if (signer.keyUsage && !signer.keyUsage.digitalSignature && !signer.keyUsage.nonRepudiation) {
      findings.push('cert_no_signing_usage');
      base.validAtSigning = false;
    }
  }
  base.verdict = !base.intact ? 'invalid' : base.trusted && base.validAtSigning ? 'valid' : 'indeterminate';
  return base;
}
