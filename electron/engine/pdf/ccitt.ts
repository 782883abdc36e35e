import sharp from 'sharp';

/** libvips writes the strip in one piece up to this height (its tile height limit). */
const MAX_ROWS = 8192;

/**
 * CCITT Group 4 (T.6) of a bitonal page, through libvips/libtiff: the fax coding
 * every PDF reader decodes, lossless, typically half the size of 1-bit Flate on
 * text. `packed` is 1 bit per pixel, 1 = white, rows padded to a byte. The result
 * is the raw G4 data for a `/CCITTFaxDecode` stream with `/K -1` (black runs are
 * ink, `/BlackIs1 false`); null when the page is too tall for one strip.
 */
export async function g4Encode(packed: Buffer, width: number, height: number): Promise<Buffer | null> {
  if (height > MAX_ROWS) return null;
  const rowBytes = Math.ceil(width / 8);
  // libtiff codes 1 bits as black runs: ink becomes 255 (→ 1), paper 0.
  const grey = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (!(packed[y * rowBytes + (x >> 3)]! & (0x80 >> (x & 7)))) grey[y * width + x] = 255;
  const tiff = await sharp(grey, { raw: { width, height, channels: 1 } })
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, tileHeight: Math.ceil(height / 16) * 16 })
    .toBuffer();
  return singleStrip(tiff);
}

/** The one strip of a baseline TIFF (null when there are several, or the file is not what we wrote). */
function singleStrip(tif: Buffer): Buffer | null {
  const order = tif.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (o: number) => (le ? tif.readUInt16LE(o) : tif.readUInt16BE(o));
  const u32 = (o: number) => (le ? tif.readUInt32LE(o) : tif.readUInt32BE(o));
  const ifd = u32(4);
  const entries = u16(ifd);
  let offset = -1;
  let length = -1;
  let compression = 0;
  for (let i = 0; i < entries; i++) {
    const e = ifd + 2 + i * 12;
    const tag = u16(e);
    const type = u16(e + 2);
    const count = u32(e + 4);
    const value = type === 3 ? u16(e + 8) : u32(e + 8);
    if (tag === 259) compression = value;
    if ((tag === 273 || tag === 279) && count !== 1) return null;
    if (tag === 273) offset = value;
    if (tag === 279) length = value;
  }
  if (compression !== 4 || offset < 0 || length <= 0 || offset + length > tif.length) return null;
  return Buffer.from(tif.subarray(offset, offset + length));
}
