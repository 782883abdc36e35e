import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';

const require = createRequire(import.meta.url);

/** One recognised word, its box in the pixels of the image OCR was given, NFC text. */
export interface OcrWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** 0–100, as tesseract reports it. */
  confidence: number;
  /** Tesseract's paragraph (numbered on the page from 0) and line (numbered on the page from 0). */
  para?: number;
  line?: number;
  /** The line's baseline at the word's centre, in pixels (when tesseract found one). */
  base?: number;
}

export interface OcrResult {
  text: string;
  words: OcrWord[];
  /** Mean word confidence (0–100), 0 when no word was found. */
  confidence: number;
  width: number;
  height: number;
}

export interface Orientation {
  /** Clockwise quarter turn that puts the text upright. */
  degrees: 0 | 90 | 180 | 270;
  confidence: number;
}

export class OcrCancelled extends Error {
  constructor() {
    super('OCR cancelled');
    this.name = 'OcrCancelled';
  }
}

type JobKind = 'ocr' | 'osd';
interface Job {
  kind: JobKind;
  image: Buffer;
  group: string;
  /** Resolution of the image, so tesseract does not guess it. */
  dpi: number;
  seq: number;
  /** A band of the first page on screen: goes before every other job. */
  urgent: boolean;
  resolve: (v: OcrResult | Orientation) => void;
  reject: (e: unknown) => void;
  started: boolean;
}

interface Slot {
  kind: JobKind;
  worker: Promise<Worker> | null;
  /** The worker has loaded (or failed to): jobs go to loaded workers first. */
  loaded: boolean;
  jobs: number;
  busy: Job | null;
}

export interface OcrPoolOptions {
  /** A writable folder (inside the data directory) where the traineddata is unpacked once. */
  cacheDir: string;
  langs?: string[];
  /** OCR workers; by default one per spare core, within memory (≈ 350 MB each). */
  size?: number;
  /** A worker's WASM heap never shrinks: replace it after this many pages. */
  recycleAfter?: number;
  /** A worker failed a page (it is replaced): for the engine's log. */
  onFault?: (worker: 'ocr' | 'osd', err: unknown) => void;
}

const DATA_PACKAGES: Record<string, { pkg: string; dir: string }> = {
  vie: { pkg: '@tesseract.js-data/vie', dir: '4.0.0_best_int' },
  eng: { pkg: '@tesseract.js-data/eng', dir: '4.0.0_best_int' },
  osd: { pkg: '@tesseract.js-data/osd', dir: '4.0.0' },
};

/**
 * Models shipped in resources/ocr (see its README): tesseract's fast Vietnamese model reads
 * the station's pages ≈ 1.4–1.8× faster than best_int at the same CER (`npm run bench:ocr-models`).
 */
const SHIPPED: Record<string, { file: URL; tag: string }> = {
  vie: {
    file: new URL('../../../resources/ocr/vie.traineddata.gz', import.meta.url),
    tag: 'tessdata_fast-4.1.0',
  },
};

/** Where a language's model comes from: the override, the station's own, or its npm package. */
function modelSource(lang: string): { tag: string; read: () => Buffer } {
  const file = process.env[`SOHOA_OCR_MODEL_${lang.toUpperCase()}`];
  if (file) {
    // A model file of one's own (the benchmarks compare tessdata_fast with best_int).
    const st = fs.statSync(file);
    return { tag: `file:${path.resolve(file)}:${st.size}:${st.mtimeMs}`, read: () => fs.readFileSync(file) };
  }
  const shipped = SHIPPED[lang];
  if (shipped) return { tag: shipped.tag, read: () => zlib.gunzipSync(fs.readFileSync(shipped.file)) };
  const spec = DATA_PACKAGES[lang];
  if (!spec) throw new Error(`no traineddata package for ${lang}`);
  return {
    tag: `${spec.pkg}/${spec.dir}`,
    read: () => {
      const root = path.dirname(require.resolve(`${spec.pkg}/package.json`));
      return zlib.gunzipSync(fs.readFileSync(path.join(root, spec.dir, `${lang}.traineddata.gz`)));
    },
  };
}

