/** An ID number as the citizen screen shows it: the first digit and the last two, the rest dots. */
export function maskId(id: string): string {
  const s = id.trim();
  if (s.length <= 4) return '•'.repeat(s.length);
  return `${s[0]}${'•'.repeat(s.length - 3)}${s.slice(-2)}`;
}
