import sharp from 'sharp';
import type { OcrPool, OcrResult, OcrWord } from './pool';

/**
 * A page read in horizontal bands (issue 18, "first text on screen"): the cleaned page is cut
 * at blank row gaps (never through a text line), the top band small so its text comes back
 * in a second or two, the rest split across the OCR workers; the bands' words are put back
 * into the page's pixels, in reading order (top to bottom).
 */

/** A row with fewer dark pixels than this share of the width counts as blank (paper noise). */
const BLANK_ROW_SHARE = 0.002;
/** Below this grey level a pixel is ink. */
const INK_LEVEL = 128;
/** Text lines in the top band. */
export const TOP_BAND_LINES = 3;
/** A page with fewer lines than this is read whole: bands would not pay for themselves. */
const MIN_LINES = 8;

export interface Band {
  /** First row (inclusive) and last row (exclusive) in the page's pixels. */
  top: number;
  bottom: number;
}

/** Runs of non-blank rows: the page's text lines, top to bottom. */
export function textLines(grey: Uint8Array, width: number, height: number): Band[] {
  const min = Math.max(1, Math.round(width * BLANK_ROW_SHARE));
  const lines: Band[] = [];
  let start = -1;
  for (let y = 0; y < height; y++) {
    let ink = 0;
    const row = y * width;
    for (let x = 0; x < width; x++) if (grey[row + x]! < INK_LEVEL) ink++;
    if (ink >= min) {
      if (start < 0) start = y;
    } else if (start >= 0) {
      lines.push({ top: start, bottom: y });
      start = -1;
    }
  }
  if (start >= 0) lines.push({ top: start, bottom: height });
  return joinMarks(lines);
}

/**
 * Vietnamese tone marks and dots stand apart from their letters by a blank row or two: a run
 * much lower than the page's usual line joins the nearer of its neighbours (the one below when
 * as near: marks sit above their letters), so no cut ever goes between a mark and its letter.
 */
function joinMarks(runs: Band[]): Band[] {
  if (runs.length < 2) return runs;
  const heights = runs.map((r) => r.bottom - r.top).sort((a, b) => a - b);
  const usual = heights[Math.floor(heights.length * 0.75)]!;
  const small = (b: Band) => b.bottom - b.top < usual * 0.5;
  const out: Band[] = runs.map((r) => ({ ...r }));
  for (let i = 0; i < out.length; i++) {
    const r = out[i]!;
    if (!small(r) || out.length < 2) continue;
    const prev = out[i - 1];
    const next = out[i + 1];
    const up = prev ? r.top - prev.bottom : Infinity;
    const down = next ? next.top - r.bottom : Infinity;
    if (next && down <= up) {
      next.top = r.top;
      out.splice(i, 1);
    } else if (prev) {
      prev.bottom = r.bottom;
      out.splice(i, 1);
    }
    i--;
  }
  return out;
}

/**
 * True when the text stands in columns: some vertical strip in the middle of the page is
 * blank over the text's height. Such a page is read whole, so its columns keep their order.
 */
export function hasColumns(grey: Uint8Array, width: number, lines: Band[]): boolean {
  if (!lines.length) return false;
  const top = lines[0]!.top;
  const bottom = lines[lines.length - 1]!.bottom;
  const ink = new Uint32Array(width);
  for (let y = top; y < bottom; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) if (grey[row + x]! < INK_LEVEL) ink[x]!++;
  }
  // Where the text starts and ends across the page.
  let left = 0;
  while (left < width && ink[left] === 0) left++;
  let right = width - 1;
  while (right > left && ink[right] === 0) right--;
  const span = right - left;
  if (span <= 0) return false;
  const gutter = Math.max(4, Math.round(span * 0.02));
  let run = 0;
  for (let x = left + Math.round(span * 0.2); x < left + Math.round(span * 0.8); x++) {
    run = ink[x] === 0 ? run + 1 : 0;
    if (run >= gutter) return true;
  }
  return false;
}

/**
 * Where to cut: the top band (TOP_BAND_LINES lines), then the rest in `parts` bands, each of
 * about lines / parts lines but the last, which is read after the top band on the same worker. Each cut is in the middle of a blank gap.
 * One band (the whole page) when the page is short or in columns.
 */