/**
 * Unpacks a language's traineddata into the cache folder (offline), once per model: a
 * `.source` file beside it names the model, so a station that unpacked another one
 * (an older release's best_int, an override) gets the current one.
 */
export function primeTraineddata(cacheDir: string, lang: string): void {
  const target = path.join(cacheDir, `${lang}.traineddata`);
  const tagFile = `${target}.source`;
  const src = modelSource(lang);
  const known = fs.existsSync(tagFile) ? fs.readFileSync(tagFile, 'utf8') : null;
  // Before models were tagged, only the npm packages' were unpacked.
  const had = known ?? (fs.existsSync(target) && !SHIPPED[lang] ? src.tag : null);
  if (had === src.tag && fs.existsSync(target)) return;
  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, src.read());
  fs.renameSync(tmp, target);
  fs.writeFileSync(tagFile, src.tag);
}

/**
 * One OCR worker per core (at most 4), within memory (≈ 350 MB each). It was one per spare
 * core (1 on two cores); the engine thread is mostly idle while pages are read, and on two
 * cores two workers read the first page's bands side by side (`npm run bench:first-text`).
 * `SOHOA_OCR_WORKERS` overrides it (the benchmark compares 1 and 2).
 */
export function defaultPoolSize(): number {
  const byMemory = Math.max(1, Math.floor((os.freemem() - 512 * 2 ** 20) / (350 * 2 ** 20)));
  const asked = Number(process.env.SOHOA_OCR_WORKERS);
  if (asked >= 1) return Math.min(Math.floor(asked), byMemory);
  return Math.max(1, Math.min(os.availableParallelism(), byMemory, 4));
}

/** Flattens tesseract's blocks → paragraphs → lines → words into words with boxes. */
function wordsOf(data: Awaited<ReturnType<Worker['recognize']>>['data']): OcrWord[] {
  const words: OcrWord[] = [];
  let para = -1;
  let line = -1;
  for (const b of data.blocks ?? [])
    for (const p of b.paragraphs) {
      para++;
      for (const l of p.lines) {
        line++;
        const bl = l.baseline;
        const hasBase = !!bl && bl.x1 !== bl.x0;
        for (const w of l.words) {
          const text = w.text.normalize('NFC').trim();
          if (!text) continue;
          // Every word of a line gets the line's top and bottom: one baseline and one size per
          // line in the text layer, so viewers and pdftotext keep the line together. The
          // paragraph and line ids let the text layer give a paragraph one size and pitch.
          const cx = (w.bbox.x0 + w.bbox.x1) / 2;
          const base = hasBase ? bl.y0 + ((bl.y1 - bl.y0) * (cx - bl.x0)) / (bl.x1 - bl.x0) : undefined;
          words.push({
            text,
            x0: w.bbox.x0,
            x1: w.bbox.x1,
            y0: l.bbox.y0,
            y1: l.bbox.y1,
            confidence: w.confidence,
            para,
            line,
            ...(base !== undefined && base >= l.bbox.y0 && base <= l.bbox.y1 ? { base } : {}),
          });
        }
      }
    }
  return words;
}

/**
 * Tesseract workers (each in its own worker thread, as tesseract.js runs them
 * in Node), shared by the whole engine. Jobs of the dossier the clerk is
 * looking at go first; a dossier's jobs can be cancelled; workers are replaced
 * after `recycleAfter` pages.
 */
export class OcrPool {
  private readonly queue: Job[] = [];
  private readonly slots: Slot[];
  private readonly osdSlot: Slot = { kind: 'osd', worker: null, loaded: false, jobs: 0, busy: null };
  private seq = 0;
  private current: string | null = null;
  private closed = false;
  readonly size: number;
  private readonly langs: string[];
  private readonly recycleAfter: number;

