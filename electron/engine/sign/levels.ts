import type { CertInfo } from './certs';
import { addLtv } from './ltv';
import type { RevocationChecker } from './revocation';
import { type Signer, signPdf, type SignPdfOptions, type SignPdfResult, timestampPdf } from './signer';
import { TsaError } from './tsa';

/**
 * The PAdES baseline level a signature is made to (ETSI EN 319 142-1): B-B
 * (the CMS alone), B-T (+ the TSA's signature timestamp), B-LT (+ the
 * document security store with the chains and their OCSP/CRL answers), B-LTA
 * (+ a document timestamp over all of it). `auto` is the station's default:
 * B-T when a TSA answers, B-LT when the revocation sources answer too, and
 * otherwise the level reached, with the reason. An explicit level is a
 * requirement: what cannot be reached fails the file (LevelError), it is
 * never signed lower in silence.
 */

export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';
export type LevelChoice = 'auto' | PadesLevel;
export const LEVELS: PadesLevel[] = ['B-B', 'B-T', 'B-LT', 'B-LTA'];

/** Why a file stays below the level wanted. */
export type Shortfall =
  | { kind: 'no_tsa' }
  | { kind: 'tsa_unreachable'; detail: string }
  | { kind: 'revocation_unreachable'; subjects: string[] }
  | { kind: 'signer_revoked'; subject: string; revokedAt: Date | null };

export class LevelError extends Error {
  constructor(
    readonly wanted: PadesLevel,
    readonly shortfall: Shortfall,
  ) {
    super(`level ${wanted} not reached: ${shortfall.kind}`);
    this.name = 'LevelError';
  }
}

export interface LevelOptions extends SignPdfOptions {
  level: LevelChoice;
  /** Revocation sources for B-LT (the engine's cache). */
  checker: RevocationChecker;
  /** Trust anchors and other known CA certificates, to complete the chains. */
  trust: CertInfo[];
  /** The most `auto` tries (B-T once the revocation sources of a batch proved down). */
  autoUpTo?: 'B-T' | 'B-LT';
}

export interface LevelResult extends Omit<SignPdfResult, 'level'> {
  level: PadesLevel;
  /** Why `auto` stayed lower than B-LT; null when it reached what was wanted. */
  shortfall: Shortfall | null;
  /** Time spent on the DSS (revocation fetches included) and on the document timestamp. */
  ltvMs: number;
  ltaMs: number;
}

export async function signAtLevel(input: Buffer, signer: Signer, opts: LevelOptions): Promise<LevelResult> {
  const strict = opts.level !== 'auto';
  const wanted: PadesLevel = strict
    ? (opts.level as PadesLevel)
    : opts.tsa
      ? (opts.autoUpTo ?? 'B-LT')
      : 'B-B';
  if (wanted !== 'B-B' && !opts.tsa) throw new LevelError(wanted, { kind: 'no_tsa' });
  const signed = await signPdf(input, signer, { ...opts, tsa: wanted === 'B-B' ? undefined : opts.tsa });
  const out: LevelResult = { ...signed, shortfall: null, ltvMs: 0, ltaMs: 0 };
  const stop = (shortfall: Shortfall): LevelResult => {
    if (strict) throw new LevelError(wanted, shortfall);
    return { ...out, shortfall };
  };
  if (wanted === 'B-B') return out;
  if (signed.level === 'B-B') return stop({ kind: 'tsa_unreachable', detail: signed.tsaError ?? '' });
  if (wanted === 'B-T') return out;

  const t0 = performance.now();
  const ltv = await addLtv(signed.pdf, signer.certificate, signer.chain, opts.trust, opts.checker);
  out.ltvMs = performance.now() - t0;
  if (ltv.revoked)
    throw new LevelError(wanted, {
      kind: 'signer_revoked',
      subject: ltv.revoked.subject,
      revokedAt: ltv.revoked.revokedAt,
    });
  if (ltv.missing.length) return stop({ kind: 'revocation_unreachable', subjects: ltv.missing });
  Object.assign(out, { pdf: ltv.pdf, level: 'B-LT' });
  if (wanted === 'B-LT') return out;

  const t1 = performance.now();
  try {
    const { pdf } = await timestampPdf(out.pdf, opts.tsa as NonNullable<typeof opts.tsa>);
    Object.assign(out, { pdf, level: 'B-LTA', ltaMs: performance.now() - t1 });
  } catch (err) {
    if (!(err instanceof TsaError)) throw err;
    return stop({ kind: 'tsa_unreachable', detail: err.message });
  }
  return out;
}

/** A shortfall in the clerk's words (shared/i18n errors), for a failed file or a lower one. */
export function shortfallError(
  wanted: PadesLevel,
  s: Shortfall,
  tsaUrl: string,
): {
  code: 'sign_level_needs_tsa' | 'sign_tsa_unreachable' | 'sign_revocation_unreachable' | 'sign_cert_revoked';
  params: Record<string, string>;
  detail: string;
} {
  switch (s.kind) {
    case 'no_tsa':
      return { code: 'sign_level_needs_tsa', params: { level: wanted }, detail: 'no TSA configured' };
    case 'tsa_unreachable':
      return { code: 'sign_tsa_unreachable', params: { url: tsaUrl }, detail: s.detail };
    case 'revocation_unreachable':
      return {
        code: 'sign_revocation_unreachable',
        params: { names: s.subjects.join(', '), level: wanted === 'B-LTA' ? 'B-LTA' : 'B-LT' },
        detail: `no OCSP/CRL answer for ${s.subjects.join(', ')}`,
      };
    case 'signer_revoked': {
      const at = s.revokedAt;
      const date = at
        ? new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10).split('-').reverse().join('/')
        : '';
      return { code: 'sign_cert_revoked', params: { name: s.subject, date }, detail: 'revoked' };
    }
  }
}
