import type { Worker } from 'node:worker_threads';
import { spawnSourceWorker } from '../worker-spawn';
import { analyzePage, type CleanupChoices, cleanPage, type PageAnalysis, type RawImage } from './cleanup';
import type { CleanupReply, CleanupRequest } from './cleanup-protocol';

/** The cleaned page as OCR or OSD reads it: a greyscale PNG at `dpi`. */
export interface GreyPage {
  png: Buffer;
  width: number;
  height: number;
  dpi: number;
}

/** Where a page's analysis and its cleaned image for reading are worked out. */
export interface Cleaner {
  analyze(img: RawImage): Promise<PageAnalysis>;
  grey(img: RawImage, a: PageAnalysis, ch: CleanupChoices, dpi: number): Promise<GreyPage>;
}

/** On the calling thread (the CLI's one-shot pipeline, tests). */
export const inThread: Cleaner = {
  analyze: (img) => analyzePage(img),
  async grey(img, a, ch, dpi) {
    const c = await cleanPage(img, a, ch, dpi);
    const png = await c.image
      .greyscale()
      .withMetadata({ density: c.dpi })
      .png({ compressionLevel: 1 })
      .toBuffer();
    return { png, width: c.width, height: c.height, dpi: c.dpi };
  },
};

/** A page that takes longer than this is given up and the worker replaced (a crafted image). */
const TIMEOUT_MS = 120_000;
/** An idle worker is stopped after this long. */
const IDLE_MS = 30_000;

type Body<R> = R extends CleanupRequest ? Omit<R, 'id'> : never;

/**
 * The cleanup worker thread (cleanup-worker.ts): one thread, started on first use (or
 * `warm()`), stopped when idle, replaced when it fails. Its answers are the same as
 * `inThread`'s; the engine's event loop stays free while pages are analysed.
 */
export class CleanupWorker implements Cleaner {
  private worker: Worker | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private closed = false;
  private readonly pending = new Map<
    number,
    { resolve: (r: CleanupReply) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();

  /** Starts the thread ahead of the first page (a dossier came on screen). */
  warm(): void {
    if (!this.closed) this.ensure();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const w = this.worker;
    this.worker = null;
    this.fail(new Error('cleanup worker closed'));
    if (w) await w.terminate();
  }

  async analyze(img: RawImage): Promise<PageAnalysis> {
    const r = await this.request({ op: 'analyze', img: this.image(img) });
    if (r.op !== 'analyze') throw new Error('cleanup worker: unexpected answer');
    return r.analysis;
  }

  async grey(img: RawImage, a: PageAnalysis, ch: CleanupChoices, dpi: number): Promise<GreyPage> {
    const r = await this.request({ op: 'grey', img: this.image(img), a, ch, dpi });
    if (r.op !== 'grey') throw new Error('cleanup worker: unexpected answer');
    return { png: Buffer.from(r.png.buffer, r.png.byteOffset, r.png.byteLength), ...size(r) };
  }

  /** The page's bytes copied into a buffer of their own, handed over to the worker without a second copy. */
  private image(img: RawImage) {
    return {
      bytes: new Uint8Array(img.bytes),
      frame: img.frame,
      dpi: img.dpi,
      ...(img.raw ? { raw: img.raw } : {}),
    };
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const own = new URL(import.meta.url);
    // Packaged app: no TypeScript sources, the worker is bundled as dist/electron/cleanup-worker.cjs.
    const w = spawnSourceWorker(
      new URL('./cleanup-worker.ts', own),
      new URL('../../../dist/electron/cleanup-worker.cjs', own),
    );
    w.unref();
    w.on('message', (reply: CleanupReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      clearTimeout(p.timer);
      p.resolve(reply);
      if (this.pending.size === 0) this.stopWhenIdle(w);
    });
    const lost = (err: Error) => {
      if (this.worker !== w) return;
      this.worker = null;
      this.fail(err);
    };
    w.on('error', (err) => lost(err));
    w.on('exit', (code) => lost(new Error(`cleanup worker stopped (${code})`)));
    this.worker = w;
    return w;
  }

  private fail(err: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(err);
      this.pending.delete(id);
    }
  }

  private stopWhenIdle(w: Worker): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.worker !== w || this.pending.size > 0) return;
      this.worker = null;
      void w.terminate();
    }, IDLE_MS);
    this.idleTimer.unref();
  }

  private async request(body: Body<CleanupRequest>): Promise<Extract<CleanupReply, { ok: true }>> {
    if (this.closed) throw new Error('cleanup worker closed');
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    const w = this.ensure();
    const id = this.nextId++;
    const reply = await new Promise<CleanupReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`page cleanup took longer than ${TIMEOUT_MS / 1000} s`));
        if (this.worker === w) {
          this.worker = null;
          void w.terminate();
        }
      }, TIMEOUT_MS);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      w.postMessage({ ...body, id }, [body.img.bytes.buffer as ArrayBuffer]);
    });
    if (!reply.ok) throw new Error(reply.error);
    return reply;
  }
}

const size = (r: { width: number; height: number; dpi: number }) => ({
  width: r.width,
  height: r.height,
  dpi: r.dpi,
});
