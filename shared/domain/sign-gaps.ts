import type { DossierComponent } from '../api/types';

/** The shortest reason the counter accepts for receiving a dossier with unsigned components. */
export const UNSIGNED_REASON_MIN = 10;

/** Why a component is not yet a signed digitized copy: no PDF, a PDF older than its pages, or unsigned. */
export type SignGapKind = 'no_pdf' | 'pdf_stale' | 'unsigned';

export interface SignGap {
  code: string;
  name: string;
  kind: SignGapKind;
}

/** What a component with pages still lacks before its copy carries the organisation's signature. */
export function signGapOf(c: DossierComponent): SignGapKind | null {
  if (c.pages.length === 0) return null;
  if (!c.pdf) return 'no_pdf';
  if (!c.pdf.current) return 'pdf_stale';
  return c.pdf.signed ? null : 'unsigned';
}

/** Every component with pages that is not assembled, not current or not signed, in the dossier's order. */
export function signGaps(components: DossierComponent[]): SignGap[] {
  const out: SignGap[] = [];
  for (const c of components) {
    const kind = signGapOf(c);
    if (kind) out.push({ code: c.code, name: c.name, kind });
  }
  return out;
}

/** True when every component with pages has a current signed PDF (and at least one has pages). */
export function allSigned(components: DossierComponent[]): boolean {
  return components.some((c) => c.pages.length > 0) && signGaps(components).length === 0;
}
