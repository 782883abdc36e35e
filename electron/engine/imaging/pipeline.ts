import crypto from 'node:crypto';
import { StationError } from '../../../shared/api/errors';
import { recognizeBanded } from '../ocr/bands';
import type { OcrPool, OcrResult } from '../ocr/pool';
import type { PageFile, PdfPageInput } from '../pdf/assemble';
import type { PreparedPage } from '../pdf/pdfa';
import { type PdfPageRaster, scannedPdfPage } from '../pdf/raster';
import {
  analyzePage,
  type CleanupChoices,
  decodeImage,
  DEFAULT_CHOICES,
  type PageAnalysis,
  type RawImage,
} from './cleanup';
import { type Cleaner, inThread } from './cleanup-client';
import { prepareForPdf } from './pdf-image';
import { type StageTimes, timeStage } from './stages';

/** Bumped whenever the analysis changes, so cached results are recomputed. */
export const ANALYSIS_VERSION = 3;
/** Below this OSD confidence a page keeps the way it was scanned. */
const OSD_MIN_CONFIDENCE = 2;
/**
 * The resolution pages are read at. 200 dpi, not 300: measured in one run (`npm run bench:ocr --
 * --variant …`, `npm run bench:ocr-models`, 2026-12-07), the best_int Vietnamese model read the
 * bench's pages faster (OCR busy time 28 s vs 50 s) and better (CER 0.19 % vs 0.38 %; 9 pt text
 * 0.08 % vs 0.27 %). `SOHOA_OCR_DPI` overrides it for those comparisons.
 */
const OCR_DPI = Number(process.env.SOHOA_OCR_DPI) || 200;
/**
 * A scan below OCR_DPI is read at its own resolution (not under this floor): upsampling a 150 dpi
 * scan to 200 doubled its CER in `npm run bench:ocr -- --only p15 --variant …` (0.28 % vs 0.14 %).
 */
const OCR_MIN_DPI = 150;

/** The resolution a page scanned at `scanDpi` is read at. */
export const ocrDpi = (scanDpi: number): number =>
  Math.min(OCR_DPI, Math.max(OCR_MIN_DPI, Math.round(scanDpi) || OCR_DPI));

/** Skew, border, blank and colour; then, with OCR at hand, which way up the text is. */
export async function analyze(
  img: RawImage,
  pool: OcrPool | null,
  group = '',
  times?: StageTimes,
  cleaner: Cleaner = inThread,
): Promise<PageAnalysis> {
  const a = await timeStage(times, 'analysis', () => cleaner.analyze(img));
  if (!pool || a.blank) return a;
  await orient(img, a, pool, group, times, cleaner);
  return a;
}

/** Asks OSD which way up the text is and sets `a.orientation` when it is sure enough. */
async function orient(
  img: RawImage,
  a: PageAnalysis,
  pool: OcrPool,
  group: string,
  times?: StageTimes,
  cleaner: Cleaner = inThread,
): Promise<void> {
  // OSD reads the straightened page at ~150 dpi.
  const { png } = await timeStage(times, 'cleanup', () =>
    cleaner.grey(img, a, { ...DEFAULT_CHOICES, orient: false }, 150),
  );
  try {
    const o = await timeStage(times, 'osd', () => pool.orientation(png, group, 150));
    a.orientationConfidence = Math.round(o.confidence * 100) / 100;
    if (o.confidence >= OSD_MIN_CONFIDENCE) a.orientation = o.degrees;
  } catch (err) {
    if (err instanceof Error && err.name === 'OcrCancelled') throw err;
    // A page OSD cannot read (too little text) stays as scanned.
  }
}

/**
 * A first reading this sure of itself, over this many words, says the page is
 * upright: tesseract reads a turned page as a few low-confidence fragments.
 */
export const UPRIGHT_CONFIDENCE = 75;
export const UPRIGHT_MIN_WORDS = 20;

export const looksUpright = (r: OcrResult): boolean =>
  r.confidence >= UPRIGHT_CONFIDENCE && r.words.length >= UPRIGHT_MIN_WORDS;

/**
 * Reads the page as scanned first and asks OSD only when that reading says the
 * page may be turned; a turned page is read again upright. Sets `a.orientation`.
 */
export async function readUpright(
  img: RawImage,
  a: PageAnalysis,
  ch: CleanupChoices,
  pool: OcrPool,
  group = '',
  times?: StageTimes,
  cleaner: Cleaner = inThread,
  firstPage?: FirstPage,
): Promise<OcrResult> {
  const first = await ocr(img, { ...a, orientation: 0 }, ch, pool, group, times, cleaner, firstPage);
  if (looksUpright(first)) return first;
  await orient(img, a, pool, group, times, cleaner);
  if (!a.orientation || !ch.orient) return first;
  return ocr(img, a, ch, pool, group, times, cleaner, firstPage);
}

