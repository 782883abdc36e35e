import { constants as zlibConstants, inflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFContext,
  PDFDict,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFObjectParser,
  PDFRawStream,
  PDFRef,
} from 'pdf-lib';
import { lastStartXref } from './pdf-increment';

/**
 * A small synchronous reader of one revision of a PDF, for the verifier:
 * it follows the cross-reference chain from the last startxref (tables,
 * streams and hybrids, /Prev by /Prev) and parses only the objects asked
 * for, with pdf-lib's object parser. Bounded: at most MAX_SECTIONS sections,
 * cycles refused, object streams decoded once.
 */

export class PdfReadError extends Error {}

type Entry =
  | { type: 1; offset: number; section: number }
  | { type: 2; stream: number; index: number; section: number }
  | { type: 0; section: number };

const MAX_SECTIONS = 256;
/** Object and cross-reference streams are never inflated beyond this. */
const MAX_DECODED = 64 * 1024 * 1024;

/**
 * Decodes a stream, never past `max` bytes: FlateDecode (the usual filter) through zlib with
 * an output bound, so a small deflate bomb cannot fill the memory; other filters through pdf-lib.
 */
function decodeBounded(s: PDFRawStream, max: number): Buffer {
  const filter = s.dict.get(PDFName.of('Filter'));
  const only = filter instanceof PDFArray && filter.size() === 1 ? filter.get(0) : filter;
  const contents = Buffer.from(s.getContents());
  if (only === undefined) return contents;
  // Predictors (DecodeParms) are undone by the caller that needs them (cross-reference streams).
  if (only === PDFName.of('FlateDecode'))
    return inflateSync(contents, { maxOutputLength: max, finishFlush: zlibConstants.Z_SYNC_FLUSH });
  const out = Buffer.from(decodePDFRawStream(s).decode());
  if (out.length > max) throw new PdfReadError('stream too large');
  return out;
}

export class PdfObjects {
  readonly trailer: PDFDict;
  /** Start offsets of the cross-reference sections read, newest first. */
  readonly sections: number[] = [];
  private readonly entries = new Map<number, Entry>();
  private readonly context = PDFContext.create();
  private readonly parsed = new Map<number, PDFObject | null>();
  private readonly objStreams = new Map<number, { bytes: Uint8Array; offsets: Map<number, number> }>();

  constructor(private readonly pdf: Buffer) {
    let at: number | undefined = lastStartXref(pdf);
    let trailer: PDFDict | null = null;
    while (at !== undefined) {
      if (this.sections.includes(at) || this.sections.length >= MAX_SECTIONS)
        throw new PdfReadError('cross-reference chain loops or is too long');
      this.sections.push(at);
      const dict = this.readSection(at);
      trailer ??= dict;
      const prev = dict.get(PDFName.of('Prev'));
      at = prev instanceof PDFNumber ? prev.asNumber() : undefined;
    }
    if (!trailer) throw new PdfReadError('no trailer');
    this.trailer = trailer;
  }

  /** Where each object's current definition comes from: the section (its startxref) that lists it. */
  sectionOf(num: number): number | undefined {
    return this.entries.get(num)?.section;
  }

  objectNumbers(): number[] {
    return [...this.entries.keys()];
  }

  private add(num: number, e: Entry) {
    if (!this.entries.has(num)) this.entries.set(num, e);
  }

  private readSection(at: number): PDFDict {
    if (this.pdf.subarray(at, at + 4).toString('latin1') === 'xref') return this.readTable(at);
    const stream = this.parseAt(at);
    if (!(stream instanceof PDFRawStream)) throw new PdfReadError(`no cross-reference at ${at}`);
    this.readXrefStream(stream, at);
    return stream.dict;
  }

  private readXrefStream(stream: PDFRawStream, section: number) {
    const { dict } = stream;
    const nums = (key: string) =>
      (dict.lookupMaybe(PDFName.of(key), PDFArray)?.asArray() ?? []).map((n) =>
        n instanceof PDFNumber ? n.asNumber() : 0,
      );
    const w = nums('W');
    const size = dict.lookupMaybe(PDFName.of('Size'), PDFNumber)?.asNumber() ?? 0;
    const index = nums('Index');
    const ranges = index.length ? index : [0, size];
    const data = unpredict(decodeBounded(stream, MAX_DECODED), dict);
    const width = w.reduce((a, b) => a + b, 0);
    let pos = 0;
    const field = (len: number, dflt: number) => {
      if (len === 0) return dflt;
      const v = data.readUIntBE(pos, len);
      pos += len;
      return v;
    };
    for (let r = 0; r + 1 < ranges.length; r += 2) {
      for (let i = 0; i < (ranges[r + 1] ?? 0) && pos + width <= data.length; i++) {
        const num = (ranges[r] ?? 0) + i;
        const type = field(w[0] ?? 0, 1);
        const a = field(w[1] ?? 0, 0);
        const b = field(w[2] ?? 0, 0);
        if (type === 1) this.add(num, { type: 1, offset: a, section });
        else if (type === 2) this.add(num, { type: 2, stream: a, index: b, section });
        else if (type === 0) this.add(num, { type: 0, section });
      }
    }
  }

