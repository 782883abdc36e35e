import { fold } from '../../../shared/domain/text';

export { fold };

/** Every word of the query appears somewhere in the haystack, diacritics or not. */
export function matchesWords(query: string, haystack: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const folded = fold(haystack);
  return words.every((w) => folded.includes(w));
}
