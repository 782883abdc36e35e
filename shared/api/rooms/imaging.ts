import { z } from 'zod';
import { call, DossierRef, Id, PageRef } from '../define';

/** How a page's pixels go into the PDF: colour (seal, signature, photo), grey tones, or black and white. */
export const ColourDecision = z.enum(['color', 'grey', 'bitonal']);
export type ColourDecision = z.infer<typeof ColourDecision>;

export const CropBox = z.object({
  left: z.number().int().min(0),
  top: z.number().int().min(0),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

/** What the station found on a page (the raw scan itself never changes). */
export const PageAnalysis = z.object({
  skewDeg: z.number(),
  orientation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  orientationConfidence: z.number(),
  crop: CropBox.nullable(),
  blank: z.boolean(),
  ink: z.number(),
  colour: ColourDecision,
  coloured: z.number(),
});
export type PageAnalysis = z.infer<typeof PageAnalysis>;

/** The transforms the clerk keeps; switching one off is its undo. `colour: null` = the station's choice. */
export const CleanupChoices = z.object({
  deskew: z.boolean(),
  orient: z.boolean(),
  crop: z.boolean(),
  colour: ColourDecision.nullable(),
});
export type CleanupChoices = z.infer<typeof CleanupChoices>;

/** The clerk's answer to a blank-page flag: keep the page, or remove it (undoable like any removal). */
export const BlankDecision = z.enum(['keep', 'remove']);
export type BlankDecision = z.infer<typeof BlankDecision>;

export const PageCleanup = z.object({
  pageId: Id,
  /** `pending`: not analysed yet; `skipped`: a PDF page, kept as it is. */
  state: z.enum(['pending', 'done', 'skipped', 'failed']),
  analysis: PageAnalysis.nullable(),
  choices: CleanupChoices,
  blankDecision: BlankDecision.nullable(),
  ocr: z
    .object({
      /** False when the transforms changed after OCR: the text is being read again. */
      current: z.boolean(),
      confidence: z.number(),
      words: z.number().int().min(0),
      text: z.string(),
    })
    .nullable(),
  error: z.string().optional(),
});
export type PageCleanup = z.infer<typeof PageCleanup>;

export const ImagingProgress = z.object({
  dossierId: Id,
  total: z.number().int().min(0),
  cleaned: z.number().int().min(0),
  ocred: z.number().int().min(0),
  /** False when OCR is switched off on this station (`SOHOA_OCR=0`): pages are cleaned, not read. */
  ocrEnabled: z.boolean(),
  /** True when every live page is cleaned and read. */
  complete: z.boolean(),
  /**
   * Pages being read whose first lines are already read (the first page on screen is read in
   * bands, issue 18): the text so far, to show marked as still being read. Never final: the
   * page counts as read, and its text reaches search and the PDF, only when wholly read.
   */
  reading: z.array(z.object({ pageId: Id, text: z.string() })).optional(),
  /** The same counts per dossier component (thành phần hồ sơ), for each component's card. */
  components: z.array(
    z.object({
      code: z.string(),
      total: z.number().int().min(0),
      cleaned: z.number().int().min(0),
      ocred: z.number().int().min(0),
    }),
  ),
});
export type ImagingProgress = z.infer<typeof ImagingProgress>;

/** Below this OCR confidence (0–100) a page is flagged for a look: the scan may be too faint or blurred. */
export const LOW_OCR_CONFIDENCE = 60;

/** One page's flags at a glance, for the badges on its thumbnail. */
export const PageReview = z.object({
  pageId: Id,
  state: z.enum(['pending', 'done', 'skipped', 'failed']),
  /** Found blank and not yet kept by the clerk. */
  blank: z.boolean(),
  /** Found blank and kept on purpose. */
  blankKept: z.boolean(),
  /** The quarter turn the station applies to put the text upright (0: none). */
  turned: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  /** The text was read with a confidence under LOW_OCR_CONFIDENCE. */
  lowConfidence: z.boolean(),
  /** The OCR confidence of the current reading, null when not read (yet). */
  confidence: z.number().nullable(),
  /** The page goes into the PDF in colour (a seal, a signature, a photo). */
  colour: z.boolean(),
});
export type PageReview = z.infer<typeof PageReview>;

export const DossierReview = z.object({
  dossierId: Id,
  /** Per component, its live pages in order. */
  components: z.array(z.object({ code: z.string(), pages: z.array(PageReview) })),
});
export type DossierReview = z.infer<typeof DossierReview>;

export const imagingCalls = {
  /** Every live page's flags (blank, turned, low OCR confidence, colour), per component; one component if named. */
  'imaging.review': call(DossierRef.extend({ componentCode: z.string().min(1).optional() }), DossierReview),
  'imaging.page': call(PageRef, PageCleanup),
  'imaging.progress': call(DossierRef, ImagingProgress),
  /** Switch transforms on or off for one page (one-click undo of any of them). */
  'imaging.choose': call(PageRef.extend({ choices: CleanupChoices.partial() }), PageCleanup),
  'imaging.blank': call(PageRef.extend({ decision: BlankDecision }), PageCleanup),
  /** The page as captured, or as cleaned, small enough for the screen (`large`: for the page viewer). */
  'imaging.preview': call(
    PageRef.extend({ cleaned: z.boolean(), large: z.boolean().optional() }),
    z.object({ dataUrl: z.string() }),
  ),
  /** The dossier on the clerk's screen: its pages are cleaned and read first. */
  'imaging.focus': call(DossierRef, z.object({ ok: z.boolean() })),
  'imaging.cancel': call(DossierRef, z.object({ cancelled: z.number().int().min(0) })),
  /** The text read on each live page (one component's when named), to find a page by its words. */
  'imaging.texts': call(
    DossierRef.extend({ componentCode: z.string().min(1).optional() }),
    z.array(z.object({ pageId: Id, text: z.string() })),
  ),
} as const;

export const imagingEvents = {
  'imaging.progress': ImagingProgress,
} as const;
