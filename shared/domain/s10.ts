/**
 * UPU S10 postal item identifiers (số hiệu bưu gửi), e.g. `EE123456785VN`: two service letters,
 * eight serial digits, a check digit and the two-letter country code (`VN` here). The check digit
 * weighs the serial with 8 6 4 2 3 5 9 7; check = 11 − (sum mod 11), with 10 → 0 and 11 → 5.
 */
const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];

/** The check digit of an eight-digit serial. */
export function s10CheckDigit(serial: string): number {
  const sum = [...serial].reduce((acc, ch, i) => acc + Number(ch) * WEIGHTS[i]!, 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

export type S10Problem = 'shape' | 'check_digit' | 'country';

/** Why `id` is not a valid Vietnamese S10 identifier, or null when it is (spaces and case ignored). */
export function s10Problem(id: string, country = 'VN'): S10Problem | null {
  const m = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/.exec(normalS10(id));
  if (!m) return 'shape';
  if (s10CheckDigit(m[2]!) !== Number(m[3])) return 'check_digit';
  if (m[4] !== country) return 'country';
  return null;
}

export const normalS10 = (id: string) => id.replace(/\s+/g, '').toUpperCase();
