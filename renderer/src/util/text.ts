/** Lower-case, no diacritics, đ→d: "Đăng ký khai sinh" and "dang ky khai sinh" match. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** Every word of the query appears somewhere in the haystack, diacritics or not. */
export function matchesWords(query: string, haystack: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const folded = fold(haystack);
  return words.every((w) => folded.includes(w));
}