  constructor(private readonly opts: OcrPoolOptions) {
    this.size = opts.size ?? defaultPoolSize();
    this.langs = opts.langs ?? ['vie', 'eng'];
    this.recycleAfter = opts.recycleAfter ?? 25;
    this.slots = Array.from({ length: this.size }, () => ({
      kind: 'ocr',
      worker: null,
      loaded: false,
      jobs: 0,
      busy: null,
    }));
  }

  /** The dossier on the clerk's screen: its pages jump the queue. */
  prioritize(group: string | null): void {
    this.current = group;
  }

  /** `urgent`: a band of the first page on screen, read before anything else waiting. */
  recognize(image: Buffer, group = '', dpi = 300, urgent = false): Promise<OcrResult> {
    return this.enqueue('ocr', image, group, dpi, urgent) as Promise<OcrResult>;
  }

  orientation(image: Buffer, group = '', dpi = 150): Promise<Orientation> {
    return this.enqueue('osd', image, group, dpi) as Promise<Orientation>;
  }

  /** Starts the OCR workers that are not running yet, so the next page does not wait for one to load. */
  warm(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (slot.worker) continue;
      try {
        this.load(slot);
      } catch {
        // No traineddata: the first page's job reports it.
      }
    }
  }

  /** Drops a group's queued jobs and stops its running ones (their worker is replaced). */
  cancel(group: string): number {
    let n = 0;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const job = this.queue[i]!;
      if (job.group !== group || job.started) continue;
      this.queue.splice(i, 1);
      job.reject(new OcrCancelled());
      n++;
    }
    for (const slot of [...this.slots, this.osdSlot]) {
      if (slot.busy?.group === group) {
        slot.busy.reject(new OcrCancelled());
        this.retire(slot);
        n++;
      }
    }
    this.pump();
    return n;
  }

  pending(group?: string): number {
    return this.queue.filter((j) => group === undefined || j.group === group).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new OcrCancelled());
    await Promise.all(
      [...this.slots, this.osdSlot].map(async (s) => {
        s.busy?.reject(new OcrCancelled());
        s.busy = null;
        const w = s.worker;
        s.worker = null;
        if (w) await (await w.catch(() => null))?.terminate().catch(() => undefined);
      }),
    );
  }

  private enqueue(
    kind: JobKind,
    image: Buffer,
    group: string,
    dpi: number,
    urgent = false,
  ): Promise<OcrResult | Orientation> {
    if (this.closed) return Promise.reject(new OcrCancelled());
    return new Promise((resolve, reject) => {
      this.queue.push({ kind, image, group, dpi, seq: this.seq++, urgent, resolve, reject, started: false });
      this.pump();
    });
  }

  private next(kind: JobKind): Job | undefined {
    let best = -1;
    const urgent = this.queue.findIndex((j) => j.kind === kind && j.urgent);
    if (urgent >= 0) return this.queue.splice(urgent, 1)[0];
    for (let i = 0; i < this.queue.length; i++) {
      const j = this.queue[i]!;
      if (j.kind !== kind) continue;
      if (best < 0) best = i;
      if (this.current && j.group === this.current) {
        best = i;
        break;
      }
    }
    return best < 0 ? undefined : this.queue.splice(best, 1)[0];
  }

  /** Starts the slot's worker; when it has loaded (or failed to), waiting jobs go to it. */
  private load(slot: Slot): Promise<Worker> {
    const handle = this.spawn(slot.kind);
    slot.worker = handle;
    slot.loaded = false;
    const done = () => {
      if (slot.worker !== handle) return;
      slot.loaded = true;
      this.pump();
    };
    handle.then(done, done);
    return handle;
  }

  /**
   * Hands waiting jobs to free workers that have loaded. A job waits for the first worker
   * ready rather than for one still loading (cold, the first page's top band goes to whichever
   * worker loads first); a worker that failed to load takes a job, which then reports it.
   */
  private pump(): void {
    if (this.closed) return;
    for (const slot of [...this.slots, this.osdSlot]) {
      if (slot.busy) continue;
      if (!slot.worker) {
        if (!this.queue.some((j) => j.kind === slot.kind)) continue;
        try {
          this.load(slot);
        } catch (err) {
          // No traineddata: every waiting job of this kind is told.
          for (let job = this.next(slot.kind); job; job = this.next(slot.kind)) job.reject(err);
        }
        continue;
      }
      if (!slot.loaded) continue;
      const job = this.next(slot.kind);
      if (!job) continue;
      void this.run(slot, job);
    }
  }

  private spawn(kind: JobKind): Promise<Worker> {
    const cachePath = this.opts.cacheDir;
    if (kind === 'osd') {
      primeTraineddata(cachePath, 'osd');
      return createWorker('osd', OEM.TESSERACT_ONLY, {
        cachePath,
        cacheMethod: 'readOnly',
        langPath: cachePath,
        gzip: false,
        legacyCore: true,
        legacyLang: true,
        errorHandler: this.onWorkerError,
      });
    }
    for (const l of this.langs) primeTraineddata(cachePath, l);
    return createWorker(this.langs, OEM.LSTM_ONLY, {
      cachePath,
      cacheMethod: 'readOnly',
      langPath: cachePath,
      gzip: false,
      errorHandler: this.onWorkerError,
    }).then(async (w) => {
      await w.setParameters({ tessedit_pageseg_mode: PSM.AUTO, preserve_interword_spaces: '0' });
      return w;
    });
  }

  /** tesseract.js reports a failed job here as well as by rejecting it: the rejection is what we act on. */
  private readonly onWorkerError = (): void => {};

  private retire(slot: Slot): void {
    const w = slot.worker;
    slot.worker = null;
    slot.loaded = false;
    slot.busy = null;
    slot.jobs = 0;
    if (w) void w.then((x) => x.terminate()).catch(() => undefined);
  }

  private async run(slot: Slot, job: Job): Promise<void> {
    slot.busy = job;
    job.started = true;
    const handle = slot.worker ?? this.load(slot);
    // A worker that was terminated (close, cancel, recycle) must never be called again:
    // tesseract.js then throws from inside its own promise, which nobody can catch, and the
    // call never settles. worker_threads end asynchronously, so an answer can still arrive
    // after terminate(): check after every await.
    const live = (): boolean => !this.closed && slot.busy === job && slot.worker === handle;
    try {
      const worker = await handle;
      if (!live()) return;
      await worker.setParameters({ user_defined_dpi: String(Math.round(job.dpi)) });
      if (!live()) return;
      if (job.kind === 'osd') {
        const r = await worker.detect(job.image);
        if (!live()) return;
        const deg = r.data.orientation_degrees ?? 0;
        const degrees = ([0, 90, 180, 270] as const).find((d) => d === deg) ?? 0;
        job.resolve({ degrees, confidence: r.data.orientation_confidence ?? 0 });
      } else {
        const r = await worker.recognize(job.image, {}, { text: true, blocks: true });
        if (!live()) return;
        const words = wordsOf(r.data);
        const confidence = words.length ? words.reduce((s, w) => s + w.confidence, 0) / words.length : 0;
        job.resolve({
          text: r.data.text.normalize('NFC'),
          words,
          confidence,
          width: 0,
          height: 0,
        });
      }
      slot.jobs++;
      slot.busy = null;
      if (slot.jobs >= this.recycleAfter) this.retire(slot);
    } catch (err) {
      if (live()) {
        this.opts.onFault?.(slot.kind, err);
        job.reject(err);
        this.retire(slot);
      }
    } finally {
      this.pump();
    }
  }
}