/**
 * The first page of the dossier on screen: read in bands on all the OCR workers
 * (`../ocr/bands.ts`), the text read so far handed to `onPartial` as each band comes back —
 * only while it reads like upright text (a turned page's fragments are never shown).
 */
export interface FirstPage {
  onPartial: (r: OcrResult) => void;
  /** The page's bands are queued for the workers. */
  onQueued?: () => void;
}

/** A partial reading this sure of itself is shown; below, it may be a turned page's fragments. */
const PARTIAL_MIN_CONFIDENCE = UPRIGHT_CONFIDENCE;

/** The languages the station's OCR reads. */
export const OCR_LANGS = 'vie+eng';

/** What a page's version is made of: the page, its raw scan, and what cleanup knows and was told. */
export interface PageVersion {
  id: string;
  rawBlob: string;
  frame: number;
  /** The clerk's quarter turns. */
  rotation: number;
  /** The imaging room's analysis and the clerk's cleanup choices; null while the page was never looked at. */
  cleanup: { analysis: PageAnalysis | null; choices: CleanupChoices } | null;
}

const isDefault = (ch: CleanupChoices): boolean =>
  ch.deskew === DEFAULT_CHOICES.deskew &&
  ch.orient === DEFAULT_CHOICES.orient &&
  ch.crop === DEFAULT_CHOICES.crop &&
  ch.colour === DEFAULT_CHOICES.colour;

/**
 * The one key of a page's version (docs/architecture.md, "one page pipeline"),
 * as seen by what is made of it:
 * - `pdf`: the page in a component PDF — which page, its turn and the clerk's
 *   cleanup choices. The documents room compares these to tell a current PDF
 *   from an outdated one.
 * - `ocr`: the pixels OCR reads — the raw scan, the geometry cleanup applies
 *   and the languages; not the turn nor the colour, so turning a page does
 *   not read it again.
 * The encodings are the ones stations already stored (`component_pdfs.pages_key`
 * is built from the `pdf` keys, `pages.ocr.key` is the `ocr` key), so an
 * upgrade keeps PDFs current and OCR results cached.
 */
export function pageVersionKey(p: PageVersion, of: 'pdf' | 'ocr', langs = OCR_LANGS): string {
  const ch = p.cleanup?.choices ?? DEFAULT_CHOICES;
  if (of === 'pdf') {
    const choices = isDefault(ch) ? '' : `d${+ch.deskew}o${+ch.orient}c${+ch.crop}${ch.colour ?? ''}`;
    return `${p.id}:${p.rotation}${choices ? `:${choices}` : ''}`;
  }
  const a = p.cleanup?.analysis;
  const geometry = {
    skew: ch.deskew ? (a?.skewDeg ?? 0) : 0,
    orient: ch.orient ? (a?.orientation ?? 0) : 0,
    crop: ch.crop ? (a?.crop ?? null) : null,
  };
  return crypto
    .createHash('sha256')
    .update(JSON.stringify({ rawBlob: p.rawBlob, frame: p.frame, geometry, langs, v: ANALYSIS_VERSION }))
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
  times?: StageTimes,
  cleaner: Cleaner = inThread,
  firstPage?: FirstPage,
): Promise<OcrResult> {
  // Read at OCR_DPI, or at the scan's own resolution below it (the PDF keeps its own).
  const c = await timeStage(times, 'cleanup', () => cleaner.grey(img, a, ch, ocrDpi(img.dpi)));
  const png = c.png;
  const r = await timeStage(times, 'ocr', () =>
    firstPage
      ? recognizeBanded(pool, png, {
          group,
          dpi: c.dpi,
          onQueued: firstPage.onQueued,
          onPartial: (p) => {
            if (p.confidence >= PARTIAL_MIN_CONFIDENCE && p.words.length) firstPage.onPartial(p);
          },
        })
      : pool.recognize(png, group, c.dpi),
  );
  return { ...r, width: c.width, height: c.height };
}

/** Bytes the page's image takes in the PDF. */
export const imageBytes = (p: PreparedPage): number =>
  p.image.kind === 'jpeg' ? p.image.bytes.length : p.image.data.length;

/** Above this share of ink a page is refused: a scanner with its lid open gives an all-black page. */
const ALL_BLACK_INK = 0.9;

/** The all-black-page rule: such a page is a failed capture, never a page of the dossier. */
export function refuseAllBlack(a: PageAnalysis, name: string): void {
  if (a.ink > ALL_BLACK_INK) throw new StationError('image_all_black', { name });
}

/** One page as it comes in: a frame of an image file, or a page of a PDF file. */
export interface PageSource extends PageFile {
  /** The file's name, for messages. */
  name: string;
  /** What is already known of the page (the imaging room's cache); nothing for a fresh page. */
  known?: {
    /** A scanned PDF page's rendering. */
    raster?: PdfPageRaster | null;
    /** The PDF page carries its own text. */
    textPage?: boolean;
    analysis?: PageAnalysis | null;
    /** OCR words that belong to this version of the page. */
    words?: OcrResult | null;
  };
}

