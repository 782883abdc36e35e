import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import type { ImagingProgress } from '../../shared/api/rooms/imaging';
import { b64 } from '../helpers/images';
import { pdfinfo, qpdfCheck, tempDir } from '../helpers/tmp';
import { directiveWords, renderPage, scanLike, wrap } from './pages';

const DPI = 150;

describe('cleanup in the background of a dossier', () => {
  it('cleans pages after they are added, flags the blank one, lets the clerk undo a transform, and assembles a PDF/A of the cleaned pages', async () => {
    const dir = tempDir();
    // OCR off: this story is about cleanup; OCR has its own (slower) tests.
    const engine = createEngine({ dataDir: dir, imaging: { ocr: false } });
    const client = connectInProcess(engine);
    const progress: ImagingProgress[] = [];
    const off = engine.onEvent((e) => {
      if (e.name === 'imaging.progress') progress.push(e.payload as ImagingProgress);
    });
    try {
      const lines = wrap(directiveWords(), 70).slice(0, 25);
      const crooked = await scanLike(await renderPage({ dpi: DPI, lines }), DPI, {
        skewDeg: 5,
        noise: 15,
        jpegQuality: 80,
      });
      const empty = await scanLike(await renderPage({ dpi: DPI, lines: [] }), DPI, {
        noise: 20,
        jpegQuality: 80,
      });
      const d = await client.call('dossier.create', {
        procedureCode: '1.001193',
        applicantName: 'Trần Văn Bình',
      });
      const t0 = Date.now();
      const added = await client.call('dossier.addPages', {
        dossierId: d.id,
        componentCode: 'TK',
        files: [
          { name: 'to-khai.jpg', dataBase64: b64(crooked) },
          { name: 'trang-trang.jpg', dataBase64: b64(empty) },
        ],
      });
      // dossier.addPages returns at once: nothing has been analysed yet.
      expect(added.added).toHaveLength(2);
      const [page, blank] = added.added;
      expect((await client.call('imaging.page', { pageId: page!.id })).state).toBe('pending');
      expect(Date.now() - t0).toBeLessThan(5000);

      const deadline = Date.now() + 60_000;
      while (!(await client.call('imaging.progress', { dossierId: d.id })).complete) {
        if (Date.now() > deadline) throw new Error('cleanup did not finish');
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(progress.at(-1)).toMatchObject({
        dossierId: d.id,
        total: 2,
        cleaned: 2,
        complete: true,
        components: [{ code: 'TK', total: 2, cleaned: 2, ocred: 0 }],
      });

      const c1 = await client.call('imaging.page', { pageId: page!.id });
      expect(c1.state).toBe('done');
      expect(Math.abs(c1.analysis!.skewDeg + 5)).toBeLessThanOrEqual(0.2);
      expect(c1.analysis!.blank).toBe(false);
      const c2 = await client.call('imaging.page', { pageId: blank!.id });
      expect(c2.analysis!.blank).toBe(true);

      // The clerk compares before/after and undoes the straightening with one click.
      const before = await client.call('imaging.preview', { pageId: page!.id, cleaned: false });
      const after = await client.call('imaging.preview', { pageId: page!.id, cleaned: true });
      expect(before.dataUrl).not.toBe(after.dataUrl);
      const undone = await client.call('imaging.choose', { pageId: page!.id, choices: { deskew: false } });
      expect(undone.choices.deskew).toBe(false);
      expect(undone.analysis!.skewDeg).toBe(c1.analysis!.skewDeg); // the finding is kept; only its use is undone
      await client.call('imaging.choose', { pageId: page!.id, choices: { deskew: true } });

      // The blank flag is confirmed: the page is removed the undoable way.
      await client.call('imaging.blank', { pageId: blank!.id, decision: 'remove' });
      let dossier = await client.call('dossier.get', { dossierId: d.id });
      expect(dossier.components.find((c) => c.code === 'TK')!.pages).toHaveLength(1);
      await client.call('dossier.restorePage', { pageId: blank!.id });
      await client.call('imaging.blank', { pageId: blank!.id, decision: 'keep' });
      expect((await client.call('imaging.page', { pageId: blank!.id })).blankDecision).toBe('keep');

      dossier = await client.call('documents.assemble', { dossierId: d.id, componentCode: 'TK' });
      const pdf = await client.call('documents.componentPdf', { dossierId: d.id, componentCode: 'TK' });
      const file = path.join(dir, pdf.fileName);
      fs.writeFileSync(file, Buffer.from(pdf.dataBase64, 'base64'));
      expect(qpdfCheck(file)).toContain('No syntax or stream encoding errors');
      const info = pdfinfo(file);
      expect(info).toMatch(/Pages:\s+2/);
      expect(info).toMatch(/Metadata Stream:\s+yes/);
      expect(info).toContain('1.001193');
      const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
      expect(images).toMatch(/gray\s+1\s+1\s+ccitt/); // bitonal text page, 1 bit per pixel, CCITT G4

      // Undoing a transform after the PDF was built marks it outdated; redoing it makes it current again.
      const tkPdf = async () =>
        (await client.call('dossier.get', { dossierId: d.id })).components.find((c) => c.code === 'TK')!.pdf!;
      expect((await tkPdf()).current).toBe(true);
      await client.call('imaging.choose', { pageId: page!.id, choices: { deskew: false } });
      expect((await tkPdf()).current).toBe(false);
      await client.call('imaging.choose', { pageId: page!.id, choices: { deskew: true } });
      expect((await tkPdf()).current).toBe(true);

      // The whole dossier in one PDF, a bookmark per component with pages.
      const whole = await client.call('documents.dossierPdf', { dossierId: d.id });
      const wholeFile = path.join(dir, whole.fileName);
      fs.writeFileSync(wholeFile, Buffer.from(whole.dataBase64, 'base64'));
      expect(qpdfCheck(wholeFile)).toContain('No syntax or stream encoding errors');
      const outlines = JSON.parse(
        execFileSync('qpdf', ['--json', '--json-key=outlines', wholeFile], { encoding: 'utf8' }),
      ) as { outlines: { title: string }[] };
      expect(outlines.outlines).toHaveLength(1);
    } finally {
      off();
      client.dispose();
      engine.close();
    }
  });
});
