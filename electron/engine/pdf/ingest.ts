import sharp, { type Metadata } from 'sharp';
import { StationError } from '../../../shared/api/errors';
import { decodeLevel, looksLikeImage } from './image-check';

/** A scan above this many pixels is refused before decoding (an A3 page at 600 dpi is ~70 MP). */
export const MAX_INPUT_PIXELS = 120_000_000;
const THUMB_SIZE = 320;

export interface IngestedFrame {
  /** Index of the page inside a multi-page TIFF; 0 otherwise. */
  frame: number;
  width: number;
  height: number;
  dpi: number;
  thumbnail: Buffer;
}

export interface IngestedFile {
  mime: 'image/jpeg' | 'image/png' | 'image/tiff';
  frames: IngestedFrame[];
}

const MIME_BY_FORMAT: Record<string, IngestedFile['mime']> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  tiff: 'image/tiff',
};

/** Without a resolution tag we assume the scan covers an A4 sheet (297 mm on its long side). */
function guessDpi(width: number, height: number, density: number | undefined): number {
  if (density && density >= 50 && density <= 2400) return density;
  return Math.min(1200, Math.max(72, Math.round(Math.max(width, height) / (297 / 25.4))));
}

/**
 * Checks that the bytes are a whole, decodable scan (JPEG, PNG or TIFF, within
 * the pixel cap) and makes each page's thumbnail. The thumbnail is made from the
 * image decoded at full size (no JPEG shrink-on-load, which skips data), with
 * libvips failing on what each format's decoder reports as damage
 * (`image-check.ts`), so a cut or garbled file is refused as `image_truncated`
 * here, before anything is stored.
 */
export async function ingestImage(bytes: Buffer, name: string): Promise<IngestedFile> {
  if (bytes.length === 0) throw new StationError('file_empty', { name });
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (err) {
    // A JPEG, PNG or TIFF whose headers cannot be read is a damaged scan, not a foreign file.
    throw new StationError(
      looksLikeImage(bytes) ? 'image_truncated' : 'image_unsupported',
      { name },
      String(err),
    );
  }
  const mime = meta.format ? MIME_BY_FORMAT[meta.format] : undefined;
  if (!mime || !meta.width || !meta.height)
    throw new StationError('image_unsupported', { name }, `format ${meta.format}`);
  if (meta.width * meta.height > MAX_INPUT_PIXELS) {
    throw new StationError('image_too_large', { name, width: meta.width, height: meta.height });
  }
  const pageCount = mime === 'image/tiff' ? (meta.pages ?? 1) : 1;
  const frames: IngestedFrame[] = [];
  for (let frame = 0; frame < pageCount; frame++) {
    try {
      const thumbnail = await sharp(bytes, {
        page: frame,
        limitInputPixels: MAX_INPUT_PIXELS,
        failOn: decodeLevel(mime),
      })
        .autoOrient()
        .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true, fastShrinkOnLoad: false })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 72 })
        .toBuffer();
      // EXIF orientations 5–8 turn the picture a quarter: what the clerk sees is height × width.
      const turned = (meta.orientation ?? 1) >= 5;
      const width = turned ? meta.height : meta.width;
      const height = turned ? meta.width : meta.height;
      frames.push({ frame, width, height, dpi: guessDpi(width, height, meta.density), thumbnail });
    } catch (err) {
      if (err instanceof StationError) throw err;
      throw new StationError('image_truncated', { name }, String(err));
    }
  }
  return { mime, frames };
}
