import crypto from 'node:crypto';
import type {
  ComponentPdf,
  Dossier,
  DossierStatus,
  DossierSummary,
  FileUpload,
  Page,
  PageRotation,
  Procedure,
} from '../../../shared/api/contract';
import { type AppError } from '../../../shared/api/contract';
import type { DeletedPage } from '../../../shared/api/rooms/dossier';
import { StationError } from '../../../shared/api/errors';
import { toAppError } from '../api/errors';
import type { Catalog } from '../catalog';
import type { ReceiveStep } from '../context';
import { type IngestedFrame, ingestImage } from '../pdf/ingest';
import { closeCorrection, correctionState, openCorrection, readCorrection } from './correction';
import { dossiersWithIdNumber } from './find';
import { type Store, transaction } from '../store';

interface DossierRow {
  id: string;
  procedure_code: string;
  applicant_name: string;
  status: DossierStatus;
  created_at: string;
  updated_at: string;
  applicant?: string | null;
  code?: string | null;
  received_at?: string | null;
  appointment_at?: string | null;
  reception?: string | null;
  version?: number;
  correction?: string | null;
}

interface PageRow {
  id: string;
  dossier_id: string;
  component_code: string;
  position: number;
  raw_blob: string;
  thumb_blob: string;
  source_name: string;
  mime: string;
  width: number;
  height: number;
  dpi: number;
  bytes: number;
  frame: number;
  rotation: number;
}

const toPage = (r: PageRow): Page => ({
  id: r.id,
  componentCode: r.component_code,
  position: r.position,
  sourceName: r.source_name,
  mime: r.mime,
  width: r.width,
  height: r.height,
  dpi: r.dpi,
  rotation: r.rotation as PageRotation,
  bytes: r.bytes,
});

/** What an ingester makes of one file: its type and one thumbnail per page in it. */
export interface IngestedPages {
  mime: string;
  frames: IngestedFrame[];
}

export type ChangeListener = (dossierId: string) => void;

/**
 * The component PDFs of a dossier as the documents room tells them, given the
 * dossier's live page ids by component, in order (docs/architecture.md,
 * documents): passed at construction, a plain function over the store.
 */
export type ComponentPdfView = (
  dossierId: string,
  components: { code: string; pageIds: string[] }[],
) => Map<string, ComponentPdf>;

/** How reception reads the columns it keeps on a dossier row, for the dossier views (docs/architecture.md). */
export interface ReceptionView {
  summary(row: object): Pick<DossierSummary, 'code' | 'receivedAt' | 'appointmentAt'>;
  detail(row: object): Partial<Dossier>;
}

/** Dossiers (hồ sơ) and their pages: the first slice of the counter's work. */
export class DossierService {
  /** What later rooms add to a dossier's view without being imported (the privacy room's `purged`). */
  readonly detailViews: ((dossierId: string) => Partial<Dossier>)[] = [];
  /** The same for the list's rows (the outbox's `resolvedAt` and `handedOverAt`, for the backlog colours). */
  readonly summaryViews: ((dossierId: string) => Partial<DossierSummary>)[] = [];

  constructor(
    private readonly store: Store,
    private readonly catalog: Catalog,
    private readonly onChange: ChangeListener,
    /** ctx.onReceiveInTx: steps other rooms run inside the transaction that receives a dossier. */
    readonly receiveHooks: readonly ReceiveStep[],
    /** The documents room's view of the component PDFs. */
    private readonly pdfView: ComponentPdfView,
    /** The reception room's reading of its columns (code, dates, applicant, consent). */
    private readonly receptionView: ReceptionView,
  ) {}

  private get db() {
    return this.store.db;
  }

