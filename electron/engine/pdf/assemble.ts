import crypto from 'node:crypto';
import { PDFDocument, degrees } from 'pdf-lib';
import sharp from 'sharp';
import { MAX_INPUT_PIXELS } from './ingest';
import {
  addOutline,
  addPreparedPage,
  embedTextFont,
  makePdfA,
  type OutlineItem,
  type PreparedPage,
} from './pdfa';

/** A page as it is stored: the file it came in, which frame of it, its size and resolution, the clerk's turns. */
export interface PageFile {
  /** The whole file: an image (JPEG, PNG, TIFF) or a PDF. */
  bytes: Buffer;
  mime: string;
  frame: number;
  width: number;
  height: number;
  dpi: number;
  /** The clerk's quarter turns, applied by the PDF page. */
  rotation: number;
}

export interface PdfPageInput extends PageFile {
  /** The cleaned page with its OCR words (imaging room); when absent the raw scan goes in as it is. */
  prepared?: PreparedPage;
}

export interface PdfInfo {
  title: string;
  subject: string;
  keywords: string[];
}

/**
 * What goes into the PDF for one page. A plain JPEG passes through untouched
 * (no re-encoding, no quality loss); anything else is decoded with EXIF
 * orientation applied and written losslessly as PNG.
 */
async function embeddable(page: PdfPageInput): Promise<{ kind: 'jpg' | 'png'; bytes: Buffer }> {
  if (page.mime === 'image/jpeg') {
    const meta = await sharp(page.bytes).metadata();
    if ((meta.orientation ?? 1) === 1 && meta.space !== 'cmyk') return { kind: 'jpg', bytes: page.bytes };
  }
  const png = await sharp(page.bytes, { page: page.frame, limitInputPixels: MAX_INPUT_PIXELS })
    .autoOrient()
    .toColourspace('srgb')
    .png({ compressionLevel: 6 })
    .toBuffer();
  return { kind: 'png', bytes: png };
}

/**
 * One PDF/A-2b page per scan, at the scan's true physical size, turned as the
 * clerk set it; cleaned pages carry an invisible text layer. `outline` adds a
 * bookmark per section (the whole-dossier PDF: one per component).
 */
export async function assemblePdf(
  pages: PdfPageInput[],
  info: PdfInfo,
  now = new Date(),
  outline: OutlineItem[] = [],
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = pages.some((p) => p.prepared?.words.length) ? await embedTextFont(doc) : null;
  const pdfSources = new Map<string, PDFDocument>();
  for (const p of pages) {
    if (p.prepared) {
      const page = addPreparedPage(doc, p.prepared, font);
      if (p.rotation) page.setRotation(degrees(p.rotation));
      continue;
    }
    if (p.mime === 'application/pdf') {
      await copyPdfPage(doc, p, pdfSources);
      continue;
    }
    const img = await embeddable(p);
    const image = img.kind === 'jpg' ? await doc.embedJpg(img.bytes) : await doc.embedPng(img.bytes);
    const w = (p.width / p.dpi) * 72;
    const h = (p.height / p.dpi) * 72;
    const page = doc.addPage([w, h]);
    page.drawImage(image, { x: 0, y: 0, width: w, height: h });
    if (p.rotation) page.setRotation(degrees(p.rotation));
  }
  addOutline(doc, outline);
  await makePdfA(doc, info, now);
  return doc.save({ useObjectStreams: false });
}

/**
 * A page imported from a PDF goes in as it was (its text, vectors and fonts),
 * copied from the original file kept as the page's raw bytes (`frame` = page index).
 */
async function copyPdfPage(
  doc: PDFDocument,
  p: PdfPageInput,
  sources: Map<string, PDFDocument>,
): Promise<void> {
  const key = crypto.createHash('sha256').update(p.bytes).digest('hex');
  let src = sources.get(key);
  if (!src) {
    src = await PDFDocument.load(p.bytes, { updateMetadata: false });
    sources.set(key, src);
  }
  const [page] = await doc.copyPages(src, [p.frame]);
  if (!page) throw new Error(`PDF page ${p.frame} missing`);
  doc.addPage(page);
  if (p.rotation) page.setRotation(degrees((page.getRotation().angle + p.rotation) % 360));
}
