import type { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import { spawnSourceWorker } from '../worker-spawn';
import type { InspectedPage, Pixels, RasterReply, RasterRequest } from './raster-protocol';

export interface PdfPageRaster {
  /** The page rendered as a PNG (sRGB), with its own /Rotate applied. */
  png: Buffer;
  dpi: number;
  width: number;
  height: number;
}

/** PDFium could not open or render the file (damaged, or not a PDF at all). */
export class PdfRenderError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'PdfRenderError';
  }
}

type Ok<O extends RasterRequest['op']> = Extract<RasterReply, { ok: true; op: O }>;
type Body<R> = R extends RasterRequest ? Omit<R, 'id'> : never;

/** Bounds on one request; a worker that passes them is replaced (a PDF crafted to hang the renderer). */
const TIMEOUT_MS: Record<RasterRequest['op'], number> = { inspect: 300_000, scanned: 60_000, render: 60_000 };

/** An idle worker is stopped after this long (a worker thread keeps its process alive). */
const IDLE_MS = 2000;

/**
 * The engine's side of the PDF rendering worker: one thread, started on first
 * use and stopped when idle; requests answered in order.
 */
class RasterClient {
  private worker: Worker | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (r: RasterReply) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const own = new URL(import.meta.url);
    // Packaged app: no TypeScript sources, the worker is bundled as dist/electron/raster-worker.cjs.
    const w = spawnSourceWorker(
      new URL('./raster-worker.ts', own),
      new URL('../../../dist/electron/raster-worker.cjs', own),
    );
    w.unref();
    w.on('message', (reply: RasterReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      clearTimeout(p.timer);
      p.resolve(reply);
      if (this.pending.size === 0) this.stopWhenIdle(w);
    });
    const fail = (err: Error) => {
      if (this.worker !== w) return;
      this.worker = null;
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(err);
        this.pending.delete(id);
      }
    };
    w.on('error', (err) => fail(err));
    w.on('exit', (code) => fail(new PdfRenderError(`PDF worker stopped (${code})`)));
    this.worker = w;
    return w;
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

  async request<R extends RasterRequest>(body: Body<R>): Promise<Ok<R['op']>> {
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    const w = this.ensure();
    const id = this.nextId++;
    const reply = await new Promise<RasterReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new PdfRenderError(`PDF rendering took longer than ${TIMEOUT_MS[body.op] / 1000} s`));
        if (this.worker === w) {
          this.worker = null;
          void w.terminate();
        }
      }, TIMEOUT_MS[body.op]);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      w.postMessage({ ...body, id });
    });
    if (!reply.ok) throw new PdfRenderError(reply.error);
    return reply as Ok<R['op']>;
  }
}

const client = new RasterClient();

const png = (p: Pixels, dpi?: number): Promise<Buffer> => {
  const s = sharp(Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength), {
    raw: { width: p.width, height: p.height, channels: 3 },
  });
  return (dpi ? s.withMetadata({ density: dpi }) : s).png({ compressionLevel: 1 }).toBuffer();
};

/**
 * A scanned PDF page as an image the cleanup and OCR can work on — or null when
 * the page carries its own text (a born-digital file, or a scan already OCR'd):
 * such a page is kept as it is. The scan is rendered at its own resolution
 * (200–300 dpi), so no detail is invented or lost.
 */
export async function scannedPdfPage(bytes: Buffer, frame: number): Promise<PdfPageRaster | null> {
  const r = await client.request<Extract<RasterRequest, { op: 'scanned' }>>({ op: 'scanned', bytes, frame });
  if (!r.page) return null;
  return { png: await png(r.page, r.page.dpi), dpi: r.page.dpi, width: r.page.width, height: r.page.height };
}

/** A PDF page as a PNG at `dpi` (previews of pages kept as imported). */
export async function renderPdfPage(bytes: Buffer, frame: number, dpi: number): Promise<Buffer> {
  const r = await client.request<Extract<RasterRequest, { op: 'render' }>>({
    op: 'render',
    bytes,
    frame,
    dpi,
  });
  return png(r.page);
}

/** Whether the PDF needs a password; each page's size in points and a small rendering of it. */
export async function inspectPdf(
  bytes: Buffer,
  thumbSize: number,
): Promise<{ needsPassword: boolean; pages: InspectedPage[] }> {
  const r = await client.request<Extract<RasterRequest, { op: 'inspect' }>>({
    op: 'inspect',
    bytes,
    thumbSize,
  });
  return { needsPassword: r.needsPassword, pages: r.pages };
}
