import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import {
  concatTransformationMatrix,
  drawObject,
  PDFArray,
  type PDFDict,
  type PDFDocument,
  type PDFFont,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFPage,
  type PDFRef,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';
import sharp from 'sharp';

const require = createRequire(import.meta.url);

/** A word of the invisible text layer, its box in the page image's pixels. */
export interface LayerWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** OCR paragraph and line ids and the line's baseline (pixels), when the OCR gave them. */
  para?: number;
  line?: number;
  base?: number;
}

/** A page image ready to be written as it is. */
export type PageImage =
  | { kind: 'jpeg'; bytes: Buffer; width: number; height: number }
  /**
   * 1 bit per pixel, already compressed: CCITT G4 (`/K -1`, black runs are ink) or Flate
   * of the rows (1 = white, padded to a byte) — whichever came out smaller.
   */
  | { kind: 'bitonal'; filter: 'g4' | 'flate'; data: Buffer; width: number; height: number };

/** A cleaned page: its image, its physical size, and the words OCR found on it. */
export interface PreparedPage {
  image: PageImage;
  widthPt: number;
  heightPt: number;
  /** Words, in the pixel space `wordsWidth × wordsHeight` (the image OCR read). */
  words: LayerWord[];
  wordsWidth: number;
  wordsHeight: number;
}

let fontBytes: Buffer | null = null;
/** DejaVu Sans: full Vietnamese coverage, and pdftotext extracts it correctly. */
function textFont(): Buffer {
  if (!fontBytes) {
    const dir = path.dirname(require.resolve('dejavu-fonts-ttf/package.json'));
    fontBytes = fs.readFileSync(path.join(dir, 'ttf', 'DejaVuSans.ttf'));
  }
  return fontBytes;
}

let srgbProfile: Buffer | null = null;
/** The sRGB ICC profile libvips carries (lcms-made, freely usable), taken from a 1×1 image. */
export async function srgbIcc(): Promise<Buffer> {
  if (!srgbProfile) {
    const jpg = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } })
      .withIccProfile('srgb')
      .jpeg()
      .toBuffer();
    const icc = (await sharp(jpg).metadata()).icc;
    if (!icc) throw new Error('libvips gave no sRGB profile');
    srgbProfile = icc;
  }
  return srgbProfile;
}

const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface PdfaInfo {
  title: string;
  subject: string;
  keywords: string[];
}

