/**
 * The PDF rendering worker: mupdf runs synchronously (WASM), and a 300 dpi page
 * takes a few hundred milliseconds, so every PDF page the engine looks at or
 * renders goes through this thread, never the engine's event loop.
 */
import { parentPort } from 'node:worker_threads';
import type * as MupdfModule from 'mupdf';
import type { InspectedPage, Pixels, RasterReply, RasterRequest } from './raster-protocol';

type Mupdf = typeof MupdfModule;
type Doc = InstanceType<Mupdf['Document']>;
type Page = ReturnType<Doc['loadPage']>;

/**
 * A page covered by a scanned image is a scan unless it carries this much text of its own
 * (an OCR layer added before); a scanner's footer or a stamp of a few words does not count.
 */
const OCR_LAYER_CHARS = 100;
/** Scans are read and cleaned at their own resolution, within these bounds. */
const MIN_DPI = 200;
const MAX_DPI = 300;

let mupdf: Promise<Mupdf> | null = null;
const load = (): Promise<Mupdf> => (mupdf ??= import('mupdf'));

function pixels(m: Mupdf, page: Page, scale: number): Pixels {
  const pix = page.toPixmap(m.Matrix.scale(scale, scale), m.ColorSpace.DeviceRGB, false, true);
  try {
    const width = pix.getWidth();
    const height = pix.getHeight();
    const n = pix.getNumberOfComponents();
    const stride = pix.getStride();
    const src = pix.getPixels();
    const data = new Uint8Array(width * height * n);
    for (let y = 0; y < height; y++)
      data.set(src.subarray(y * stride, y * stride + width * n), y * width * n);
    return { width, height, data };
  } finally {
    pix.destroy();
  }
}

/** Characters of the page's own text, and the largest image on it: its resolution and share of the page. */
function nature(m: Mupdf, page: Page): { textChars: number; imageDpi: number | null; imageCover: number } {
  const st = page.toStructuredText('preserve-whitespace');
  const textChars = st.asText().replace(/\s+/g, '').length;
  st.destroy();
  const [x0, y0, x1, y1] = page.getBounds();
  const pageArea = Math.max(1, (x1 - x0) * (y1 - y0));
  let best: { dpi: number; cover: number } | null = null;
  const device = new m.Device({
    fillImage(image, ctm) {
      const wPt = Math.hypot(ctm[0], ctm[1]);
      const hPt = Math.hypot(ctm[2], ctm[3]);
      if (wPt < 1 || hPt < 1) return;
      const cover = Math.min(1, (wPt * hPt) / pageArea);
      const dpi = Math.min(image.getWidth() / (wPt / 72), image.getHeight() / (hPt / 72));
      if (!best || cover > best.cover) best = { dpi, cover };
    },
  });
  try {
    page.run(device, m.Matrix.identity);
    device.close();
  } finally {
    device.destroy();
  }
  const found = best as { dpi: number; cover: number } | null;
  return { textChars, imageDpi: found?.dpi ?? null, imageCover: found?.cover ?? 0 };
}

function withPage<T>(m: Mupdf, bytes: Uint8Array, frame: number, fn: (page: Page) => T): T {
  const doc = m.Document.openDocument(bytes, 'application/pdf');
  try {
    const page = doc.loadPage(frame);
    try {
      return fn(page);
    } finally {
      page.destroy();
    }
  } finally {
    doc.destroy();
  }
}

async function handle(req: RasterRequest): Promise<RasterReply> {
  const m = await load();
  switch (req.op) {
    case 'inspect': {
      const doc = m.Document.openDocument(req.bytes, 'application/pdf');
      try {
        if (doc.needsPassword())
          return { id: req.id, ok: true, op: 'inspect', needsPassword: true, pages: [] };
        const pages: InspectedPage[] = [];
        const count = doc.countPages();
        for (let i = 0; i < count; i++) {
          const page = doc.loadPage(i);
          try {
            const [x0, y0, x1, y1] = page.getBounds();
            const width = x1 - x0;
            const height = y1 - y0;
            const scale = Math.min(2, req.thumbSize / Math.max(width, height));
            pages.push({ width, height, thumb: pixels(m, page, scale) });
          } finally {
            page.destroy();
          }
        }
        return { id: req.id, ok: true, op: 'inspect', needsPassword: false, pages };
      } finally {
        doc.destroy();
      }
    }
    case 'scanned':
      return withPage(m, req.bytes, req.frame, (page) => {
        const n = nature(m, page);
        const scan = n.imageCover > 0.5;
        if (scan ? n.textChars >= OCR_LAYER_CHARS : n.textChars > 0)
          return { id: req.id, ok: true, op: 'scanned', page: null };
        const dpi =
          n.imageDpi && scan ? Math.round(Math.min(MAX_DPI, Math.max(MIN_DPI, n.imageDpi))) : MAX_DPI;
        return { id: req.id, ok: true, op: 'scanned', page: { ...pixels(m, page, dpi / 72), dpi } };
      });
    case 'render':
      return withPage(m, req.bytes, req.frame, (page) => ({
        id: req.id,
        ok: true,
        op: 'render',
        page: pixels(m, page, req.dpi / 72),
      }));
  }
}

parentPort?.on('message', (req: RasterRequest) => {
  handle(req).then(
    (reply) => {
      const transfer = [];
      if (reply.ok && reply.op === 'render') transfer.push(reply.page.data.buffer);
      if (reply.ok && reply.op === 'scanned' && reply.page) transfer.push(reply.page.data.buffer);
      if (reply.ok && reply.op === 'inspect') for (const p of reply.pages) transfer.push(p.thumb.data.buffer);
      parentPort?.postMessage(reply, transfer as ArrayBuffer[]);
    },
    (err: unknown) =>
      parentPort?.postMessage({ id: req.id, ok: false, error: String(err) } satisfies RasterReply),
  );
});
