import type { BlankDecision, CleanupChoices } from '../../../shared/api/rooms/imaging';
import type { Db } from '../store';
import { DEFAULT_CHOICES, type PageAnalysis } from './cleanup';
import { ANALYSIS_VERSION, type PageVersion } from './pipeline';
import type { PreparedRef } from './prepared';

/** What a page's `cleanup` column holds. */
export interface CleanupRecord {
  v: number;
  state: 'done' | 'skipped' | 'failed';
  analysis: PageAnalysis | null;
  choices: CleanupChoices;
  blankDecision: BlankDecision | null;
  error?: string;
  /** A scanned PDF page: the page rendered at its own resolution, which cleanup and OCR work on. */
  raster?: { blob: string; dpi: number; width: number; height: number };
  /** A PDF page found to carry its own text (state `skipped`). */
  pdfText?: boolean;
  /**
   * Which way up the page is has been settled (its first reading was sure, or OSD was
   * asked); false while the page waits for that reading. Missing on records made when
   * OSD ran with the analysis.
   */
  oriented?: boolean;
  /** The page's PDF image, made ahead in the background (`prepared.ts`); stale when its key differs. */
  prepared?: PreparedRef;
}

/** What a page's `ocr` column holds; the words are in the blob store. */
export interface OcrRecord {
  key: string;
  blob: string;
  confidence: number;
  words: number;
}

/** The columns of a `pages` row the imaging room reads. */
export interface PageRow {
  id: string;
  dossier_id: string;
  component_code: string;
  raw_blob: string;
  source_name: string;
  mime: string;
  frame: number;
  dpi: number;
  width: number;
  height: number;
  rotation: number;
  deleted_at: string | null;
  cleanup: string | null;
  ocr: string | null;
}

export const parse = <T>(s: string | null): T | null => (s ? (JSON.parse(s) as T) : null);

/** A page just analysed: the clerk's earlier choices kept, a scanned PDF page's rendering noted. */
export const analysedRecord = (
  analysis: PageAnalysis,
  prev: CleanupRecord | null,
  raster: CleanupRecord['raster'] | null,
): CleanupRecord => ({
  v: ANALYSIS_VERSION,
  state: 'done',
  analysis,
  choices: prev?.choices ?? DEFAULT_CHOICES,
  blankDecision: null,
  ...(raster ? { raster } : {}),
});

/** A page row with its cleanup record, as `pageVersionKey` reads it. */
export function pageVersion(
  r: Pick<PageRow, 'id' | 'raw_blob' | 'frame' | 'rotation' | 'cleanup'>,
): PageVersion {
  const c = parse<CleanupRecord>(r.cleanup);
  return {
    id: r.id,
    rawBlob: r.raw_blob,
    frame: r.frame,
    rotation: r.rotation,
    cleanup: c ? { analysis: c.analysis, choices: c.choices } : null,
  };
}

/** Every live page of a dossier at its version, by id (the documents room compares PDFs with these). */
export function pageVersions(db: Db, dossierId: string): Map<string, PageVersion> {
  const rows = db
    .prepare(
      'SELECT id, raw_blob, frame, rotation, cleanup FROM pages WHERE dossier_id = ? AND deleted_at IS NULL',
    )
    .all(dossierId) as unknown as Pick<PageRow, 'id' | 'raw_blob' | 'frame' | 'rotation' | 'cleanup'>[];
  return new Map(rows.map((r) => [r.id, pageVersion(r)]));
}
