import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHOICES } from '../../electron/engine/imaging/cleanup';
import { processPage } from '../../electron/engine/imaging/pipeline';
import { newStageTimes } from '../../electron/engine/imaging/stages';
import { OcrPool } from '../../electron/engine/ocr/pool';
import { tempDir } from '../helpers/tmp';
import { cer, collapse, NOTICE, renderPage, scanLike } from './pages';

const DPI = 200;
const pool = new OcrPool({ cacheDir: tempDir('sohoa-ocr-'), langs: ['vie'], size: 1 });
afterAll(() => pool.close());

/** A scanned notice through the one page pipeline, with its stage report. */
async function scanAndRead(turn: 0 | 180) {
  const clean = await renderPage({ dpi: DPI, lines: NOTICE });
  const scan = await scanLike(clean, DPI, { turn, skewDeg: 1.2, noise: 15, jpegQuality: 80 });
  const times = newStageTimes();
  const r = await processPage(
    { bytes: scan, mime: 'image/jpeg', frame: 0, width: 0, height: 0, dpi: DPI, rotation: 0, name: 'p.jpg' },
    DEFAULT_CHOICES,
    pool,
    { times },
  );
  return { r, times, text: collapse(r.words?.text ?? '') };
}

// OCR takes seconds per page on a shared core: generous, bounded timeouts (nothing is timed).
describe('orientation detection only when the first reading needs it', { timeout: 300_000 }, () => {
  it('an upright page is read once and OSD is skipped', async () => {
    const { r, times, text } = await scanAndRead(0);
    expect(times.runs.osd).toBe(0);
    expect(times.runs.ocr).toBe(1);
    expect(r.analysis?.orientation).toBe(0);
    expect(cer(collapse(NOTICE.join(' ')), text)).toBeLessThan(0.05);
  });

  it('an upside-down page still asks OSD, is turned and read again upright', async () => {
    const { r, times, text } = await scanAndRead(180);
    expect(times.runs.osd).toBe(1);
    expect(times.runs.ocr).toBe(2);
    expect(r.analysis?.orientation).toBe(180);
    expect(cer(collapse(NOTICE.join(' ')), text)).toBeLessThan(0.05);
  });
});