  create(procedureCode: string, applicantName: string): Dossier {
    this.catalog.get(procedureCode);
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    this.db
      .prepare(
        'INSERT INTO dossiers (id, procedure_code, applicant_name, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, procedureCode, applicantName.trim(), 'draft', now, now);
    this.onChange(id);
    return this.get(id);
  }

  list(): DossierSummary[] {
    const rows = this.db
      .prepare(
        `SELECT d.*, (SELECT COUNT(*) FROM pages p WHERE p.dossier_id = d.id AND p.deleted_at IS NULL) AS page_count
         FROM dossiers d ORDER BY d.created_at DESC`,
      )
      .all() as (DossierRow & { page_count: number })[];
    const names = new Map(this.catalog.list().map((p) => [p.code, p.name]));
    return rows.map((r) => this.summary(r, names.get(r.procedure_code) ?? r.procedure_code, r.page_count));
  }

  /** The dossiers whose applicant carries this ID number or tax code (read sealed: see ./find.ts). */
  withIdNumber(idNumber: string): string[] {
    return dossiersWithIdNumber(this.db, this.receptionView, idNumber);
  }

  get(id: string): Dossier {
    const row = this.row(id);
    const procedure = this.catalog.get(row.procedure_code);
    const pages = this.livePages(id);
    const own = (code: string) => pages.filter((p) => p.component_code === code);
    const pdfs = this.pdfView(
      id,
      procedure.components.map((c) => ({ code: c.code, pageIds: own(c.code).map((p) => p.id) })),
    );
    const components = procedure.components.map((c) => ({
      ...c,
      pages: own(c.code).map(toPage),
      pdf: pdfs.get(c.code) ?? null,
    }));
    return {
      ...this.summary(row, procedure.name, pages.length),
      components,
      ...this.receptionView.detail(row),
      version: row.version ?? 1,
      correction: readCorrection(row.correction),
      ...Object.assign({}, ...this.detailViews.map((view) => view(id))),
    };
  }

  /**
   * Adds scanned images to a component. Each file is checked whole before
   * anything is stored; a bad file is reported and the good ones still go in.
   * The raw bytes are kept exactly as received.
   */
  /**
   * A received dossier is a record: its pages, components and PDFs change only
   * while a supervisor's correction (đính chính) is open, or while the citizen
   * completes it (bổ sung, form 02). Throws `dossier_locked` otherwise.
   */
  assertEditable(dossierId: string): void {
    if (this.isLocked(dossierId))
      throw new StationError('dossier_locked', { code: this.row(dossierId).code ?? '' });
  }

  /** Đính chính (dossier/correction.ts): reception opens and closes it, inside its own transaction. */
  openCorrection(dossierId: string, c: { reason: string; by: string; at: string }): void {
    openCorrection(this.db, dossierId, c);
  }
  closeCorrection(dossierId: string) {
    return closeCorrection(this.db, dossierId);
  }
  correction(dossierId: string) {
    return correctionState(this.db, dossierId);
  }

  /** The dossier a page belongs to (deleted pages too); null for an unknown page. */
  dossierOfPage(pageId: string): string | null {
    const row = this.db.prepare('SELECT dossier_id FROM pages WHERE id = ?').get(pageId) as
      { dossier_id: string } | undefined;
    return row?.dossier_id ?? null;
  }

  /** True when `assertEditable` would refuse. */
  isLocked(dossierId: string): boolean {
    const r = this.row(dossierId);
    return !(r.status === 'draft' || r.status === 'awaiting_completion' || r.correction);
  }

  async addPages(
    dossierId: string,
    componentCode: string,
    files: FileUpload[],
  ): Promise<{ dossier: Dossier; added: Page[]; rejected: { name: string; error: AppError }[] }> {
    this.component(dossierId, componentCode);
    this.assertEditable(dossierId);
    const rejected: { name: string; error: AppError }[] = [];
    const ready: Omit<PageRow, 'position' | 'dossier_id' | 'component_code'>[] = [];
    for (const file of files) {
      try {
        const bytes = Buffer.from(file.dataBase64, 'base64');
        const ingested = await ingestImage(bytes, file.name);
        // Written on libuv's threads (write, fsync, rename): the engine's loop stays free (issue 18).
        const raw = await this.store.blobs.putAsync(bytes);
        const thumbs = await Promise.all(ingested.frames.map((f) => this.store.blobs.putAsync(f.thumbnail)));
        ready.push(...this.pageRows(raw, ingested, file.name, bytes.length, thumbs));
      } catch (err) {
        if (err instanceof StationError && err.code === 'disk_full') throw err;
        rejected.push({ name: file.name, error: toAppError(err) });
      }
    }
    const { dossier, added } = this.insertPages(dossierId, componentCode, ready);
    return { dossier, added, rejected };
  }

  /**
   * Adds one page file as it comes off a scanner (or from an import): the raw
   * bytes go into the blob store first, before any processing, so a capture is
   * never lost; then `ingest` checks it and makes the thumbnail. `ingest` is the
   * image ingester by default; a PDF import passes its own (one frame per PDF page).
   */
  async addPageBytes(
    dossierId: string,
    componentCode: string,
    bytes: Buffer,
    name: string,
    ingest: (bytes: Buffer, name: string) => Promise<IngestedPages> = ingestImage,
  ): Promise<Page[]> {
    this.component(dossierId, componentCode);
    this.assertEditable(dossierId);
    const raw = await this.store.blobs.putAsync(bytes);
    return this.addStoredPage(dossierId, componentCode, raw, bytes, name, ingest);
  }

  /** `addPageBytes` for bytes already in the blob store as `raw` (a scan stores each page as it arrives). */
  async addStoredPage(
    dossierId: string,
    componentCode: string,
    raw: string,
    bytes: Buffer,
    name: string,
    ingest: (bytes: Buffer, name: string) => Promise<IngestedPages> = ingestImage,
  ): Promise<Page[]> {
    this.component(dossierId, componentCode);
    this.assertEditable(dossierId);
    const ingested = await ingest(bytes, name);
    const thumbs = await Promise.all(ingested.frames.map((f) => this.store.blobs.putAsync(f.thumbnail)));
    const ready = this.pageRows(raw, ingested, name, bytes.length, thumbs);
    return this.insertPages(dossierId, componentCode, ready).added;
  }

  private pageRows(
    raw: string,
    ingested: IngestedPages,
    name: string,
    size: number,
    /** The thumbnails, already stored, frame by frame. */
    thumbs: string[],
  ): Omit<PageRow, 'position' | 'dossier_id' | 'component_code'>[] {
    return ingested.frames.map((f, i) => ({
      id: crypto.randomUUID(),
      raw_blob: raw,
      thumb_blob: thumbs[i]!,
      source_name: ingested.frames.length > 1 ? `${name} [${f.frame + 1}]` : name,
      mime: ingested.mime,
      width: f.width,
      height: f.height,
      dpi: f.dpi,
      bytes: size,
      frame: f.frame,
      rotation: 0,
    }));
  }

  /** Appends checked pages at the end of a component, in one transaction. */
  private insertPages(
    dossierId: string,
    componentCode: string,
    ready: Omit<PageRow, 'position' | 'dossier_id' | 'component_code'>[],
  ): { dossier: Dossier; added: Page[] } {
    const now = new Date().toISOString();
    const insert = this.db.prepare(
      `INSERT INTO pages (id, dossier_id, component_code, position, raw_blob, thumb_blob, source_name, mime, width, height, dpi, bytes, frame, rotation, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    transaction(this.db, () => {
      const max = this.db
        .prepare(
          'SELECT COALESCE(MAX(position), -1) AS m FROM pages WHERE dossier_id = ? AND component_code = ?',
        )
        .get(dossierId, componentCode) as { m: number };
      ready.forEach((p, i) =>
        insert.run(
          p.id,
          dossierId,
          componentCode,
          max.m + 1 + i,
          p.raw_blob,
          p.thumb_blob,
          p.source_name,
          p.mime,
          p.width,
          p.height,
          p.dpi,
          p.bytes,
          p.frame,
          p.rotation,
          now,
        ),
      );
      this.touch(dossierId, now);
    });
    if (ready.length) this.onChange(dossierId);
    const dossier = this.get(dossierId);
    const ids = new Set(ready.map((p) => p.id));
    const added = dossier.components.flatMap((c) => c.pages).filter((p) => ids.has(p.id));
    return { dossier, added };
  }

  reorder(dossierId: string, componentCode: string, pageIds: string[]): Dossier {
    this.component(dossierId, componentCode);
    this.assertEditable(dossierId);
    const live = this.livePages(dossierId).filter((p) => p.component_code === componentCode);
    const same =
      live.length === pageIds.length &&
      new Set(pageIds).size === pageIds.length &&
      live.every((p) => pageIds.includes(p.id));
    if (!same)
      throw new StationError('invalid_request', {}, 'pageIds must list every page of the component once');
    const update = this.db.prepare('UPDATE pages SET position = ? WHERE id = ?');
    transaction(this.db, () => {
      pageIds.forEach((id, i) => update.run(i, id));
      this.touch(dossierId);
    });
    this.onChange(dossierId);
    return this.get(dossierId);
  }

  /** Moves a page to the end of another component of the same dossier (it was scanned into the wrong slot). */
  movePage(pageId: string, componentCode: string): Dossier {
    const page = this.page(pageId);
    this.component(page.dossier_id, componentCode);
    this.assertEditable(page.dossier_id);
    if (page.component_code === componentCode) return this.get(page.dossier_id);
    transaction(this.db, () => {
      const max = this.db
        .prepare(
          'SELECT COALESCE(MAX(position), -1) AS m FROM pages WHERE dossier_id = ? AND component_code = ?',
        )
        .get(page.dossier_id, componentCode) as { m: number };
      this.db
        .prepare('UPDATE pages SET component_code = ?, position = ? WHERE id = ?')
        .run(componentCode, max.m + 1, pageId);
      this.touch(page.dossier_id);
    });
    this.onChange(page.dossier_id);
    return this.get(page.dossier_id);
  }

  rotate(pageId: string, by: 90 | -90 | 180): Dossier {
    const page = this.page(pageId);
    this.assertEditable(page.dossier_id);
    const rotation = (((page.rotation + by) % 360) + 360) % 360;
    transaction(this.db, () => {
      this.db.prepare('UPDATE pages SET rotation = ? WHERE id = ?').run(rotation, pageId);
      this.touch(page.dossier_id);
    });
    this.onChange(page.dossier_id);
    return this.get(page.dossier_id);
  }

  /** Hides the page; its files stay, so `restore` can undo. */
  delete(pageId: string): Dossier {
    return this.setDeleted(pageId, new Date().toISOString());
  }

  restore(pageId: string): Dossier {
    return this.setDeleted(pageId, null);
  }

  /** The deleted pages of the dossier (of one component when named), last deleted first. */
  deletedPages(dossierId: string, componentCode?: string): DeletedPage[] {
    this.row(dossierId); // dossier_not_found for an unknown dossier
    const rows = this.db
      .prepare(
        `SELECT * FROM pages WHERE dossier_id = ? AND deleted_at IS NOT NULL${componentCode ? ' AND component_code = ?' : ''}
         ORDER BY deleted_at DESC, position`,
      )
      .all(...(componentCode ? [dossierId, componentCode] : [dossierId])) as unknown as (PageRow & {
      deleted_at: string;
    })[];
    return rows.map((r) => ({ ...toPage(r), deletedAt: r.deleted_at }));
  }

  thumbnail(pageId: string): string {
    const page = this.page(pageId, true);
    return `data:image/jpeg;base64,${this.store.blobs.get(page.thumb_blob).toString('base64')}`;
  }

  /** Records a change made by another room (a component PDF assembled): `updatedAt` moves, listeners hear it. */
  changed(dossierId: string, now = new Date().toISOString()): void {
    this.touch(dossierId, now);
    this.onChange(dossierId);
  }

  private setDeleted(pageId: string, at: string | null): Dossier {
    const page = this.page(pageId, true);
    this.assertEditable(page.dossier_id);
    transaction(this.db, () => {
      this.db.prepare('UPDATE pages SET deleted_at = ? WHERE id = ?').run(at, pageId);
      this.touch(page.dossier_id);
    });
    this.onChange(page.dossier_id);
    return this.get(page.dossier_id);
  }

  private summary(r: DossierRow, procedureName: string, pageCount: number): DossierSummary {
    return {
      id: r.id,
      procedureCode: r.procedure_code,
      procedureName,
      applicantName: r.applicant_name,
      status: r.status,
      pageCount,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      ...this.receptionView.summary(r),
      ...Object.assign({}, ...this.summaryViews.map((view) => view(r.id))),
    };
  }

  private row(id: string): DossierRow {
    const row = this.db.prepare('SELECT * FROM dossiers WHERE id = ?').get(id) as DossierRow | undefined;
    if (!row) throw new StationError('dossier_not_found', { id });
    return row;
  }

  /** The dossier's procedure and one of its components; throws when either is unknown. */
  component(
    dossierId: string,
    code: string,
  ): { procedure: Procedure; component: Procedure['components'][number] } {
    const procedure = this.catalog.get(this.row(dossierId).procedure_code);
    const component = procedure.components.find((c) => c.code === code);
    if (!component) throw new StationError('unknown_component', { code });
    return { procedure, component };
  }

  private livePages(dossierId: string): PageRow[] {
    return this.db
      .prepare(
        'SELECT * FROM pages WHERE dossier_id = ? AND deleted_at IS NULL ORDER BY component_code, position, created_at',
      )
      .all(dossierId) as unknown as PageRow[];
  }

  private page(id: string, includeDeleted = false): PageRow {
    const row = this.db
      .prepare(`SELECT * FROM pages WHERE id = ?${includeDeleted ? '' : ' AND deleted_at IS NULL'}`)
      .get(id) as PageRow | undefined;
    if (!row) throw new StationError('page_not_found', { id });
    return row;
  }

  private touch(dossierId: string, now = new Date().toISOString()): void {
    this.db.prepare('UPDATE dossiers SET updated_at = ? WHERE id = ?').run(now, dossierId);
  }
}
