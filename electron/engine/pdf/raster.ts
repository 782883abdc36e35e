import sharp from 'sharp';
import type * as MupdfModule from 'mupdf';

export type Mupdf = typeof MupdfModule;
let mupdf: Promise<Mupdf> | null = null;
/** mupdf is ESM-only WASM: loaded once, on first use. */
export const loadMupdf = (): Promise<Mupdf> => (mupdf ??= import('mupdf'));

/**
 * A page covered by a scanned image is a scan unless it carries this much text of its own
 * (an OCR layer added before); a scanner's footer or a stamp of a few words does not count.
 */
const OCR_LAYER_CHARS = 100;
/** Scans are read and cleaned at their own resolution, within these bounds. */
const MIN_DPI = 200;
const MAX_DPI = 300;

export interface PdfPageRaster {
  /** The page rendered as a PNG (sRGB), with its own /Rotate applied. */
  png: Buffer;
  dpi: number;
  width: number;
  height: number;
}

export interface PdfPageNature {
  /** Characters of text the page carries (born-digital, or OCR'd before). */
  textChars: number;
  /** Resolution of the largest image on the page, as placed; null without images. */
  imageDpi: number | null;
  /** Share of the page that image covers (0–1). */
  imageCover: number;
}

type Doc = InstanceType<Mupdf['Document']>;
type Page = ReturnType<Doc['loadPage']>;

function nature(m: Mupdf, page: Page): PdfPageNature {
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
  return { textChars, imageDpi: found ? found.dpi : null, imageCover: found ? found.cover : 0 };
}

/**
 * A scanned PDF page as an image the cleanup and OCR can work on — or null when
 * the page carries its own text (a born-digital file, or a scan already OCR'd):
 * such a page is kept as it is. The scan is rendered at its own resolution
 * (200–300 dpi), so no detail is invented or lost.
 */
export async function scannedPdfPage(bytes: Buffer, frame: number): Promise<PdfPageRaster | null> {
  const m = await loadMupdf();
  const doc = m.Document.openDocument(bytes, 'application/pdf');
  try {
    const page = doc.loadPage(frame);
    try {
      const n = nature(m, page);
      const scan = n.imageCover > 0.5;
      if (scan ? n.textChars >= OCR_LAYER_CHARS : n.textChars > 0) return null;
      const dpi =
        n.imageDpi && n.imageCover > 0.5
          ? Math.round(Math.min(MAX_DPI, Math.max(MIN_DPI, n.imageDpi)))
          : MAX_DPI;
      const pix = page.toPixmap(m.Matrix.scale(dpi / 72, dpi / 72), m.ColorSpace.DeviceRGB, false, true);
      try {
        const width = pix.getWidth();
        const height = pix.getHeight();
        const channels = pix.getNumberOfComponents();
        const stride = pix.getStride();
        const px = pix.getPixels();
        const raw = Buffer.from(px.buffer, px.byteOffset, px.byteLength);
        const packed = stride === width * channels ? raw : repack(raw, width, height, channels, stride);
        const png = await sharp(packed, { raw: { width, height, channels: channels as 3 } })
          .withMetadata({ density: dpi })
          .png({ compressionLevel: 1 })
          .toBuffer();
        return { png, dpi, width, height };
      } finally {
        pix.destroy();
      }
    } finally {
      page.destroy();
    }
  } finally {
    doc.destroy();
  }
}

/** What a PDF page is made of (for reports and tests). */
export async function pdfPageNature(bytes: Buffer, frame: number): Promise<PdfPageNature> {
  const m = await loadMupdf();
  const doc = m.Document.openDocument(bytes, 'application/pdf');
  try {
    const page = doc.loadPage(frame);
    try {
      return nature(m, page);
    } finally {
      page.destroy();
    }
  } finally {
    doc.destroy();
  }
}

function repack(raw: Buffer, width: number, height: number, channels: number, stride: number): Buffer {
  const out = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++)
    raw.copy(out, y * width * channels, y * stride, y * stride + width * channels);
  return out;
}

/** A PDF page as a PNG at `dpi` (previews of pages kept as imported). */
export async function renderPdfPage(bytes: Buffer, frame: number, dpi: number): Promise<Buffer> {
  const m = await loadMupdf();
  const doc = m.Document.openDocument(bytes, 'application/pdf');
  try {
    const page = doc.loadPage(frame);
    try {
      const pix = page.toPixmap(m.Matrix.scale(dpi / 72, dpi / 72), m.ColorSpace.DeviceRGB, false, true);
      try {
        return Buffer.from(pix.asPNG());
      } finally {
        pix.destroy();
      }
    } finally {
      page.destroy();
    }
  } finally {
    doc.destroy();
  }
}
