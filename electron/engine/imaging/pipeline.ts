import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { OcrPool, OcrResult } from '../ocr/pool';
import { g4Encode } from '../pdf/ccitt';
import type { PreparedPage } from '../pdf/pdfa';
import {
  analyzePage,
  type CleanupChoices,
  cleanPage,
  type ColourDecision,
  DEFAULT_CHOICES,
  outputDpi,
  type PageAnalysis,
  type RawImage,
  toBitonal,
} from './cleanup';

/** Bumped whenever the analysis changes, so cached results are recomputed. */
export const ANALYSIS_VERSION = 3;
/** Below this OSD confidence a page keeps the way it was scanned. */
const OSD_MIN_CONFIDENCE = 2;
/** Pages carrying colour or grey tones are written as JPEG at this resolution. */
const TONE_DPI = 200;
/** Resolution of the image OCR reads. */
const OCR_DPI = 300;

/** Skew, border, blank and colour; then, with OCR at hand, which way up the text is. */
export async function analyze(img: RawImage, pool: OcrPool | null, group = ''): Promise<PageAnalysis> {
  const a = await analyzePage(img);
  if (!pool || a.blank) return a;
  // OSD reads the straightened page at ~150 dpi.
  const c = await cleanPage(img, a, { ...DEFAULT_CHOICES, orient: false }, 150);
  const png = await c.image
    .greyscale()
    .withMetadata({ density: 150 })
    .png({ compressionLevel: 1 })
    .toBuffer();
  try {
    const o = await pool.orientation(png, group, 150);
    a.orientationConfidence = Math.round(o.confidence * 100) / 100;
    if (o.confidence >= OSD_MIN_CONFIDENCE) a.orientation = o.degrees;
  } catch (err) {
    if (err instanceof Error && err.name === 'OcrCancelled') throw err;
    // A page OSD cannot read (too little text) stays as scanned.
  }
  return a;
}

/** Identifies an OCR result: same raw page, same transforms, same languages → same words. */
export function ocrKey(
  rawBlob: string,
  frame: number,
  a: PageAnalysis,
  ch: CleanupChoices,
  langs: string,
): string {
  const geometry = {
    skew: ch.deskew ? a.skewDeg : 0,
    orient: ch.orient ? a.orientation : 0,
    crop: ch.crop ? a.crop : null,
  };
  return crypto
    .createHash('sha256')
    .update(JSON.stringify({ rawBlob, frame, geometry, langs, v: ANALYSIS_VERSION }))
    .digest('hex')
    .slice(0, 32);
}

/** Reads the cleaned page. The words' boxes are in the pixels of that cleaned image. */
export async function ocr(
  img: RawImage,
  a: PageAnalysis,
  ch: CleanupChoices,
  pool: OcrPool,
  group = '',
): Promise<OcrResult> {
  // Tesseract reads best at ~300 dpi: a 200 dpi scan is upsampled for reading (not for the PDF).
  const c = await cleanPage(img, a, ch, OCR_DPI);
  const png = await c.image
    .greyscale()
    .withMetadata({ density: c.dpi })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const r = await pool.recognize(png, group, c.dpi);
  return { ...r, width: c.width, height: c.height };
}

export const colourOf = (a: PageAnalysis, ch: CleanupChoices): ColourDecision => ch.colour ?? a.colour;

/**
 * The page as it goes into the PDF: bitonal text pages as 1-bit at 200–300 dpi,
 * grey pages as grey JPEG and colour pages (seal, signature, photo) as sRGB JPEG,
 * both at 200 dpi. Nothing is ever written below 200 dpi.
 */
export async function prepareForPdf(
  img: RawImage,
  a: PageAnalysis,
  ch: CleanupChoices,
  words: OcrResult | null,
): Promise<PreparedPage> {
  const colour = colourOf(a, ch);
  const dpi = colour === 'bitonal' ? outputDpi(img.dpi) : TONE_DPI;
  const c = await cleanPage(img, a, ch, dpi);
  const widthPt = (c.width / dpi) * 72;
  const heightPt = (c.height / dpi) * 72;
  let image: PreparedPage['image'];
  if (colour === 'bitonal') {
    const b = await toBitonal(c);
    const flate = zlib.deflateSync(b.packed, { level: 9 });
    const g4 = await g4Encode(b.packed, b.width, b.height);
    image =
      g4 && g4.length < flate.length
        ? { kind: 'bitonal', filter: 'g4', data: g4, width: b.width, height: b.height }
        : { kind: 'bitonal', filter: 'flate', data: flate, width: b.width, height: b.height };
  } else {
    const s = colour === 'grey' ? c.image.toColourspace('b-w') : c.image.toColourspace('srgb');
    // Paper noise costs JPEG bytes and carries nothing: a 3×3 median, then levels that
    // make the paper white (≥ 215 → 255) and keep ink and colours.
    const { data, info } = await s
      .removeAlpha()
      .median(3)
      .linear(255 / 185, (-30 * 255) / 185)
      .jpeg({ quality: colour === 'grey' ? 60 : 55, mozjpeg: true, chromaSubsampling: '4:2:0' })
      .toBuffer({ resolveWithObject: true });
    image = { kind: 'jpeg', bytes: data, width: info.width, height: info.height };
  }
  return {
    image,
    widthPt,
    heightPt,
    words: words?.words ?? [],
    wordsWidth: words?.width || c.width,
    wordsHeight: words?.height || c.height,
  };
}

/** Bytes the page's image takes in the PDF. */
export const imageBytes = (p: PreparedPage): number =>
  p.image.kind === 'jpeg' ? p.image.bytes.length : p.image.data.length;
