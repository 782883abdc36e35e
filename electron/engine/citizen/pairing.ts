import crypto from 'node:crypto';
import { StationError } from '../../../shared/api/errors';

/** A pairing code lives five minutes; five wrong tries lock pairing for a minute. */
export const PAIRING_TTL_MS = 5 * 60_000;
export const PAIRING_TRIES = 5;
export const PAIRING_LOCK_MS = 60_000;

/**
 * Web mode's pairing of a `/citizen` page with this station (docs/architecture.md, "Citizen
 * screen"): the clerk's screen shows a 6-digit code, single use, valid five minutes (a new one
 * replaces the last); the page trades it for a citizen-scoped token, good for this engine's run.
 * Five wrong codes in a row lock pairing for a minute, so guessing one in its five minutes fails.
 */
export class Pairing {
  private code: { value: string; expires: number } | null = null;
  private wrong = 0;
  private lockedUntil = 0;
  private readonly tokens = new Set<string>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** A new code for the clerk's screen; the previous one stops working. */
  issue(): { code: string; expiresAt: string } {
    const value = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    const expires = this.now() + PAIRING_TTL_MS;
    this.code = { value, expires };
    return { code: value, expiresAt: new Date(expires).toISOString() };
  }

  /** Trades a code for a citizen token; a wrong, used or expired code is refused and counted. */
  redeem(given: string): string {
    const t = this.now();
    if (t < this.lockedUntil)
      throw new StationError('citizen_pairing_locked', { seconds: Math.ceil((this.lockedUntil - t) / 1000) });
    const c = this.code;
    if (!c || c.expires <= t || !sameCode(c.value, given)) {
      this.wrong++;
      if (this.wrong >= PAIRING_TRIES) {
        this.wrong = 0;
        this.lockedUntil = t + PAIRING_LOCK_MS;
        this.code = null; // the code shown may have been seen: the clerk takes a new one
      }
      throw new StationError('citizen_pairing_invalid');
    }
    this.code = null; // single use
    this.wrong = 0;
    const token = crypto.randomBytes(32).toString('base64url');
    this.tokens.add(token);
    return token;
  }

  /** True for a token this engine handed out. */
  valid(token: string): boolean {
    return this.tokens.has(token);
  }
}

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b.trim());
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
