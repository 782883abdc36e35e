import zlib from 'node:zlib';
import type { OcrResult } from '../ocr/pool';
import { g4Encode } from '../pdf/ccitt';
import type { PreparedPage } from '../pdf/pdfa';
import {
  type CleanupChoices,
  cleanPage,
  type ColourDecision,
  outputDpi,
  type PageAnalysis,
  type RawImage,
  toBitonal,
} from './cleanup';

/** Pages carrying colour or grey tones are written as JPEG at this resolution. */
const TONE_DPI = 200;

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

interface Header {
  image: Omit<PreparedPage['image'], 'bytes' | 'data'>;
  widthPt: number;
  heightPt: number;
  /** The cleaned image's size in pixels: the words' space when the words do not name it. */
  wordsWidth: number;
  wordsHeight: number;
}

/** One blob: a 4-byte header length, the header as JSON, then the compressed image as it goes into the PDF. */
export function encodePrepared(p: PreparedPage): Buffer {
  const { bytes, data, ...image } = p.image as PreparedPage['image'] & { bytes?: Buffer; data?: Buffer };
  const header: Header = {
    image,
    widthPt: p.widthPt,
    heightPt: p.heightPt,
    wordsWidth: p.wordsWidth,
    wordsHeight: p.wordsHeight,
  };
  const h = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(h.length);
  return Buffer.concat([len, h, (bytes ?? data)!]);
}

/** The page back from its blob, with the words that belong to it now. */
export function decodePrepared(
  blob: Buffer,
  words: { words: PreparedPage['words']; width: number; height: number } | null,
): PreparedPage {
  const n = blob.readUInt32BE(0);
  const h = JSON.parse(blob.subarray(4, 4 + n).toString('utf8')) as Header;
  const payload = blob.subarray(4 + n);
  const image = (
    h.image.kind === 'jpeg' ? { ...h.image, bytes: payload } : { ...h.image, data: payload }
  ) as PreparedPage['image'];
  return {
    image,
    widthPt: h.widthPt,
    heightPt: h.heightPt,
    words: words?.words ?? [],
    wordsWidth: words?.width || h.wordsWidth,
    wordsHeight: words?.height || h.wordsHeight,
  };
}
