import { LOW_OCR_CONFIDENCE, type PageReview } from '../../../shared/api/rooms/imaging';
import type { CleanupRecord, OcrRecord } from './records';

/**
 * A page's flags at a glance, from its cleanup and OCR records: found blank (and not kept),
 * turned upright by the station, read with a low confidence, kept in colour.
 * `ocrCurrent` is false when the transforms changed after the reading (it is being read again).
 */
export function reviewOf(
  pageId: string,
  c: CleanupRecord | null,
  o: OcrRecord | null,
  ocrCurrent: boolean,
): PageReview {
  const a = c?.state === 'done' ? c.analysis : null;
  const read = o && ocrCurrent ? o : null;
  return {
    pageId,
    state: c ? c.state : 'pending',
    blank: !!a?.blank && c?.blankDecision !== 'keep',
    blankKept: !!a?.blank && c?.blankDecision === 'keep',
    turned: a && c?.choices.orient ? a.orientation : 0,
    lowConfidence: !!read && read.words > 0 && read.confidence < LOW_OCR_CONFIDENCE,
    confidence: read ? read.confidence : null,
    colour: !!a && (c?.choices.colour ?? a.colour) === 'color',
  };
}
