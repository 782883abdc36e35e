/**
 * The bad-input corpus (test/fixtures/bad/): real damaged files as they reach a counter —
 * a scan cut off when a cable is pulled, a file closed by a driver that stopped mid-page,
 * zero-length and foreign files, decompression bombs, PDFs that lost a part. Each one is
 * made here from a good file, so the corpus can be regenerated and grown:
 *   npx tsx test/helpers/bad-corpus.ts        (writes test/fixtures/bad/ and its corpus.json)
 * Every bug found with a bad file adds a maker and an entry here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { hugePngHeader, scanImage } from './images';

export const CORPUS_DIR = fileURLToPath(new URL('../fixtures/bad/', import.meta.url));

/** One bad file and what each importer must answer. */
export interface BadFile {
  file: string;
  what: string;
  /** The code `sohoa pdf` and `scan.import` (images and PDFs) answer. */
  code: string;
  /** The code `dossier.addPages` (page images only) answers; the same as `code` unless said. */
  imageCode?: string;
}

/** A 200 dpi A4 page of text lines as a scanner's JPEG (≈ 31 KB). */
const page = () => scanImage('jpeg', { width: 1654, height: 2339, dpi: 200 });

/** The chunk of a PNG named `type`: where its data starts and how long it is. */
function pngChunk(png: Buffer, type: string): { data: number; length: number } {
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === type) return { data: at + 8, length };
    at += 12 + length;
  }
  throw new Error(`no ${type} chunk`);
}

/** A JPEG whose frame header says width × height (its data is a small page's): a bomb by its header. */
function jpegBomb(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  for (let at = 2; at < out.length;) {
    const marker = out[at + 1]!;
    const length = out.readUInt16BE(at + 2);
    if (marker === 0xc0 || marker === 0xc2) {
      out.writeUInt16BE(height, at + 5);
      out.writeUInt16BE(width, at + 7);
      return out;
    }
    at += 2 + length;
  }
  throw new Error('no SOF');
}

/** A PDF written object by object with a correct xref: only what the maker damages is wrong. */
export function writePdf(objects: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  for (const [i, o] of objects.entries()) {
    const body = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof o === 'string' ? Buffer.from(o, 'latin1') : o,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    offsets.push(at);
    parts.push(body);
    at += body.length;
  }
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(at),
    '%%EOF',
    '',
  ].join('\n');
  return Buffer.concat([...parts, Buffer.from(xref, 'latin1')]);
}

const stream = (dict: string, data: Buffer) =>
  Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream', 'latin1'),
  ]);

/** One A4 page drawn from `content` (Flate) with the JPEG `image` as /Im1. */
function scanPdf(content: Buffer, image: Buffer, width: number, height: number): Buffer {
  return writePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
    stream('/Filter /FlateDecode', content),
    stream(
      `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode`,
      image,
    ),
  ]);
}

const DRAW = zlib.deflateSync(Buffer.from('q 595 0 0 842 0 0 cm /Im1 Do Q\n', 'latin1'));

/** The good files the bad ones are made from. */
export async function goodFiles(): Promise<{ jpeg: Buffer; png: Buffer; tiff: Buffer; pdf: Buffer }> {
  const jpeg = await page();
  const png = await scanImage('png', { width: 1654, height: 2339, dpi: 200 });
  const tiff = await scanImage('tiff', { width: 1654, height: 2339, dpi: 200 });
  return { jpeg, png, tiff, pdf: scanPdf(DRAW, jpeg, 1654, 2339) };
}

type Maker = BadFile & { make: (g: Awaited<ReturnType<typeof goodFiles>>) => Buffer | Promise<Buffer> };

