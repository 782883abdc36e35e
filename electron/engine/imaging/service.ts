import path from 'node:path';
import type {
  BlankDecision,
  CleanupChoices,
  DossierReview,
  ImagingProgress,
  PageCleanup,
} from '../../../shared/api/rooms/imaging';
import { StationError } from '../../../shared/api/errors';
import type { EngineContext } from '../context';
import type { DossierService } from '../dossier/service';
import { OcrPool, type OcrResult } from '../ocr/pool';
import type { PdfPageInput } from '../pdf/assemble';
import { transaction } from '../store';
import { DEFAULT_CHOICES, type PageAnalysis, type RawImage } from './cleanup';
import { CleanupWorker } from './cleanup-client';
import { imageOf, pdfPageOf, previewOf } from './output';
import { analyze, ANALYSIS_VERSION, ocr, pageVersionKey, readUpright, triage } from './pipeline';
import { currentPrepared, preparedKey } from './prepared';
import {
  analysedRecord,
  type CleanupRecord,
  type OcrRecord,
  type PageRow as Row,
  pageVersion,
  parse,
} from './records';
import { reviewOf } from './review';
import { type StageTimes, timeStage } from './stages';

/**
 * How long after the first waiting page arrived the background work starts, so a
 * short-lived engine (a CLI call) does no OCR at all. It used to restart with every page,
 * which on an idle machine held the first text back until the feeder's last page (12.1 s
 * vs 8.3 s at once, 3 pages 1 s apart).
 */
const START_DELAY_MS = 1500;
/**
 * The dossier on screen (`imaging.focus`) starts at once. Measured (`npm run bench:first-text
 * -- --delays 0,1500`, feeder): while the analysis ran on the engine thread, starting at once
 * made `dossier.addPages` answer 2.5× slower; with it in the cleanup worker, starting at once
 * answered faster (444 vs 1052 ms at most) and the first text came 1.4 s sooner.
 */
const FOCUS_START_DELAY_MS = 0;

export interface ImagingOptions {
  ocrWorkers?: number;
  ocr?: boolean;
  /** Overrides the start delay (the benchmark compares delays). */
  startDelayMs?: number;
  /** Where each stage's time and runs are added (tests, the benchmark): e.g. how often OSD ran. */
  times?: StageTimes;
  /** Make each page's PDF image ahead after it is read (default); off, assembly makes them (the benchmark compares). */
  prepareAhead?: boolean;
}

/** What cleanup and OCR read for a page: the image itself, or a scanned PDF page's rendering. */
interface Source {
  img: RawImage;
  raster: CleanupRecord['raster'] | null;
  /** A PDF page with its own text: kept exactly as imported. */
  textPage: boolean;
}

/**
 * Cleans and reads pages in the background after they are added (never in
 * the way of `dossier.addPages`): analysis, then OCR through the shared pool, the
 * dossier on screen first. Results are cached per page and parameters.
 */