export function planBands(grey: Uint8Array, width: number, height: number, parts: number): Band[] {
  const lines = textLines(grey, width, height);
  if (lines.length < MIN_LINES || hasColumns(grey, width, lines)) return [{ top: 0, bottom: height }];
  const cutAfter = (i: number): number => Math.round((lines[i]!.bottom + lines[i + 1]!.top) / 2);
  const cuts: number[] = [cutAfter(TOP_BAND_LINES - 1)];
  const rest = lines.length - TOP_BAND_LINES;
  const n = Math.max(1, Math.min(parts, rest));
  // Worker 1 reads the top band then the last one, the others one band each: every worker
  // gets about lines / n lines, so the last band is the top band's lines shorter.
  const per = lines.length / n;
  let at = TOP_BAND_LINES;
  for (let k = 1; k < n; k++) {
    const end = TOP_BAND_LINES + Math.round(k * per) - 1;
    if (end <= at || end >= lines.length - 1) continue;
    cuts.push(cutAfter(end));
    at = end + 1;
  }
  const bands: Band[] = [];
  let top = 0;
  for (const c of cuts) {
    if (c > top) bands.push({ top, bottom: c });
    top = c;
  }
  bands.push({ top, bottom: height });
  return bands;
}

/** Words of bands (in band order) put back into the page's pixels, as one reading. */
export function mergeBands(parts: { band: Band; r: OcrResult }[], width: number, height: number): OcrResult {
  const words: OcrWord[] = [];
  const texts: string[] = [];
  // Each band's paragraphs and lines are numbered from 0: renumbered after the bands above, so
  // the text layer never takes two bands' paragraphs for one (`layerLines` in pdf/pdfa.ts).
  let paras = 0;
  let lines = 0;
  for (const { band, r } of parts) {
    let maxPara = -1;
    let maxLine = -1;
    for (const w of r.words) {
      const placed: OcrWord = { ...w, y0: w.y0 + band.top, y1: w.y1 + band.top };
      if (w.base !== undefined) placed.base = w.base + band.top;
      if (w.para !== undefined) {
        placed.para = w.para + paras;
        maxPara = Math.max(maxPara, w.para);
      }
      if (w.line !== undefined) {
        placed.line = w.line + lines;
        maxLine = Math.max(maxLine, w.line);
      }
      words.push(placed);
    }
    paras += maxPara + 1;
    lines += maxLine + 1;
    const t = r.text.replace(/\s+$/, '');
    if (t) texts.push(t);
  }
  const confidence = words.length ? words.reduce((s, w) => s + w.confidence, 0) / words.length : 0;
  return { text: texts.length ? `${texts.join('\n')}\n` : '', words, confidence, width, height };
}

export interface BandedOptions {
  group?: string;
  dpi: number;
  /** How many bands below the top one (default: the pool's workers). */
  parts?: number;
  /** The text read so far (bands from the top, without a gap), as soon as each band is back. */
  onPartial?: (r: OcrResult) => void;
  /** Called once with the bands cut (tests, the benchmark). */
  onPlan?: (bands: Band[]) => void;
  /** Called once the page's jobs are in the pool's queue (other pages wait for it). */
  onQueued?: () => void;
}

/** Reads a greyscale PNG of a page in bands on the pool's workers; one reading when it is not worth cutting. */
export async function recognizeBanded(pool: OcrPool, png: Buffer, opts: BandedOptions): Promise<OcrResult> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  const grey = info.channels === 1 ? data : toOneChannel(data, info.channels);
  const { width, height } = info;
  const bands = planBands(grey, width, height, opts.parts ?? pool.size);
  opts.onPlan?.(bands);
  if (bands.length === 1) {
    const whole = pool.recognize(png, opts.group, opts.dpi, true);
    opts.onQueued?.();
    const r = await whole;
    return { ...r, width, height };
  }
  const crops = await Promise.all(
    bands.map((b) =>
      sharp(grey, { raw: { width, height, channels: 1 } })
        .extract({ left: 0, top: b.top, width, height: b.bottom - b.top })
        .withMetadata({ density: opts.dpi })
        .png({ compressionLevel: 1 })
        .toBuffer(),
    ),
  );
  const done: (OcrResult | null)[] = bands.map(() => null);
  let shown = 0;
  const reading = Promise.all(
    crops.map((crop, i) =>
      pool.recognize(crop, opts.group, opts.dpi, true).then((r) => {
        done[i] = r;
        // Publish the bands read from the top without a gap, each time one more is there.
        let k = shown;
        while (k < bands.length && done[k]) k++;
        if (k > shown && k < bands.length) {
          shown = k;
          opts.onPartial?.(
            mergeBands(
              bands.slice(0, k).map((band, j) => ({ band, r: done[j]! })),
              width,
              height,
            ),
          );
        }
        return r;
      }),
    ),
  );
  opts.onQueued?.();
  const results = await reading;
  return mergeBands(
    bands.map((band, i) => ({ band, r: results[i]! })),
    width,
    height,
  );
}

function toOneChannel(data: Buffer, channels: number): Uint8Array {
  const out = new Uint8Array(data.length / channels);
  for (let i = 0; i < out.length; i++) out[i] = data[i * channels]!;
  return out;
}
