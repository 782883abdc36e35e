import zlib from 'node:zlib';

/**
 * Whether a PDF's cross-reference (xref) can be used as written, or a reader must
 * rebuild it by scanning the file — the sign of a file cut short, of a part lost in the
 * middle, or of bytes changed after it was written. PDFium, pdf-lib and qpdf all repair
 * such a file without a word; the station names it (`pdf_damaged`) instead.
 *
 * Checked: `startxref` at the end, each xref section it leads to (classic tables and
 * xref streams, following `/Prev` and `/XRefStm`), and that every object the sections
 * place in the file starts where they say. Reads small windows of the bytes only, so a
 * large PDF is not copied into a string.
 */

/** At most this many xref sections are followed (incremental updates; a loop is damage). */
const MAX_SECTIONS = 64;
/** `startxref` is looked for in the file's last bytes. */
const TAIL = 2048;

type Found = { ok: true } | { ok: false; why: string };
const bad = (why: string): Found => ({ ok: false, why });
const OK: Found = { ok: true };

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);

function skipWs(b: Buffer, at: number): number {
  let i = at;
  while (i < b.length && WS.has(b[i]!)) i++;
  // Comments (`%…` to the end of the line) count as white space between tokens.
  if (b[i] === 0x25) {
    while (i < b.length && b[i] !== 0x0a && b[i] !== 0x0d) i++;
    return skipWs(b, i);
  }
  return i;
}

const window = (b: Buffer, at: number, n: number): string =>
  b.toString('latin1', at, Math.min(b.length, at + n));

/** The object header `num gen obj` at `offset` (leading white space allowed). */
function objectAt(b: Buffer, offset: number): { num: number; gen: number; end: number } | null {
  const at = skipWs(b, offset);
  const m = /^(\d{1,10})\s+(\d{1,5})\s+obj/.exec(window(b, at, 40));
  return m ? { num: Number(m[1]), gen: Number(m[2]), end: at + m[0].length } : null;
}

function checkEntry(b: Buffer, num: number, gen: number, offset: number): Found {
  if (offset <= 0 || offset >= b.length) return bad(`object ${num} is placed at ${offset}, outside the file`);
  const o = objectAt(b, offset);
  if (!o || o.num !== num || o.gen !== gen) return bad(`object ${num} ${gen} is not at ${offset}`);
  return OK;
}

