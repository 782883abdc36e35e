import type { FailOnOptions } from 'sharp';

/**
 * How strict the decoder is with each format when a page comes in (libvips `fail_on`).
 * - JPEG: every libjpeg warning is damage. "Premature end of JPEG file" is a cut file;
 *   "Corrupt JPEG data: premature end of data segment" / "bad Huffman code" is a file cut
 *   and closed again (a driver that stops mid-page and writes its end marker) or garbled
 *   bytes; libjpeg goes on and paints the rest of the page grey.
 * - PNG: an error (a CRC error in the image data, a short zlib stream). libpng's warnings
 *   are about ancillary chunks (a colour profile it does not like), not pixels.
 * - TIFF: an error (a strip cut short). libtiff warns about every private tag a scanner's
 *   software writes, which says nothing about the pixels.
 */
const LEVEL: Record<string, FailOnOptions> = {
  'image/jpeg': 'warning',
  'image/png': 'error',
  'image/tiff': 'error',
};

export const decodeLevel = (mime: string): FailOnOptions => LEVEL[mime] ?? 'warning';

/** The first bytes of a JPEG, a PNG or a TIFF (either byte order). */
const MAGIC = [
  Buffer.from([0xff, 0xd8, 0xff]),
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('II*\0', 'latin1'),
  Buffer.from('MM\0*', 'latin1'),
];

/** The file starts like one of the image formats the station takes. */
export const looksLikeImage = (bytes: Buffer): boolean =>
  MAGIC.some((m) => bytes.length >= m.length && bytes.subarray(0, m.length).equals(m));
