import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { sohoaPdf } from '../helpers/cli';
import { b64 } from '../helpers/images';
import { pdfinfo, qpdfCheck, tempDir } from '../helpers/tmp';
import { collapse, NOTICE, renderPage, scanLike } from './pages';

const DPI = 200;

const LINES = NOTICE.slice(0, 6);

/**
 * What a citizen brings on a USB stick: a PDF made by an office scanner (page 1 is a
 * crooked, upside-down JPEG scan with no text) followed by a born-digital page.
 */
async function mixedPdf(): Promise<Buffer> {
  const scan = await scanLike(await renderPage({ dpi: DPI, lines: [...LINES, ...LINES] }), DPI, {
    turn: 180,
    skewDeg: 2.5,
    noise: 15,
    jpegQuality: 80,
  });
  const doc = await PDFDocument.create();
  const jpg = await doc.embedJpg(scan);
  const w = (jpg.width / DPI) * 72;
  const h = (jpg.height / DPI) * 72;
  doc.addPage([w, h]).drawImage(jpg, { x: 0, y: 0, width: w, height: h });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc
    .addPage([595, 842])
    .drawText('Born digital page: its own text stays text.', { x: 72, y: 700, size: 14, font });
  return Buffer.from(await doc.save());
}

const pageText = (file: string, n: number) =>
  collapse(execFileSync('pdftotext', ['-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' }));

describe('scanned PDFs brought by the citizen', { timeout: 300_000 }, () => {
  it('a scanned PDF page imported into a dossier is straightened, turned upright and read; a text page is kept as it is', async () => {
    const dir = tempDir();
    const engine = createEngine({ dataDir: dir, imaging: { ocrWorkers: 1 } });
    const client = connectInProcess(engine);
    try {
      const d = await client.call('dossier.create', {
        procedureCode: '1.001193',
        applicantName: 'Lê Thị Hoa',
      });
      const res = await client.call('scan.import', {
        dossierId: d.id,
        componentCode: 'TK',
        files: [{ name: 'ban-scan.pdf', dataBase64: b64(await mixedPdf()) }],
      });
      expect(res.rejected).toEqual([]);
      const [scanned, born] = res.added;
      expect(res.added).toHaveLength(2);
      await client.call('imaging.focus', { dossierId: d.id });
      const deadline = Date.now() + 240_000;
      while (!(await client.call('imaging.progress', { dossierId: d.id })).complete) {
        if (Date.now() > deadline) throw new Error('cleanup and OCR did not finish');
        await new Promise((r) => setTimeout(r, 300));
      }
      const p1 = await client.call('imaging.page', { pageId: scanned!.id });
      expect(p1.state).toBe('done');
      expect(p1.analysis!.orientation).toBe(180);
      expect(Math.abs(Math.abs(p1.analysis!.skewDeg) - 2.5)).toBeLessThanOrEqual(0.2);
      expect(p1.ocr?.current).toBe(true);
      expect(collapse(p1.ocr!.text)).toContain('QUẢNG NAM');
      const p2 = await client.call('imaging.page', { pageId: born!.id });
      expect(p2.state).toBe('skipped');
      expect(p2.ocr).toBeNull();
      // Both pages have a before/after preview for the clerk.
      for (const id of [scanned!.id, born!.id])
        expect((await client.call('imaging.preview', { pageId: id, cleaned: true })).dataUrl).toMatch(
          /^data:image\/jpeg;base64,/,
        );

      await client.call('documents.assemble', { dossierId: d.id, componentCode: 'TK' });
      const pdf = await client.call('documents.componentPdf', { dossierId: d.id, componentCode: 'TK' });
      const file = path.join(dir, 'tk.pdf');
      fs.writeFileSync(file, Buffer.from(pdf.dataBase64, 'base64'));
      expect(qpdfCheck(file)).toContain('No syntax or stream encoding errors');
      expect(pdfinfo(file)).toMatch(/Pages:\s+2/);
      expect(pageText(file, 1)).toContain('dịch vụ công trực tuyến');
      expect(pageText(file, 2)).toContain('Born digital page: its own text stays text.');
      // The scan went in as a 1-bit text page at no less than 200 dpi.
      const images = execFileSync('pdfimages', ['-list', '-f', '1', '-l', '1', file], { encoding: 'utf8' });
      const row = images.split('\n').find((l) => /^\s*1\s/.test(l));
      expect(row).toMatch(/gray\s+1\s+1\s+ccitt/);
      const xppi = Number(row!.trim().split(/\s+/)[12]);
      expect(xppi).toBeGreaterThanOrEqual(199);
    } finally {
      client.dispose();
      engine.close();
    }
  });

  it('sohoa pdf reads a scanned PDF like an image and copies a text page as it is', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'ban-scan.pdf');
    fs.writeFileSync(input, await mixedPdf());
    const out = path.join(dir, 'out.pdf');
    const run = sohoaPdf(path.join(dir, 'data'), ['--workers', '1', '--out', out, input], {
      timeout: 280_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      pages: { kind: string; rotation: number | null; colour: string | null; ocrConfidence: number | null }[];
    };
    expect(report.pages.map((p) => p.kind)).toEqual(['pdf-scan', 'pdf']);
    expect(report.pages[0]).toMatchObject({ rotation: 180, colour: 'bitonal' });
    expect(report.pages[0]!.ocrConfidence).toBeGreaterThan(70);
    expect(qpdfCheck(out)).toContain('No syntax or stream encoding errors');
    expect(pdfinfo(out)).toMatch(/Metadata Stream:\s+yes/);
    expect(pageText(out, 1)).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(pageText(out, 2)).toContain('Born digital page');
  });
});