function xmp(info: PdfaInfo, now: Date, docId: string): string {
  const iso = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const li = (s: string) => `<rdf:li xml:lang="x-default">${xmlEscape(s)}</rdf:li>`;
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt>${li(info.title)}</rdf:Alt></dc:title>
   <dc:description><rdf:Alt>${li(info.subject)}</rdf:Alt></dc:description>
   <dc:subject><rdf:Bag>${info.keywords.map((k) => `<rdf:li>${xmlEscape(k)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>
   <dc:language><rdf:Bag><rdf:li>vi-VN</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>SoHoa Station</xmp:CreatorTool>
   <xmp:CreateDate>${iso}</xmp:CreateDate>
   <xmp:ModifyDate>${iso}</xmp:ModifyDate>
   <xmp:MetadataDate>${iso}</xmp:MetadataDate>
   <pdf:Producer>SoHoa Station (pdf-lib)</pdf:Producer>
   <pdf:Keywords>${xmlEscape(info.keywords.join(' '))}</pdf:Keywords>
   <xmpMM:DocumentID>uuid:${docId}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:${docId}</xmpMM:InstanceID>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/**
 * Makes `doc` a PDF/A-2b document: Info and XMP metadata that agree, an sRGB
 * output intent, a file identifier. Call once, after the pages are added.
 */
export async function makePdfA(doc: PDFDocument, info: PdfaInfo, now: Date): Promise<void> {
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setSubject(info.subject);
  doc.setKeywords(info.keywords);
  doc.setLanguage('vi-VN');
  doc.setCreator('SoHoa Station');
  doc.setProducer('SoHoa Station (pdf-lib)');
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  const ctx = doc.context;
  const docId = crypto.randomUUID();
  const meta = ctx.stream(Buffer.from(xmp(info, now, docId), 'utf8'), {
    Type: 'Metadata',
    Subtype: 'XML',
  });
  doc.catalog.set(PDFName.of('Metadata'), ctx.register(meta));
  const icc = await srgbIcc();
  const iccStream = ctx.flateStream(icc, { N: 3 });
  const intent = ctx.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    DestOutputProfile: ctx.register(iccStream),
  });
  doc.catalog.set(PDFName.of('OutputIntents'), ctx.obj([ctx.register(intent)]));
  const id = PDFHexString.of(docId.replace(/-/g, ''));
  ctx.trailerInfo.ID = ctx.obj([id, id]);
}

/** The text font, embedded once per document (subset: only the glyphs used). */
export async function embedTextFont(doc: PDFDocument): Promise<PDFFont> {
  doc.registerFontkit(fontkit);
  return doc.embedFont(textFont(), { subset: true });
}

/** Writes the image XObject; bitonal pages as a 1-bit G4 or Flate stream (pdf-lib would make them 8-bit RGB). */
function imageXObject(doc: PDFDocument, img: PageImage): PDFRef {
  const ctx = doc.context;
  if (img.kind === 'bitonal') {
    const stream = ctx.stream(img.data, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: img.width,
      Height: img.height,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 1,
      ...(img.filter === 'g4'
        ? {
            Filter: 'CCITTFaxDecode',
            DecodeParms: { K: -1, Columns: img.width, Rows: img.height, BlackIs1: false },
          }
        : { Filter: 'FlateDecode' }),
    });
    return ctx.register(stream);
  }
  const channels = img.bytes.readUInt8(0) === 0xff ? jpegChannels(img.bytes) : 3;
  const stream = ctx.stream(img.bytes, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: img.width,
    Height: img.height,
    ColorSpace: channels === 1 ? 'DeviceGray' : 'DeviceRGB',
    BitsPerComponent: 8,
    Filter: 'DCTDecode',
  });
  return ctx.register(stream);
}

/** Number of components in a baseline/progressive JPEG's frame header. */
function jpegChannels(b: Buffer): number {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return 3;
    const marker = b[i + 1]!;
    const len = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return b[i + 9]!;
    i += 2 + len;
  }
  return 3;
}

/** Adds a page: the image at the page's physical size and, over it, the invisible words. */
export function addPreparedPage(doc: PDFDocument, p: PreparedPage, font: PDFFont | null): PDFPage {
  const page = doc.addPage([p.widthPt, p.heightPt]);
  const ref = imageXObject(doc, p.image);
  const name = page.node.newXObject('Im', ref);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(p.widthPt, 0, 0, p.heightPt, 0, 0),
    drawObject(name),
    popGraphicsState(),
  );
  if (font && p.words.length) addTextLayer(page, p, font);
  return page;
}

/**
 * A word's glyphs and width, laid out once per document and font: fontkit's layout is most of
 * a text layer's cost (issue 18), and a dossier's words repeat (Vietnamese syllables).
 */
interface Laid {
  /** The glyphs as a hex string, `<…>`. */
  encoded: string;
  /** Width at size 1 (it scales with the size). */
  width: number;
}
const laidOut = new WeakMap<PDFFont, Map<string, Laid>>();

function layOut(font: PDFFont, text: string): Laid {
  let words = laidOut.get(font);
  if (!words) laidOut.set(font, (words = new Map()));
  let w = words.get(text);
  if (!w) {
    w = { encoded: font.encodeText(text).toString(), width: font.widthOfTextAtSize(text, 1) };
    words.set(text, w);
  }
  return w;
}

/** A number as a content stream writes it: at most three decimals, no exponent. */
const num = (n: number): string => {
  const s = n.toFixed(3);
  return s.includes('.') ? s.replace(/\.?0+$/, '') || '0' : s;
};

/**
 * The invisible words, as one content stream of their own written as text and deflated
 * natively (pdf-lib's operator objects and JavaScript deflate were most of what was left
 * of assembly's time once the words' layout was cached; issue 18).
 */
function addTextLayer(page: PDFPage, p: PreparedPage, font: PDFFont): void {
  const sx = p.widthPt / p.wordsWidth;
  const sy = p.heightPt / p.wordsHeight;
  const fontKey = page.node.newFontDictionary('F', font.ref).toString();
  const ops: string[] = ['q', 'BT', '3 Tr'];
  const lines = layerLines(p.words);
  p.words.forEach((w, i) => {
    const text = w.text.normalize('NFC');
    const boxW = (w.x1 - w.x0) * sx;
    const at = lines[i]!;
    const size = Math.max(1, at.size * sy);
    if (boxW <= 0 || at.size <= 0) return;
    const laid = layOut(font, text);
    const natural = laid.width * size;
    if (natural <= 0) return;
    const squeeze = Math.max(1, Math.min(1000, (boxW / natural) * 100));
    ops.push(
      `${fontKey} ${num(size)} Tf`,
      `${num(squeeze)} Tz`,
      `1 0 0 1 ${num(w.x0 * sx)} ${num(p.heightPt - at.base * sy)} Tm`,
      `${laid.encoded} Tj`,
    );
  });
  ops.push('ET', 'Q', '');
  const ctx = page.doc.context;
  const stream = ctx.stream(zlib.deflateSync(Buffer.from(ops.join('\n'), 'latin1')), {
    Filter: 'FlateDecode',
  });
  page.node.addContentStream(ctx.register(stream));
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/**
 * Each word's font size and baseline, in the words' pixels. All lines of an OCR paragraph get
 * one size (0.85 of the paragraph's median line height) and, when their baselines lie close to
 * a straight progression, exactly regular pitch: pdftotext (and viewers) then join a column's
 * lines into one block instead of sorting lines of varying size across the page, which
 * interleaved two-column pages (issue 18, p10). Words without a paragraph (older OCR results)
 * keep one size per line, as before.
 */
export function layerLines(words: LayerWord[]): { size: number; base: number }[] {
  interface Line {
    h: number;
    base: number;
  }
  const groups = new Map<string, Map<string, Line>>();
  const keys = words.map((w) => {
    const lineKey = w.line !== undefined ? `l${w.line}` : `y${w.y0},${w.y1}`;
    const groupKey = w.para !== undefined ? `p${w.para}` : lineKey;
    let g = groups.get(groupKey);
    if (!g) groups.set(groupKey, (g = new Map()));
    if (!g.has(lineKey)) {
      const h = w.y1 - w.y0;
      // The OCR's baseline of the line, or a little above the bottom of its box (descenders).
      g.set(lineKey, { h, base: w.base ?? w.y1 - h * 0.15 });
    }
    return [groupKey, lineKey] as const;
  });
  const placed = new Map<string, { size: number; base: Map<string, number> }>();
  for (const [gk, g] of groups) {
    const ls = [...g.values()];
    const h = median(ls.map((l) => l.h));
    let size = h * 0.85;
    const base = new Map([...g.keys()].map((k, i) => [k, ls[i]!.base]));
    if (ls.length >= 2) {
      // Least squares: base = a + b·i; used when no line is off it by more than a third of the size.
      const n = ls.length;
      const mi = (n - 1) / 2;
      const mb = ls.reduce((s, l) => s + l.base, 0) / n;
      let num = 0;
      let den = 0;
      ls.forEach((l, i) => {
        num += (i - mi) * (l.base - mb);
        den += (i - mi) ** 2;
      });
      const b = num / den;
      const fit = ls.map((_, i) => mb + b * (i - mi));
      if (b > 0 && ls.every((l, i) => Math.abs(l.base - fit[i]!) < size / 3)) {
        [...g.keys()].forEach((k, i) => base.set(k, fit[i]!));
        // pdftotext keeps lines in one block while their pitch is under 1.5 × the font size:
        // the size is at least pitch / 1.4 (a line box a little taller than the OCR's, at most
        // 1.1 × it; set text has its pitch at 1.2–1.5 × its size).
        size = Math.max(size, Math.min(b / 1.4, h * 1.1));
      }
    }
    placed.set(gk, { size, base });
  }
  return keys.map(([gk, lk]) => {
    const g = placed.get(gk)!;
    return { size: g.size, base: g.base.get(lk)! };
  });
}

export interface OutlineItem {
  title: string;
  /** Index of the section's first page in the document. */
  pageIndex: number;
}

/** A flat outline (bookmarks): one item per dossier component. */
export function addOutline(doc: PDFDocument, items: OutlineItem[]): void {
  if (!items.length) return;
  const ctx = doc.context;
  const pages = doc.getPages();
  const rootRef = ctx.nextRef();
  const refs = items.map(() => ctx.nextRef());
  items.forEach((it, i) => {
    const page = pages[Math.min(it.pageIndex, pages.length - 1)]!;
    const dict = ctx.obj({}) as PDFDict;
    dict.set(PDFName.of('Title'), PDFHexString.fromText(it.title));
    dict.set(PDFName.of('Parent'), rootRef);
    if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < refs.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
    const dest = PDFArray.withContext(ctx);
    dest.push(page.ref);
    dest.push(PDFName.of('Fit'));
    dict.set(PDFName.of('Dest'), dest);
    ctx.assign(refs[i]!, dict);
  });
  const root = ctx.obj({}) as PDFDict;
  root.set(PDFName.of('Type'), PDFName.of('Outlines'));
  root.set(PDFName.of('First'), refs[0]!);
  root.set(PDFName.of('Last'), refs[refs.length - 1]!);
  root.set(PDFName.of('Count'), PDFNumber.of(refs.length));
  ctx.assign(rootRef, root);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
