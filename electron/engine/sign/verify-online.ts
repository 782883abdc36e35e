import type { RevocationChecker, RevocationResult } from './revocation';
import {
  applyRevocation,
  overallVerdict,
  type SignatureReport,
  verifyCore,
  type VerifyReport,
} from './verify';

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
  for (const p of pending) applyRevocation(p.report, judge(await checker.checkChain(p.chain), p.at));
  report.verdict = overallVerdict(report);
  return report;
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
  if (unknown) return { status: 'unknown', revokedAt: null, subject: unknown.subject };
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
