/**
 * The PDF rendering worker: PDFium (WebAssembly, through @embedpdf/pdfium) runs
 * synchronously, and a 300 dpi page takes a few hundred milliseconds, so every
 * PDF page the engine looks at or renders goes through this thread, never the
 * engine's event loop.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { init, type WrappedPdfiumModule } from '@embedpdf/pdfium';
import type { InspectedPage, Pixels, RasterReply, RasterRequest } from './raster-protocol';

/**
 * Set to true by tools/build-electron.mjs in dist/electron/raster-worker.cjs, which has
 * pdfium.wasm copied beside it; from sources the wasm is read from node_modules.
 */
declare const SOHOA_BUNDLED_WORKER: boolean | undefined;

/**
 * A page covered by a scanned image is a scan unless it carries this much text of its own
 * (an OCR layer added before); a scanner's footer or a stamp of a few words does not count.
 */
const OCR_LAYER_CHARS = 100;
/** Scans are read and cleaned at their own resolution, within these bounds. */
const MIN_DPI = 200;
const MAX_DPI = 300;

/** PDFium's numbers (fpdfview.h, fpdf_edit.h). */
const FPDF_ERR_PASSWORD = 4;
const FPDF_ANNOT = 0x01;
const FPDF_REVERSE_BYTE_ORDER = 0x10;
const FPDF_PAGEOBJ_IMAGE = 3;
const FPDFBitmap_BGR = 2;
const FPDF_PAGEOBJ_FORM = 5;
const ERRORS: Record<number, string> = {
  1: 'unknown error',
  2: 'file not found or could not be opened',
  3: 'not a PDF or damaged',
  4: 'password required',
  5: 'unsupported security scheme',
  6: 'page not found or content error',
};

type Pdfium = WrappedPdfiumModule;
/** The Emscripten runtime under the wrapper: its memory, read afresh (it moves when it grows). */
interface Runtime {
  HEAPU8: Uint8Array;
  getValue(ptr: number, type: 'float' | 'i32'): number;
  wasmExports: { malloc(size: number): number; free(ptr: number): void };
}

/** Where pdfium.wasm is: beside the bundle (unpacked from the asar), or in node_modules. */
function wasmFile(): string {
  if (typeof SOHOA_BUNDLED_WORKER !== 'undefined' && SOHOA_BUNDLED_WORKER) {
    const beside = path.join(__dirname, 'pdfium.wasm');
    const unpacked = beside.replace(/\.asar([\\/])/, '.asar.unpacked$1');
    return fs.existsSync(unpacked) ? unpacked : beside;
  }
  return createRequire(import.meta.url).resolve('@embedpdf/pdfium/pdfium.wasm');
}

let pdfium: Promise<Pdfium> | null = null;
const load = (): Promise<Pdfium> =>
  (pdfium ??= (async () => {
    const wasmBinary = fs.readFileSync(wasmFile());
    const m = await init({
      wasmBinary: wasmBinary.buffer.slice(
        wasmBinary.byteOffset,
        wasmBinary.byteOffset + wasmBinary.byteLength,
      ),
    });
    m.PDFiumExt_Init();
    return m;
  })());

const runtime = (m: Pdfium): Runtime => m.pdfium as unknown as Runtime;

/** Runs `fn` with `size` bytes of PDFium's memory, freed afterwards. */
function withMemory<T>(m: Pdfium, size: number, fn: (ptr: number) => T): T {
  const rt = runtime(m);
  const ptr = rt.wasmExports.malloc(size);
  if (!ptr) throw new Error('PDFium is out of memory');
  try {
    return fn(ptr);
  } finally {
    rt.wasmExports.free(ptr);
  }
}