/** The value of `/Key` in a dictionary's text (numbers only: /Prev, /XRefStm, /Size, /Length, …). */
const numberOf = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s+(\\d+)(?!\\d)(?!\\s+\\d+\\s+R)`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** A classic table: `xref`, subsections of 20-byte entries, then `trailer << … >>`. */
function classic(b: Buffer, at: number, next: (offset: number) => void): Found {
  let i = skipWs(b, at + 4);
  for (;;) {
    const head = /^(\d{1,10})\s+(\d{1,10})[ \t]*\r?\n?/.exec(window(b, i, 32));
    if (!head) break;
    const first = Number(head[1]);
    const count = Number(head[2]);
    i += head[0].length;
    for (let k = 0; k < count; k++) {
      i = skipWs(b, i);
      const e = /^(\d{10}) (\d{5}) ([nf])/.exec(window(b, i, 20));
      if (!e) return bad(`xref entry ${first + k} is unreadable`);
      i += e[0].length;
      if (e[3] !== 'n' || first + k === 0) continue;
      const found = checkEntry(b, first + k, Number(e[2]), Number(e[1]));
      if (!found.ok) return found;
    }
    i = skipWs(b, i);
  }
  if (window(b, i, 7) !== 'trailer') return bad('xref table without trailer');
  const end = b.indexOf('>>', i, 'latin1');
  const trailer = window(b, i, Math.max(0, Math.min(4096, end - i + 2)));
  for (const key of ['Prev', 'XRefStm']) {
    const n = numberOf(trailer, key);
    if (n !== null) next(n);
  }
  return OK;
}

/** PNG predictors (10–15) undone on an xref stream's rows. */
function unpredict(data: Buffer, columns: number): Buffer | null {
  const row = columns + 1;
  if (data.length % row !== 0) return null;
  const out = Buffer.alloc((data.length / row) * columns);
  for (let r = 0; r * row < data.length; r++) {
    const type = data[r * row]!;
    for (let c = 0; c < columns; c++) {
      const x = data[r * row + 1 + c]!;
      const left = c > 0 ? out[r * columns + c - 1]! : 0;
      const up = r > 0 ? out[(r - 1) * columns + c]! : 0;
      const ul = r > 0 && c > 0 ? out[(r - 1) * columns + c - 1]! : 0;
      const p = left + up - ul;
      const paeth =
        Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - ul)
          ? left
          : Math.abs(p - up) <= Math.abs(p - ul)
            ? up
            : ul;
      const pred = [0, left, up, (left + up) >> 1, paeth][type];
      if (pred === undefined) return null;
      out[r * columns + c] = (x + pred) & 0xff;
    }
  }
  return out;
}

const numbers = (s: string | undefined): number[] => (s ? s.trim().split(/\s+/).map(Number) : []);

/** An xref stream: `n g obj << /Type /XRef /W [...] … >> stream … endstream`. */
function stream(b: Buffer, header: { num: number; end: number }, next: (offset: number) => void): Found {
  const s = b.indexOf('stream', header.end, 'latin1');
  if (s < 0 || s - header.end > 4096) return bad(`object ${header.num} at startxref is not an xref stream`);
  const dict = window(b, header.end, s - header.end);
  if (!/\/Type\s*\/XRef/.test(dict)) return bad(`object ${header.num} at startxref is not an xref stream`);
  const length = numberOf(dict, 'Length');
  const w = numbers(/\/W\s*\[([\d\s]*)\]/.exec(dict)?.[1]);
  const size = numberOf(dict, 'Size');
  // An indirect /Length, another filter or predictor: the entries are not checked, the chain is.
  const prev = numberOf(dict, 'Prev');
  if (prev !== null) next(prev);
  if (length === null || w.length !== 3 || size === null) return OK;
  let start = s + 6;
  if (b[start] === 0x0d) start++;
  if (b[start] === 0x0a) start++;
  let data = b.subarray(start, start + length);
  if (data.length < length) return bad('xref stream cut short');
  if (/\/Filter\s*\/FlateDecode/.test(dict)) {
    try {
      data = zlib.inflateSync(data);
    } catch (err) {
      return bad(`xref stream cannot be inflated: ${String(err)}`);
    }
  } else if (/\/Filter/.test(dict)) return OK;
  const predictor = numberOf(dict, 'Predictor') ?? 1;
  const width = w[0]! + w[1]! + w[2]!;
  if (predictor >= 10) {
    const un = unpredict(data, numberOf(dict, 'Columns') ?? width);
    if (!un) return bad('xref stream rows do not fit its predictor');
    data = un;
  } else if (predictor !== 1) return OK;
  const index = numbers(/\/Index\s*\[([\d\s]*)\]/.exec(dict)?.[1]);
  const ranges = index.length >= 2 ? index : [0, size];
  const field = (at: number, n: number, dflt: number) => {
    if (n === 0) return dflt;
    let v = 0;
    for (let k = 0; k < n; k++) v = v * 256 + data[at + k]!;
    return v;
  };
  let at = 0;
  for (let r = 0; r + 1 < ranges.length; r += 2) {
    for (let k = 0; k < ranges[r + 1]!; k++, at += width) {
      if (at + width > data.length) return bad('xref stream has fewer entries than it announces');
      const type = field(at, w[0]!, 1);
      if (type !== 1) continue;
      const num = ranges[r]! + k;
      if (num === 0) continue;
      const found = checkEntry(b, num, field(at + w[0]! + w[1]!, w[2]!, 0), field(at + w[0]!, w[1]!, 0));
      if (!found.ok) return found;
    }
  }
  return OK;
}

/** Why the PDF's cross-reference cannot be used as written, or null when it can. */
export function xrefDamage(bytes: Uint8Array): string | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tailAt = Math.max(0, b.length - TAIL);
  const sx = b.lastIndexOf('startxref', undefined, 'latin1');
  if (sx < tailAt) return 'no startxref at the end of the file (cut short?)';
  const m = /^startxref\s+(\d+)/.exec(window(b, sx, 40));
  if (!m) return 'startxref without an offset';
  if (!b.includes('%%EOF', sx, 'latin1')) return 'no %%EOF after startxref (cut short?)';
  const todo = [Number(m[1])];
  const seen = new Set<number>();
  while (todo.length) {
    const offset = todo.shift()!;
    if (seen.has(offset)) continue;
    if (seen.size >= MAX_SECTIONS) return 'too many xref sections';
    seen.add(offset);
    if (offset >= b.length) return `xref offset ${offset} is past the end of the file`;
    const at = skipWs(b, offset);
    const push = (n: number) => todo.push(n);
    let found: Found;
    if (window(b, at, 4) === 'xref') found = classic(b, at, push);
    else {
      const header = objectAt(b, offset);
      found = header ? stream(b, header, push) : bad(`no xref at offset ${offset}`);
    }
    if (!found.ok) return found.why;
  }
  return null;
}
