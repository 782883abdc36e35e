import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../electron/engine/imaging/pipeline';
import { OcrCancelled, OcrPool } from '../../electron/engine/ocr/pool';
import { sohoaPdf } from '../helpers/cli';
import { hugePngHeader } from '../helpers/images';
import { pdfinfo, qpdfCheck, tempDir } from '../helpers/tmp';
import { cer, collapse, NOTICE, renderPage, scanLike } from './pages';

const DPI = 150;

const pool = new OcrPool({ cacheDir: tempDir('sohoa-ocr-'), size: 1 });
afterAll(() => pool.close());

// OCR is 5–8 s per page on one core, and the machine is shared: generous, bounded timeouts.
describe('reading Vietnamese pages', { timeout: 300_000 }, () => {
  it('turns pages scanned at 90°, 180° and 270° the right way up (OSD)', async () => {
    const clean = await renderPage({ dpi: DPI, lines: [...NOTICE, ...NOTICE, ...NOTICE] });
    for (const turn of [90, 180, 270] as const) {
      const scan = await scanLike(clean, DPI, { turn, skewDeg: 1.5, noise: 15 });
      const a = await analyze({ bytes: scan, frame: 0, dpi: DPI }, pool);
      // A page turned clockwise by `turn` needs (360 − turn) more to be upright.
      expect(a.orientation, `scanned turned ${turn}°`).toBe((360 - turn) % 360);
    }
  });

  it('sohoa pdf: an upside-down, crooked scan comes out upright with its Vietnamese text, bad files are named and skipped', async () => {
    const dir = tempDir();
    const page = await scanLike(await renderPage({ dpi: 200, lines: NOTICE }), 200, {
      turn: 180,
      skewDeg: 3,
      noise: 20,
      jpegQuality: 80,
    });
    fs.writeFileSync(path.join(dir, 'p1.jpg'), page);
    fs.writeFileSync(path.join(dir, 'cut.jpg'), page.subarray(0, 20_000));
    fs.writeFileSync(
      path.join(dir, 'black.png'),
      await sharp({ create: { width: 600, height: 850, channels: 3, background: '#000' } })
        .png()
        .toBuffer(),
    );
    // An encrypted PDF (user password) made by qpdf from a good one.
    const plain = path.join(dir, 'plain.pdf');
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]).drawText('Ban sao (ASCII: standard font)');
    fs.writeFileSync(plain, await doc.save());
    execFileSync('qpdf', ['--encrypt', 'mat-khau', 'chu', '256', '--', plain, path.join(dir, 'locked.pdf')]);
    // A decompression bomb (a PNG header claiming 400 megapixels) and a PDF cut in half.
    fs.writeFileSync(path.join(dir, 'bomb.png'), hugePngHeader(20_000, 20_000));
    const plainBytes = fs.readFileSync(plain);
    fs.writeFileSync(path.join(dir, 'cut.pdf'), plainBytes.subarray(0, plainBytes.length >> 1));
    const out = path.join(dir, 'out.pdf');
    const run = sohoaPdf(
      path.join(dir, 'data'),
      [
        '--out',
        out,
        ...['p1.jpg', 'cut.jpg', 'black.png', 'locked.pdf', 'bomb.png', 'cut.pdf'].map((f) =>
          path.join(dir, f),
        ),
      ],
      { timeout: 280_000, env: { ...process.env, SOHOA_LANG: 'vi' } },
    );
    expect(run.status, run.stderr).toBe(3); // written, with files refused
    expect(run.stderr).toContain('cut.jpg');
    expect(run.stderr).toContain('black.png: Ảnh "black.png" toàn màu đen');
    expect(run.stderr).toContain('locked.pdf');
    expect(run.stderr).toMatch(/mật khẩu|mã hóa/);
    expect(run.stderr).toMatch(/bomb\.png: .*quá lớn/);
    expect(run.stderr).toContain('cut.pdf');
    const report = JSON.parse(run.stdout) as {
      pages: { rotation: number; skewDeg: number; colour: string; ocrConfidence: number; bytes: number }[];
    };
    expect(report.pages).toHaveLength(1);
    const p = report.pages[0]!;
    expect(p.rotation).toBe(180);
    expect(Math.abs(Math.abs(p.skewDeg) - 3)).toBeLessThanOrEqual(0.2);
    expect(p.colour).toBe('bitonal');
    expect(p.ocrConfidence).toBeGreaterThan(80);
    expect(qpdfCheck(out)).toContain('No syntax or stream encoding errors');
    expect(pdfinfo(out)).toMatch(/Metadata Stream:\s+yes/);
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    expect(cer(collapse(NOTICE.join(' ')), collapse(text))).toBeLessThan(0.05);
  });
});

describe('stopping OCR at any instant', { timeout: 300_000 }, () => {
  it('closing the pool mid-job cancels the job cleanly — no stray error from a terminated worker', async () => {
    const stray: unknown[] = [];
    const onStray = (e: unknown) => stray.push(e);
    process.on('unhandledRejection', onStray);
    try {
      const page = await renderPage({ dpi: DPI, lines: NOTICE });
      // Close before the worker exists, while it starts, while it works, and as it answers.
      for (const delayMs of [0, 150, 600, 1200, 2000, 3000]) {
        const p = new OcrPool({ cacheDir: tempDir('sohoa-ocr-close-'), size: 1 });
        const jobs = [
          p.orientation(page, 'a', DPI),
          p.recognize(page, 'a', DPI),
          p.recognize(page, 'b', DPI),
        ];
        const settled = Promise.allSettled(jobs);
        await new Promise((r) => setTimeout(r, delayMs));
        await p.close();
        const outcomes = await settled;
        for (const o of outcomes)
          if (o.status === 'rejected')
            expect(o.reason, `closed after ${delayMs} ms`).toBeInstanceOf(OcrCancelled);
        await expect(p.recognize(page)).rejects.toBeInstanceOf(OcrCancelled);
        // Let any late answer from the terminated worker thread arrive.
        await new Promise((r) => setTimeout(r, 300));
      }
      expect(stray).toEqual([]);
    } finally {
      process.off('unhandledRejection', onStray);
    }
  });

  it("cancelling one dossier's pages stops them and the next dossier is still read", async () => {
    const page = await renderPage({ dpi: DPI, lines: NOTICE });
    const p = new OcrPool({ cacheDir: tempDir('sohoa-ocr-cancel-'), size: 1 });
    try {
      const first = p.recognize(page, 'dossier-1', DPI);
      const second = p.recognize(page, 'dossier-1', DPI);
      const other = p.recognize(page, 'dossier-2', DPI);
      await new Promise((r) => setTimeout(r, 500));
      expect(p.cancel('dossier-1')).toBe(2);
      await expect(first).rejects.toBeInstanceOf(OcrCancelled);
      await expect(second).rejects.toBeInstanceOf(OcrCancelled);
      const r = await other;
      expect(collapse(r.text)).toContain('QUẢNG NAM');
    } finally {
      await p.close();
    }
  });
});
