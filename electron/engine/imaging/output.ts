import sharp from 'sharp';
import type { OcrResult } from '../ocr/pool';
import type { PdfPageInput } from '../pdf/assemble';
import { renderPdfPage } from '../pdf/raster';
import type { BlobStore } from '../store';
import { cleanPage, DEFAULT_CHOICES, type RawImage } from './cleanup';
import { MAX_INPUT_PIXELS } from '../pdf/ingest';
import { ANALYSIS_VERSION, pageVersionKey, processPage, refuseAllBlack } from './pipeline';
import { decodePrepared } from './pdf-image';
import { currentPrepared } from './prepared';
import type { StageTimes } from './stages';
import { type CleanupRecord, type OcrRecord, type PageRow, pageVersion, parse } from './records';

/** The image a page's cleanup and OCR work on (a scanned PDF page: its rendering). */
export function imageOf(blobs: BlobStore, r: PageRow, c: CleanupRecord | null): RawImage {
  if (c?.raster) return { bytes: blobs.get(c.raster.blob), frame: 0, dpi: c.raster.dpi };
  return { bytes: blobs.get(r.raw_blob), frame: r.frame, dpi: r.dpi };
}

/**
 * A page as it goes into a PDF: through the one page pipeline, cleaned as the
 * clerk kept it, with the OCR words that are ready — OCR still running is not
 * waited for; the page then has no text yet. A PDF page with its own text
 * passes through; an all-black page is refused (`image_all_black`).
 */
export async function pdfPageOf(
  blobs: BlobStore,
  r: PageRow,
  times?: StageTimes,
): Promise<PdfPageInput | null> {
  const c = parse<CleanupRecord>(r.cleanup);
  const current = !!c && c.v === ANALYSIS_VERSION;
  const analysis = current ? c.analysis : null;
  const o = parse<OcrRecord>(r.ocr);
  const words =
    o && analysis && o.key === pageVersionKey(pageVersion(r), 'ocr')
      ? (JSON.parse(blobs.get(o.blob).toString('utf8')) as OcrResult)
      : null;
  // Made ahead in the background: the page goes in as it was compressed then, nothing decoded.
  const ahead = current ? currentPrepared(r, c) : null;
  if (ahead && c?.analysis) {
    refuseAllBlack(c.analysis, r.source_name);
    const size = c.raster ?? r;
    return {
      bytes: Buffer.alloc(0),
      mime: c.raster ? 'image/png' : r.mime,
      frame: c.raster ? 0 : r.frame,
      width: size.width,
      height: size.height,
      dpi: size.dpi,
      rotation: r.rotation,
      prepared: decodePrepared(blobs.get(ahead.blob), words),
    };
  }
  const raster = c?.raster ? { ...c.raster, png: blobs.get(c.raster.blob) } : null;
  const done = await processPage(
    {
      bytes: blobs.get(r.raw_blob),
      mime: r.mime,
      frame: r.frame,
      width: r.width,
      height: r.height,
      dpi: r.dpi,
      rotation: r.rotation,
      name: r.source_name,
      known: { raster, textPage: current && !!c.pdfText, analysis, words },
    },
    c?.choices ?? DEFAULT_CHOICES,
    null,
    { times },
  );
  return done.page;
}

/** A JPEG of the page, as scanned or as cleaned, for the clerk's screen: small, or `large` for the page viewer. */
export async function previewOf(
  blobs: BlobStore,
  r: PageRow,
  cleaned: boolean,
  large = false,
): Promise<string> {
  const dpi = large ? 120 : 60;
  const [w, h] = large ? [1000, 1414] : [480, 680];
  const c = parse<CleanupRecord>(r.cleanup);
  if (r.mime === 'application/pdf' && !c?.raster) {
    // A text page (or one not looked at yet): the page as imported.
    const png = await renderPdfPage(blobs.get(r.raw_blob), r.frame, dpi);
    const jpg = await sharp(png).flatten({ background: '#ffffff' }).jpeg({ quality: 75 }).toBuffer();
    return `data:image/jpeg;base64,${jpg.toString('base64')}`;
  }
  const img = imageOf(blobs, r, c);
  const page = cleaned && c?.analysis ? (await cleanPage(img, c.analysis, c.choices, dpi)).image : null;
  const s = page ?? sharp(img.bytes, { page: img.frame, limitInputPixels: MAX_INPUT_PIXELS }).autoOrient();
  const jpg = await s
    .resize(w, h, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 75 })
    .toBuffer();
  return `data:image/jpeg;base64,${jpg.toString('base64')}`;
}
