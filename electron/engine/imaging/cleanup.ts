import sharp, { type Sharp } from 'sharp';
import { MAX_INPUT_PIXELS } from '../pdf/ingest';

/** How a page's pixels are kept in the PDF. */
export type ColourDecision = 'color' | 'grey' | 'bitonal';
export type QuarterTurn = 0 | 90 | 180 | 270;

/** A crop box in the pixels of the raw scan (EXIF orientation applied). */
export interface CropBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** What the station found on a page. The raw scan is never changed; these are the transforms. */
export interface PageAnalysis {
  /** Detected skew in degrees; the cleaned page is turned by −skew. Positive: text rises to the right. */
  skewDeg: number;
  /** Clockwise quarter turns that put the text upright. */
  orientation: QuarterTurn;
  orientationConfidence: number;
  /** Paper inside the dark scanner border, or null when there is no border. */
  crop: CropBox | null;
  blank: boolean;
  /** Share of the page (0–1) covered by ink after noise removal. */
  ink: number;
  colour: ColourDecision;
  /** Share of the page (0–1) in meaningful colour (seal, signature, photo). */
  coloured: number;
}

/** What the clerk switched off; each transform can be undone on its own. */
export interface CleanupChoices {
  deskew: boolean;
  orient: boolean;
  crop: boolean;
  colour: ColourDecision | null;
}

export const DEFAULT_CHOICES: CleanupChoices = { deskew: true, orient: true, crop: true, colour: null };

/** The analysis resolution: enough for skew to 0.1°, small enough to be quick. */
const ANALYSIS_DPI = 100;
const DESKEW_MAX = 15;

