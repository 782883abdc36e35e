import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHOICES } from '../../electron/engine/imaging/cleanup';
import { CleanupWorker, inThread } from '../../electron/engine/imaging/cleanup-client';
import { directiveWords, renderPage, scanLike, wrap } from './pages';

const DPI = 300;
const worker = new CleanupWorker();
afterAll(() => worker.close());

describe('the cleanup worker thread (analysis and cleanup off the engine thread)', () => {
  it('finds the same skew, border, ink and colour as the engine thread, and cleans the page alike', async () => {
    const clean = await renderPage({ dpi: DPI, lines: wrap(directiveWords(), 72).slice(0, 40) });
    const scan = await scanLike(clean, DPI, { skewDeg: 2.3, noise: 18, borderMm: 4, jpegQuality: 80 });
    const img = { bytes: scan, frame: 0, dpi: DPI };
    const [here, there] = await Promise.all([inThread.analyze(img), worker.analyze(img)]);
    expect(there).toEqual(here);
    expect(Math.abs(there.skewDeg + 2.3)).toBeLessThanOrEqual(0.2);
    expect(there.crop).not.toBeNull();
    // The page the caller handed over is still its own after the worker had a copy.
    expect(img.bytes.length).toBe(scan.length);

    const a = { ...there, orientation: 180 as const };
    const [g1, g2] = await Promise.all([
      inThread.grey(img, a, DEFAULT_CHOICES, 200),
      worker.grey(img, a, DEFAULT_CHOICES, 200),
    ]);
    expect({ w: g2.width, h: g2.height, dpi: g2.dpi }).toEqual({ w: g1.width, h: g1.height, dpi: 200 });
    const px1 = await sharp(g1.png).raw().toBuffer();
    const px2 = await sharp(g2.png).raw().toBuffer();
    expect(px2.equals(px1)).toBe(true);
    expect((await sharp(g2.png).metadata()).density).toBe(200);
  });

  it('refuses a damaged image with the decoder’s reason and keeps serving the next page', async () => {
    const page = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#fff' } })
      .jpeg()
      .toBuffer();
    const cut = page.subarray(0, Math.floor(page.length / 2));
    await expect(worker.analyze({ bytes: cut, frame: 0, dpi: 100 })).rejects.toThrow(/\w/);
    const a = await worker.analyze({ bytes: page, frame: 0, dpi: 100 });
    expect(a.blank).toBe(true);
  });
});