/** An open document, or null when it needs a password. The bytes stay in PDFium's memory while it is open. */
function withDoc<T>(m: Pdfium, bytes: Uint8Array, fn: (doc: number | null) => T): T {
  return withMemory(m, Math.max(1, bytes.byteLength), (buf) => {
    runtime(m).HEAPU8.set(bytes, buf);
    const doc = m.FPDF_LoadMemDocument(buf, bytes.byteLength, '');
    if (!doc) {
      const code = m.FPDF_GetLastError();
      if (code === FPDF_ERR_PASSWORD) return fn(null);
      throw new Error(`PDFium could not open the file: ${ERRORS[code] ?? `error ${code}`}`);
    }
    try {
      return fn(doc);
    } finally {
      m.FPDF_CloseDocument(doc);
    }
  });
}

function withPage<T>(m: Pdfium, doc: number, index: number, fn: (page: number) => T): T {
  if (index < 0 || index >= m.FPDF_GetPageCount(doc)) throw new Error(`no page ${index + 1} in the PDF`);
  const page = m.FPDF_LoadPage(doc, index);
  if (!page) throw new Error(`PDFium could not load page ${index + 1}`);
  try {
    return fn(page);
  } finally {
    m.FPDF_ClosePage(page);
  }
}

/** The page's size in points, its /Rotate applied. */
const pageSize = (m: Pdfium, page: number) => ({
  width: m.FPDF_GetPageWidthF(page),
  height: m.FPDF_GetPageHeightF(page),
});

/** The page rendered at `scale` pixels per point, white behind, annotations shown: tightly packed RGB. */
function pixels(m: Pdfium, page: number, scale: number): Pixels {
  const size = pageSize(m, page);
  const width = Math.max(1, Math.round(size.width * scale));
  const height = Math.max(1, Math.round(size.height * scale));
  // 24-bit, its bytes in RGB order (FPDF_REVERSE_BYTE_ORDER): rows are copied as they are.
  const bitmap = m.FPDFBitmap_CreateEx(width, height, FPDFBitmap_BGR, 0, 0);
  if (!bitmap) throw new Error(`PDFium could not make a ${width}×${height} bitmap`);
  try {
    m.FPDFBitmap_FillRect(bitmap, 0, 0, width, height, 0xffffffff);
    m.FPDF_RenderPageBitmap(bitmap, page, 0, 0, width, height, 0, FPDF_ANNOT | FPDF_REVERSE_BYTE_ORDER);
    const stride = m.FPDFBitmap_GetStride(bitmap);
    const base = m.FPDFBitmap_GetBuffer(bitmap);
    const heap = runtime(m).HEAPU8;
    const row = width * 3;
    const data = new Uint8Array(row * height);
    if (stride === row) data.set(heap.subarray(base, base + row * height));
    else
      for (let y = 0; y < height; y++)
        data.set(heap.subarray(base + y * stride, base + y * stride + row), y * row);
    return { width, height, data };
  } finally {
    m.FPDFBitmap_Destroy(bitmap);
  }
}

/** Characters of the page's own text, blanks and the line breaks PDFium adds not counted. */
function textChars(m: Pdfium, page: number): number {
  const text = m.FPDFText_LoadPage(page);
  if (!text) return 0;
  try {
    let n = 0;
    const count = m.FPDFText_CountChars(text);
    for (let i = 0; i < count; i++) {
      const c = m.FPDFText_GetUnicode(text, i);
      if (c > 0x20 && c !== 0xfffe && c !== 0xffff && !/\s/.test(String.fromCharCode(c))) n++;
    }
    return n;
  } finally {
    m.FPDFText_ClosePage(text);
  }
}

/** [a, b, c, d] of a page object's matrix (the translation does not matter here). */
function matrix(m: Pdfium, obj: number): [number, number, number, number] {
  return withMemory(m, 24, (ptr) => {
    if (!m.FPDFPageObj_GetMatrix(obj, ptr)) return [1, 0, 0, 1];
    const rt = runtime(m);
    return [
      rt.getValue(ptr, 'float'),
      rt.getValue(ptr + 4, 'float'),
      rt.getValue(ptr + 8, 'float'),
      rt.getValue(ptr + 12, 'float'),
    ];
  });
}

