import path from 'node:path';
import type {
  BlankDecision,
  CleanupChoices,
  ImagingProgress,
  PageCleanup,
} from '../../../shared/api/rooms/imaging';
import { StationError } from '../../../shared/api/errors';
import type { EngineContext } from '../context';
import type { DossierService } from '../dossier/service';
import { OcrPool, type OcrResult } from '../ocr/pool';
import { assemblePdf, type PdfPageInput } from '../pdf/assemble';
import { transaction } from '../store';
import sharp from 'sharp';
import { scannedPdfPage, renderPdfPage } from '../pdf/raster';
import { cleanPage, DEFAULT_CHOICES, type PageAnalysis, type RawImage } from './cleanup';
import { MAX_INPUT_PIXELS } from './ingest';
import { analyze, ANALYSIS_VERSION, ocr, ocrKey, prepareForPdf } from './pipeline';

/** What a page's `cleanup` column holds. */
interface CleanupRecord {
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
}

/** What cleanup and OCR read for a page: the image itself, or a scanned PDF page's rendering. */
interface Source {
  img: RawImage;
  raster: CleanupRecord['raster'] | null;
  /** A PDF page with its own text: kept exactly as imported. */
  textPage: boolean;
}

/** What a page's `ocr` column holds; the words are in the blob store. */
interface OcrRecord {
  key: string;
  blob: string;
  confidence: number;
  words: number;
}

interface Row {
  id: string;
  dossier_id: string;
  component_code: string;
  raw_blob: string;
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

export const OCR_LANGS = 'vie+eng';
const START_DELAY_MS = 1500;

const parse = <T>(s: string | null): T | null => (s ? (JSON.parse(s) as T) : null);

/** A page just analysed: the clerk's earlier choices kept, a scanned PDF page's rendering noted. */
const analysedRecord = (analysis: PageAnalysis, prev: CleanupRecord | null, src: Source): CleanupRecord => ({
  v: ANALYSIS_VERSION,
  state: 'done',
  analysis,
  choices: prev?.choices ?? DEFAULT_CHOICES,
  blankDecision: null,
  ...(src.raster ? { raster: src.raster } : {}),
});

/**
 * Cleans and reads pages in the background after they are added (never in
 * the way of `dossier.addPages`): analysis, then OCR through the shared pool, the
 * dossier on screen first. Results are cached per page and parameters.
 */
export class ImagingService {
  readonly pool: OcrPool;
  private readonly waiting: string[] = [];
  private readonly queued = new Set<string>();
  private running = 0;
  private focusDossier: string | null = null;
  private closed = false;
  private idle: (() => void)[] = [];

  constructor(
    private readonly ctx: EngineContext,
    private readonly dossiers: DossierService,
    opts: { ocrWorkers?: number; ocr?: boolean } = {},
  ) {
    this.pool = new OcrPool({ cacheDir: path.join(ctx.dataDir, 'ocr-data'), size: opts.ocrWorkers });
    this.ocrEnabled = opts.ocr ?? process.env.SOHOA_OCR !== '0';
  }

  private readonly ocrEnabled: boolean;

  private get db() {
    return this.ctx.store.db;
  }

  /** Queues every live page of the dossier that still needs cleaning or reading. */
  schedule(dossierId: string): void {
    if (this.closed) return;
    const rows = this.db
      .prepare(
        'SELECT * FROM pages WHERE dossier_id = ? AND deleted_at IS NULL ORDER BY component_code, position',
      )
      .all(dossierId) as unknown as Row[];
    for (const r of rows) if (this.needsWork(r) && !this.queued.has(r.id)) this.enqueue(r.id);
    // Start once the pages stop arriving (a feeder delivers a page every second or two):
    // the scan itself is never slowed, and short-lived engines (CLI calls) do no OCR at all.
    if (this.startTimer) clearTimeout(this.startTimer);
    this.startTimer = setTimeout(() => {
      this.startTimer = null;
      this.pump();
    }, START_DELAY_MS);
    this.startTimer.unref();
  }

