import { EncryptedPDFError, PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { StationError } from '../../../../shared/api/errors';
import type { IngestedFrame } from '../../pdf/ingest';
import { pageDamage } from '../../pdf/damage';
import { inspectPdf } from '../../pdf/raster';
import { xrefDamage } from '../../pdf/xref';

const THUMB_SIZE = 320;
/** A PDF page is stored at 72 "dpi": its width and height are in points. */
const PDF_DPI = 72;

export const isPdf = (bytes: Buffer): boolean => bytes.subarray(0, 1024).includes('%PDF-');

/**
 * Checks a PDF — whole (`pdf/xref.ts`) and every page's content readable to its end
 * (`pdf/damage.ts`) — and renders each page's thumbnail with PDFium (in its worker
 * thread). Each page becomes one frame; the original PDF stays the page's raw
 * bytes (frame = page index), so the component PDF can copy the page itself.
 */
export async function ingestPdf(
  bytes: Buffer,
  name: string,
): Promise<{ mime: string; frames: IngestedFrame[] }> {
  if (bytes.length === 0) throw new StationError('file_empty', { name });
  let inspected: Awaited<ReturnType<typeof inspectPdf>>;
  try {
    inspected = await inspectPdf(bytes, THUMB_SIZE);
  } catch (err) {
    throw new StationError('pdf_corrupt', { name }, String(err));
  }
  if (inspected.needsPassword) throw new StationError('pdf_encrypted', { name });
  // An encrypted PDF that opens without a password (owner password only) still cannot be
  // copied into the component PDF: pdf-lib, which assembles it, must be able to read it.
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (err) {
    // pdf-lib's error class does not survive its CJS/ESM double packaging: match its name or words too.
    if (err instanceof EncryptedPDFError || /is encrypted/i.test(String(err)))
      throw new StationError('pdf_encrypted', { name }, String(err));
    throw new StationError('pdf_corrupt', { name }, String(err));
  }
  if (inspected.pages.length === 0) throw new StationError('pdf_corrupt', { name }, 'no pages');
  // A file any reader would have to repair, or a page drawn from a cut stream, is named, never
  // passed on as a (blank or half) page.
  const xref = xrefDamage(bytes);
  if (xref) throw new StationError('pdf_damaged', { name }, xref);
  const page = await pageDamage(doc);
  if (page) throw new StationError('pdf_page_damaged', { name, page: page.page }, page.detail);
  const frames: IngestedFrame[] = [];
  for (const [i, page] of inspected.pages.entries()) {
    const { thumb } = page;
    const thumbnail = await sharp(
      Buffer.from(thumb.data.buffer, thumb.data.byteOffset, thumb.data.byteLength),
      {
        raw: { width: thumb.width, height: thumb.height, channels: 3 },
      },
    )
      .jpeg({ quality: 72 })
      .toBuffer();
    frames.push({
      frame: i,
      width: Math.max(1, Math.round(page.width)),
      height: Math.max(1, Math.round(page.height)),
      dpi: PDF_DPI,
      thumbnail,
    });
  }
  return { mime: 'application/pdf', frames };
}
