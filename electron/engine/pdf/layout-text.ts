import type { PDFFont } from 'pdf-lib';

/**
 * Line breaking for the forms' layout (./layout.ts): words are kept whole where they fit,
 * a word wider than the line is cut between characters, runs of spaces count as one, and a
 * line break in the text starts a new line. Every character of the input is on some line.
 */

export interface Measure {
  font: PDFFont;
  size: number;
}

const widthOf = (m: Measure, s: string) => m.font.widthOfTextAtSize(s, m.size);

/** Cuts a word wider than `width` into pieces that fit (at least one character each). */
function cutWord(m: Measure, word: string, first: number, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let room = first;
  for (const ch of word) {
    if (piece && widthOf(m, piece + ch) > room) {
      pieces.push(piece);
      piece = '';
      room = width;
    }
    piece += ch;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/**
 * The lines of one paragraph: the first `width - first` wide (a first-line indent), the
 * others `width - hang` wide (a hanging indent), as `lines[i]` with its own indent.
 */
function wrapParagraph(
  m: Measure,
  para: string,
  width: number,
  indent: { first: number; hang: number },
): { text: string; indent: number }[] {
  const out: { text: string; indent: number }[] = [];
  const room = () => width - (out.length === 0 ? indent.first : indent.hang);
  let line = '';
  const flush = () => {
    out.push({ text: line, indent: out.length === 0 ? indent.first : indent.hang });
    line = '';
  };
  for (const word of para.split(/ +/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (widthOf(m, next) <= room()) {
      line = next;
      continue;
    }
    if (line) flush();
    if (widthOf(m, word) <= room()) {
      line = word;
      continue;
    }
    const pieces = cutWord(m, word, room(), width - indent.hang);
    for (const p of pieces.slice(0, -1)) {
      line = p;
      flush();
    }
    line = pieces.at(-1) ?? '';
  }
  if (line || out.length === 0) flush();
  return out;
}

/** Every line of `text` at `width`, paragraph by paragraph (`\n` breaks a line). */
export function wrapText(
  m: Measure,
  text: string,
  width: number,
  indent: { first: number; hang: number } = { first: 0, hang: 0 },
): { text: string; indent: number }[] {
  return text
    .replace(/\t/g, ' ')
    .split('\n')
    .flatMap((para) => wrapParagraph(m, para.trim(), width, indent));
}

export const textWidth = widthOf;
