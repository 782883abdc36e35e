import type { Dossier } from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';
import { fileSafe } from '../../../shared/domain/text';
import type { DossierService } from '../dossier/service';
import { pageVersions } from '../imaging/records';
import { assemblePdf, type PdfPageInput } from '../pdf/assemble';
import { type Store, transaction } from '../store';
import { type FrozenFile, frozenFile } from './frozen';
import { componentKey, type PdfRow, pdfRows, signatureSurvives, versionsOf } from './state';

/** The imaging room's part: the pages as they go into a PDF, through the one page pipeline. */
export interface PagePreparer {
  preparePdfPages(pageIds: string[]): Promise<PdfPageInput[]>;
}

/** A component PDF as the sign room works on it. */
export interface StoredPdf {
  dossierId: string;
  componentCode: string;
  /** The assembled PDF's blob. */
  blob: string;
  signedBlob: string | null;
  signLevel: 'B-B' | 'B-T' | 'B-LT' | 'B-LTA' | null;
}

/** A signature just made over a component PDF. */
export interface Signature {
  pdf: Uint8Array;
  signer: string;
  signedAt: string;
  level: 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';
}

const stored = (r: PdfRow): StoredPdf => ({
  dossierId: r.dossier_id,
  componentCode: r.component_code,
  blob: r.blob,
  signedBlob: r.signed_blob,
  signLevel: r.sign_level,
});

/**
 * The documents room (docs/architecture.md): the component PDFs and the
 * whole-dossier PDF, assembled from the pages the imaging room prepares;
 * which are current and which outdated; their signed copies; and the exact
 * bytes that go to the portal. Only this room writes `component_pdfs`.
 */
export class Documents {
  constructor(
    private readonly store: Store,
    private readonly dossiers: DossierService,
    private readonly pages: PagePreparer,
  ) {}

  private get db() {
    return this.store.db;
  }

  /** Assembles one component's PDF/A from its live pages; a signature over other bytes is forgotten. */
  async assemble(dossierId: string, componentCode: string): Promise<Dossier> {
    const { procedure, component } = this.dossiers.component(dossierId, componentCode);
    const own = this.dossiers.get(dossierId).components.find((c) => c.code === componentCode);
    const pageIds = own?.pages.map((p) => p.id) ?? [];
    if (pageIds.length === 0) throw new StationError('component_empty', { code: componentCode });
    // A received dossier's signed copy is the record: it is never re-assembled away (docs/architecture.md).
    if (own?.pdf?.signed && this.dossiers.isLocked(dossierId))
      throw new StationError('dossier_locked', { code: this.dossiers.get(dossierId).code ?? '' });
    // Taken before the pages are prepared: a choice changed meanwhile leaves the PDF outdated.
    const key = componentKey(versionsOf(pageVersions(this.db, dossierId), pageIds));
    const dossier = this.dossiers.get(dossierId);
    const pdf = await assemblePdf(await this.pages.preparePdfPages(pageIds), {
      title: `${component.name} — ${procedure.name}`,
      subject: `${dossierSubject(dossier)}; thủ tục ${procedure.code}; thành phần ${component.code}`,
      keywords: [procedure.code, component.code, ...(dossier.code ? [dossier.code] : [])],
    });
    const blob = this.store.blobs.put(pdf);
    const now = new Date().toISOString();
    transaction(this.db, () => {
      const old = pdfRows(this.db, dossierId).get(componentCode);
      const keep = signatureSurvives(old, blob);
      this.db
        .prepare(
          `INSERT INTO component_pdfs (dossier_id, component_code, blob, page_count, bytes, pages_key, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (dossier_id, component_code) DO UPDATE SET
             blob = excluded.blob, page_count = excluded.page_count, bytes = excluded.bytes,
             pages_key = excluded.pages_key, created_at = excluded.created_at`,
        )
        .run(dossierId, componentCode, blob, pageIds.length, pdf.length, key, now);
      if (!keep) this.forgetSignature(dossierId, componentCode);
    });
    this.dossiers.changed(dossierId, now);
    return this.dossiers.get(dossierId);
  }

  private forgetSignature(dossierId: string, componentCode: string): void {
    this.db
      .prepare(
        `UPDATE component_pdfs SET signed_blob = NULL, signed_source_blob = NULL, signed_by = NULL,
           signed_at = NULL, sign_level = NULL, signed_bytes = NULL
         WHERE dossier_id = ? AND component_code = ?`,
      )
      .run(dossierId, componentCode);
  }

  /** The assembled (unsigned) PDF of a component, with the file name it is saved under. */
  pdf(dossierId: string, componentCode: string): { fileName: string; bytes: Buffer } {
    const row = this.stored(dossierId, componentCode);
    const { procedure, component } = this.dossiers.component(dossierId, componentCode);
    const code = this.dossiers.get(dossierId).code;
    return {
      // 000.00.00.H47-261203-0001_GCS.pdf; a draft has no code yet: its procedure, marked as not received.
      fileName: code
        ? `${fileSafe(code)}_${fileSafe(component.code)}.pdf`
        : `${fileSafe(procedure.code)}_${fileSafe(component.code)}_chua-tiep-nhan.pdf`,
      bytes: this.store.blobs.get(row.blob),
    };
  }

