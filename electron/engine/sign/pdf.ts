import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRef,
  PDFString,
} from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { subsetTrueType } from '../pdf/font-subset';
import { appendIncrement, PdfPrepareError, previousSize, serialize, trailerOf } from './pdf-increment';

/**
 * Appends a signature field to a PDF as an incremental update: the original
 * bytes stay untouched, so a PDF/A stays PDF/A and earlier signatures keep
 * covering exactly what they signed. pdf-lib only parses and serialises the
 * few objects we add or change; we write the update section ourselves.
 */

export interface Stamp {
  /** Text lines of the visible stamp, top to bottom. */
  lines: string[];
  font: Uint8Array;
  fontSize: number;
}

export interface PrepareOptions {
  signingTime: Date;
  /** Hex digits reserved for the CMS (twice the bytes). */
  contentsHexLength: number;
  name?: string;
  reason?: string;
  location?: string;
  stamp?: Stamp;
  /** A document timestamp (ETSI.RFC3161): the TSA's token over the whole file, no signer. */
  documentTimestamp?: boolean;
}

export interface Prepared {
  pdf: Buffer;
  /** Offsets of '<' and just after '>' of /Contents. */
  contentsStart: number;
  contentsEnd: number;
  byteRangeStart: number;
  byteRangeLength: number;
}

export { PdfPrepareError };

const BYTE_RANGE_PLACEHOLDER = `[0 ${'9'.repeat(10)} ${'9'.repeat(10)} ${'9'.repeat(10)}]`;

/** PDF date with the offset of Vietnam (+07:00), e.g. D:20261127082324+07'00'. */
export function pdfDate(d: Date, offsetMinutes = 420): string {
  const t = new Date(d.getTime() + offsetMinutes * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const oh = p(Math.floor(Math.abs(offsetMinutes) / 60));
  const om = p(Math.abs(offsetMinutes) % 60);
  return `D:${t.getUTCFullYear()}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}${p(t.getUTCHours())}${p(
    t.getUTCMinutes(),
  )}${p(t.getUTCSeconds())}${sign}${oh}'${om}'`;
}

export async function prepareSignature(original: Buffer, opts: PrepareOptions): Promise<Prepared> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(original, { updateMetadata: false });
  } catch (err) {
    throw new PdfPrepareError(`unreadable PDF: ${(err as Error).message}`);
  }
  if (doc.isEncrypted) throw new PdfPrepareError('encrypted PDF');
  const { context } = doc;
  // New objects must not reuse numbers the previous cross-reference section already counts.
  context.largestObjectNumber = Math.max(context.largestObjectNumber, previousSize(original) - 1);
  const firstNew = context.largestObjectNumber + 1;
  const changed = new Set<PDFRef>();
  const page = doc.getPage(0);

  const sigRef = context.nextRef();
  const fieldNumber =
    context
      .enumerateIndirectObjects()
      .filter(([, o]) => o instanceof PDFDict && o.get(PDFName.of('FT')) === PDFName.of('Sig')).length + 1;

  let rect = [0, 0, 0, 0];
  let apRef: PDFRef;
  if (opts.stamp) {
    const { lines, fontSize } = opts.stamp;
    doc.registerFontkit(fontkit);
    // Our own subset (glyph ids kept): fontkit's subset of Tinos drops the outlines of composite
    // glyphs (poppler drew "o ND hữ Ngh" for "Sao y / UBND xã Thử Nghiệm").
    const font = await doc.embedFont(subsetTrueType(opts.stamp.font, lines.join('')), { subset: false });
    const lineHeight = fontSize * 1.2;
    const pad = 2;
    const width = Math.ceil(Math.max(...lines.map((l) => font.widthOfTextAtSize(l, fontSize))) + 2 * pad);
    const height = Math.ceil(lines.length * lineHeight + 2 * pad);
    const box = page.getCropBox();
    const margin = 14;
    const x = box.x + box.width - margin - width;
    const y = box.y + box.height - margin - height;
    rect = [x, y, x + width, y + height];
    const ops = lines.map((line, i) => {
      const lw = font.widthOfTextAtSize(line, fontSize);
      // Right-aligned, like the stamps printed by the national document systems.
      const tx = (width - pad - lw).toFixed(2);
      const ty = (height - pad - fontSize - i * lineHeight + fontSize * 0.2).toFixed(2);
      return `1 0 0 1 ${tx} ${ty} Tm ${font.encodeText(line).toString()} Tj`;
    });
    const stream = context.stream(`q 0 g BT /F1 ${fontSize} Tf ${ops.join(' ')} ET Q`, {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, width, height],
      Resources: { Font: { F1: font.ref } },
    });
    apRef = context.register(stream);
    await doc.flush();
  } else {
    apRef = context.register(context.stream('', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 0, 0] }));
  }

  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFString.of(`${opts.documentTimestamp ? 'Timestamp' : 'Signature'}${fieldNumber}`),
    V: sigRef,
    Rect: rect,
    // Print + Locked: PDF/A wants printable annotations.
    F: 132,
    P: page.ref,
    AP: { N: apRef },
  });
  const widgetRef = context.register(widget);

  // Page: add the widget to /Annots (which may be its own object).
  const annotsRaw = page.node.get(PDFName.of('Annots'));
  if (annotsRaw instanceof PDFRef) {
    const arr = context.lookup(annotsRaw, PDFArray);
    arr.push(widgetRef);
    changed.add(annotsRaw);
  } else {
    const arr = annotsRaw instanceof PDFArray ? annotsRaw : context.obj([]);
    arr.push(widgetRef);
    page.node.set(PDFName.of('Annots'), arr);
    changed.add(page.ref);
  }

  // Catalog: the field joins /AcroForm /Fields, with SigFlags 3 (signatures exist, append only).
  const catalogRef = context.trailerInfo.Root;
  if (!(catalogRef instanceof PDFRef)) throw new PdfPrepareError('no document catalog');
  const acroRaw = doc.catalog.get(PDFName.of('AcroForm'));
  let acro: PDFDict;
  if (acroRaw instanceof PDFRef) {
    acro = context.lookup(acroRaw, PDFDict);
    changed.add(acroRaw);
  } else if (acroRaw instanceof PDFDict) {
    acro = acroRaw;
    changed.add(catalogRef);
  } else {
    acro = context.obj({});
    doc.catalog.set(PDFName.of('AcroForm'), context.register(acro));
    changed.add(catalogRef);
  }
  const fieldsRaw = acro.get(PDFName.of('Fields'));
  if (fieldsRaw instanceof PDFRef) {
    context.lookup(fieldsRaw, PDFArray).push(widgetRef);
    changed.add(fieldsRaw);
  } else {
    const fields = fieldsRaw instanceof PDFArray ? fieldsRaw : context.obj([]);
    fields.push(widgetRef);
    acro.set(PDFName.of('Fields'), fields);
  }
  acro.set(PDFName.of('SigFlags'), PDFNumber.of(3));

  const objects: [PDFRef, PDFObject][] = [];
  for (const [ref, obj] of context.enumerateIndirectObjects()) {
    if (ref.objectNumber >= firstNew || changed.has(ref)) objects.push([ref, obj]);
  }

  const sigDict = [
    opts.documentTimestamp
      ? '<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161'
      : '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached',
    `/ByteRange ${BYTE_RANGE_PLACEHOLDER}`,
    `/Contents <${'0'.repeat(opts.contentsHexLength)}>`,
    opts.documentTimestamp ? '' : `/M ${PDFString.of(pdfDate(opts.signingTime)).toString()}`,
    opts.name ? `/Name ${PDFHexString.fromText(opts.name).toString()}` : '',
    opts.reason ? `/Reason ${PDFHexString.fromText(opts.reason).toString()}` : '',
    opts.location ? `/Location ${PDFHexString.fromText(opts.location).toString()}` : '',
    '>>',
  ]
    .filter(Boolean)
    .join(' ');

  return writeIncrement(original, doc, objects, { ref: sigRef, text: sigDict });
}

