import crypto from 'node:crypto';
import type { ComponentPdf } from '../../../shared/api/contract';
import type { ComponentPdfView } from '../dossier/service';
import { type PageVersion, pageVersionKey } from '../imaging/pipeline';
import { pageVersions } from '../imaging/records';
import type { Db, Store } from '../store';

/** A `component_pdfs` row: the assembled PDF and, beside it, its signed copy. */
export interface PdfRow {
  dossier_id: string;
  component_code: string;
  blob: string;
  page_count: number;
  bytes: number;
  /** `componentKey` of the pages the PDF was assembled from. */
  pages_key: string;
  created_at: string;
  signed_blob: string | null;
  /** The `blob` that was signed. */
  signed_source_blob: string | null;
  signed_by: string | null;
  signed_at: string | null;
  sign_level: 'B-B' | 'B-T' | 'B-LT' | 'B-LTA' | null;
  signed_bytes: number | null;
}

/** What a component PDF is made from: its live pages, in order, each at its `pdf` version. */
export function componentKey(pages: PageVersion[]): string {
  return crypto
    .createHash('sha256')
    .update(pages.map((p) => pageVersionKey(p, 'pdf')).join(','))
    .digest('hex');
}

/**
 * The rule (docs/architecture.md, documents): a change to a page makes the
 * component PDF — and so its signed copy — outdated. A page added, removed,
 * moved or turned, or its cleanup choices changed, gives another key.
 */
export function isOutdated(pdf: Pick<PdfRow, 'pages_key'>, pages: PageVersion[]): boolean {
  return pdf.pages_key !== componentKey(pages);
}

/** A signed copy belongs to the bytes it signed: re-assembling into other bytes forgets it. */
export function signatureSurvives(old: Pick<PdfRow, 'blob'> | undefined, newBlob: string): boolean {
  return !!old && old.blob === newBlob;
}

export function pdfRows(db: Db, dossierId: string): Map<string, PdfRow> {
  const rows = db
    .prepare('SELECT * FROM component_pdfs WHERE dossier_id = ?')
    .all(dossierId) as unknown as PdfRow[];
  return new Map(rows.map((r) => [r.component_code, r]));
}

/** The pages of a component, at their versions (a page not found is left out). */
export function versionsOf(versions: Map<string, PageVersion>, pageIds: string[]): PageVersion[] {
  return pageIds.flatMap((id) => {
    const v = versions.get(id);
    return v ? [v] : [];
  });
}

const toComponentPdf = (r: PdfRow, current: boolean): ComponentPdf => ({
  pageCount: r.page_count,
  bytes: r.bytes,
  createdAt: r.created_at,
  current,
  signed:
    r.signed_blob && r.sign_level
      ? {
          signer: r.signed_by ?? '',
          signedAt: r.signed_at ?? '',
          level: r.sign_level,
          bytes: r.signed_bytes ?? 0,
        }
      : null,
});

/** The component-PDF part of the dossier view, handed to the dossier room at construction. */
export function componentPdfView(store: Store): ComponentPdfView {
  return (dossierId, components) => {
    const rows = pdfRows(store.db, dossierId);
    const out = new Map<string, ComponentPdf>();
    if (rows.size === 0) return out;
    const versions = pageVersions(store.db, dossierId);
    for (const c of components) {
      const row = rows.get(c.code);
      if (row) out.set(c.code, toComponentPdf(row, !isOutdated(row, versionsOf(versions, c.pageIds))));
    }
    return out;
  };
}