  /** One component PDF; throws `pdf_not_built` when it was never assembled. */
  stored(dossierId: string, componentCode: string): StoredPdf {
    this.dossiers.component(dossierId, componentCode);
    const row = pdfRows(this.db, dossierId).get(componentCode);
    if (!row) throw new StationError('pdf_not_built', { code: componentCode });
    return stored(row);
  }

  /** Every assembled component PDF of a dossier, in no particular order. */
  storedAll(dossierId: string): StoredPdf[] {
    return [...pdfRows(this.db, dossierId).values()].map(stored);
  }

  /**
   * Keeps the signed copy of the component PDF whose blob was `source`. When
   * the component was re-assembled meanwhile the signature belongs to nothing:
   * `pdf_not_built`.
   */
  recordSignature(dossierId: string, componentCode: string, source: string, s: Signature): void {
    const blob = this.store.blobs.put(s.pdf);
    const changes = this.db
      .prepare(
        `UPDATE component_pdfs SET signed_blob = ?, signed_source_blob = blob, signed_by = ?, signed_at = ?,
           sign_level = ?, signed_bytes = ? WHERE dossier_id = ? AND component_code = ? AND blob = ?`,
      )
      .run(blob, s.signer, s.signedAt, s.level, s.pdf.length, dossierId, componentCode, source);
    if (Number(changes.changes) !== 1)
      throw new StationError(
        'pdf_not_built',
        { code: componentCode },
        'component re-assembled while signing',
      );
  }

  /** Puts `pdf` in place of the signed copy `previous` (a document timestamp added to a B-B signature). */
  replaceSigned(
    dossierId: string,
    componentCode: string,
    previous: string,
    pdf: Uint8Array,
    level: 'B-B' | 'B-T' | 'B-LT' | 'B-LTA',
  ): void {
    const blob = this.store.blobs.put(pdf);
    this.db
      .prepare(
        'UPDATE component_pdfs SET signed_blob = ?, sign_level = ?, signed_bytes = ? WHERE dossier_id = ? AND component_code = ? AND signed_blob = ?',
      )
      .run(blob, level, pdf.length, dossierId, componentCode, previous);
  }

  /** One PDF/A for the whole dossier, a bookmark per component that has pages. */
  async dossierPdf(dossierId: string): Promise<{ fileName: string; bytes: Uint8Array; pageCount: number }> {
    const d = this.dossiers.get(dossierId);
    const outline: { title: string; pageIndex: number }[] = [];
    const ids: string[] = [];
    for (const comp of d.components) {
      if (!comp.pages.length) continue;
      outline.push({ title: comp.name, pageIndex: ids.length });
      ids.push(...comp.pages.map((p) => p.id));
    }
    if (!ids.length) throw new StationError('component_empty', { code: '*' });
    const bytes = await assemblePdf(
      await this.pages.preparePdfPages(ids),
      {
        title: `Hồ sơ ${d.procedureName} — ${d.applicantName}`,
        subject: `${dossierSubject(d)}; thủ tục ${d.procedureCode}`,
        keywords: [
          d.procedureCode,
          ...(d.code ? [d.code] : []),
          ...d.components.filter((c) => c.pages.length).map((c) => c.code),
        ],
      },
      new Date(),
      outline,
    );
    return {
      fileName: d.code
        ? `${fileSafe(d.code)}_ho-so.pdf`
        : `${fileSafe(d.procedureCode)}_ho-so_chua-tiep-nhan.pdf`,
      bytes,
      pageCount: ids.length,
    };
  }

  /**
   * The files of a dossier that go to the portal, exactly those bytes, in the
   * components' order: each component's signed copy when it has one, else its
   * PDF — assembling what is missing or outdated first (which forgets an
   * outdated signature). Throws `outbox_no_files` when there is no PDF at all.
   */
  async frozenFiles(dossierId: string): Promise<FrozenFile[]> {
    let dossier = this.dossiers.get(dossierId);
    for (const c of dossier.components) {
      if (c.pages.length > 0 && (!c.pdf || !c.pdf.current)) dossier = await this.assemble(dossierId, c.code);
    }
    const rows = pdfRows(this.db, dossierId);
    const files = dossier.components.flatMap((c) => {
      const row = rows.get(c.code);
      return row ? [frozenFile(c, row, this.store.blobs)] : [];
    });
    if (files.length === 0) throw new StationError('outbox_no_files', { id: dossierId });
    return files;
  }
}

/** The PDF's subject names the dossier as the citizen's receipt does (its code), never by an internal id. */
function dossierSubject(d: Dossier): string {
  return d.code ? `Hồ sơ ${d.code}` : `Hồ sơ của ${d.applicantName} (chưa tiếp nhận)`;
}