  private readTable(at: number): PDFDict {
    const end = this.pdf.indexOf('trailer', at, 'latin1');
    if (end < 0) throw new PdfReadError('xref table without trailer');
    const text = this.pdf.subarray(at + 4, end).toString('latin1');
    const re = /(\d+)\s+(\d+)\s*[\r\n]+|(\d{10})\s(\d{5})\s([nf])/g;
    let num = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[1] !== undefined) num = Number(m[1]);
      else {
        this.add(
          num,
          m[5] === 'n' ? { type: 1, offset: Number(m[3]), section: at } : { type: 0, section: at },
        );
        num++;
      }
    }
    const dict = PDFObjectParser.forBytes(this.pdf.subarray(end + 7), this.context).parseObject();
    if (!(dict instanceof PDFDict)) throw new PdfReadError('trailer is not a dictionary');
    const hybrid = dict.get(PDFName.of('XRefStm'));
    if (hybrid instanceof PDFNumber) {
      const s = this.parseAt(hybrid.asNumber());
      if (s instanceof PDFRawStream) this.readXrefStream(s, at);
    }
    return dict;
  }

  private parseAt(offset: number): PDFObject {
    const head = /^\s*(\d+)\s+(\d+)\s+obj\b/.exec(this.pdf.subarray(offset, offset + 64).toString('latin1'));
    if (!head) throw new PdfReadError(`no object at ${offset}`);
    return PDFObjectParser.forBytes(this.pdf.subarray(offset + head[0].length), this.context).parseObject();
  }

  private fromStream(stream: number, num: number): PDFObject | undefined {
    let os = this.objStreams.get(stream);
    if (!os) {
      const s = this.get(stream);
      if (!(s instanceof PDFRawStream)) return undefined;
      const bytes = decodeBounded(s, MAX_DECODED);
      const first = s.dict.get(PDFName.of('First'));
      const n = s.dict.get(PDFName.of('N'));
      if (!(first instanceof PDFNumber) || !(n instanceof PDFNumber)) return undefined;
      const head = Buffer.from(bytes.subarray(0, first.asNumber())).toString('latin1').trim().split(/\s+/);
      const offsets = new Map<number, number>();
      for (let i = 0; i + 1 < head.length && i < 2 * n.asNumber(); i += 2)
        offsets.set(Number(head[i]), first.asNumber() + Number(head[i + 1]));
      os = { bytes, offsets };
      this.objStreams.set(stream, os);
    }
    const at = os.offsets.get(num);
    return at === undefined
      ? undefined
      : PDFObjectParser.forBytes(os.bytes.subarray(at), this.context).parseObject();
  }

  /** The current definition of object `num`; undefined when free or absent. */
  get(num: number): PDFObject | undefined {
    if (this.parsed.has(num)) return this.parsed.get(num) ?? undefined;
    this.parsed.set(num, null);
    const e = this.entries.get(num);
    let obj: PDFObject | undefined;
    try {
      if (e?.type === 1) obj = this.parseAt(e.offset);
      else if (e?.type === 2) obj = this.fromStream(e.stream, num);
    } catch {
      obj = undefined;
    }
    this.parsed.set(num, obj ?? null);
    return obj;
  }

  resolve(o: PDFObject | undefined): PDFObject | undefined {
    return o instanceof PDFRef ? this.get(o.objectNumber) : o;
  }

  dict(o: PDFObject | undefined): PDFDict | undefined {
    const d = this.resolve(o);
    return d instanceof PDFDict ? d : undefined;
  }

  array(o: PDFObject | undefined): PDFArray | undefined {
    const a = this.resolve(o);
    return a instanceof PDFArray ? a : undefined;
  }

  catalog(): PDFDict | undefined {
    return this.dict(this.trailer.get(PDFName.of('Root')));
  }

  /** A stream's decoded bytes; null when it is not a stream, or larger than `max` (before or after inflating). */
  streamBytes(o: PDFObject | undefined, max: number): Buffer | null {
    const s = this.resolve(o);
    if (!(s instanceof PDFRawStream) || s.getContentsSize() > max) return null;
    try {
      return decodeBounded(s, max);
    } catch {
      return null;
    }
  }
}

/** Undoes the PNG predictors (/Predictor 10–15, one filter byte per row) that cross-reference streams often use. */
function unpredict(data: Buffer, dict: PDFDict): Buffer {
  const parms = dict.lookupMaybe(PDFName.of('DecodeParms'), PDFDict);
  const predictor = parms?.lookupMaybe(PDFName.of('Predictor'), PDFNumber)?.asNumber() ?? 1;
  if (predictor < 10) return data;
  const columns = parms?.lookupMaybe(PDFName.of('Columns'), PDFNumber)?.asNumber() ?? 1;
  const rows: Buffer[] = [];
  let prev = Buffer.alloc(columns);
  for (let at = 0; at + columns + 1 <= data.length; at += columns + 1) {
    const kind = data[at] ?? 0;
    const row = Buffer.from(data.subarray(at + 1, at + 1 + columns));
    for (let i = 0; i < columns; i++) {
      const left = i > 0 ? (row[i - 1] ?? 0) : 0;
      const up = prev[i] ?? 0;
      const ul = i > 0 ? (prev[i - 1] ?? 0) : 0;
      const p = left + up - ul;
      const paeth =
        Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - ul)
          ? left
          : Math.abs(p - up) <= Math.abs(p - ul)
            ? up
            : ul;
      const add = [0, left, up, (left + up) >> 1, paeth][kind] ?? 0;
      row[i] = ((row[i] ?? 0) + add) & 0xff;
    }
    rows.push(row);
    prev = row;
  }
  return Buffer.concat(rows);
}
