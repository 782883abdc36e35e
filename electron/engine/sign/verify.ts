import { createHash } from 'node:crypto';
import { type CertInfo, parseCert, pemToDers } from './certs';
import { child, children, decodeOid, HASH_BY_OID, OID, raw } from './der';
import { extensions as extensionsOf, type PathProblem, validatePath } from './path';
import { readDss, onlyValidationDataAfter } from './dss-read';
import { type DssFinding, type DssJudgement, dssCerts } from './dss-judge';
import type { RevocationFailure } from './revocation';
import { parseTstInfo } from './tsa';
import { applyLtv, judge } from './verify-ltv';
import {
  checkSignedData,
  findSignatures,
  type Found,
  pdfDateToIso,
  type SignerInfoCheck,
} from './verify-cms';

const LINK_PROBLEMS: PathProblem['code'][] = [
  'bad_link_signature',
  'issuer_not_ca',
  'path_len_exceeded',
  'issuer_no_cert_sign',
  'unknown_critical_extension',
];

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
  | 'document_timestamp_later'
  | 'eku_excludes_signing'
  | 'path_invalid'
  | 'signing_time_from_timestamp'
  | 'signing_time_claimed'
  | 'signing_time_unknown'
  | 'revocation_good'
  | 'revoked_before_signing'
  | 'revoked_after_signing'
  | 'revocation_unknown'
  | 'revocation_no_source'
  | 'validation_data_added'
  | 'revocation_from_dss'
  | `revocation_${RevocationFailure}`
  | DssFinding;

/** What the revocation check found for the signer's chain (`not_checked`: it has sources, none was asked). */
export type RevocationVerdict =
  'good' | 'revoked_before' | 'revoked_after' | 'unknown' | 'not_checked' | 'no_source';

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
  level: 'B-B' | 'B-T' | 'B-LT' | 'B-LTA' | 'doc-timestamp' | 'other';
  subFilter: string | null;
  byteRange: number[];
  coversWholeFile: boolean;
  /** Signed bytes unchanged and the signature value checks out. */
  intact: boolean;
  trusted: boolean;
  validAtSigning: boolean;
  /** The time the chain was judged at, and where it came from (RFC 5280 §6.1.1(b)). */
  judgedAt: { time: string; source: 'timestamp' | 'claimed' | 'verification' } | null;
  /** Each link that failed, signer first: the certificate's common name and why. */
  pathProblems: PathProblem[];
  revocation: {
    status: RevocationVerdict;
    revokedAt: string | null;
    subject: string | null;
    /** `unknown`: why each source asked gave nothing usable, in the order asked. */
    failures?: RevocationFailure[];
  } | null;
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

export function loadTrust(pems: string[]): CertInfo[] {
  return pems.flatMap((p) => pemToDers(p)).map(parseCert);
}

/** A signature whose signer's chain still awaits its revocation check. */
export interface PendingChain {
  report: SignatureReport;
  chain: CertInfo[];
  at: Date;
  /** The chain judged from the document security store, when the file has one. */
  dss?: DssJudgement;
}

/** What verifying one signature needs beyond its bytes. */
interface VerifyContext {
  trust: CertInfo[];
  /** Certificates of the DSS, for building chains. */
  extra: CertInfo[];
  /** Every certificate the document carries (CMS, tokens), to tell junk in the DSS. */
  known: CertInfo[];
  /** Trusted chains awaiting revocation. */
  pending: PendingChain[];
  /** Every chain built, trusted or not, for the level (B-LT needs material for it). */
  chains: PendingChain[];
}

/**
 * Everything but revocation; `verifyPdf` (offline) and `verifyPdfOnline`
 * (revocation.ts's checker, verify-online.ts) finish the job.
 */
