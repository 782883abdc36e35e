import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  secret: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

/** What is stored for a password or PIN: the salt, the scrypt parameters and the hash (base64). */
export interface SecretRecord {
  alg: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
}

/** 2^15 × 8: ~32 MB and some tens of milliseconds per check on a counter PC (OWASP's floor is 2^17 × 8 × 1 at 128 MB; see docs/architecture.md). */
const DEFAULTS = { N: 2 ** 15, r: 8, p: 1 };
const KEYLEN = 32;
const maxmem = (N: number, r: number) => 256 * N * r;

/** Hashes a password or PIN with a fresh per-user salt; the parameters go with it, so they can grow later. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(secret.normalize('NFC'), salt, KEYLEN, {
    ...DEFAULTS,
    maxmem: maxmem(DEFAULTS.N, DEFAULTS.r),
  });
  const record: SecretRecord = {
    alg: 'scrypt',
    ...DEFAULTS,
    salt: salt.toString('base64'),
    hash: hash.toString('base64'),
  };
  return JSON.stringify(record);
}

/** True when `secret` matches the stored record; compared in constant time. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  let rec: SecretRecord;
  try {
    rec = JSON.parse(stored) as SecretRecord;
  } catch {
    return false;
  }
  if (rec.alg !== 'scrypt') return false;
  const expected = Buffer.from(rec.hash, 'base64');
  const got = await scrypt(secret.normalize('NFC'), Buffer.from(rec.salt, 'base64'), expected.length, {
    N: rec.N,
    r: rec.r,
    p: rec.p,
    maxmem: maxmem(rec.N, rec.r),
  });
  return got.length === expected.length && crypto.timingSafeEqual(got, expected);
}
