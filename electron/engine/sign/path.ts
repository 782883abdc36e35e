import * as pkijs from 'pkijs';
import type { CertInfo } from './certs';

/**
 * Certification path validation as RFC 5280 §6 asks, for the verifier
 * (docs/architecture.md, the sign room): the chain is built from the
 * signature's certificates and the deployment's trust anchors, then every link
 * is judged — name chaining and the issuer's signature, basicConstraints CA and
 * pathLenConstraint, keyUsage keyCertSign on each issuer, validity of each
 * certificate at the signing time, and on the signer itself keyUsage
 * (digitalSignature or nonRepudiation) and extended key usage. The extensions
 * are read with pkijs; the signatures are checked by Node's crypto.
 */

export type PathProblemCode =
  | 'no_anchor'
  | 'bad_link_signature'
  | 'issuer_not_ca'
  | 'path_len_exceeded'
  | 'issuer_no_cert_sign'
  | 'expired'
  | 'not_yet_valid'
  | 'no_signing_usage'
  | 'eku_excludes_purpose'
  | 'unknown_critical_extension';

export interface PathProblem {
  code: PathProblemCode;
  /** The common name of the certificate at fault. */
  subject: string;
}

export interface PathResult {
  /** Signer first; the trust anchor last when one was reached. */
  chain: CertInfo[];
  /** The chain ends at a configured trust anchor and every link is sound (validity aside). */
  trusted: boolean;
  /** Every certificate of the chain was valid at `at`. */
  validAt: boolean;
  /** Every problem found, the first one first. */
  problems: PathProblem[];
}

/** What the leaf is for: signing documents, or stamping time (a TSA). */
export type Purpose = 'document' | 'timestamp';

const EKU = {
  any: '2.5.29.37.0',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  documentSigning: '1.3.6.1.5.5.7.3.36',
  adobeAuthenticDocuments: '1.2.840.113583.1.1.5',
  msDocumentSigning: '1.3.6.1.4.1.311.10.3.12',
};
/** EKUs that allow signing a document (what Adobe and NSS's e-mail signer usage accept). */
const DOCUMENT_EKUS = [
  EKU.any,
  EKU.emailProtection,
  EKU.documentSigning,
  EKU.adobeAuthenticDocuments,
  EKU.msDocumentSigning,
];

export interface CertExtensions {
  ca: boolean;
  pathLen: number | null;
  /** Null when the certificate has no extended key usage (any use). */
  eku: string[] | null;
  /** OCSP responder URLs from the authority information access extension. */
  ocsp: string[];
  /** CRL URLs from the CRL distribution points. */
  crl: string[];
  /** Critical extensions this validator does not process (RFC 5280 §4.2: the certificate must be refused). */
  unknownCritical: string[];
}

/** Extensions we process or that constrain nothing we rely on; name constraints and policies are not among them. */
const KNOWN = new Set([
  '2.5.29.19', // basicConstraints
  '2.5.29.15', // keyUsage
  '2.5.29.37', // extKeyUsage
  '2.5.29.17', // subjectAltName
  '2.5.29.14', // subjectKeyIdentifier
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.31', // cRLDistributionPoints
  '1.3.6.1.5.5.7.1.1', // authorityInfoAccess
]);

const extCache = new WeakMap<CertInfo, CertExtensions>();

/** The extensions RFC 5280 path validation and revocation need, read by pkijs. */
export function extensions(c: CertInfo): CertExtensions {
  const hit = extCache.get(c);
  if (hit) return hit;
  const out: CertExtensions = { ca: false, pathLen: null, eku: null, ocsp: [], crl: [], unknownCritical: [] };
  let cert: pkijs.Certificate;
  try {
    cert = pkijs.Certificate.fromBER(Uint8Array.from(c.der));
  } catch {
    // Node read it but pkijs cannot: its extensions are unknown, so it is refused rather than trusted.
    out.unknownCritical.push('unreadable');
    extCache.set(c, out);
    return out;
  }
  for (const ext of cert.extensions ?? []) {
    if (ext.critical && !KNOWN.has(ext.extnID)) out.unknownCritical.push(ext.extnID);
    const v: unknown = ext.parsedValue;
    if (v instanceof pkijs.BasicConstraints) {
      out.ca = v.cA;
      out.pathLen = typeof v.pathLenConstraint === 'number' ? v.pathLenConstraint : null;
    } else if (v instanceof pkijs.ExtKeyUsage) out.eku = [...v.keyPurposes];
    else if (v instanceof pkijs.InfoAccess && ext.extnID === pkijs.id_AuthorityInfoAccess) {
      for (const d of v.accessDescriptions)
        if (d.accessMethod === '1.3.6.1.5.5.7.48.1' && d.accessLocation.type === 6)
          out.ocsp.push(String(d.accessLocation.value));
    } else if (v instanceof pkijs.CRLDistributionPoints) {
      for (const dp of v.distributionPoints) {
        const names = Array.isArray(dp.distributionPoint) ? dp.distributionPoint : [];
        for (const n of names) if (n.type === 6) out.crl.push(String(n.value));
      }
    }
  }
  extCache.set(c, out);
  return out;
}

