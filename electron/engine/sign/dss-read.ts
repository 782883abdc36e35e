import { PDFDict, PDFName, type PDFObject, PDFRawStream } from 'pdf-lib';
import { PdfObjects } from './pdf-read';

/**
 * What a PDF's document security store holds (ETSI EN 319 142-1 B-LT), read
 * back for the verifier: the DER of every certificate, OCSP response and CRL
 * of /DSS, at most MAX_ENTRIES of each and none larger than its bound, so
 * that a file stuffed with junk is judged in bounded time.
 */

export interface DssContent {
  certs: Buffer[];
  ocsps: Buffer[];
  crls: Buffer[];
  /** Entries that are not streams or are too large (ignored). */
  skipped: number;
}

export const MAX_ENTRIES = 200;
const MAX_BYTES = { certs: 64 * 1024, ocsps: 256 * 1024, crls: 32 * 1024 * 1024 };
const KEYS = { certs: 'Certs', ocsps: 'OCSPs', crls: 'CRLs' } as const;

/** The DSS of the revision `pdf` ends with; null when it has none (or the file cannot be read that way). */
export function readDss(pdf: Buffer): DssContent | null {
  let r: PdfObjects;
  try {
    r = new PdfObjects(pdf);
  } catch {
    return null;
  }
  const dss = r.dict(r.catalog()?.get(PDFName.of('DSS')));
  if (!dss) return null;
  const out: DssContent = { certs: [], ocsps: [], crls: [], skipped: 0 };
  for (const kind of ['certs', 'ocsps', 'crls'] as const) {
    const arr = r.array(dss.get(PDFName.of(KEYS[kind])))?.asArray() ?? [];
    for (const item of arr.slice(0, MAX_ENTRIES)) {
      const bytes = r.streamBytes(item, MAX_BYTES[kind]);
      if (bytes) out[kind].push(bytes);
      else out.skipped++;
    }
    out.skipped += Math.max(0, arr.length - MAX_ENTRIES);
  }
  return out;
}

const text = (o: PDFObject | undefined): string =>
  o instanceof PDFRawStream
    ? `${o.dict.toString()}|${Buffer.from(o.getContents()).toString('latin1')}`
    : String(o ?? '');

function sameExceptDss(a: PDFDict, b: PDFDict): boolean {
  const entries = (d: PDFDict) =>
    new Map(
      d
        .entries()
        .filter(([k]) => k !== PDFName.of('DSS'))
        .map(([k, v]) => [k.toString(), v.toString()]),
    );
  const ea = entries(a);
  const eb = entries(b);
  return ea.size === eb.size && [...ea].every(([k, v]) => eb.get(k) === v);
}

/**
 * Whether everything after byte `end` (the end of the last signature's
 * revision) only adds validation data: new objects, the catalog unchanged but
 * for /DSS, the previous DSS replaced by a dictionary. Anything else — a page,
 * an annotation, a form field changed — is a change after signing.
 */
export function onlyValidationDataAfter(pdf: Buffer, end: number): boolean {
  let before: PdfObjects;
  let after: PdfObjects;
  try {
    before = new PdfObjects(pdf.subarray(0, end));
    after = new PdfObjects(pdf);
  } catch {
    return false;
  }
  // The tail must be proper updates: a new section, the file ending on its startxref, no object left unlisted.
  const newest = after.sections[0] ?? -1;
  const ending = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(pdf.subarray(-64).toString('latin1'));
  if (newest < end || Number(ending?.[1]) !== newest) return false;
  const tailText = pdf.subarray(end).toString('latin1');
  for (const m of tailText.matchAll(/(?:^|[\r\n\s])(\d+)\s+\d+\s+obj\b/g)) {
    const num = Number(m[1]);
    const section = after.sectionOf(num);
    const isSection = after.sections.includes(end + (m.index ?? 0) + m[0].length - m[0].trimStart().length);
    if (!isSection && (section === undefined || section < end)) return false;
  }
  const rootRef = after.trailer.get(PDFName.of('Root'));
  if (String(rootRef) !== String(before.trailer.get(PDFName.of('Root')))) return false;
  if (after.trailer.get(PDFName.of('Encrypt'))) return false;
  const rootNum = Number(/^(\d+)/.exec(String(rootRef))?.[1] ?? -1);
  const oldCatalog = before.catalog();
  const oldDss = String(oldCatalog?.get(PDFName.of('DSS')) ?? '');
  const tail = new Set(after.sections.filter((s) => s >= end));
  for (const num of after.objectNumbers()) {
    const section = after.sectionOf(num);
    if (section === undefined || !tail.has(section)) continue;
    const old = before.get(num);
    if (old === undefined) continue;
    const now = after.get(num);
    if (text(now) === text(old)) continue;
    if (num === rootNum && oldCatalog && now instanceof PDFDict && sameExceptDss(oldCatalog, now)) continue;
    if (oldDss === `${num} 0 R` && now instanceof PDFDict) continue;
    return false;
  }
  return true;
}