export function verifyCore(
  pdf: Buffer,
  trustPems: string[],
): { report: VerifyReport; pending: PendingChain[] } {
  const trust = loadTrust(trustPems);
  const found = findSignatures(pdf);
  const dss = readDss(pdf);
  const vc: VerifyContext = { trust, extra: dssCerts(dss), known: [], pending: [], chains: [] };
  const reports: SignatureReport[] = found.map((f, index) => verifyOne(pdf, f, index, vc));
  // A valid document timestamp after a B-B signature proves the signature existed by then.
  for (const [i, r] of reports.entries()) {
    if (r.level !== 'B-B') continue;
    if (reports.slice(i + 1).some((later) => later.level === 'doc-timestamp' && later.verdict === 'valid')) {
      r.findings.push('document_timestamp_later');
    }
  }
  if (dss) applyLtv(pdf, reports, vc.chains, dss, [...vc.known, ...vc.extra, ...trust]);
  const last = found[found.length - 1];
  const lastEnd = last ? last.range[2] + last.range[3] : 0;
  let modifiedAfterLastSignature = last ? lastEnd < pdf.length - trailingWhitespace(pdf) : false;
  if (modifiedAfterLastSignature && onlyValidationDataAfter(pdf, lastEnd)) {
    modifiedAfterLastSignature = false;
    reports[reports.length - 1]?.findings.push('validation_data_added');
  }
  const pending = vc.pending;
  const report: VerifyReport = {
    fileBytes: pdf.length,
    signatures: reports,
    modifiedAfterLastSignature,
    verdict: 'unsigned',
  };
  report.verdict = overallVerdict(report);
  return { report, pending };
}

export function overallVerdict(
  r: Pick<VerifyReport, 'signatures' | 'modifiedAfterLastSignature'>,
): VerifyReport['verdict'] {
  if (!r.signatures.length) return 'unsigned';
  if (r.signatures.some((s) => s.verdict === 'invalid') || r.modifiedAfterLastSignature) return 'invalid';
  if (r.signatures.some((s) => s.verdict === 'indeterminate')) return 'indeterminate';
  return 'valid';
}

/**
 * Verifies offline: a chain that names OCSP or CRL sources is reported as not
 * checked (indeterminate at best), never as good by silence.
 */
export function verifyPdf(pdf: Buffer, trustPems: string[] = []): VerifyReport {
  const { report, pending } = verifyCore(pdf, trustPems);
  for (const p of pending) {
    const sourced = p.chain.slice(0, -1).some((c) => {
      const e = extensionsOf(c);
      return e.ocsp.length > 0 || e.crl.length > 0;
    });
    // The file's own DSS answers offline; a chain that names no source and has nothing there keeps `no_source`.
    if (p.dss && (sourced || p.dss.results.some((r) => r.status !== 'unknown'))) {
      p.report.findings.push('revocation_from_dss');
      applyRevocation(p.report, judge(p.dss.results, p.at));
      continue;
    }
    applyRevocation(p.report, sourced ? { status: 'not_checked', revokedAt: null, subject: null } : null);
  }
  report.verdict = overallVerdict(report);
  return report;
}

