import zlib from 'node:zlib';
import { StationError } from '../../../shared/api/errors';

/**
 * Whether a page that came off a scanner holds as much image data as its own header
 * announces. A backend that stops mid-page (a cable pulled, a driver fault) leaves
 * scanimage a PNG whose header says the whole height but whose data ends early, and a
 * network scanner that drops the line sends fewer bytes than it said. Such a page is a
 * fault of the scan (`scan_page_incomplete`), never a page of the dossier.
 * JPEG pages are checked by the strict decode every page gets (pdf/image-check.ts).
 */

export interface Shortfall {
  /** Bytes of image data the header announces. */
  expected: number;
  /** Bytes of image data that arrived. */
  received: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Samples per pixel by PNG colour type. */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** A PNG's raw image bytes (filter byte and row, per row) against what its zlib data inflates to. */
function pngShortfall(b: Buffer): Shortfall | null {
  if (b.length < 33 || b.toString('latin1', 12, 16) !== 'IHDR') return null;
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  const depth = b[24]!;
  const channels = PNG_CHANNELS[b[25]!];
  // Interlaced pages (no scanner writes them) are left to the decoder.
  if (!channels || b[28] !== 0) return null;
  const expected = height * (1 + Math.ceil((width * channels * depth) / 8));
  const idat: Buffer[] = [];
  for (let at = 8; at + 8 <= b.length;) {
    const length = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(b.subarray(at + 8, Math.min(b.length, at + 8 + length)));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  let received: number;
  try {
    // What inflates of the data that is there, without failing on a cut stream.
    received = zlib.inflateSync(Buffer.concat(idat), {
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
      maxOutputLength: expected + 1,
    }).length;
  } catch {
    // Garbled data is the decoder's to name; too much data is no shortfall.
    return null;
  }
  return received < expected ? { expected, received } : null;
}

/** A binary PNM (P4 bitmap, P5 grey, P6 colour): header, then height rows of packed samples. */
function pnmShortfall(b: Buffer): Shortfall | null {
  const head =
    /^P([456])\s+(?:#[^\n]*\n\s*)*(\d+)\s+(?:#[^\n]*\n\s*)*(\d+)\s+(?:(?:#[^\n]*\n\s*)*(\d+)\s)?/.exec(
      b.toString('latin1', 0, 512),
    );
  if (!head) return null;
  const [kind, width, height, max] = [
    Number(head[1]),
    Number(head[2]),
    Number(head[3]),
    Number(head[4] ?? 1),
  ];
  if (kind !== 4 && head[4] === undefined) return null;
  const sample = max > 255 ? 2 : 1;
  const row = kind === 4 ? Math.ceil(width / 8) : width * sample * (kind === 6 ? 3 : 1);
  const expected = row * height;
  const received = b.length - head[0].length;
  return received < expected ? { expected, received } : null;
}

/** How far short of its own header a scanned page is, or null when it is whole (or not PNG/PNM). */
export function imageShortfall(bytes: Buffer): Shortfall | null {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return pngShortfall(bytes);
  if (/^P[456]\s/.test(bytes.toString('latin1', 0, 3))) return pnmShortfall(bytes);
  return null;
}

/** The fault for page `page` (1-based) of a scan on `device` that came short. */
export function incompletePage(device: string, page: number, detail: string): StationError {
  return new StationError('scan_page_incomplete', { device, page }, detail);
}

/** Throws the fault when the page holds less than its header announces. */
export function assertWholePage(bytes: Buffer, device: string, page: number): void {
  const short = imageShortfall(bytes);
  if (short)
    throw incompletePage(
      device,
      page,
      `${short.received} of ${short.expected} bytes of image data (${Math.round((100 * short.received) / short.expected)} %)`,
    );
}