const MAKERS: Maker[] = [
  {
    file: 'cut-20k.jpg',
    what: 'a scanner JPEG cut off after its first 20 KB (cable pulled)',
    code: 'image_truncated',
    make: (g) => g.jpeg.subarray(0, 20 * 1024),
  },
  {
    file: 'cut-closed.jpg',
    what: 'the same, closed with an end marker (a driver that stops mid-page and finishes the file)',
    code: 'image_truncated',
    make: (g) => Buffer.concat([g.jpeg.subarray(0, 20 * 1024), Buffer.from([0xff, 0xd9])]),
  },
  {
    file: 'garbled.jpg',
    what: 'a JPEG with 200 bytes garbled in its image data',
    code: 'image_truncated',
    make: (g) => {
      const b = Buffer.from(g.jpeg);
      for (let i = 15_000; i < 15_200; i++) b[i] = (i * 31) & 0xff;
      return b;
    },
  },
  { file: 'zero-length.jpg', what: 'an empty file', code: 'file_empty', make: () => Buffer.alloc(0) },
  {
    file: 'wrong-magic.jpg',
    what: 'a text file named .jpg',
    code: 'image_unsupported',
    make: () => Buffer.from('Đây không phải ảnh quét.\n'),
  },
  {
    file: 'bad-crc.png',
    what: 'a PNG whose image data fails its CRC',
    code: 'image_truncated',
    make: (g) => {
      const b = Buffer.from(g.png);
      const idat = pngChunk(b, 'IDAT');
      b[idat.data + idat.length] = b[idat.data + idat.length]! ^ 0xff;
      return b;
    },
  },
  {
    file: 'cut.png',
    what: 'a PNG cut in the middle of its image data',
    code: 'image_truncated',
    make: (g) => g.png.subarray(0, Math.floor(g.png.length / 2)),
  },
  {
    file: 'cut.tif',
    what: 'a TIFF cut in half (its directory lost)',
    code: 'image_truncated',
    make: (g) => g.tiff.subarray(0, Math.floor(g.tiff.length / 2)),
  },
  {
    file: 'bomb.png',
    what: 'a PNG whose header claims 30000 × 30000 pixels',
    code: 'image_too_large',
    make: () => hugePngHeader(30000, 30000),
  },
  {
    file: 'bomb.jpg',
    what: 'a JPEG whose frame header claims 65000 × 65000 pixels',
    code: 'image_too_large',
    make: (g) => jpegBomb(g.jpeg, 65000, 65000),
  },
  {
    file: 'broken-xref-cut-content.pdf',
    what: 'a PDF that lost the end of its content stream: broken xref, cut stream (issue 19)',
    code: 'pdf_damaged',
    imageCode: 'image_unsupported',
    make: (g) => {
      const s = g.pdf.toString('latin1');
      const start = s.indexOf('stream\n', s.indexOf('4 0 obj')) + 7;
      return Buffer.concat([g.pdf.subarray(0, start + 12), g.pdf.subarray(s.indexOf('endstream', start))]);
    },
  },
  {
    file: 'cut-content.pdf',
    what: 'a PDF with a correct xref whose page content stream is cut (its /Length fits the cut)',
    code: 'pdf_page_damaged',
    imageCode: 'image_unsupported',
    make: (g) => scanPdf(DRAW.subarray(0, 12), g.jpeg, 1654, 2339),
  },
  {
    file: 'cut-scan.pdf',
    what: 'a PDF with a correct xref whose scanned page image is a JPEG cut at 20 KB',
    code: 'pdf_page_damaged',
    imageCode: 'image_unsupported',
    make: (g) => scanPdf(DRAW, g.jpeg.subarray(0, 20 * 1024), 1654, 2339),
  },
  {
    file: 'cut-tail.pdf',
    what: 'a PDF download cut off at half',
    code: 'pdf_corrupt',
    imageCode: 'image_unsupported',
    make: (g) => g.pdf.subarray(0, Math.floor(g.pdf.length / 2)),
  },
  {
    file: 'zero-length.pdf',
    what: 'an empty file named .pdf',
    code: 'file_empty',
    make: () => Buffer.alloc(0),
  },
];

/** Every bad file with its bytes, made afresh. */
export async function makeBadCorpus(): Promise<(BadFile & { bytes: Buffer })[]> {
  const g = await goodFiles();
  return Promise.all(
    MAKERS.map(async ({ make, ...entry }) => ({ ...entry, bytes: Buffer.from(await make(g)) })),
  );
}

/** The committed corpus: test/fixtures/bad/corpus.json and its files. */
export function readBadCorpus(): (BadFile & { path: string })[] {
  const list = JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, 'corpus.json'), 'utf8')) as BadFile[];
  return list.map((e) => ({ ...e, path: path.join(CORPUS_DIR, e.file) }));
}

/** A good PDF of one scanned page, made the way the bad ones are (for the control case). */
export async function goodScanPdf(): Promise<Buffer> {
  return (await goodFiles()).pdf;
}

/** pdf-lib reads the good PDF (the makers' PDF writer is sound). */
export async function pdfLibReads(bytes: Buffer): Promise<number> {
  return (await PDFDocument.load(bytes)).getPageCount();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const corpus = await makeBadCorpus();
  fs.mkdirSync(CORPUS_DIR, { recursive: true });
  for (const e of corpus) fs.writeFileSync(path.join(CORPUS_DIR, e.file), e.bytes);
  const manifest = corpus.map(({ bytes: _bytes, ...e }) => e);
  fs.writeFileSync(path.join(CORPUS_DIR, 'corpus.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`${corpus.length} files in ${CORPUS_DIR}`);
}