  private startTimer: NodeJS.Timeout | null = null;

  focus(dossierId: string): void {
    this.focusDossier = dossierId;
    this.pool.prioritize(dossierId);
    this.schedule(dossierId);
  }

  cancel(dossierId: string): number {
    let n = 0;
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const row = this.row(this.waiting[i]!, true);
      if (row?.dossier_id !== dossierId) continue;
      this.queued.delete(this.waiting[i]!);
      this.waiting.splice(i, 1);
      n++;
    }
    return n + this.pool.cancel(dossierId);
  }

  /** Resolves when nothing is queued or running (tests, CLI). */
  whenIdle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.startTimer) clearTimeout(this.startTimer);
    this.waiting.splice(0);
    await this.pool.close();
  }

  progress(dossierId: string): ImagingProgress {
    const rows = this.db
      .prepare('SELECT * FROM pages WHERE dossier_id = ? AND deleted_at IS NULL')
      .all(dossierId) as unknown as Row[];
    let cleaned = 0;
    let ocred = 0;
    const byComponent = new Map<string, { code: string; total: number; cleaned: number; ocred: number }>();
    for (const r of rows) {
      const c = parse<CleanupRecord>(r.cleanup);
      const comp = byComponent.get(r.component_code) ?? {
        code: r.component_code,
        total: 0,
        cleaned: 0,
        ocred: 0,
      };
      byComponent.set(r.component_code, comp);
      comp.total++;
      if (c && c.v === ANALYSIS_VERSION) {
        cleaned++;
        comp.cleaned++;
      }
      if (!this.needsOcr(r, c)) {
        ocred++;
        if (this.ocrEnabled) comp.ocred++;
      }
    }
    return {
      dossierId,
      total: rows.length,
      cleaned,
      ocred: this.ocrEnabled ? ocred : 0,
      ocrEnabled: this.ocrEnabled,
      complete: cleaned === rows.length && (!this.ocrEnabled || ocred === rows.length),
      components: [...byComponent.values()],
    };
  }

  page(pageId: string): PageCleanup {
    const r = this.mustRow(pageId);
    const c = parse<CleanupRecord>(r.cleanup);
    const o = parse<OcrRecord>(r.ocr);
    let ocrValue: PageCleanup['ocr'] = null;
    if (o) {
      const words = JSON.parse(this.ctx.store.blobs.get(o.blob).toString('utf8')) as OcrResult;
      const current =
        !!c?.analysis && o.key === ocrKey(r.raw_blob, r.frame, c.analysis, c.choices, OCR_LANGS);
      ocrValue = { current, confidence: o.confidence, words: o.words, text: words.text };
    }
    return {
      pageId,
      state: c ? c.state : 'pending',
      analysis: c?.analysis ?? null,
      choices: c?.choices ?? DEFAULT_CHOICES,
      blankDecision: c?.blankDecision ?? null,
      ocr: ocrValue,
      ...(c?.error ? { error: c.error } : {}),
    };
  }

  choose(pageId: string, choices: Partial<CleanupChoices>): PageCleanup {
    const r = this.mustRow(pageId);
    const c = parse<CleanupRecord>(r.cleanup);
    if (!c || c.state !== 'done') throw new StationError('imaging_not_ready', {});
    this.save(pageId, { ...c, choices: { ...c.choices, ...choices } });
    this.ctx.emit('dossier.changed', { dossierId: r.dossier_id });
    this.schedule(r.dossier_id);
    return this.page(pageId);
  }

  /** The clerk's cleanup choices of a page as a stable string; '' while they are the defaults. */
  choicesKey(pageId: string): string {
    const c = parse<CleanupRecord>(this.row(pageId, true)?.cleanup ?? null);
    if (!c) return '';
    const ch = c.choices;
    const d = DEFAULT_CHOICES;
    if (ch.deskew === d.deskew && ch.orient === d.orient && ch.crop === d.crop && ch.colour === d.colour)
      return '';
    return `d${+ch.deskew}o${+ch.orient}c${+ch.crop}${ch.colour ?? ''}`;
  }

  blank(pageId: string, decision: BlankDecision): PageCleanup {
    const r = this.mustRow(pageId);
    const c = parse<CleanupRecord>(r.cleanup);
    if (!c) throw new StationError('imaging_not_ready', {});
    this.save(pageId, { ...c, blankDecision: decision });
    // Removing is the dossier's own soft delete: `dossier.restorePage` brings it back.
    if (decision === 'remove') this.dossiers.delete(pageId);
    else this.ctx.emit('dossier.changed', { dossierId: r.dossier_id });
    return this.page(pageId);
  }

  async preview(pageId: string, cleaned: boolean): Promise<string> {
    const r = this.mustRow(pageId);
    const c = parse<CleanupRecord>(r.cleanup);
    if (r.mime === 'application/pdf' && !c?.raster) {
      // A text page (or one not looked at yet): the page as imported.
      const png = await renderPdfPage(this.ctx.store.blobs.get(r.raw_blob), r.frame, 60);
      const jpg = await sharp(png).flatten({ background: '#ffffff' }).jpeg({ quality: 75 }).toBuffer();
      return `data:image/jpeg;base64,${jpg.toString('base64')}`;
    }
    const img = this.imageOf(r, c);
    const page = cleaned && c?.analysis ? (await cleanPage(img, c.analysis, c.choices, 60)).image : null;
    const s = page ?? sharp(img.bytes, { page: r.frame, limitInputPixels: MAX_INPUT_PIXELS }).autoOrient();
    const jpg = await s
      .resize(480, 680, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 75 })
      .toBuffer();
    return `data:image/jpeg;base64,${jpg.toString('base64')}`;
  }

  /**
   * Hook for `DossierService.assemble`: each image page cleaned as the clerk
   * kept it, with the OCR words that are ready (OCR still running is not
   * waited for; the page then has no text yet). PDF pages pass through.
   */
  async preparePdfPages(pageIds: string[]): Promise<PdfPageInput[]> {
    const out: PdfPageInput[] = [];
    const load = (blob: string) => this.ctx.store.blobs.get(blob);
    for (const id of pageIds) {
      const r = this.mustRow(id);
      const base = {
        mime: r.mime,
        frame: r.frame,
        width: r.width,
        height: r.height,
        dpi: r.dpi,
        rotation: r.rotation,
      };
      let c = parse<CleanupRecord>(r.cleanup);
      const src = await this.source(r, c);
      if (src.textPage) {
        out.push({ ...base, bytes: load(r.raw_blob) });
        continue;
      }
      const img = src.img;
      if (src.raster)
        Object.assign(base, {
          mime: 'image/png',
          frame: 0,
          width: src.raster.width,
          height: src.raster.height,
          dpi: src.raster.dpi,
        });
      if (!c || c.v !== ANALYSIS_VERSION || !c.analysis) {
        // Not analysed yet: skew, border and colour now (quick); orientation waits for OSD.
        c = analysedRecord(await analyze(img, null), c, src);
      }
      const analysis = c.analysis ?? (await analyze(img, null));
      const o = parse<OcrRecord>(r.ocr);
      let words: OcrResult | null = null;
      if (o && o.key === ocrKey(r.raw_blob, r.frame, analysis, c.choices, OCR_LANGS))
        words = JSON.parse(this.ctx.store.blobs.get(o.blob).toString('utf8')) as OcrResult;
      const prepared = await prepareForPdf(img, analysis, c.choices, words);
      out.push({ ...base, bytes: Buffer.alloc(0), prepared });
    }
    return out;
  }

  /** One PDF/A for the whole dossier, a bookmark per component that has pages. */
  async dossierPdf(dossierId: string): Promise<{ fileName: string; bytes: Uint8Array; pageCount: number }> {
    const d = this.dossiers.get(dossierId);
    const outline: { title: string; pageIndex: number }[] = [];
    const rows: Row[] = [];
    for (const comp of d.components) {
      if (!comp.pages.length) continue;
      outline.push({ title: comp.name, pageIndex: rows.length });
      for (const p of comp.pages) rows.push(this.mustRow(p.id));
    }
    if (!rows.length) throw new StationError('component_empty', { code: '*' });
    const pages = await this.preparePdfPages(rows.map((r) => r.id));
    const bytes = await assemblePdf(
      pages,
      {
        title: `Hồ sơ ${d.procedureName} — ${d.applicantName}`,
        subject: `Hồ sơ ${dossierId}; thủ tục ${d.procedureCode}`,
        keywords: [
          d.procedureCode,
          dossierId,
          ...d.components.filter((c) => c.pages.length).map((c) => c.code),
        ],
      },
      new Date(),
      outline,
    );
    return {
      fileName: `${d.procedureCode.replace(/[^A-Za-z0-9._-]+/g, '_')}_${dossierId.slice(0, 8)}_ho-so.pdf`,
      bytes,
      pageCount: rows.length,
    };
  }

  // ---- background work ----

  private needsOcr(r: Row, c: CleanupRecord | null): boolean {
    if (!this.ocrEnabled) return false;
    if (!c || c.state !== 'done' || !c.analysis) return c?.state !== 'failed' && c?.state !== 'skipped';
    if (c.analysis.blank && c.blankDecision !== 'keep') return false;
    const o = parse<OcrRecord>(r.ocr);
    return !o || o.key !== ocrKey(r.raw_blob, r.frame, c.analysis, c.choices, OCR_LANGS);
  }

  private needsWork(r: Row): boolean {
    const c = parse<CleanupRecord>(r.cleanup);
    if (!c || c.v !== ANALYSIS_VERSION) return true;
    // Stations before scanned PDF pages were read skipped every PDF page: look again.
    if (r.mime === 'application/pdf' && c.state === 'skipped' && !c.pdfText) return true;
    return this.needsOcr(r, c);
  }

  private enqueue(pageId: string): void {
    this.queued.add(pageId);
    this.waiting.push(pageId);
  }

  private nextPage(): string | undefined {
    if (this.focusDossier) {
      for (let i = 0; i < this.waiting.length; i++) {
        if (this.row(this.waiting[i]!, true)?.dossier_id === this.focusDossier)
          return this.waiting.splice(i, 1)[0];
      }
    }
    return this.waiting.shift();
  }

  private pump(): void {
    // One page per OCR worker at a time, plus one analysing ahead.
    while (!this.closed && this.running < this.pool.size + 1 && this.waiting.length) {
      const id = this.nextPage();
      if (!id) break;
      this.running++;
      void this.work(id).finally(() => {
        this.running--;
        this.queued.delete(id);
        this.pump();
        if (this.running === 0 && this.waiting.length === 0) for (const r of this.idle.splice(0)) r();
      });
    }
  }

  private async work(pageId: string): Promise<void> {
    try {
      await this.workUnsafe(pageId);
    } catch (err) {
      // Only reachable when the engine closed under a running page: nothing to record.
      if (!this.closed) this.ctx.log(`imaging: page ${pageId}: ${String(err)}`);
    }
  }

  private async workUnsafe(pageId: string): Promise<void> {
    if (this.closed) return;
    let r = this.row(pageId);
    if (!r || r.deleted_at) return;
    try {
      let c = parse<CleanupRecord>(r.cleanup);
      const src = await this.source(r, c);
      const img = src.img;
      if (
        !c ||
        c.v !== ANALYSIS_VERSION ||
        (r.mime === 'application/pdf' && c.state === 'skipped' && !c.pdfText)
      ) {
        if (src.textPage) {
          // A PDF page with its own text is kept exactly as imported: not re-rendered or OCR'd.
          c = {
            v: ANALYSIS_VERSION,
            state: 'skipped',
            pdfText: true,
            analysis: null,
            choices: DEFAULT_CHOICES,
            blankDecision: null,
          };
        } else {
          const analysis = await analyze(img, this.ocrEnabled ? this.pool : null, r.dossier_id);
          c = analysedRecord(analysis, c, src);
        }
        if (this.closed) return;
        this.save(pageId, c);
        this.report(r.dossier_id);
      }
      if (this.closed) return;
      r = this.row(pageId);
      if (!r || r.deleted_at || !this.needsOcr(r, c) || !c.analysis) return;
      const result = await ocr(img, c.analysis, c.choices, this.pool, r.dossier_id);
      if (this.closed) return;
      const key = ocrKey(r.raw_blob, r.frame, c.analysis, c.choices, OCR_LANGS);
      const blob = this.ctx.store.blobs.put(Buffer.from(JSON.stringify(result), 'utf8'));
      const rec: OcrRecord = {
        key,
        blob,
        confidence: Math.round(result.confidence * 10) / 10,
        words: result.words.length,
      };
      this.db.prepare('UPDATE pages SET ocr = ? WHERE id = ?').run(JSON.stringify(rec), pageId);
      this.report(r.dossier_id);
    } catch (err) {
      if (this.closed || (err instanceof Error && err.name === 'OcrCancelled')) return;
      this.ctx.log(`imaging: page ${pageId} failed: ${err instanceof Error ? err.stack : String(err)}`);
      const prev = parse<CleanupRecord>(this.row(pageId)?.cleanup ?? null);
      if (!prev || prev.state !== 'done')
        this.save(pageId, {
          v: ANALYSIS_VERSION,
          state: 'failed',
          analysis: null,
          choices: DEFAULT_CHOICES,
          blankDecision: null,
          error: err instanceof Error ? err.message : String(err),
        });
      if (r) this.report(r.dossier_id);
    }
  }

  /** The image a page's cleanup and OCR work on (a scanned PDF page: its rendering). */
  private imageOf(r: Row, c: CleanupRecord | null): RawImage {
    if (c?.raster) return { bytes: this.ctx.store.blobs.get(c.raster.blob), frame: 0, dpi: c.raster.dpi };
    return { bytes: this.ctx.store.blobs.get(r.raw_blob), frame: r.frame, dpi: r.dpi };
  }

  /** Renders a scanned PDF page once (kept in the blob store); tells a text page apart. */
  private async source(r: Row, c: CleanupRecord | null): Promise<Source> {
    if (r.mime !== 'application/pdf' || c?.raster)
      return { img: this.imageOf(r, c), raster: c?.raster ?? null, textPage: false };
    const bytes = this.ctx.store.blobs.get(r.raw_blob);
    if (c?.pdfText && c.v === ANALYSIS_VERSION)
      return { img: { bytes, frame: r.frame, dpi: r.dpi }, raster: null, textPage: true };
    const page = await scannedPdfPage(bytes, r.frame);
    if (!page) return { img: { bytes, frame: r.frame, dpi: r.dpi }, raster: null, textPage: true };
    const raster = {
      blob: this.ctx.store.blobs.put(page.png),
      dpi: page.dpi,
      width: page.width,
      height: page.height,
    };
    return { img: { bytes: page.png, frame: 0, dpi: page.dpi }, raster, textPage: false };
  }

  private report(dossierId: string): void {
    if (!this.closed) this.ctx.emit('imaging.progress', this.progress(dossierId));
  }

  private save(pageId: string, c: CleanupRecord): void {
    transaction(this.db, () => {
      this.db.prepare('UPDATE pages SET cleanup = ? WHERE id = ?').run(JSON.stringify(c), pageId);
    });
  }

  private row(pageId: string, includeDeleted = false): Row | undefined {
    return this.db
      .prepare(`SELECT * FROM pages WHERE id = ?${includeDeleted ? '' : ' AND deleted_at IS NULL'}`)
      .get(pageId) as Row | undefined;
  }

  private mustRow(pageId: string): Row {
    const r = this.row(pageId, true);
    if (!r) throw new StationError('page_not_found', { id: pageId });
    return r;
  }
}
