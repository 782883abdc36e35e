import sharp from 'sharp';
import { WorkerClient } from '../worker-client';
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

/** Bounds on one request; a worker that passes them is replaced (a PDF crafted to hang the renderer). */
const TIMEOUT_MS: Record<RasterRequest['op'], number> = { inspect: 300_000, scanned: 60_000, render: 60_000 };

const own = new URL(import.meta.url);
/**
 * The engine's side of the PDF rendering worker: one thread, started on first
 * use and stopped after 2 s idle; requests answered in order. Packaged app: no
 * TypeScript sources, the worker is bundled as dist/electron/raster-worker.cjs.
 */
const worker = new WorkerClient<RasterRequest, RasterReply>({
  source: new URL('./raster-worker.ts', own),
  bundled: new URL('../../../dist/electron/raster-worker.cjs', own),
  idleMs: 2000,
  timeoutMs: (op) => TIMEOUT_MS[op],
  name: 'PDF rendering',
  error: (m) => new PdfRenderError(m),
});

const client = {
  request: <R extends RasterRequest>(body: Omit<R, 'id'>) =>
    worker.request(body as Parameters<typeof worker.request>[0]) as Promise<Ok<R['op']>>,
};

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