/** Records the revocation outcome on a signature and adjusts its verdict; null: no source to ask. */
export function applyRevocation(r: SignatureReport, rev: SignatureReport['revocation']): void {
  r.revocation = rev ?? { status: 'no_source', revokedAt: null, subject: null };
  const status = r.revocation.status;
  r.findings.push(
    status === 'good'
      ? 'revocation_good'
      : status === 'revoked_before'
        ? 'revoked_before_signing'
        : status === 'revoked_after'
          ? 'revoked_after_signing'
          : status === 'no_source'
            ? 'revocation_no_source'
            : 'revocation_unknown',
  );
  for (const f of new Set(r.revocation.failures ?? [])) r.findings.push(`revocation_${f}`);
  if (status === 'revoked_before' && r.intact) r.verdict = 'invalid';
  if ((status === 'unknown' || status === 'not_checked') && r.verdict === 'valid')
    r.verdict = 'indeterminate';
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
  vc: VerifyContext,
): SignatureReport {
  const { findings } = base;
  const { trust } = vc;
  base.level = 'doc-timestamp';
  try {
    const info = parseTstInfo(token);
    const imprintOk = createHash(HASH_BY_OID[info.imprintAlg] ?? 'sha256')
      .update(covered)
      .digest()
      .equals(info.imprint);
    const tsCheck = checkSignedData(token, null);
    vc.known.push(...tsCheck.certs);
    const tsa = tsCheck.signer;
    base.intact = imprintOk && tsCheck.digestOk && tsCheck.signatureOk;
    findings.push(
      !imprintOk || !tsCheck.digestOk ? 'digest_mismatch' : tsCheck.signatureOk ? 'intact' : 'bad_signature',
    );
    base.claimedTime = info.genTime.toISOString();
    if (tsa) {
      base.signer = signerOf(tsa);
      const path = validatePath(tsa, [...tsCheck.certs, ...vc.extra], trust, info.genTime, 'timestamp');
      base.trusted = path.trusted;
      base.pathProblems = path.problems;
      findings.push(path.trusted ? 'trusted' : 'untrusted');
      base.validAtSigning = path.validAt && !path.problems.some((p) => p.code === 'eku_excludes_purpose');
      findings.push(base.validAtSigning ? 'cert_valid_at_signing' : 'cert_expired_at_signing');
      base.judgedAt = { time: info.genTime.toISOString(), source: 'timestamp' };
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

function verifyOne(pdf: Buffer, f: Found, index: number, vc: VerifyContext): SignatureReport {
  const { trust } = vc;
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
    judgedAt: null,
    pathProblems: [],
    revocation: null,
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
  if (subFilter === 'ETSI.RFC3161') return verifyDocTimestamp(base, contents, covered, vc);
  let check: SignerInfoCheck;
  try {
    check = checkSignedData(contents, covered);
  } catch {
    findings.push('unreadable');
    return base;
  }
  const { signer } = check;
  vc.known.push(...check.certs);
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
  let atSource: 'timestamp' | 'claimed' | 'verification' = claimedTime ? 'claimed' : 'verification';
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
      vc.known.push(...tsCheck.certs);
      const tsPath = tsCheck.signer
        ? validatePath(tsCheck.signer, [...tsCheck.certs, ...vc.extra], trust, info.genTime, 'timestamp')
        : null;
      valid =
        imprintOk &&
        tsCheck.digestOk &&
        tsCheck.signatureOk &&
        !!tsPath?.trusted &&
        tsPath.problems.length === 0;
      time = info.genTime.toISOString();
      tsaName = tsCheck.signer?.commonName ?? '';
      // The signer's chain is judged at the timestamp's time only when the timestamp holds up.
      if (valid) {
        signingAt = info.genTime;
        atSource = 'timestamp';
      }
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
    const path = validatePath(signer, [...check.certs, ...vc.extra], trust, signingAt, 'document');
    const has = (code: PathProblem['code']) => path.problems.some((p) => p.code === code);
    base.trusted = path.trusted;
    base.pathProblems = path.problems;
    base.judgedAt = { time: signingAt.toISOString(), source: atSource };
    findings.push(
      atSource === 'timestamp'
        ? 'signing_time_from_timestamp'
        : atSource === 'claimed'
          ? 'signing_time_claimed'
          : 'signing_time_unknown',
    );
    findings.push(path.trusted ? 'trusted' : 'untrusted');
    if (path.problems.some((p) => LINK_PROBLEMS.includes(p.code))) findings.push('path_invalid');
    base.validAtSigning = path.validAt;
    if (has('expired')) findings.push('cert_expired_at_signing');
    else if (has('not_yet_valid')) findings.push('cert_not_yet_valid_at_signing');
    else findings.push('cert_valid_at_signing');
    if (has('no_signing_usage')) {
      findings.push('cert_no_signing_usage');
      base.validAtSigning = false;
    }
    if (has('eku_excludes_purpose')) {
      findings.push('eku_excludes_signing');
      base.validAtSigning = false;
    }
    const chain: PendingChain = { report: base, chain: path.chain, at: signingAt };
    vc.chains.push(chain);
    if (path.trusted) vc.pending.push(chain);
  }
  base.verdict = !base.intact ? 'invalid' : base.trusted && base.validAtSigning ? 'valid' : 'indeterminate';
  return base;
}