function writeIncrement(
  original: Buffer,
  doc: PDFDocument,
  objects: [PDFRef, PDFObject][],
  sig: { ref: PDFRef; text: string },
): Prepared {
  const { pdf, bodyOffsets } = appendIncrement(original, trailerOf(doc.context), [
    ...objects.map(([ref, obj]) => ({
      objectNumber: ref.objectNumber,
      generation: ref.generationNumber,
      body: serialize(obj),
    })),
    { objectNumber: sig.ref.objectNumber, generation: 0, body: Buffer.from(sig.text, 'latin1') },
  ]);
  const at = bodyOffsets.get(sig.ref.objectNumber) ?? 0;
  const byteRangeStart = at + sig.text.indexOf(BYTE_RANGE_PLACEHOLDER);
  const contentsStart = at + sig.text.indexOf('/Contents <') + '/Contents '.length;
  const contentsEnd = pdf.indexOf('>', contentsStart) + 1;
  return { pdf, contentsStart, contentsEnd, byteRangeStart, byteRangeLength: BYTE_RANGE_PLACEHOLDER.length };
}

/** Writes the byte range into the placeholder and returns the bytes it covers. */
export function fixByteRange(p: Prepared): { range: [number, number, number, number]; covered: Buffer } {
  const range: [number, number, number, number] = [
    0,
    p.contentsStart,
    p.contentsEnd,
    p.pdf.length - p.contentsEnd,
  ];
  const text = `[${range.join(' ')}]`.padEnd(p.byteRangeLength, ' ');
  if (text.length > p.byteRangeLength) throw new PdfPrepareError('byte range does not fit');
  p.pdf.write(text, p.byteRangeStart, 'latin1');
  return { range, covered: Buffer.concat([p.pdf.subarray(0, range[1]), p.pdf.subarray(range[2])]) };
}

/** Puts the CMS into /Contents. */
export function embedCms(p: Prepared, cms: Buffer): Buffer {
  const hex = cms.toString('hex');
  const room = p.contentsEnd - p.contentsStart - 2;
  if (hex.length > room)
    throw new PdfPrepareError(`signature needs ${hex.length} hex digits, room for ${room}`);
  p.pdf.write(hex, p.contentsStart + 1, 'latin1');
  return p.pdf;
}
