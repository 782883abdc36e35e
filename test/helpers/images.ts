import zlib from 'node:zlib';
import sharp from 'sharp';

/** A page-like scan: white sheet with a few dark "text lines", at a given dpi. */
export async function scanImage(
  format: 'jpeg' | 'png' | 'tiff',
  opts: { width?: number; height?: number; dpi?: number; shade?: string } = {},
): Promise<Buffer> {
  const width = opts.width ?? 827; // A4 at 100 dpi keeps tests fast
  const height = opts.height ?? 1169;
  const lines = Array.from({ length: 8 }, (_, i) => ({
    input: {
      create: {
        width: Math.round(width * 0.7),
        height: 12,
        channels: 3 as const,
        background: opts.shade ?? '#222',
      },
    },
    left: Math.round(width * 0.15),
    top: 100 + i * 60,
  }));
  const img = sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite(lines)
    .withMetadata({ density: opts.dpi ?? 100 });
  if (format === 'jpeg') return img.jpeg({ quality: 80 }).toBuffer();
  if (format === 'png') return img.png().toBuffer();
  return img.tiff({ compression: 'lzw' }).toBuffer();
}

/** A two-page TIFF, as a feeder scan saved by vendor software would be. */
export async function multiPageTiff(): Promise<Buffer> {
  const a = await sharp(await scanImage('png'))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const stacked = Buffer.concat([a.data, a.data]);
  return sharp(stacked, {
    raw: {
      width: a.info.width,
      height: a.info.height * 2,
      channels: a.info.channels,
      pageHeight: a.info.height,
    },
  })
    .tiff({ compression: 'lzw' })
    .toBuffer();
}

/** A PNG whose header claims width × height (the pixel data is a token stub): a decompression bomb's calling card. */
export function hugePngHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(width + 1))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const b64 = (b: Buffer) => b.toString('base64');
