import type { RevocationChecker } from './revocation';
import { applyRevocation, overallVerdict, verifyCore, type VerifyReport } from './verify';
import { judge } from './verify-ltv';

/**
 * Verification with revocation (docs/architecture.md, the sign room): the
 * offline checks of verify.ts, then OCSP/CRL for each trusted signer's chain.
 * A certificate revoked before the time the chain was judged at makes the
 * signature invalid; revoked after, it stays valid with a note; no answer
 * leaves it indeterminate ("chưa kiểm tra được tình trạng thu hồi").
 */
export async function verifyPdfOnline(
  pdf: Buffer,
  trustPems: string[],
  checker: RevocationChecker,
): Promise<VerifyReport> {
  const { report, pending } = verifyCore(pdf, trustPems);
  for (const p of pending) {
    const online = await checker.checkChain(p.chain);
    // Where the network has no answer, the document security store may (B-LT).
    const fromDss = p.dss?.results;
    const results = online.map((r, k) => {
      const kept = fromDss?.[k];
      return r.status === 'unknown' && kept && kept.status !== 'unknown' ? kept : r;
    });
    if (results.some((r, k) => r !== online[k])) p.report.findings.push('revocation_from_dss');
    applyRevocation(p.report, judge(results, p.at));
  }
  report.verdict = overallVerdict(report);
  return report;
}

export { judge };
