/**
 * What the station's printed forms can show: the characters of the Tinos subset every form
 * embeds (Latin with every Vietnamese letter, punctuation, ₫ and €). Text typed or scanned
 * at the counter is checked against it, so a clerk learns at once that an address holds an
 * emoji or a control character, instead of finding a hole in the printed receipt. Pure: the
 * renderer, the CLI and the engine use it.
 */

/** Code point ranges the forms' fonts hold (inclusive). */
export const PRINTABLE_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0x24f],
  [0x300, 0x323],
  [0x1ea0, 0x1ef9],
  [0x2010, 0x2044],
  [0x20ab, 0x20ac],
  [0x2116, 0x2116],
];

export const isPrintable = (cp: number): boolean => PRINTABLE_RANGES.some(([a, b]) => cp >= a && cp <= b);

/** Characters that only shape text (zero-width, joiners, direction marks, BOM): dropped, never shown. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]/gu;

/** "U+1F600" for a code point. */
export const codePointName = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The characters of `s` a form cannot print, each once, in order: control characters
 * (tab and line breaks aside), emoji and other scripts the fonts do not hold.
 */
export function unprintable(s: string): string[] {
  const out: string[] = [];
  for (const ch of s.normalize('NFC').replace(INVISIBLE, '')) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n' || ch === '\r' || ch === '\t') continue;
    if (!isPrintable(cp) && !out.includes(ch)) out.push(ch);
  }
  return out;
}

/** How an unprintable character is named to a person: the character and its code, e.g. `"😀" (U+1F600)`. */
export const describeChars = (chars: string[]): string =>
  chars
    .map((c) =>
      /\p{Cc}/u.test(c) ? codePointName(c.codePointAt(0)!) : `"${c}" (${codePointName(c.codePointAt(0)!)})`,
    )
    .join(', ');

/**
 * Text a form can draw without losing anything: composed (NFC), shaping characters dropped,
 * tabs and other control characters turned into spaces, line breaks kept as `\n`, and each
 * character the fonts lack written as its code in brackets ("[U+1F600]") so nothing vanishes.
 */
export function printableText(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC').replace(/\r\n?/g, '\n').replace(INVISIBLE, '')) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') out += ch;
    else if (/\p{Cc}/u.test(ch)) out += ' ';
    else out += isPrintable(cp) ? ch : `[${codePointName(cp)}]`;
  }
  return out;
}
