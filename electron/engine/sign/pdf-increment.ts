import type { PDFContext, PDFObject } from 'pdf-lib';

/**
 * Writes an incremental update (ISO 32000 §7.5.6): the original bytes stay
 * untouched, the new or changed objects follow, then a cross-reference section
 * of the same kind as the original's (table or stream) pointing back with /Prev.
 * Used for signatures (pdf.ts) and for the document security store (dss.ts).
 */

export class PdfPrepareError extends Error {}

export interface IncrementObject {
  objectNumber: number;
  generation: number;
  /** The object's body as written between `N G obj` and `endobj`. */
  body: Buffer;
}

export interface Increment {
  pdf: Buffer;
  /** Offset of each object's body (just after its `N G obj` line), by object number. */
  bodyOffsets: Map<number, number>;
}

/** The trailer entries an update repeats: /Root, /Info and /ID of the previous trailer. */
export function trailerOf(context: PDFContext): { root: string; info?: string; id?: string } {
  const { Root, Info, ID } = context.trailerInfo;
  if (!Root) throw new PdfPrepareError('no document catalog');
  return { root: String(Root), info: Info ? String(Info) : undefined, id: ID ? String(ID) : undefined };
}

export function serialize(obj: PDFObject): Buffer {
  const buf = new Uint8Array(obj.sizeInBytes());
  obj.copyBytesInto(buf, 0);
  return Buffer.from(buf);
}

export function lastStartXref(pdf: Buffer): number {
  const tail = pdf.subarray(Math.max(0, pdf.length - 2048)).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail) ?? /startxref\s+(\d+)/.exec(tail);
  if (!m) throw new PdfPrepareError('no startxref');
  return Number(m[1]);
}

/** /Size of the last cross-reference section: new objects must take numbers from here on. */
export function previousSize(pdf: Buffer): number {
  const prev = lastStartXref(pdf);
  const m = /\/Size\s+(\d+)/.exec(pdf.subarray(prev, prev + 4096).toString('latin1'));
  return m ? Number(m[1]) : 0;
}

function runsOf(nums: number[]): number[][] {
  const runs: number[][] = [];
  for (const n of [...nums].sort((a, b) => a - b)) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === n - 1) run.push(n);
    else runs.push([n]);
  }
  return runs;
}

export function appendIncrement(
  original: Buffer,
  trailer: { root: string; info?: string; id?: string },
  objects: IncrementObject[],
): Increment {
  const prev = lastStartXref(original);
  const usesXrefStream = original.subarray(prev, prev + 4).toString('latin1') !== 'xref';
  const parts: Buffer[] = [original];
  let offset = original.length;
  const push = (b: Buffer) => {
    parts.push(b);
    offset += b.length;
  };
  if (original[original.length - 1] !== 0x0a) push(Buffer.from('\n'));
  const offsets = new Map<number, { offset: number; gen: number }>();
  const bodyOffsets = new Map<number, number>();
  for (const o of objects) {
    offsets.set(o.objectNumber, { offset, gen: o.generation });
    push(Buffer.from(`${o.objectNumber} ${o.generation} obj\n`, 'latin1'));
    bodyOffsets.set(o.objectNumber, offset);
    push(o.body);
    push(Buffer.from('\nendobj\n', 'latin1'));
  }
  const trailerExtra = [
    `/Root ${trailer.root}`,
    trailer.info ? `/Info ${trailer.info}` : '',
    trailer.id ? `/ID ${trailer.id}` : '',
    `/Prev ${prev}`,
  ]
    .filter(Boolean)
    .join(' ');
  const largest = Math.max(previousSize(original) - 1, ...objects.map((o) => o.objectNumber));
  const xrefOffset = offset;
  if (!usesXrefStream) {
    const lines = ['xref'];
    for (const run of runsOf([...offsets.keys()])) {
      lines.push(`${run[0]} ${run.length}`);
      for (const n of run) {
        const e = offsets.get(n);
        if (e) lines.push(`${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r`);
      }
    }
    push(
      Buffer.from(
        `${lines.join('\n')}\ntrailer\n<< /Size ${largest + 1} ${trailerExtra} >>\nstartxref\n${xrefOffset}\n%%EOF\n`,
        'latin1',
      ),
    );
  } else {
    // The original has a cross-reference stream: answer in kind.
    const xrefNum = largest + 1;
    offsets.set(xrefNum, { offset: xrefOffset, gen: 0 });
    const runs = runsOf([...offsets.keys()]);
    const rows: Buffer[] = [];
    for (const n of runs.flat()) {
      const e = offsets.get(n);
      if (!e) continue;
      const row = Buffer.alloc(7);
      row[0] = 1;
      row.writeUInt32BE(e.offset, 1);
      row.writeUInt16BE(e.gen, 5);
      rows.push(row);
    }
    const data = Buffer.concat(rows);
    const index = runs.map((r) => `${r[0] ?? 0} ${r.length}`).join(' ');
    push(
      Buffer.from(
        `${xrefNum} 0 obj\n<< /Type /XRef /Size ${xrefNum + 1} /W [1 4 2] /Index [${index}] /Length ${data.length} ${trailerExtra} >>\nstream\n`,
        'latin1',
      ),
    );
    push(data);
    push(Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`, 'latin1'));
  }
  return { pdf: Buffer.concat(parts), bodyOffsets };
}