/**
 * Name chaining by the names alone: OpenSSL's `checkIssued` also refuses an
 * issuer without keyCertSign, which would hide the very link we must name.
 */
const issuedBy = (c: CertInfo, issuer: CertInfo) => c.x509.issuer === issuer.x509.subject;
const selfIssued = (c: CertInfo) => issuedBy(c, c);

function signedBy(c: CertInfo, issuer: CertInfo): boolean {
  try {
    return c.x509.verify(issuer.x509.publicKey);
  } catch {
    return false;
  }
}

/**
 * Orders certificates from the signer up towards a trust anchor by name
 * chaining (issuer name = subject name), preferring an
 * issuer whose key verifies the link; a link whose signature does not verify
 * is kept so that the report can name it.
 */
export function buildPath(leaf: CertInfo, pool: CertInfo[], trust: CertInfo[]): CertInfo[] {
  const all = [...trust, ...pool];
  const chain = [leaf];
  for (let cur = leaf; chain.length < 10;) {
    if (trust.some((t) => t.der.equals(cur.der))) break;
    if (selfIssued(cur) && signedBy(cur, cur)) break;
    const named = all.filter((c) => !chain.some((x) => x.der.equals(c.der)) && issuedBy(cur, c));
    const issuer = named.find((c) => signedBy(cur, c)) ?? named[0];
    if (!issuer) break;
    chain.push(issuer);
    cur = issuer;
  }
  return chain;
}

export function validatePath(
  leaf: CertInfo,
  pool: CertInfo[],
  trust: CertInfo[],
  at: Date,
  purpose: Purpose = 'document',
): PathResult {
  const chain = buildPath(leaf, pool, trust);
  const problems: PathProblem[] = [];
  const say = (code: PathProblemCode, c: CertInfo) => problems.push({ code, subject: c.commonName });
  const top = chain[chain.length - 1] ?? leaf;
  const anchored = trust.some((t) => t.der.equals(top.der));
  if (!anchored) say('no_anchor', top);
  // Links, signer first: each certificate must be signed by the next, which must be a CA allowed to sign certificates.
  for (let k = 0; k + 1 < chain.length; k++) {
    const c = chain[k] as CertInfo;
    const issuer = chain[k + 1] as CertInfo;
    if (!signedBy(c, issuer)) say('bad_link_signature', c);
    const ext = extensions(issuer);
    if (!ext.ca) say('issuer_not_ca', issuer);
    else if (ext.pathLen !== null) {
      // Intermediate certificates below this issuer, self-issued ones not counted (RFC 5280 §4.2.1.9).
      const below = chain.slice(1, k + 1).filter((x) => !selfIssued(x)).length;
      if (below > ext.pathLen) say('path_len_exceeded', issuer);
    }
    if (issuer.keyUsage && !issuer.keyUsage.keyCertSign) say('issuer_no_cert_sign', issuer);
  }
  let validAt = true;
  for (const c of chain) {
    if (extensions(c).unknownCritical.length) say('unknown_critical_extension', c);
    if (at > c.notAfter) {
      say('expired', c);
      validAt = false;
    } else if (at < c.notBefore) {
      say('not_yet_valid', c);
      validAt = false;
    }
  }
  const ku = leaf.keyUsage;
  if (purpose === 'document' && ku && !ku.digitalSignature && !ku.nonRepudiation)
    say('no_signing_usage', leaf);
  if (purpose === 'timestamp' && ku && !ku.digitalSignature && !ku.nonRepudiation)
    say('no_signing_usage', leaf);
  const eku = extensions(leaf).eku;
  const wanted = purpose === 'document' ? DOCUMENT_EKUS : [EKU.timeStamping];
  if (eku && !eku.some((e) => wanted.includes(e))) say('eku_excludes_purpose', leaf);
  const linkCodes: PathProblemCode[] = [
    'no_anchor',
    'bad_link_signature',
    'issuer_not_ca',
    'path_len_exceeded',
    'issuer_no_cert_sign',
    'unknown_critical_extension',
  ];
  const trusted = anchored && !problems.some((p) => linkCodes.includes(p.code));
  return { chain, trusted, validAt, problems };
}
