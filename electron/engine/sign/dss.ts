import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFObject, PDFRawStream, PDFRef } from 'pdf-lib';
import { appendIncrement, PdfPrepareError, previousSize, serialize, trailerOf } from './pdf-increment';

/**
 * The document security store (ISO 32000-2 §12.8.4.3, ETSI EN 319 142-1
 * B-LT): an incremental update whose catalog gains /DSS with the certificates,
 * OCSP responses and CRLs a validator needs later, each a stream of DER, and a
 * /VRI entry per signature naming the ones that are about it. An existing DSS
 * is kept: its entries stay and ours are added beside them.
 */

export interface ValidationData {
  certs: Buffer[];
  ocsps: Buffer[];
  crls: Buffer[];
}

export interface VriEntry extends ValidationData {
  /** Upper-case hex SHA-1 of the signature's /Contents bytes (vriKey). */
  key: string;
}

/** The /VRI key of a signature: SHA-1 of its whole /Contents string, decoded, padding included. */
export function vriKey(contents: Buffer): string {
  return createHash('sha1').update(contents).digest('hex').toUpperCase();
}

const KIND = { certs: 'Certs', ocsps: 'OCSPs', crls: 'CRLs' } as const;
const VRI_KIND = { certs: 'Cert', ocsps: 'OCSP', crls: 'CRL' } as const;
type Kind = keyof typeof KIND;
const KINDS: Kind[] = ['certs', 'ocsps', 'crls'];

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export async function appendDss(original: Buffer, entries: VriEntry[]): Promise<Buffer> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(original, { updateMetadata: false });
  } catch (err) {
    throw new PdfPrepareError(`unreadable PDF: ${(err as Error).message}`);
  }
  const { context } = doc;
  context.largestObjectNumber = Math.max(context.largestObjectNumber, previousSize(original) - 1);
  const firstNew = context.largestObjectNumber + 1;
  const catalogRef = context.trailerInfo.Root;
  if (!(catalogRef instanceof PDFRef)) throw new PdfPrepareError('no document catalog');

  const old = doc.catalog.lookupMaybe(PDFName.of('DSS'), PDFDict);
  const dss = context.obj({});
  const known = new Map<string, PDFRef>();
  for (const kind of KINDS) {
    const arr = context.obj([]);
    const prior = old?.lookupMaybe(PDFName.of(KIND[kind]), PDFArray);
    for (let i = 0; i < (prior?.size() ?? 0); i++) {
      const ref = prior?.get(i);
      if (!(ref instanceof PDFRef)) continue;
      arr.push(ref);
      const s = context.lookup(ref);
      if (s instanceof PDFRawStream && !s.dict.get(PDFName.of('Filter')))
        known.set(`${kind}:${sha(s.getContents())}`, ref);
    }
    dss.set(PDFName.of(KIND[kind]), arr);
  }
  const refFor = (kind: Kind, der: Buffer): PDFRef => {
    const key = `${kind}:${sha(der)}`;
    const hit = known.get(key);
    if (hit) return hit;
    const ref = context.register(context.stream(der));
    known.set(key, ref);
    dss.lookup(PDFName.of(KIND[kind]), PDFArray).push(ref);
    return ref;
  };
  const vri = context.obj({});
  const priorVri = old?.lookupMaybe(PDFName.of('VRI'), PDFDict);
  for (const [k, v] of priorVri?.entries() ?? []) vri.set(k, v);
  for (const e of entries) {
    const item = context.obj({});
    for (const kind of KINDS) {
      const refs = [...new Set(e[kind].map((der) => refFor(kind, der)))];
      if (refs.length) item.set(PDFName.of(VRI_KIND[kind]), context.obj(refs));
    }
    vri.set(PDFName.of(e.key), item);
  }
  if (vri.keys().length) dss.set(PDFName.of('VRI'), vri);
  const dssRef = context.register(dss);
  doc.catalog.set(PDFName.of('DSS'), dssRef);

  const objects: [PDFRef, PDFObject][] = [];
  for (const [ref, obj] of context.enumerateIndirectObjects())
    if (ref.objectNumber >= firstNew || ref === catalogRef) objects.push([ref, obj]);
  const { pdf } = appendIncrement(
    original,
    trailerOf(context),
    objects.map(([ref, obj]) => ({
      objectNumber: ref.objectNumber,
      generation: ref.generationNumber,
      body: serialize(obj),
    })),
  );
  return pdf;
}
