import type { CertInfo } from './certs';
import { judgeFromDss, junkFindings } from './dss-judge';
import { type DssContent, readDss } from './dss-read';
import type { RevocationResult } from './revocation';
import type { PendingChain, SignatureReport } from './verify';

/**
 * The long-term levels of a verified file (ETSI EN 319 142-1): a B-T
 * signature is B-LT when the document security store holds usable
 * revocation material for every certificate of its chain but the root, and
 * B-LTA when a valid document timestamp also covers such a DSS. The DSS's
 * judgement is kept on the chain for the offline revocation verdict.
 */
export function applyLtv(
  pdf: Buffer,
  reports: SignatureReport[],
  chains: PendingChain[],
  dss: DssContent,
  known: CertInfo[],
): void {
  const junk = junkFindings(dss, known);
  for (const c of chains) {
    const r = c.report;
    c.dss = judgeFromDss(c.chain, dss, c.at);
    for (const f of [...junk, ...c.dss.findings]) if (!r.findings.includes(f)) r.findings.push(f);
    if (r.level !== 'B-T' || !c.dss.complete) continue;
    r.level = 'B-LT';
    const archived = reports.slice(r.index + 1).some((later) => {
      if (later.level !== 'doc-timestamp' || later.verdict !== 'valid') return false;
      const [, , c2, d2] = later.byteRange;
      const covered = readDss(pdf.subarray(0, (c2 ?? 0) + (d2 ?? 0)));
      return !!covered && judgeFromDss(c.chain, covered, c.at).complete;
    });
    if (archived) r.level = 'B-LTA';
  }
}

/** The chain's revocation outcome at the signing time; null when no certificate names a source. */
export function judge(results: RevocationResult[], at: Date): SignatureReport['revocation'] {
  const revoked = results.filter((r) => r.status === 'revoked');
  const before = revoked.find((r) => !r.revokedAt || r.revokedAt.getTime() <= at.getTime());
  if (before)
    return {
      status: 'revoked_before',
      revokedAt: before.revokedAt?.toISOString() ?? null,
      subject: before.subject,
    };
  const unknown = results.find((r) => r.status === 'unknown');
  if (unknown)
    return {
      status: 'unknown',
      revokedAt: null,
      subject: unknown.subject,
      failures: results.flatMap((r) => (r.status === 'unknown' ? (r.failures ?? []) : [])),
    };
  const after = revoked[0];
  if (after)
    return {
      status: 'revoked_after',
      revokedAt: after.revokedAt?.toISOString() ?? null,
      subject: after.subject,
    };
  if (results.some((r) => r.status === 'good')) return { status: 'good', revokedAt: null, subject: null };
  return null;
}
