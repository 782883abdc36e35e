/** Messages between the engine and the PDF rendering worker (PDFium, WASM, synchronous). */

export interface Pixels {
  width: number;
  height: number;
  /** Tightly packed RGB, row after row. */
  data: Uint8Array;
}

export type RasterRequest =
  | { id: number; op: 'inspect'; bytes: Uint8Array; thumbSize: number }
  | { id: number; op: 'scanned'; bytes: Uint8Array; frame: number }
  | { id: number; op: 'render'; bytes: Uint8Array; frame: number; dpi: number };

export interface InspectedPage {
  /** Size in points, the page's /Rotate applied. */
  width: number;
  height: number;
  thumb: Pixels;
}

export type RasterReply =
  | { id: number; ok: true; op: 'inspect'; needsPassword: boolean; pages: InspectedPage[] }
  | { id: number; ok: true; op: 'scanned'; page: (Pixels & { dpi: number }) | null }
  | { id: number; ok: true; op: 'render'; page: Pixels }
  | { id: number; ok: false; error: string };
