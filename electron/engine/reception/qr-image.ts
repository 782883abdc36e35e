import fs from 'node:fs';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { StationError } from '../../../shared/api/errors';

const require = createRequire(import.meta.url);
let prepared = false;

/** ZXing with its local .wasm (it would fetch one from a CDN otherwise). */
function prepare(): void {
  if (prepared) return;
  const wasm = fs.readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({
    overrides: {
      wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer,
    },
  });
  prepared = true;
}

/**
 * The QR codes on a scanned or photographed ID card. The image is first
 * reduced (libvips, off the event loop) to at most 1600 px grey, which keeps
 * ZXing's synchronous decode short.
 */
export async function readQrFromImage(bytes: Buffer, name: string): Promise<string[]> {
  if (bytes.length === 0) throw new StationError('file_empty', { name });
  let png: Buffer;
  try {
    png = await sharp(bytes, { limitInputPixels: 80_000_000 })
      .rotate()
      .resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true })
      .grayscale()
      .png()
      .toBuffer();
  } catch (err) {
    throw new StationError('image_unsupported', { name }, (err as Error).message);
  }
  prepare();
  const found = await readBarcodes(new Uint8Array(png), {
    formats: ['QRCode'],
    tryHarder: true,
    maxNumberOfSymbols: 4,
  });
  return found.filter((b) => b.isValid).map((b) => b.text);
}
