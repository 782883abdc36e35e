import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pageDamage } from '../../electron/engine/pdf/damage';
import { xrefDamage } from '../../electron/engine/pdf/xref';
import { goodScanPdf, readBadCorpus } from '../helpers/bad-corpus';
import { scanImage } from '../helpers/images';
import { tempDir } from '../helpers/tmp';

/** qpdf --check, the outside judge: its warnings (damage it had to repair or work around). */
function qpdfWarnings(file: string): string[] {
  const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  return `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /WARNING|qpdf: .*(damaged|unable)/.test(l));
}

/** Our verdict on a whole PDF: the xref, then each page's streams. */
async function verdict(bytes: Buffer): Promise<string | null> {
  const x = xrefDamage(bytes);
  if (x) return `xref: ${x}`;
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const p = await pageDamage(doc);
  return p ? `page ${p.page}: ${p.detail}` : null;
}

/** An incremental update appended to `pdf`: a new Info object, an xref section and a trailer with /Prev. */
function appendUpdate(pdf: Buffer, prev: number): Buffer {
  const obj = `\n99 0 obj\n<< /Title (Cập nhật) >>\nendobj\n`;
  const at = pdf.length + 1;
  const xrefAt = pdf.length + Buffer.byteLength(obj, 'latin1');
  const tail = [
    'xref',
    '99 1',
    `${String(at).padStart(10, '0')} 00000 n `,
    'trailer',
    `<< /Size 100 /Root 1 0 R /Info 99 0 R /Prev ${prev} >>`,
    'startxref',
    String(xrefAt),
    '%%EOF',
    '',
  ].join('\n');
  return Buffer.concat([pdf, Buffer.from(obj + tail, 'latin1')]);
}

const startxref = (pdf: Buffer) => Number(/startxref\s+(\d+)/.exec(pdf.toString('latin1').slice(-64))![1]);

describe('a PDF that needs repair, or whose page is cut, is named (qpdf as the judge)', () => {
  it('passes whole PDFs however they are written: classic xref, object streams, linearized, incremental update', async () => {
    const dir = tempDir();
    const good = await goodScanPdf();
    const files: Record<string, Buffer> = { 'classic.pdf': good };
    const src = path.join(dir, 'src.pdf');
    fs.writeFileSync(src, good);
    for (const [name, args] of [
      ['objstm.pdf', ['--object-streams=generate']],
      ['linear.pdf', ['--linearize']],
      ['linear-objstm.pdf', ['--linearize', '--object-streams=generate']],
    ] as const) {
      const out = path.join(dir, name);
      expect(spawnSync('qpdf', [...args, src, out]).status).toBe(0);
      files[name] = fs.readFileSync(out);
    }
    const doc = await PDFDocument.load(good);
    files['pdf-lib.pdf'] = Buffer.from(await doc.save({ useObjectStreams: true }));
    files['updated.pdf'] = appendUpdate(good, startxref(good));
    for (const [name, bytes] of Object.entries(files)) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      expect(qpdfWarnings(file), name).toEqual([]);
      expect(await verdict(bytes), name).toBeNull();
    }
  });

  it('refuses what qpdf has to repair: each damaged PDF of the corpus, and an update whose /Prev points nowhere', async () => {
    const dir = tempDir();
    const good = await goodScanPdf();
    const broken = appendUpdate(good, startxref(good) + 7);
    const file = path.join(dir, 'bad-prev.pdf');
    fs.writeFileSync(file, broken);
    expect(qpdfWarnings(file).join('\n')).toMatch(/damaged|xref/);
    expect(await verdict(broken)).toMatch(/^xref: no xref at offset/);

    const pdfs = readBadCorpus().filter((e) => e.file.endsWith('.pdf') && fs.statSync(e.path).size > 0);
    expect(pdfs.length).toBeGreaterThanOrEqual(4);
    for (const e of pdfs) {
      expect(qpdfWarnings(e.path).length, e.file).toBeGreaterThan(0);
      const bytes = fs.readFileSync(e.path);
      if (e.code === 'pdf_damaged' || e.code === 'pdf_corrupt')
        expect(xrefDamage(bytes), e.file).not.toBeNull();
      if (e.code === 'pdf_page_damaged') {
        // The xref is sound: the damage is in the page, found page by page.
        expect(xrefDamage(bytes), e.file).toBeNull();
        expect(await verdict(bytes), e.file).toMatch(/^page 1: /);
      }
    }
  });

  it('finds a cut scan on a later page, drawn through a form, with its /Length and the xref honest', async () => {
    const good = await scanImage('jpeg');
    const other = await scanImage('jpeg', { shade: '#444' });
    // The inner document's page draws the second scan; the outer page 3 draws that page as a form.
    const inner = await PDFDocument.create();
    const innerImg = await inner.embedJpg(other);
    inner.addPage([595, 842]).drawImage(innerImg, { x: 0, y: 0, width: 595, height: 842 });
    const doc = await PDFDocument.create();
    const img = await doc.embedJpg(good);
    for (let i = 0; i < 2; i++)
      doc.addPage([595, 842]).drawImage(img, { x: 0, y: 0, width: 595, height: 842 });
    const form = await doc.embedPage((await PDFDocument.load(await inner.save())).getPage(0));
    doc.addPage([595, 842]).drawPage(form);
    const whole = Buffer.from(await doc.save({ useObjectStreams: false }));
    expect(await verdict(whole), 'whole').toBeNull();

    // Cut the second scan's data to half wherever it is, its /Length set to the cut; pdf-lib writes a right xref.
    const loaded = await PDFDocument.load(whole);
    let cutRef: PDFRef | null = null;
    for (const [ref, obj] of loaded.context.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFRawStream) || obj.contents.length !== other.length) continue;
      const half = obj.contents.subarray(0, Math.floor(obj.contents.length / 2));
      obj.dict.set(PDFName.of('Length'), PDFNumber.of(half.length));
      loaded.context.assign(ref, PDFRawStream.of(obj.dict, half));
      cutRef = ref;
    }
    expect(cutRef).not.toBeNull();
    const damaged = Buffer.from(await loaded.save({ useObjectStreams: false }));
    const file = path.join(tempDir(), 'damaged.pdf');
    fs.writeFileSync(file, damaged);
    expect(qpdfWarnings(file).join('\n')).toMatch(/jpeg/i);
    expect(xrefDamage(damaged)).toBeNull();
    expect(await verdict(damaged)).toMatch(/^page 3: XObject .* \(JPEG\) is cut short/);
  });
});
