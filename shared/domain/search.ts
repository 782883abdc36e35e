/**
 * Search that forgives missing diacritics: "khai sinh" finds "Đăng ký khai sinh",
 * "1.0011" finds "1.001193". Pure, for the renderer and the CLI alike.
 */
import { fold } from './text';

export { fold } from './text';

export interface Searchable {
  code: string;
  name: string;
  field?: string;
}

/**
 * Procedures matching every word of the query (in code, name or field), best first:
 * exact code, code prefix, name starting with the query, then shorter names first.
 */
export function searchProcedures<T extends Searchable>(list: readonly T[], query: string): T[] {
  const q = fold(query);
  if (!q) return [...list];
  const words = q.split(' ');
  const scored: { item: T; score: number; i: number }[] = [];
  list.forEach((item, i) => {
    const code = item.code.toLowerCase();
    const hay = `${code} ${fold(item.name)} ${fold(item.field ?? '')}`;
    if (!words.every((w) => hay.includes(w))) return;
    const name = fold(item.name);
    const score = code === q ? 0 : code.startsWith(q) ? 1 : name.startsWith(q) ? 2 : name.includes(q) ? 3 : 4;
    scored.push({ item, score, i: name.length * 10_000 + i });
  });
  return scored.sort((a, b) => a.score - b.score || a.i - b.i).map((s) => s.item);
}
