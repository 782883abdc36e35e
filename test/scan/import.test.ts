import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { b64, multiPageTiff, scanImage } from '../helpers/images';
import { pdfinfo, qpdfCheck, tempDir } from '../helpers/tmp';
import { openStation } from './helpers';

/** A born-digital PDF with real text on each page, as a citizen brings on a USB stick. */
async function textPdf(lines: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const line of lines) {
    const page = doc.addPage([595, 842]);
    page.drawText(line, { x: 72, y: 700, size: 24, font });
  }
  return Buffer.from(await doc.save());
}

describe('importing files into a component', () => {
  it('makes each PDF page a dossier page that keeps the original page, beside images and multi-page TIFFs', async () => {
    const st = openStation();
    try {
      const dossier = await st.dossier();
      const pdf = await textPdf(['Giay khai sinh page one', 'Giay khai sinh page two']);
      const result = await st.client.call('scan.import', {
        dossierId: dossier.id,
        componentCode: 'TK',
        files: [
          { name: 'to-khai.pdf', dataBase64: b64(pdf) },
          { name: 'anh.jpg', dataBase64: b64(await scanImage('jpeg')) },
          { name: 'nhieu-trang.tif', dataBase64: b64(await multiPageTiff()) },
        ],
      });
      expect(result.rejected).toEqual([]);
      expect(result.added.slice(0, 2)).toMatchObject([
        { sourceName: 'to-khai.pdf [1]', mime: 'application/pdf', width: 595, height: 842, dpi: 72 },
        { sourceName: 'to-khai.pdf [2]', mime: 'application/pdf' },
      ]);
      expect(result.added[2]).toMatchObject({ mime: 'image/jpeg' });
      expect(result.added.length).toBeGreaterThan(4);
      // PDFium rendered a preview of the PDF page.
      const thumb = await st.client.call('dossier.thumbnail', { pageId: result.added[1]?.id ?? '' });
      expect(thumb.dataUrl.startsWith('data:image/jpeg;base64,')).toBe(true);

      // The component PDF carries the imported pages themselves: their text is still text.
      await st.client.call('documents.assemble', { dossierId: dossier.id, componentCode: 'TK' });
      const out = await st.client.call('documents.componentPdf', {
        dossierId: dossier.id,
        componentCode: 'TK',
      });
      const file = path.join(tempDir(), 'tk.pdf');
      fs.writeFileSync(file, Buffer.from(out.dataBase64, 'base64'));
      expect(qpdfCheck(file)).toContain('No syntax or stream encoding errors');
      expect(pdfinfo(file)).toMatch(new RegExp(`Pages:\\s+${result.added.length}`));
      const text = execFileSync('pdftotext', ['-f', '1', '-l', '2', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Giay khai sinh page one');
      expect(text).toContain('Giay khai sinh page two');
    } finally {
      st.close();
    }
  });

  it('refuses an encrypted PDF and a damaged one with their own codes, and keeps the good files', async () => {
    const st = openStation();
    try {
      const dossier = await st.dossier();
      const dir = tempDir();
      const plain = path.join(dir, 'plain.pdf');
      fs.writeFileSync(plain, await textPdf(['secret']));
      const locked = path.join(dir, 'locked.pdf');
      execFileSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', plain, locked]);
      const ownerOnly = path.join(dir, 'owner-only.pdf');
      execFileSync('qpdf', ['--encrypt', '', 'owner', '256', '--', plain, ownerOnly]);
      const good = await textPdf(['good']);
      const result = await st.client.call('scan.import', {
        dossierId: dossier.id,
        componentCode: 'TK',
        files: [
          { name: 'locked.pdf', dataBase64: b64(fs.readFileSync(locked)) },
          { name: 'owner-only.pdf', dataBase64: b64(fs.readFileSync(ownerOnly)) },
          { name: 'cut.pdf', dataBase64: b64(good.subarray(0, 300)) },
          { name: 'good.pdf', dataBase64: b64(good) },
        ],
      });
      expect(result.rejected.map((r) => [r.name, r.error.code])).toEqual([
        ['locked.pdf', 'pdf_encrypted'],
        ['owner-only.pdf', 'pdf_encrypted'],
        ['cut.pdf', 'pdf_corrupt'],
      ]);
      expect(result.added).toHaveLength(1);
    } finally {
      st.close();
    }
  });
});

describe('scan to folder', () => {
  it('imports each file once it is complete, moves it aside, skips a repeat and sets bad and huge files apart', async () => {
    const folder = tempDir('sohoa-watch-');
    const st = openStation();
    try {
      await st.client.call('settings.update', { scanFolder: folder, scanFolderIdleSeconds: 3 });
      const devices = await st.client.call('scan.devices', {});
      expect(devices.map((d) => d.id)).toContain(`folder:${folder}`);
      const dossier = await st.dossier();
      const { jobId } = await st.client.call('scan.start', {
        dossierId: dossier.id,
        componentCode: 'TK',
        settings: { deviceId: `folder:${folder}`, source: 'adf', dpi: 300, mode: 'gray' },
      });
      const page = await scanImage('jpeg');
      // The vendor software writes the first file slowly: half now, the rest a second later.
      const slow = path.join(folder, 'scan_0001.jpg');
      fs.writeFileSync(slow, page.subarray(0, Math.floor(page.length / 2)));
      await new Promise((r) => setTimeout(r, 1200));
      expect(st.events.filter((e) => e.jobId === jobId && e.state === 'page')).toHaveLength(0);
      fs.appendFileSync(slow, page.subarray(Math.floor(page.length / 2)));
      // The same scan saved again under another name, and a broken file.
      fs.writeFileSync(path.join(folder, 'scan_0001 (copy).jpg'), page);
      fs.writeFileSync(path.join(folder, 'scan_0002.jpg'), Buffer.from('not a picture'));
      // A runaway file (sparse, so the test stays small on disk) is set apart unread.
      const huge = path.join(folder, 'scan_0003.tif');
      fs.writeFileSync(huge, '');
      fs.truncateSync(huge, 201 * 1024 * 1024);
      const end = await st.finished(jobId, 30_000);
      expect(end).toMatchObject({ state: 'done', pages: 1 });
      const refused = st.events.filter((e) => e.jobId === jobId && e.error);
      expect(refused.map((e) => e.error?.code)).toEqual(['image_unsupported']);
      expect(fs.readdirSync(folder).sort()).toEqual(['failed', 'imported']);
      expect(fs.readdirSync(path.join(folder, 'imported')).sort()).toEqual([
        'scan_0001 (copy).jpg',
        'scan_0001.jpg',
      ]);
      expect(fs.readdirSync(path.join(folder, 'failed')).sort()).toEqual([
        'scan_0002.jpg',
        'scan_0002.jpg.txt',
        'scan_0003.tif',
        'scan_0003.tif.txt',
      ]);
      expect(fs.readFileSync(path.join(folder, 'failed', 'scan_0003.tif.txt'), 'utf8')).toContain(
        'file_too_large',
      );
      const d = await st.client.call('dossier.get', { dossierId: dossier.id });
      expect(d.components.find((c) => c.code === 'TK')?.pages).toHaveLength(1);
    } finally {
      st.close();
    }
  });
});
