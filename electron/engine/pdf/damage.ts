import zlib from 'node:zlib';
import {
  PDFArray,
  PDFDict,
  type PDFDocument,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
  PDFRef,
} from 'pdf-lib';
import sharp from 'sharp';
import { MAX_INPUT_PIXELS } from './ingest';

/**
 * What on a PDF's page could not be read in full. PDFium draws what it can of a
 * cut content stream or a cut scan and leaves the rest white, so without this a
 * damaged page would become a blank page (or half a scan) without a word.
 *
 * Every stream a page is drawn from is checked — its content streams, and the
 * images and forms its resources name (forms nested up to FORM_DEPTH):
 * - the stream is as long as its /Length says (a stream cut short ends earlier);
 * - a FlateDecode stream inflates to its end;
 * - a DCTDecode image (a JPEG scan) decodes without a libjpeg warning.
 * Other filters (CCITT, JBIG2, JPX) are left to PDFium.
 */

export interface PageDamage {
  /** 1-based. */
  page: number;
  detail: string;
}

const FORM_DEPTH = 8;
/** A stream may end up to this many bytes before its /Length (an end-of-line counted or not). */
const LENGTH_SLACK = 2;

const name = (o: PDFObject | undefined): string | null => (o instanceof PDFName ? o.decodeText() : null);

function filters(dict: PDFDict): string[] {
  const f = dict.get(PDFName.of('Filter'));
  if (f instanceof PDFArray) return f.asArray().map((x) => name(x) ?? '');
  const n = name(f);
  return n ? [n] : [];
}

/** Past this many inflated bytes a stream is not followed further (a deflate bomb): not called damaged. */
const MAX_INFLATED = 512 * 1024 * 1024;

/** Inflates `data` to nowhere (bounded memory): true when the stream reaches its end. */
function inflatesToEnd(z: zlib.Inflate | zlib.InflateRaw, data: Uint8Array): Promise<boolean> {
  return new Promise((resolve) => {
    let out = 0;
    z.on('data', (chunk: Buffer) => {
      out += chunk.length;
      if (out > MAX_INFLATED) {
        z.destroy();
        resolve(true);
      }
    });
    z.on('end', () => resolve(true));
    z.on('error', () => resolve(false));
    z.end(data);
  });
}

/** A complete zlib stream; or, without its Adler-32 checksum (some writers leave it out), a complete deflate. */
async function inflatesWhole(data: Uint8Array): Promise<boolean> {
  return (
    (await inflatesToEnd(zlib.createInflate(), data)) ||
    (data.length > 2 && (await inflatesToEnd(zlib.createInflateRaw(), data.subarray(2))))
  );
}

/** A JPEG that decodes to its end without a libjpeg warning (one above the pixel cap is left to PDFium). */
async function decodesWhole(data: Uint8Array): Promise<boolean> {
  try {
    await sharp(data, { failOn: 'warning', limitInputPixels: MAX_INPUT_PIXELS })
      .resize(64, 64, { fit: 'inside', fastShrinkOnLoad: false })
      .raw()
      .toBuffer();
    return true;
  } catch (err) {
    return /pixel limit/i.test(String(err));
  }
}

/** Why one stream is not whole, or null. */
async function streamDamage(doc: PDFDocument, s: PDFRawStream, what: string): Promise<string | null> {
  const declared = doc.context.lookup(s.dict.get(PDFName.of('Length')));
  if (declared instanceof PDFNumber && s.contents.length + LENGTH_SLACK < declared.asNumber())
    return `${what} is ${s.contents.length} bytes, its /Length says ${declared.asNumber()}`;
  const f = filters(s.dict);
  if (f[0] === 'FlateDecode' && !(await inflatesWhole(s.contents)))
    return `${what} (FlateDecode) is cut short`;
  if (f.length === 1 && f[0] === 'DCTDecode' && !(await decodesWhole(s.contents)))
    return `${what} (JPEG) is cut short or damaged`;
  return null;
}

interface Walk {
  doc: PDFDocument;
  seen: Set<PDFObject>;
}

/** The /XObject entries of a page's or a form's resources: images checked, forms walked. */
async function resourcesDamage(w: Walk, res: PDFObject | undefined, depth: number): Promise<string | null> {
  const resources = w.doc.context.lookup(res);
  if (!(resources instanceof PDFDict)) return null;
  const xobjects = w.doc.context.lookup(resources.get(PDFName.of('XObject')));
  if (!(xobjects instanceof PDFDict)) return null;
  for (const [key, ref] of xobjects.entries()) {
    const x = w.doc.context.lookup(ref);
    const label = `XObject ${key.decodeText()}`;
    if (x === undefined && ref instanceof PDFRef) return `${label} (${ref.toString()}) is missing`;
    if (!(x instanceof PDFRawStream) || w.seen.has(x)) continue;
    w.seen.add(x);
    const d = await streamDamage(w.doc, x, label);
    if (d) return d;
    if (name(x.dict.get(PDFName.of('Subtype'))) === 'Form' && depth < FORM_DEPTH) {
      const inner = await resourcesDamage(w, x.dict.get(PDFName.of('Resources')), depth + 1);
      if (inner) return inner;
    }
  }
  return null;
}

async function contentsDamage(w: Walk, page: PDFDict): Promise<string | null> {
  const raw = page.get(PDFName.of('Contents'));
  const c = w.doc.context.lookup(raw);
  const refs = c instanceof PDFArray ? c.asArray() : raw === undefined ? [] : [raw];
  for (const [i, ref] of refs.entries()) {
    const s = w.doc.context.lookup(ref);
    const label = `content stream ${i + 1}`;
    if (s === undefined) return `${label} (${ref.toString()}) is missing`;
    if (!(s instanceof PDFRawStream)) continue;
    const d = await streamDamage(w.doc, s, label);
    if (d) return d;
  }
  return null;
}

/** The first page of the document whose content could not be read in full, or null. */
export async function pageDamage(doc: PDFDocument): Promise<PageDamage | null> {
  const w: Walk = { doc, seen: new Set() };
  for (const [i, page] of doc.getPages().entries()) {
    // Resources() follows the page tree: a page may inherit them from its parents.
    const detail =
      (await contentsDamage(w, page.node)) ?? (await resourcesDamage(w, page.node.Resources(), 0));
    if (detail) return { page: i + 1, detail };
  }
  return null;
}
