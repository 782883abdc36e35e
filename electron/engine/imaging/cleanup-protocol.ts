import type { CleanupChoices, PageAnalysis } from './cleanup';

/** A page as the cleanup worker receives it: its bytes (encoded, or decoded with `raw`). */
export interface WorkerImage {
  bytes: Uint8Array;
  frame: number;
  dpi: number;
  raw?: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

/** What the engine asks of the cleanup worker (electron/engine/imaging/cleanup-worker.ts). */
export type CleanupRequest =
  | { id: number; op: 'analyze'; img: WorkerImage }
  | { id: number; op: 'grey'; img: WorkerImage; a: PageAnalysis; ch: CleanupChoices; dpi: number }
  | { id: number; op: 'prepare'; img: WorkerImage; a: PageAnalysis; ch: CleanupChoices };

/**
 * The worker's answer: the analysis, the cleaned page as a greyscale PNG for OCR or OSD,
 * or the page's PDF image as the blob `encodePrepared` writes (imaging/prepared.ts).
 */
export type CleanupReply =
  | { id: number; ok: true; op: 'analyze'; analysis: PageAnalysis }
  | { id: number; ok: true; op: 'grey'; png: Uint8Array; width: number; height: number; dpi: number }
  | { id: number; ok: true; op: 'prepare'; blob: Uint8Array }
  | { id: number; ok: false; error: string };
