import { type CertInfo, parseCert } from './certs';
import type { DssContent } from './dss-read';
import type { RevocationResult } from './revocation';
import {
  certIdMatches,
  crlIssuer,
  type DataProblem,
  judgeCrl,
  judgeOcsp,
  ocspCertIds,
  subjectDer,
} from './revocation-data';

/**
 * Revocation judged from a PDF's document security store instead of the
 * network (B-LT, `--offline`): for each certificate of a chain but its root,
 * an OCSP response or a CRL of the DSS that holds up at the time judged
 * (revocation-data.ts). Entries that are junk — not DER, about no
 * certificate of the document, signed by someone else, not current — are
 * ignored and named; they never make anything good.
 */

export type DssFinding =
  | 'dss_entry_unreadable'
  | 'dss_ocsp_other_certificate'
  | 'dss_ocsp_bad_signature'
  | 'dss_crl_other_issuer'
  | 'dss_crl_bad_signature'
  | 'dss_not_current'
  | 'dss_incomplete';

export interface DssJudgement {
  /** One result per certificate of the chain but the root, signer first (`unknown`: nothing usable). */
  results: RevocationResult[];
  /** Every certificate but the root has usable material: the B-LT condition. */
  complete: boolean;
  findings: DssFinding[];
}

/** The DSS certificates that parse, for path building. */
export function dssCerts(dss: DssContent | null): CertInfo[] {
  return (dss?.certs ?? []).flatMap((der) => {
    try {
      return [parseCert(der)];
    } catch {
      return [];
    }
  });
}

const PROBLEM: Partial<Record<DataProblem, DssFinding>> = {
  unreadable: 'dss_entry_unreadable',
  bad_signature: 'dss_ocsp_bad_signature',
  unauthorized: 'dss_ocsp_bad_signature',
  stale: 'dss_not_current',
  from_future: 'dss_not_current',
};

/** Entries that concern nobody in the document, or cannot be read at all. */
export function junkFindings(dss: DssContent, known: CertInfo[]): DssFinding[] {
  const out = new Set<DssFinding>();
  if (dss.skipped) out.add('dss_entry_unreadable');
  if (dss.certs.length > dssCerts(dss).length) out.add('dss_entry_unreadable');
  for (const der of dss.ocsps) {
    let ids: ReturnType<typeof ocspCertIds>;
    try {
      ids = ocspCertIds(der);
    } catch {
      out.add('dss_entry_unreadable');
      continue;
    }
    const about = ids.some((id) => known.some((c) => known.some((i) => certIdMatches(id, c, i))));
    if (!about) out.add('dss_ocsp_other_certificate');
  }
  for (const der of dss.crls) {
    const issuer = crlIssuer(der);
    if (!issuer) out.add('dss_entry_unreadable');
    else if (!known.some((c) => subjectDer(c).equals(issuer))) out.add('dss_crl_other_issuer');
  }
  return [...out];
}

function oneCert(
  cert: CertInfo,
  issuer: CertInfo,
  dss: DssContent,
  at: Date,
  findings: Set<DssFinding>,
): RevocationResult {
  const subject = cert.commonName;
  const sources = [
    ...dss.ocsps.map((der) => ({ der, source: 'ocsp' as const })),
    ...dss.crls.map((der) => ({ der, source: 'crl' as const })),
  ];
  for (const { der, source } of sources) {
    const j = source === 'ocsp' ? judgeOcsp(der, cert, issuer, at) : judgeCrl(der, cert, issuer, at);
    if (j.ok) return { status: j.verdict.status, revokedAt: j.verdict.revokedAt, source, subject };
    if (j.problem === 'other_certificate' || j.problem === 'not_successful') continue;
    const f =
      source === 'crl' && j.problem === 'bad_signature' ? 'dss_crl_bad_signature' : PROBLEM[j.problem];
    // Unreadable entries are named once, by junkFindings.
    if (f && f !== 'dss_entry_unreadable') findings.add(f);
  }
  return { status: 'unknown', revokedAt: null, source: null, subject };
}

const selfSigned = (c: CertInfo) => {
  try {
    return c.x509.checkIssued(c.x509) && c.x509.verify(c.x509.publicKey);
  } catch {
    return false;
  }
};

/** The chain (signer first, as path.ts builds it) judged at `at` from the DSS alone. */
export function judgeFromDss(chain: CertInfo[], dss: DssContent, at: Date): DssJudgement {
  const findings = new Set<DssFinding>();
  const results: RevocationResult[] = [];
  for (const [k, cert] of chain.entries()) {
    const issuer = chain[k + 1];
    if (!issuer) {
      if (!selfSigned(cert))
        results.push({ status: 'unknown', revokedAt: null, source: null, subject: cert.commonName });
      break;
    }
    results.push(oneCert(cert, issuer, dss, at, findings));
  }
  const complete = results.length > 0 && results.every((r) => r.status !== 'unknown');
  if (!complete) findings.add('dss_incomplete');
  return { results, complete, findings: [...findings] };
}