export interface RawImage {
  bytes: Buffer;
  frame: number;
  dpi: number;
  /** Set when `bytes` are decoded pixels (see `decodeImage`), already upright as the file says. */
  raw?: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

const open = (img: RawImage) =>
  img.raw
    ? sharp(img.bytes, { raw: img.raw, limitInputPixels: MAX_INPUT_PIXELS })
    : sharp(img.bytes, {
        page: img.frame,
        limitInputPixels: MAX_INPUT_PIXELS,
        failOn: 'truncated',
      }).autoOrient();

/**
 * Decodes the page once (8 bits per sample, the file's EXIF turn applied), so
 * analysis, OCR and the PDF image do not each decode the JPEG or PNG again.
 */
export async function decodeImage(img: RawImage): Promise<RawImage> {
  if (img.raw) return img;
  const { data, info } = await open(img).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return {
    bytes: data,
    frame: 0,
    dpi: img.dpi,
    raw: { width: info.width, height: info.height, channels: info.channels },
  };
}

interface Grey {
  data: Buffer;
  width: number;
  height: number;
}

async function greyAt(s: Sharp, width: number): Promise<Grey> {
  const { data, info } = await s
    .flatten({ background: '#ffffff' })
    .resize({ width, kernel: 'lanczos3' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Otsu's threshold over a grey histogram. */
export function otsu(data: Uint8Array): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < data.length; i++) hist[data[i]!]!++;
  const total = data.length;
  let sum = 0;
  for (let t = 0; t < 256; t++) sum += t * hist[t]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/** The most common grey level among the light half: the paper. */
function paperLevel(data: Uint8Array): number {
  const hist = new Uint32Array(256);
  for (let i = 0; i < data.length; i++) hist[data[i]!]!++;
  let best = 255;
  for (let v = 128; v < 256; v++) if (hist[v]! > hist[best]!) best = v;
  return best;
}

/** Dark scanner border: rows/columns from each edge that are mostly very dark. */
function findBorder(g: Grey): { left: number; top: number; right: number; bottom: number } {
  const dark = (v: number) => v < 90;
  const rowDark = (y: number) => {
    let n = 0;
    for (let x = 0; x < g.width; x++) if (dark(g.data[y * g.width + x]!)) n++;
    return n / g.width;
  };
  const colDark = (x: number) => {
    let n = 0;
    for (let y = 0; y < g.height; y++) if (dark(g.data[y * g.width + x]!)) n++;
    return n / g.height;
  };
  const limitY = Math.floor(g.height * 0.2);
  const limitX = Math.floor(g.width * 0.2);
  let top = 0;
  while (top < limitY && rowDark(top) > 0.5) top++;
  let bottom = g.height;
  while (g.height - bottom < limitY && rowDark(bottom - 1) > 0.5) bottom--;
  let left = 0;
  while (left < limitX && colDark(left) > 0.5) left++;
  let right = g.width;
  while (g.width - right < limitX && colDark(right - 1) > 0.5) right--;
  // A little more, so the soft edge of the shadow goes too.
  const pad = (v: number, edge: boolean) => (edge ? v + 2 : v);
  return {
    left: pad(left, left > 0),
    top: pad(top, top > 0),
    right: right < g.width ? right - 2 : right,
    bottom: bottom < g.height ? bottom - 2 : bottom,
  };
}

/**
 * Skew by projection profiles: the angle at which the rows of ink line up
 * best (the horizontal projection is most peaked). Coarse 0.5° search over
 * ±15°, then 0.05° around the best.
 */
export function detectSkew(g: Grey): number {
  const t = Math.min(otsu(g.data), 200);
  const xs: number[] = [];
  const ys: number[] = [];
  // Ink pixels that start a run (left edge of a stroke): fewer points, same lines.
  for (let y = 1; y < g.height - 1; y++) {
    for (let x = 1; x < g.width; x++) {
      const i = y * g.width + x;
      if (g.data[i]! < t && g.data[i - 1]! >= t) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  // Too little text to tell a line from a scribble: leave it straight.
  if (xs.length < 1500) return 0;
  const step = Math.max(1, Math.floor(xs.length / 60000));
  const cx = g.width / 2;
  const diag = Math.ceil(Math.hypot(g.width, g.height)) + 2;
  const hist = new Float64Array(diag * 2);
  const score = (deg: number): number => {
    const a = (deg * Math.PI) / 180;
    const sin = Math.sin(a);
    const cos = Math.cos(a);
    hist.fill(0);
    for (let i = 0; i < xs.length; i += step) {
      const yy = Math.round(ys[i]! * cos + (xs[i]! - cx) * sin) + diag;
      hist[yy]!++;
    }
    let s = 0;
    for (let k = 0; k < hist.length; k++) s += hist[k]! * hist[k]!;
    return s;
  };
  let best = 0;
  let bestScore = -1;
  for (let d = -DESKEW_MAX; d <= DESKEW_MAX + 1e-9; d += 0.5) {
    const s = score(d);
    if (s > bestScore) {
      bestScore = s;
      best = d;
    }
  }
  const coarse = best;
  for (let d = coarse - 0.5; d <= coarse + 0.5 + 1e-9; d += 0.05) {
    const s = score(d);
    if (s > bestScore) {
      bestScore = s;
      best = d;
    }
  }
  // A line at angle θ (rising to the right, y down) is flattened by the shear with sin = +θ.
  return Math.round(best * 100) / 100;
}

/**
 * Ink and colour on the analysis image. Ink: pixels clearly darker than the
 * paper or clearly coloured, after a 3×3 median that removes dust and noise.
 */
async function measureInk(s: Sharp, width: number): Promise<{ ink: number; coloured: number }> {
  const { data, info } = await s
    .flatten({ background: '#ffffff' })
    .resize({ width })
    .median(3)
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const ch = info.channels;
  // Ignore a 3 % margin: scanner edges and shadows are not content.
  const mx = Math.floor(info.width * 0.03);
  const my = Math.floor(info.height * 0.03);
  let ink = 0;
  let coloured = 0;
  let n = 0;
  for (let y = my; y < info.height - my; y++) {
    for (let x = mx; x < info.width - mx; x++) {
      const i = (y * info.width + x) * ch;
      const r = data[i]!;
      const gg = ch >= 3 ? data[i + 1]! : r;
      const b = ch >= 3 ? data[i + 2]! : r;
      const lum = 0.299 * r + 0.587 * gg + 0.114 * b;
      const sat = Math.max(r, gg, b) - Math.min(r, gg, b);
      n++;
      const isColoured = sat > 60 && lum < 235;
      if (isColoured) coloured++;
      if (lum < 160 || isColoured) ink++;
    }
  }
  return { ink: ink / n, coloured: coloured / n };
}

/**
 * Share of the page that stays dark at 12 dpi: lines of text average out to
 * light grey, a photo or a drawing with large tones does not.
 */
async function darkAreas(s: Sharp): Promise<number> {
  const { data } = await s
    .flatten({ background: '#ffffff' })
    .resize({ width: 100 })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let n = 0;
  for (let i = 0; i < data.length; i++) if (data[i]! < 150) n++;
  return n / data.length;
}

/** Below this share of ink a page is flagged blank (a few words at 100 dpi are ~0.03 %). */
export const BLANK_INK = 0.00012;

/**
 * Finds skew, dark border, blank and colour of a page. Orientation needs OCR's
 * OSD and is filled in by the caller (see `detectOrientation` in the OCR room).
 */
export async function analyzePage(img: RawImage): Promise<PageAnalysis> {
  const meta = await open(img).metadata();
  const turned = (meta.orientation ?? 1) >= 5;
  const rawW = (turned ? meta.height : meta.width) ?? 1;
  const rawH = (turned ? meta.width : meta.height) ?? 1;
  const aw = Math.max(64, Math.min(rawW, Math.round((rawW / img.dpi) * ANALYSIS_DPI * 1.5)));
  const scale = rawW / aw;
  const g = await greyAt(open(img), aw);
  const border = findBorder(g);
  const hasBorder = border.left > 0 || border.top > 0 || border.right < g.width || border.bottom < g.height;
  const crop: CropBox | null = hasBorder
    ? {
        left: Math.round(border.left * scale),
        top: Math.round(border.top * scale),
        width: Math.max(1, Math.min(rawW, Math.round((border.right - border.left) * scale))),
        height: Math.max(1, Math.min(rawH, Math.round((border.bottom - border.top) * scale))),
      }
    : null;
  if (crop) {
    crop.width = Math.min(crop.width, rawW - crop.left);
    crop.height = Math.min(crop.height, rawH - crop.top);
  }
  const inner: Grey = hasBorder ? cropGrey(g, border) : g;
  const cropped = () => (crop ? open(img).extract(crop) : open(img));
  const inkWidth = Math.max(32, Math.round(((crop?.width ?? rawW) / img.dpi) * ANALYSIS_DPI));
  const m = await measureInk(cropped(), inkWidth);
  const blank = m.ink < BLANK_INK;
  const skewDeg = blank ? 0 : detectSkew(inner);
  let colour: ColourDecision;
  if (m.coloured > 0.0004) colour = 'color';
  else if ((await darkAreas(cropped())) > 0.02) colour = 'grey';
  else colour = 'bitonal';
  return {
    skewDeg,
    orientation: 0,
    orientationConfidence: 0,
    crop,
    blank,
    ink: m.ink,
    colour,
    coloured: m.coloured,
  };
}

function cropGrey(g: Grey, b: { left: number; top: number; right: number; bottom: number }): Grey {
  const w = Math.max(1, b.right - b.left);
  const h = Math.max(1, b.bottom - b.top);
  const out = Buffer.alloc(w * h);
  for (let y = 0; y < h; y++)
    g.data.copy(out, y * w, (y + b.top) * g.width + b.left, (y + b.top) * g.width + b.left + w);
  return { data: out, width: w, height: h };
}

export interface CleanedPage {
  /** Grey (or colour) pixels of the cleaned page at `dpi`, for OCR and thumbnails. */
  image: Sharp;
  width: number;
  height: number;
  dpi: number;
}

/** Output resolution: the scan's own, capped at 300 dpi; the digitization rule wants at least 200. */
export const outputDpi = (sourceDpi: number): number => Math.min(300, Math.max(200, Math.round(sourceDpi)));

/**
 * Applies the transforms the clerk kept: crop the border, straighten, turn
 * upright. Returns the cleaned page at its output resolution.
 */
export async function cleanPage(
  img: RawImage,
  a: PageAnalysis,
  choices: CleanupChoices = DEFAULT_CHOICES,
  dpiOut = outputDpi(img.dpi),
): Promise<CleanedPage> {
  let s = open(img);
  const meta = await open(img).metadata();
  const turned = (meta.orientation ?? 1) >= 5;
  let w = (turned ? meta.height : meta.width) ?? 1;
  let h = (turned ? meta.width : meta.height) ?? 1;
  if (choices.crop && a.crop) {
    s = await materialize(s.extract(a.crop));
    w = a.crop.width;
    h = a.crop.height;
  }
  const f = dpiOut / img.dpi;
  const tw = Math.max(1, Math.round(w * f));
  const th = Math.max(1, Math.round(h * f));
  // sharp keeps one rotation per pipeline: each step is materialised before the next.
  s = await materialize(
    s.flatten({ background: '#ffffff' }).resize(tw, th, { fit: 'fill', kernel: 'lanczos3' }),
  );
  let outW = tw;
  let outH = th;
  if (choices.deskew && Math.abs(a.skewDeg) >= 0.05) {
    // sharp turns clockwise for positive angles; skewDeg is the clockwise turn that straightens.
    const turnedPage = await s
      .rotate(a.skewDeg, { background: '#ffffff' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const left = Math.max(0, Math.floor((turnedPage.info.width - tw) / 2));
    const top = Math.max(0, Math.floor((turnedPage.info.height - th) / 2));
    s = await materialize(
      sharp(turnedPage.data, { raw: turnedPage.info, limitInputPixels: MAX_INPUT_PIXELS }).extract({
        left,
        top,
        width: tw,
        height: th,
      }),
    );
  }
  if (choices.orient && a.orientation) {
    s = await materialize(s.rotate(a.orientation));
    if (a.orientation !== 180) [outW, outH] = [outH, outW];
  }
  return { image: s, width: outW, height: outH, dpi: dpiOut };
}

async function materialize(s: Sharp): Promise<Sharp> {
  const { data, info } = await s.raw().toBuffer({ resolveWithObject: true });
  return sharp(data, {
    raw: { width: info.width, height: info.height, channels: info.channels },
    limitInputPixels: MAX_INPUT_PIXELS,
  });
}

/** Bitonal pixels, packed 8 per byte, 1 = white (as DeviceGray 1-bit reads them). */
export interface Bitonal {
  width: number;
  height: number;
  packed: Buffer;
}

/** Grey → 1 bit with Otsu's threshold after a light median (removes salt-and-pepper noise). */
export async function toBitonal(page: CleanedPage): Promise<Bitonal> {
  const { data, info } = await page.image
    .clone()
    .greyscale()
    .median(3)
    .raw()
    .toBuffer({ resolveWithObject: true });
  // Otsu splits paper noise in two on a page with little ink: never cut closer than 50 levels to the paper.
  const t = Math.min(otsu(data), paperLevel(data) - 50);
  const rowBytes = Math.ceil(info.width / 8);
  const packed = Buffer.alloc(rowBytes * info.height, 0);
  for (let y = 0; y < info.height; y++) {
    const row = y * info.width;
    const out = y * rowBytes;
    for (let x = 0; x < info.width; x++) {
      if (data[row + x]! > t) packed[out + (x >> 3)]! |= 0x80 >> (x & 7);
    }
    // Padding bits at the end of a row are white.
    for (let x = info.width; x < rowBytes * 8; x++) packed[out + (x >> 3)]! |= 0x80 >> (x & 7);
  }
  return { width: info.width, height: info.height, packed };
}