/** m1 then m2 (PDF's row-vector convention). */
const then = (
  [a1, b1, c1, d1]: [number, number, number, number],
  [a2, b2, c2, d2]: [number, number, number, number],
): [number, number, number, number] => [
  a1 * a2 + b1 * c2,
  a1 * b2 + b1 * d2,
  c1 * a2 + d1 * c2,
  c1 * b2 + d1 * d2,
];

/** The largest image on the page (also inside form XObjects): its resolution and share of the page. */
function largestImage(m: Pdfium, page: number): { dpi: number; cover: number } | null {
  const { width, height } = pageSize(m, page);
  const pageArea = Math.max(1, width * height);
  let best: { dpi: number; cover: number } | null = null;
  const visit = (obj: number, outer: [number, number, number, number], depth: number) => {
    const type = m.FPDFPageObj_GetType(obj);
    if (type === FPDF_PAGEOBJ_FORM && depth < 8) {
      const ctm = then(matrix(m, obj), outer);
      const n = m.FPDFFormObj_CountObjects(obj);
      for (let i = 0; i < n; i++) visit(m.FPDFFormObj_GetObject(obj, i), ctm, depth + 1);
      return;
    }
    if (type !== FPDF_PAGEOBJ_IMAGE) return;
    const [a, b, c, d] = then(matrix(m, obj), outer);
    const wPt = Math.hypot(a, b);
    const hPt = Math.hypot(c, d);
    if (wPt < 1 || hPt < 1) return;
    const px = withMemory(m, 8, (ptr) =>
      m.FPDFImageObj_GetImagePixelSize(obj, ptr, ptr + 4)
        ? { w: runtime(m).getValue(ptr, 'i32') >>> 0, h: runtime(m).getValue(ptr + 4, 'i32') >>> 0 }
        : null,
    );
    if (!px) return;
    const cover = Math.min(1, (wPt * hPt) / pageArea);
    const dpi = Math.min(px.w / (wPt / 72), px.h / (hPt / 72));
    if (!best || cover > best.cover) best = { dpi, cover };
  };
  const n = m.FPDFPage_CountObjects(page);
  for (let i = 0; i < n; i++) visit(m.FPDFPage_GetObject(page, i), [1, 0, 0, 1], 0);
  return best;
}

function openDoc(doc: number | null): number {
  if (doc === null) throw new Error('the PDF needs a password');
  return doc;
}

async function handle(req: RasterRequest): Promise<RasterReply> {
  const m = await load();
  switch (req.op) {
    case 'inspect':
      return withDoc(m, req.bytes, (doc) => {
        if (doc === null) return { id: req.id, ok: true, op: 'inspect', needsPassword: true, pages: [] };
        const pages: InspectedPage[] = [];
        const count = m.FPDF_GetPageCount(doc);
        for (let i = 0; i < count; i++)
          withPage(m, doc, i, (page) => {
            const { width, height } = pageSize(m, page);
            const scale = Math.min(2, req.thumbSize / Math.max(width, height));
            pages.push({ width, height, thumb: pixels(m, page, scale) });
          });
        return { id: req.id, ok: true, op: 'inspect', needsPassword: false, pages };
      });
    case 'scanned':
      return withDoc(m, req.bytes, (doc) =>
        withPage(m, openDoc(doc), req.frame, (page): RasterReply => {
          const chars = textChars(m, page);
          const image = largestImage(m, page);
          const scan = (image?.cover ?? 0) > 0.5;
          if (scan ? chars >= OCR_LAYER_CHARS : chars > 0)
            return { id: req.id, ok: true, op: 'scanned', page: null };
          const dpi = image && scan ? Math.round(Math.min(MAX_DPI, Math.max(MIN_DPI, image.dpi))) : MAX_DPI;
          return { id: req.id, ok: true, op: 'scanned', page: { ...pixels(m, page, dpi / 72), dpi } };
        }),
      );
    case 'render':
      return withDoc(m, req.bytes, (doc) =>
        withPage(m, openDoc(doc), req.frame, (page) => ({
          id: req.id,
          ok: true,
          op: 'render',
          page: pixels(m, page, req.dpi / 72),
        })),
      );
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