/** What a page is: a PDF page with its own text (kept as it is), a scanned PDF page, or an image. */
export type Triage =
  | { kind: 'pdf'; img: RawImage; raster: null }
  | { kind: 'pdf-scan'; img: RawImage; raster: PdfPageRaster }
  | { kind: 'image'; img: RawImage; raster: null };

/** Tells a text PDF page, a scanned PDF page (rendered at its own resolution) and an image apart. */
export async function triage(
  src: Pick<PageSource, 'bytes' | 'mime' | 'frame' | 'dpi' | 'known'>,
): Promise<Triage> {
  const own: RawImage = { bytes: src.bytes, frame: src.frame, dpi: src.dpi };
  if (src.mime !== 'application/pdf') return { kind: 'image', img: own, raster: null };
  const known = src.known?.raster;
  if (known) return { kind: 'pdf-scan', img: { bytes: known.png, frame: 0, dpi: known.dpi }, raster: known };
  if (src.known?.textPage) return { kind: 'pdf', img: own, raster: null };
  const raster = await scannedPdfPage(src.bytes, src.frame);
  if (!raster) return { kind: 'pdf', img: own, raster: null };
  return { kind: 'pdf-scan', img: { bytes: raster.png, frame: 0, dpi: raster.dpi }, raster };
}

export interface ProcessOptions {
  /** Read the page when its words are not known (needs a pool). */
  ocr?: boolean;
  /** A blank page is left out of the PDF. */
  dropBlank?: boolean;
  /** The OCR pool's group (the dossier), so a dossier's work can be cancelled or put first. */
  group?: string;
  /** Where each stage's time is added (the CLI's `--json` report, the benchmark). */
  times?: StageTimes;
}

export interface ProcessedPage {
  kind: Triage['kind'];
  raster: PdfPageRaster | null;
  /** null for a text PDF page, which is not analysed. */
  analysis: PageAnalysis | null;
  words: OcrResult | null;
  /** The page as it goes into the PDF; null when a blank page was dropped. */
  page: PdfPageInput | null;
}

/** The page's analysis (orientation included) and its words, from what is known or worked out. */
async function analyzeAndRead(
  src: PageSource,
  img: RawImage,
  choices: CleanupChoices,
  pool: OcrPool | null,
  opts: ProcessOptions,
): Promise<{ a: PageAnalysis; words: OcrResult | null }> {
  const known = src.known?.analysis;
  const a = known ?? (await timeStage(opts.times, 'analysis', () => analyzePage(img)));
  refuseAllBlack(a, src.name);
  const words = src.known?.words ?? null;
  if (!pool || a.blank) return { a, words };
  const read = opts.ocr !== false && !words;
  if (known) return { a, words: read ? await ocr(img, a, choices, pool, opts.group, opts.times) : words };
  if (read) return { a, words: await readUpright(img, a, choices, pool, opts.group, opts.times) };
  await orient(img, a, pool, opts.group ?? '', opts.times);
  return { a, words };
}

/**
 * The one page pipeline (docs/architecture.md): triage, analysis, the
 * all-black-page rule, OCR, and the page as it goes into the PDF. With a
 * pool the analysis asks OSD which way up the text is and the page is read;
 * without one (assembling while the background work is not done) the quick
 * analysis is used and only words already known go in.
 */
export async function processPage(
  src: PageSource,
  choices: CleanupChoices,
  pool: OcrPool | null,
  opts: ProcessOptions = {},
): Promise<ProcessedPage> {
  const times = opts.times;
  const t = await timeStage(times, 'decode', () => triage(src));
  const base = {
    mime: src.mime,
    frame: src.frame,
    width: src.width,
    height: src.height,
    dpi: src.dpi,
    rotation: src.rotation,
  };
  if (t.kind === 'pdf')
    return { kind: 'pdf', raster: null, analysis: null, words: null, page: { ...base, bytes: src.bytes } };
  const img = await timeStage(times, 'decode', () => decodeImage(t.img));
  const { a, words } = await analyzeAndRead(src, img, choices, pool, opts);
  const drop = a.blank && !!opts.dropBlank;
  if (drop) return { kind: t.kind, raster: t.raster, analysis: a, words, page: null };
  const prepared = await timeStage(times, 'compression', () => prepareForPdf(img, a, choices, words));
  const page: PdfPageInput = t.raster
    ? {
        ...base,
        bytes: Buffer.alloc(0),
        mime: 'image/png',
        frame: 0,
        width: t.raster.width,
        height: t.raster.height,
        dpi: t.raster.dpi,
        prepared,
      }
    : { ...base, bytes: Buffer.alloc(0), prepared };
  return { kind: t.kind, raster: t.raster, analysis: a, words, page };
}
