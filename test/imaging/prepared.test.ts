import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { newStageTimes } from '../../electron/engine/imaging/stages';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { b64 } from '../helpers/images';
import { pdfinfo, qpdfCheck, tempDir } from '../helpers/tmp';
import { directiveWords, renderPage, scanLike, wrap } from './pages';

const DPI = 150;

describe('a page is made ready for the PDF once, in the background (issue 18)', () => {
  it('assembles from the page image made ahead, and makes it again when the clerk changes how the page goes in', async () => {
    const dir = tempDir();
    const times = newStageTimes();
    // OCR off: the story is about the page image; OCR has its own tests.
    const engine = createEngine({ dataDir: dir, imaging: { ocr: false, startDelayMs: 0, times } });
    const client = connectInProcess(engine);
    try {
      const lines = wrap(directiveWords(), 70).slice(0, 25);
      const scans = await Promise.all(
        [3, -2].map(async (skewDeg, i) =>
          scanLike(await renderPage({ dpi: DPI, lines: lines.slice(i) }), DPI, {
            skewDeg,
            noise: 15,
            jpegQuality: 80,
            seed: i + 1,
          }),
        ),
      );
      const d = await client.call('dossier.create', {
        procedureCode: '1.001193',
        applicantName: 'Trần Văn Bình',
      });
      const added = await client.call('dossier.addPages', {
        dossierId: d.id,
        componentCode: 'TK',
        files: scans.map((s, i) => ({ name: `to-khai-${i + 1}.jpg`, dataBase64: b64(s) })),
      });
      const [first] = added.added;

      // Cleaned in the background, and each page's image compressed once there.
      const made = async (n: number) => {
        const deadline = Date.now() + 60_000;
        while (times.runs.compression < n) {
          if (Date.now() > deadline) throw new Error('page images were not made ahead');
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      await made(2);
      await new Promise((r) => setTimeout(r, 200)); // the record is written right after

      const assemble = async () => {
        const before = { decode: times.runs.decode, compression: times.runs.compression };
        await client.call('documents.assemble', { dossierId: d.id, componentCode: 'TK' });
        const pdf = await client.call('documents.componentPdf', { dossierId: d.id, componentCode: 'TK' });
        const file = path.join(dir, `tk-${Date.now()}.pdf`);
        fs.writeFileSync(file, Buffer.from(pdf.dataBase64, 'base64'));
        return {
          file,
          decoded: times.runs.decode - before.decode,
          compressed: times.runs.compression - before.compression,
        };
      };

      // Assembly copies what was made: nothing decoded, nothing compressed again.
      const a = await assemble();
      expect(a).toMatchObject({ decoded: 0, compressed: 0 });
      expect(qpdfCheck(a.file)).toContain('No syntax or stream encoding errors');
      expect(pdfinfo(a.file)).toMatch(/Pages:\s+2/);
      expect(pdfinfo(a.file)).toMatch(/Metadata Stream:\s+yes/);
      const list = (f: string) => execFileSync('pdfimages', ['-list', f], { encoding: 'utf8' });
      expect(list(a.file).match(/gray\s+1\s+1\s+ccitt/g)).toHaveLength(2); // two 1-bit G4 text pages

      // The clerk keeps the first page in colour: assembling at once does not use the old image…
      await client.call('imaging.choose', { pageId: first!.id, choices: { colour: 'color' } });
      const b = await assemble();
      expect(list(b.file)).toMatch(/rgb\s+3\s+8\s+jpeg/);
      expect(list(b.file).match(/gray\s+1\s+1\s+ccitt/g)).toHaveLength(1);

      // …and the background makes the colour one ahead, which the next assembly copies.
      let c = await assemble();
      for (const deadline = Date.now() + 60_000; c.compressed > 0 && Date.now() < deadline;) {
        await new Promise((r) => setTimeout(r, 300));
        c = await assemble();
      }
      expect(c).toMatchObject({ decoded: 0, compressed: 0 });
      expect(list(c.file)).toMatch(/rgb\s+3\s+8\s+jpeg/);
      expect(list(c.file).match(/gray\s+1\s+1\s+ccitt/g)).toHaveLength(1);
    } finally {
      client.dispose();
      engine.close();
    }
  });
});
