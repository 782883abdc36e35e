import { EncryptedPDFError, PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { StationError } from '../../../../shared/api/errors';
import type { IngestedFrame } from '../../imaging/ingest';
import { loadMupdf, type Mupdf } from '../../pdf/raster';

const THUMB_SIZE = 320;
/** A PDF page is stored at 72 "dpi": its width and height are in points. */
const PDF_DPI = 72;

export const isPdf = (bytes: Buffer): boolean => bytes.subarray(0, 1024).includes('%PDF-');

/**
 * Checks a PDF and renders each page's thumbnail with mupdf. Each page becomes
 * one frame; the original PDF stays the page's raw bytes (frame = page index),
 * so the component PDF copies the page itself, not a picture of it.
 */
export async function ingestPdf(
  bytes: Buffer,
  name: string,
): Promise<{ mime: string; frames: IngestedFrame[] }> {
  if (bytes.length === 0) throw new StationError('file_empty', { name });
  const m = await loadMupdf();
  let doc: InstanceType<Mupdf['Document']>;
  try {
    doc = m.Document.openDocument(bytes, 'application/pdf');
  } catch (err) {
    throw new StationError('pdf_corrupt', { name }, String(err));
  }
  try {
    if (doc.needsPassword()) throw new StationError('pdf_encrypted', { name });
    // An encrypted PDF that opens without a password (owner password only) still cannot be
    // copied into the component PDF: pdf-lib, which assembles it, must be able to read it.
    try {
      await PDFDocument.load(bytes, { updateMetadata: false });
    } catch (err) {
      // pdf-lib's error class does not survive its CJS/ESM double packaging: match its name or words too.
      if (err instanceof EncryptedPDFError || /is encrypted/i.test(String(err)))
        throw new StationError('pdf_encrypted', { name }, String(err));
      throw new StationError('pdf_corrupt', { name }, String(err));
    }
    const count = doc.countPages();
    if (count === 0) throw new StationError('pdf_corrupt', { name }, 'no pages');
    const frames: IngestedFrame[] = [];
    for (let i = 0; i < count; i++) {
      const page = doc.loadPage(i);
      try {
        const [x0, y0, x1, y1] = page.getBounds();
        const w = x1 - x0;
        const h = y1 - y0;
        const scale = Math.min(2, THUMB_SIZE / Math.max(w, h));
        const pix = page.toPixmap(m.Matrix.scale(scale, scale), m.ColorSpace.DeviceRGB, false, true);
        const png = Buffer.from(pix.asPNG());
        pix.destroy();
        const thumbnail = await sharp(png)
          .flatten({ background: '#ffffff' })
          .jpeg({ quality: 72 })
          .toBuffer();
        frames.push({
          frame: i,
          width: Math.max(1, Math.round(w)),
          height: Math.max(1, Math.round(h)),
          dpi: PDF_DPI,
          thumbnail,
        });
      } catch (err) {
        if (err instanceof StationError) throw err;
        throw new StationError('pdf_corrupt', { name }, String(err));
      } finally {
        page.destroy();
      }
    }
    return { mime: 'application/pdf', frames };
  } finally {
    doc.destroy();
  }
}
