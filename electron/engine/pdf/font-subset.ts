import fontkit from '@pdf-lib/fontkit';
import { PRINTABLE_RANGES } from '../../../shared/domain/printable';

/**
 * A TrueType font reduced to the glyphs a text needs, for embedding in a PDF.
 *
 * fontkit's own subsetter renumbers glyphs and, for Tinos, drops the outlines
 * of composite glyphs (every Vietnamese letter with a diacritic is one): poppler
 * then draws holes where the text should be. This one never renumbers: the
 * glyphs that are not needed become empty (zero-length `glyf` entries), the
 * needed ones — with the components of composite glyphs — are copied byte for
 * byte, and the tables a PDF viewer does not use (layout, kerning, device
 * metrics, signatures) are left out. The cmap and metrics stay whole, so the
 * font still maps every character it mapped; characters outside `text` simply
 * draw nothing.
 */

/** Tables a PDF renderer uses for an embedded TrueType font (FontFile2). */
const KEEP = new Set([
  'cmap',
  'head',
  'hhea',
  'hmtx',
  'maxp',
  'name',
  'OS/2',
  'post',
  'cvt ',
  'fpgm',
  'prep',
  'gasp',
]);

interface Table {
  tag: string;
  data: Buffer;
}

function readTables(ttf: Buffer): Map<string, Buffer> {
  const version = ttf.readUInt32BE(0);
  if (version !== 0x00010000 && version !== 0x74727565) throw new Error('not a TrueType font');
  const n = ttf.readUInt16BE(4);
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < n; i++) {
    const rec = 12 + i * 16;
    const tag = ttf.toString('latin1', rec, rec + 4);
    const offset = ttf.readUInt32BE(rec + 8);
    const length = ttf.readUInt32BE(rec + 12);
    if (offset + length > ttf.length) throw new Error(`table ${tag} outside the file`);
    tables.set(tag, ttf.subarray(offset, offset + length));
  }
  return tables;
}

/** Glyph offsets from `loca` (short or long format). */
function glyphOffsets(loca: Buffer, numGlyphs: number, longFormat: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i <= numGlyphs; i++)
    out.push(longFormat ? loca.readUInt32BE(i * 4) : loca.readUInt16BE(i * 2) * 2);
  return out;
}

// Composite glyph component flags (OpenType `glyf`).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** The glyph ids a composite glyph is built from. */
function components(glyph: Buffer): number[] {
  if (glyph.length < 10 || glyph.readInt16BE(0) >= 0) return [];
  const ids: number[] = [];
  let p = 10;
  for (;;) {
    const flags = glyph.readUInt16BE(p);
    ids.push(glyph.readUInt16BE(p + 2));
    p += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) p += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) p += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) p += 8;
    if (!(flags & MORE_COMPONENTS)) break;
  }
  return ids;
}

function checksum(data: Buffer): number {
  const padded = data.length % 4 ? Buffer.concat([data, Buffer.alloc(4 - (data.length % 4))]) : data;
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

function writeFont(tables: Table[]): Buffer {
  tables.sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const n = tables.length;
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + n * 16);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(n * 16 - searchRange, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tables.forEach((t, i) => {
    const rec = 12 + i * 16;
    header.write(t.tag, rec, 4, 'latin1');
    header.writeUInt32BE(checksum(t.data), rec + 4);
    header.writeUInt32BE(offset, rec + 8);
    header.writeUInt32BE(t.data.length, rec + 12);
    const padded = Buffer.alloc(Math.ceil(t.data.length / 4) * 4);
    t.data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  const font = Buffer.concat([header, ...bodies]);
  // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
  const head = tables.findIndex((t) => t.tag === 'head');
  const headOffset = header.readUInt32BE(12 + head * 16 + 8);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headOffset + 8);
  return font;
}

interface GlyphLookup {
  glyphsForString(s: string): { id: number }[];
}
/** fontkit's parse of a font, kept while the caller keeps the bytes (a stamp per signature). */
const parsedFonts = new WeakMap<Uint8Array, GlyphLookup>();
function parsed(bytes: Uint8Array): GlyphLookup {
  let f = parsedFonts.get(bytes);
  if (!f) {
    f = fontkit.create(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    ) as unknown as GlyphLookup;
    parsedFonts.set(bytes, f);
  }
  return f;
}

/** The font with only the glyphs `text` needs (plus .notdef); glyph ids unchanged. */
export function subsetTrueType(bytes: Uint8Array, text: string): Buffer {
  const ttf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = readTables(ttf);
  const head = tables.get('head');
  const maxp = tables.get('maxp');
  const loca = tables.get('loca');
  const glyf = tables.get('glyf');
  if (!head || !maxp || !loca || !glyf) throw new Error('not a TrueType outline font');
  const numGlyphs = maxp.readUInt16BE(4);
  const offsets = glyphOffsets(loca, numGlyphs, head.readInt16BE(50) === 1);
  const glyphOf = (id: number) => glyf.subarray(offsets[id]!, offsets[id + 1]!);

  const font = parsed(bytes);
  const wanted = new Set<number>([0]);
  for (const g of font.glyphsForString([...new Set(text)].join(''))) wanted.add(g.id);
  const stack = [...wanted];
  while (stack.length) {
    const id = stack.pop()!;
    if (id >= numGlyphs) continue;
    for (const c of components(glyphOf(id)))
      if (!wanted.has(c)) {
        wanted.add(c);
        stack.push(c);
      }
  }

  const parts: Buffer[] = [];
  const newLoca = Buffer.alloc((numGlyphs + 1) * 4);
  let at = 0;
  for (let id = 0; id < numGlyphs; id++) {
    newLoca.writeUInt32BE(at, id * 4);
    if (!wanted.has(id)) continue;
    const g = glyphOf(id);
    const padded = Buffer.alloc(Math.ceil(g.length / 4) * 4);
    g.copy(padded);
    parts.push(padded);
    at += padded.length;
  }
  newLoca.writeUInt32BE(at, numGlyphs * 4);

  const newHead = Buffer.from(head);
  newHead.writeInt16BE(1, 50); // long loca
  newHead.writeUInt32BE(0, 8); // checkSumAdjustment, set when written
  const out: Table[] = [
    { tag: 'head', data: newHead },
    { tag: 'loca', data: newLoca },
    { tag: 'glyf', data: Buffer.concat(parts) },
  ];
  for (const [tag, data] of tables) {
    if (tag === 'head' || !KEEP.has(tag)) continue;
    if (tag === 'post') {
      // Version 3: no glyph names (a PDF does not use them), the rest of the header kept.
      const post = Buffer.from(data.subarray(0, 32));
      post.writeUInt32BE(0x00030000, 0);
      out.push({ tag, data: post });
      continue;
    }
    out.push({ tag, data: Buffer.from(data) });
  }
  return writeFont(out);
}

/**
 * Every character a Vietnamese form or stamp can print: ASCII, Latin-1 and the
 * Latin extensions (Vietnamese letters with their tones), general punctuation,
 * the đồng sign, №.
 */
export const VIETNAMESE_REPERTOIRE: string = (() => {
  // The same ranges the counter checks typed text against (shared/domain/printable.ts).
  let s = '';
  for (const [a, b] of PRINTABLE_RANGES) for (let c = a; c <= b; c++) s += String.fromCodePoint(c);
  return s;
})();
