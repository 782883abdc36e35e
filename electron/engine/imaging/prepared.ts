import crypto from 'node:crypto';
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
