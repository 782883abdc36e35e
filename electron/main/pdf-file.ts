/**
 * The arguments of 'station:open-pdf' (the renderer hands main a PDF to open for
 * printing), checked here with no `electron` import so they can be tested under Node.
 */
import { z } from 'zod';

/** Larger than any receipt or dossier PDF a counter prints; bounds what main writes to disk. */
export const MAX_OPEN_PDF_BYTES = 200 * 1024 * 1024;

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/** Windows device names that cannot be file names, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * A file name safe on Windows, macOS and Linux: the last path segment only, no control or
 * reserved characters, no leading dots, at most 120 characters, ending in `.pdf`.
 * Vietnamese letters are kept (NFC), so the viewer's title reads as the clerk expects.
 */
export function safePdfName(name: string): string {
  const last = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  let base = last
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[<>:"|?*\u0000-\u001f\u007f]/g, '_')
    .replace(/\.pdf$/i, '')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (!base || RESERVED.test(base)) base = `tai-lieu${base ? `_${base}` : ''}`;
  return `${Array.from(base).slice(0, 116).join('')}.pdf`;
}

const OpenPdfArgs = z.tuple([
  z.string().min(1).max(1000),
  z
    .instanceof(Uint8Array)
    .refine((b) => b.byteLength > 0 && b.byteLength <= MAX_OPEN_PDF_BYTES, {
      message: `a PDF is 1 byte to ${MAX_OPEN_PDF_BYTES} bytes`,
    })
    .refine((b) => PDF_MAGIC.every((byte, i) => b[i] === byte), { message: 'not a PDF (no %PDF- header)' }),
]);

export type OpenPdfRequest = { fileName: string; bytes: Uint8Array };

/** Validates the invoke arguments; throws with the first problem (the renderer shows a generic error). */
export function parseOpenPdfArgs(args: unknown[]): OpenPdfRequest {
  const parsed = OpenPdfArgs.safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(`station:open-pdf: ${issue?.message ?? 'invalid arguments'}`);
  }
  const [fileName, bytes] = parsed.data;
  return { fileName: safePdfName(fileName), bytes };
}