export class ImagingService {
  readonly pool: OcrPool;
  /** Analysis and cleanup run in this worker thread, off the engine's event loop. */
  private readonly cleaner = new CleanupWorker();
  private readonly waiting: string[] = [];
  private readonly queued = new Set<string>();
  private running = 0;
  private focusDossier: string | null = null;
  private closed = false;
  private idle: (() => void)[] = [];
  /** Text read so far of pages still being read (the first page on screen, in bands): never stored. */
  private readonly partial = new Map<string, { dossierId: string; text: string }>();
  /**
   * Dossiers whose first page was read in bands already (once per dossier and engine), with
   * when its bands are queued: the dossier's other pages are read after that, so they never
   * take the workers from the first page's bands.
   */
  private readonly banded = new Map<string, Promise<void>>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly dossiers: DossierService,
    private readonly opts: ImagingOptions = {},
  ) {
    this.pool = new OcrPool({
      cacheDir: path.join(ctx.dataDir, 'ocr-data'),
      size: opts.ocrWorkers,
      onFault: (worker, err) =>
        ctx.log.error('worker.fault', { worker, code: 'worker_error', detail: String(err) }),
    });
    this.ocrEnabled = opts.ocr ?? process.env.SOHOA_OCR !== '0';
    this.times = opts.times;
  }

  private readonly times: StageTimes | undefined;

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
    // Start a moment after the first page arrived, not after the last: a feeder delivering a
    // page a second must not hold the first text back until the whole stack is in.
    const delay =
      this.opts.startDelayMs ?? (dossierId === this.focusDossier ? FOCUS_START_DELAY_MS : START_DELAY_MS);
    // A start already planned stands, unless the dossier on screen may start sooner.
    if (this.startTimer && delay > 0) return;
    if (this.startTimer) clearTimeout(this.startTimer);
    this.startTimer = setTimeout(() => {
      this.startTimer = null;
      this.pump();
    }, delay);
    this.startTimer.unref();
  }

  private startTimer: NodeJS.Timeout | null = null;

  focus(dossierId: string): void {
    this.focusDossier = dossierId;
    this.pool.prioritize(dossierId);
    // A clerk is looking at a dossier: have a reader ready for its first page.
    if (this.ocrEnabled && !this.closed) {
      this.pool.warm();
      this.cleaner.warm();
    }
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
    await Promise.all([this.pool.close(), this.cleaner.close()]);
  }

  progress(dossierId: string): ImagingProgress {
    const rows = this.db
      .prepare('SELECT * FROM pages WHERE dossier_id = ? AND deleted_at IS NULL')
      .all(dossierId) as unknown as Row[];
    let cleaned = 0;
    let ocred = 0;
    const reading: { pageId: string; text: string }[] = [];
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
      } else {
        const part = this.partial.get(r.id);
        if (part) reading.push({ pageId: r.id, text: part.text });
      }
    }
    return {
      dossierId,
      total: rows.length,
      cleaned,
      ocred: this.ocrEnabled ? ocred : 0,
      ocrEnabled: this.ocrEnabled,
      complete: cleaned === rows.length && (!this.ocrEnabled || ocred === rows.length),
      ...(reading.length ? { reading } : {}),
      components: [...byComponent.values()],
    };
  }

  /** Every live page's flags, per component in the dossier's page order (one component when named). */
  review(dossierId: string, componentCode?: string): DossierReview {
    this.dossiers.isLocked(dossierId); // dossier_not_found for an unknown dossier
    const rows = this.db
      .prepare(
        `SELECT * FROM pages WHERE dossier_id = ? AND deleted_at IS NULL${componentCode ? ' AND component_code = ?' : ''}
         ORDER BY component_code, position, created_at`,
      )
      .all(...(componentCode ? [dossierId, componentCode] : [dossierId])) as unknown as Row[];
    const components = new Map<string, DossierReview['components'][number]>();
    for (const r of rows) {
      const c = parse<CleanupRecord>(r.cleanup);
      const o = parse<OcrRecord>(r.ocr);
      const current = !!o && !!c?.analysis && o.key === pageVersionKey(pageVersion(r), 'ocr');
      const comp = components.get(r.component_code) ?? { code: r.component_code, pages: [] };
      components.set(r.component_code, comp);
      comp.pages.push(reviewOf(r.id, c, o, current));
    }
    return { dossierId, components: [...components.values()] };
  }

  /** The text read on each live page that has been read (one component's when named). */
  texts(dossierId: string, componentCode?: string): { pageId: string; text: string }[] {
    this.dossiers.isLocked(dossierId); // dossier_not_found for an unknown dossier
    const rows = this.db
      .prepare(
        `SELECT id, ocr FROM pages WHERE dossier_id = ? AND deleted_at IS NULL AND ocr IS NOT NULL${componentCode ? ' AND component_code = ?' : ''}
         ORDER BY component_code, position, created_at`,
      )
      .all(...(componentCode ? [dossierId, componentCode] : [dossierId])) as unknown as Pick<
      Row,
      'id' | 'ocr'
    >[];
    return rows.map((r) => {
      const o = parse<OcrRecord>(r.ocr)!;
      const words = JSON.parse(this.ctx.store.blobs.get(o.blob).toString('utf8')) as OcrResult;
      return { pageId: r.id, text: words.text };
    });
  }

  page(pageId: string): PageCleanup {
    const r = this.mustRow(pageId);
    const c = parse<CleanupRecord>(r.cleanup);
    const o = parse<OcrRecord>(r.ocr);
    let ocrValue: PageCleanup['ocr'] = null;
    if (o) {
      const words = JSON.parse(this.ctx.store.blobs.get(o.blob).toString('utf8')) as OcrResult;
      const current = !!c?.analysis && o.key === pageVersionKey(pageVersion(r), 'ocr');
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
    this.dossiers.assertEditable(r.dossier_id);
    const c = parse<CleanupRecord>(r.cleanup);
    if (!c || c.state !== 'done') throw new StationError('imaging_not_ready', {});
    this.save(pageId, { ...c, choices: { ...c.choices, ...choices } });
    this.ctx.emit('dossier.changed', { dossierId: r.dossier_id });
    this.schedule(r.dossier_id);
    return this.page(pageId);
  }

  blank(pageId: string, decision: BlankDecision): PageCleanup {
    const r = this.mustRow(pageId);
    this.dossiers.assertEditable(r.dossier_id);
    const c = parse<CleanupRecord>(r.cleanup);
    if (!c) throw new StationError('imaging_not_ready', {});
    this.save(pageId, { ...c, blankDecision: decision });
    // Removing is the dossier's own soft delete: `dossier.restorePage` brings it back.
    if (decision === 'remove') this.dossiers.delete(pageId);
    else this.ctx.emit('dossier.changed', { dossierId: r.dossier_id });
    return this.page(pageId);
  }

  async preview(pageId: string, cleaned: boolean, large = false): Promise<string> {
    return previewOf(this.ctx.store.blobs, this.mustRow(pageId), cleaned, large);
  }

  /**
   * The pages as they go into a PDF (the documents room asks), through the one
   * page pipeline with what the background work knows of each.
   */
  async preparePdfPages(pageIds: string[]): Promise<PdfPageInput[]> {
    const out: PdfPageInput[] = [];
    for (const id of pageIds) {
      const page = await pdfPageOf(this.ctx.store.blobs, this.mustRow(id), this.times);
      if (page) out.push(page);
    }
    return out;
  }

  // ---- background work ----

  private needsOcr(r: Row, c: CleanupRecord | null): boolean {
    if (!this.ocrEnabled) return false;
    if (!c || c.state !== 'done' || !c.analysis) return c?.state !== 'failed' && c?.state !== 'skipped';
    if (c.analysis.blank && c.blankDecision !== 'keep') return false;
    const o = parse<OcrRecord>(r.ocr);
    return !o || o.key !== pageVersionKey(pageVersion(r), 'ocr');
  }

  private needsWork(r: Row): boolean {
    const c = parse<CleanupRecord>(r.cleanup);
    if (!c || c.v !== ANALYSIS_VERSION) return true;
    // Stations before scanned PDF pages were read skipped every PDF page: look again.
    if (r.mime === 'application/pdf' && c.state === 'skipped' && !c.pdfText) return true;
    return this.needsOcr(r, c) || this.needsPrepared(r, c);
  }

  /** A cleaned page whose PDF image is not made ahead yet (or no longer fits the clerk's choices). */
  private needsPrepared(r: Row, c: CleanupRecord): boolean {
    return this.opts.prepareAhead !== false && c.state === 'done' && !!c.analysis && !currentPrepared(r, c);
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
    // The first page taken of the dossier on screen (pages are taken in the dossier's order) is
    // read in bands; its other pages are read once those bands are queued.
    const dossierId = this.row(pageId)?.dossier_id;
    let queued = (): void => undefined;
    const first = !!dossierId && dossierId === this.focusDossier && !this.banded.has(dossierId);
    if (first) this.banded.set(dossierId, new Promise<void>((res) => (queued = res)));
    try {
      await this.workUnsafe(pageId, first ? () => queued() : null);
    } catch (err) {
      // Only reachable when the engine closed under a running page: nothing to record.
      if (!this.closed) this.ctx.log(`imaging: page ${pageId}: ${String(err)}`);
    } finally {
      queued();
    }
  }

  /** `bandsQueued`: this is the dossier's first page, read in bands; called once they are queued. */
  private async workUnsafe(pageId: string, bandsQueued: (() => void) | null): Promise<void> {
    if (this.closed) return;
    let r = this.row(pageId);
    if (!r || r.deleted_at) return;
    // The dossier's other pages start once its first page's bands are queued: their analyses
    // would share the cleanup worker with the first page's and hold its first text back.
    if (!bandsQueued) await this.banded.get(r.dossier_id);
    if (this.closed) return;
    r = this.row(pageId);
    if (!r || r.deleted_at) return;
    try {
      let c = parse<CleanupRecord>(r.cleanup);
      const src = await timeStage(this.times, 'decode', () => this.source(r!, c));
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
          // No OSD here: which way up the page is comes from its first reading (below).
          const analysis = await analyze(img, null, r.dossier_id, this.times, this.cleaner);
          c = { ...analysedRecord(analysis, c, src.raster), oriented: false };
        }
        if (this.closed) return;
        this.save(pageId, c);
        this.report(r.dossier_id);
      }
      if (this.closed) return;
      r = this.row(pageId);
      if (!r || r.deleted_at || !c.analysis) return;
      if (!this.needsOcr(r, c)) return await this.prepareAhead(pageId, img);
      const a = { ...c.analysis };
      // A page whose way up is not settled yet is read as scanned first; OSD is asked only
      // when that reading is unsure, and a turned page is read again upright. A record from
      // before (no `oriented`: OSD ran with the analysis) that OSD turned is settled.
      const settled = c.oriented === true || (c.oriented === undefined && a.orientation !== 0);
      const dossierId = r.dossier_id;
      // The first page read of the dossier on screen: in bands on all the workers, its first
      // lines shown as soon as they are read (`imaging.progress`'s `reading`).
      const first = bandsQueued
        ? {
            onPartial: (p: OcrResult) => {
              if (this.closed) return;
              this.partial.set(pageId, { dossierId, text: p.text });
              this.report(dossierId);
            },
            onQueued: bandsQueued,
          }
        : undefined;
      if (!first) await this.banded.get(dossierId);
      if (this.closed) return;
      let result: OcrResult;
      try {
        result = settled
          ? await ocr(img, a, c.choices, this.pool, dossierId, this.times, this.cleaner, first)
          : await readUpright(img, a, c.choices, this.pool, dossierId, this.times, this.cleaner, first);
      } finally {
        bandsQueued?.();
        this.partial.delete(pageId);
      }
      if (this.closed) return;
      if (!settled) c = this.settleOrientation(pageId, c, a);
      const key = pageVersionKey({ ...pageVersion(r), cleanup: { analysis: a, choices: c.choices } }, 'ocr');
      const blob = this.ctx.store.blobs.put(Buffer.from(JSON.stringify(result), 'utf8'));
      const rec: OcrRecord = {
        key,
        blob,
        confidence: Math.round(result.confidence * 10) / 10,
        words: result.words.length,
      };
      this.db.prepare('UPDATE pages SET ocr = ? WHERE id = ?').run(JSON.stringify(rec), pageId);
      this.report(r.dossier_id);
      await this.prepareAhead(pageId, img);
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

  /**
   * Makes the page's PDF image ahead (issue 18), once it is cleaned and read, so that
   * assembling a component copies compressed images instead of decoding and compressing
   * every page again. Kept only while the page's record is still the one it was made from.
   */
  private async prepareAhead(pageId: string, img: RawImage): Promise<void> {
    const r = this.row(pageId);
    const c = parse<CleanupRecord>(r?.cleanup ?? null);
    if (this.closed || !r || !c || c.v !== ANALYSIS_VERSION || !c.analysis || !this.needsPrepared(r, c))
      return;
    const key = preparedKey(r, c);
    // Made in the cleanup worker: decoding, cleanup and the JavaScript CCITT G4 encoder stay off this thread.
    const prepared = await timeStage(this.times, 'compression', () =>
      this.cleaner.prepare(img, c.analysis!, c.choices),
    );
    if (this.closed) return;
    const blob = await this.ctx.store.blobs.putAsync(prepared);
    if (this.closed) return;
    transaction(this.db, () => {
      const latest = this.row(pageId, true);
      const now = parse<CleanupRecord>(latest?.cleanup ?? null);
      if (!latest || !now || preparedKey(latest, now) !== key) return;
      this.db
        .prepare('UPDATE pages SET cleanup = ? WHERE id = ?')
        .run(JSON.stringify({ ...now, prepared: { key, blob } }), pageId);
    });
  }

  /**
   * Stores which way up the page is, as its first reading (and OSD, when asked) found,
   * into the page's latest record: the clerk's choices made meanwhile are kept.
   */
  private settleOrientation(pageId: string, used: CleanupRecord, a: PageAnalysis): CleanupRecord {
    const latest = parse<CleanupRecord>(this.row(pageId, true)?.cleanup ?? null) ?? used;
    const base = latest.analysis ?? a;
    const next: CleanupRecord = {
      ...latest,
      analysis: { ...base, orientation: a.orientation, orientationConfidence: a.orientationConfidence },
      oriented: true,
    };
    this.save(pageId, next);
    return { ...used, analysis: a, oriented: true };
  }

  /** What cleanup and OCR read: a scanned PDF page is rendered once (kept in the blob store); a text page is told apart. */
  private async source(r: Row, c: CleanupRecord | null): Promise<Source> {
    if (c?.raster) return { img: imageOf(this.ctx.store.blobs, r, c), raster: c.raster, textPage: false };
    const t = await triage({
      bytes: this.ctx.store.blobs.get(r.raw_blob),
      mime: r.mime,
      frame: r.frame,
      dpi: r.dpi,
      known: { textPage: !!c?.pdfText && c.v === ANALYSIS_VERSION },
    });
    if (!t.raster) return { img: t.img, raster: null, textPage: t.kind === 'pdf' };
    const { png, ...size } = t.raster;
    return { img: t.img, raster: { blob: this.ctx.store.blobs.put(png), ...size }, textPage: false };
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
