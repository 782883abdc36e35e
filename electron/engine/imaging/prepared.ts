import crypto from 'node:crypto';
import type { PreparedPage } from '../pdf/pdfa';
import type { CleanupRecord, PageRow } from './records';
import { ANALYSIS_VERSION } from './pipeline';

/**
 * The page as it goes into a PDF, made once in the background after the page is cleaned
 * and read (issue 18: assembly reuses it — no decode, no cleanup, no re-compression).
 * Kept in the blob store, named in the page's cleanup record with the key of what it was
 * made from; words are not in it (they come from the OCR record, current or not).
 */
export interface PreparedRef {
  key: string;
  blob: string;
}

/** Bumped when `prepareForPdf`'s output changes, so images made before are made again. */
const PREPARED_VERSION = 1;

/** What the PDF image of a page is made of: its scan (or rendering), the analysis and the clerk's choices. */
export function preparedKey(r: Pick<PageRow, 'raw_blob' | 'frame'>, c: CleanupRecord): string {
  return crypto
    .createHash('sha256')
    .update(
      JSON.stringify({
        raw: r.raw_blob,
        frame: r.frame,
        raster: c.raster?.blob ?? null,
        analysis: c.analysis,
        choices: c.choices,
        v: ANALYSIS_VERSION,
        p: PREPARED_VERSION,
      }),
    )
    .digest('hex')
    .slice(0, 32);
}

/** The cached image, when it belongs to the record as it is now. */
export const currentPrepared = (r: Pick<PageRow, 'raw_blob' | 'frame'>, c: CleanupRecord | null) =>
  c?.state === 'done' && c.analysis && c.prepared?.key === preparedKey(r, c) ? c.prepared : null;

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
