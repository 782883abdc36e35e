import type { CertInfo } from './certs';
import { appendDss, vriKey, type VriEntry } from './dss';
import { PdfPrepareError } from './pdf-increment';
import { buildPath } from './path';
import type { RevocationChecker, RevocationResult } from './revocation';
import { checkSignedData, lastSignature, timestampTokenOf } from './verify-cms';

/**
 * PAdES B-LT (ETSI EN 319 142-1 §5.4): after the signature (and its
 * timestamp), the validation material a verifier will need when the
 * responders are gone — every certificate of the signer's chain and of the
 * TSA's, and a fresh OCSP response (else the CRL) for each certificate but the
 * root — goes into the document security store (dss.ts), with a /VRI entry for
 * this signature. The signer's chain must be complete; the TSA's is added when
 * its sources answer.
 */

export interface LtvOutcome {
  pdf: Buffer;
  /** Certificates of the signer's chain without revocation material (common names); empty when complete. */
  missing: string[];
  /** The same for the TSA's chain (not required for B-LT). */
  tsaMissing: string[];
  /** A certificate of the signer's chain that the answers say is revoked. */
  revoked: RevocationResult | null;
}

interface ChainMaterial {
  certs: Buffer[];
  ocsps: Buffer[];
  crls: Buffer[];
  missing: string[];
  revoked: RevocationResult | null;
}

const selfSigned = (c: CertInfo) => {
  try {
    return c.x509.checkIssued(c.x509) && c.x509.verify(c.x509.publicKey);
  } catch {
    return false;
  }
};

async function chainMaterial(chain: CertInfo[], checker: RevocationChecker): Promise<ChainMaterial> {
  const out: ChainMaterial = {
    certs: chain.map((c) => c.der),
    ocsps: [],
    crls: [],
    missing: [],
    revoked: null,
  };
  for (const [k, cert] of chain.entries()) {
    const issuer = chain[k + 1];
    if (!issuer) {
      // The top: a root needs no revocation answer, anything else lacks its issuer.
      if (!selfSigned(cert)) out.missing.push(cert.commonName);
      break;
    }
    const m = await checker.material(cert, issuer);
    if (!m) {
      out.missing.push(cert.commonName);
      continue;
    }
    (m.source === 'ocsp' ? out.ocsps : out.crls).push(m.der);
    if (m.result.status === 'revoked') out.revoked ??= m.result;
  }
  return out;
}

/** Appends the DSS for the last signature of `pdf`, made by `signer` (chain from `pool` and `trust`). */
export async function addLtv(
  pdf: Buffer,
  signer: CertInfo,
  pool: CertInfo[],
  trust: CertInfo[],
  checker: RevocationChecker,
): Promise<LtvOutcome> {
  const last = lastSignature(pdf);
  if (!last) throw new PdfPrepareError('no signature to extend');
  const check = checkSignedData(last.contents, last.covered);
  // Chains run up to a root: known intermediates are links, not anchors.
  const roots = trust.filter(selfSigned);
  const known = [...pool, ...trust.filter((c) => !selfSigned(c))];
  const own = await chainMaterial(buildPath(signer, [...known, ...check.certs], roots), checker);
  let tsa: ChainMaterial | null = null;
  const token = timestampTokenOf(check);
  if (token) {
    const ts = checkSignedData(token, null);
    if (ts.signer) tsa = await chainMaterial(buildPath(ts.signer, [...known, ...ts.certs], roots), checker);
  }
  const entry: VriEntry = {
    key: vriKey(last.contents),
    certs: [...own.certs, ...(tsa?.certs ?? [])],
    ocsps: [...own.ocsps, ...(tsa?.ocsps ?? [])],
    crls: [...own.crls, ...(tsa?.crls ?? [])],
  };
  return {
    pdf: own.missing.length ? pdf : await appendDss(pdf, [entry]),
    missing: own.missing,
    tsaMissing: tsa?.missing ?? [],
    revoked: own.revoked,
  };
}
