/**
 * Vietnamese text without its diacritics, in the few shapes the station needs:
 * for search ("khai sinh" finds "Đăng ký khai sinh") and for file names that
 * every file system and portal accepts. Pure, for the renderer, the CLI and the engine.
 */

/** The letters without their marks, đ → d, Đ → D; case kept. */
export function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** Lower case, without diacritics, spaces collapsed: the form two texts are compared in. */
export function fold(s: string): string {
  return stripDiacritics(s).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Safe for every file system: letters, digits, dot, dash, underscore; at most `max` characters. */
export function fileSafe(s: string, max = 80): string {
  return stripDiacritics(s)
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, max);
}
