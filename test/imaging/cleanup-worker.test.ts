import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHOICES } from '../../electron/engine/imaging/cleanup';
import { CleanupWorker, inThread } from '../../electron/engine/imaging/cleanup-client';
import { decodePrepared } from '../../electron/engine/imaging/pdf-image';
import { directiveWords, renderPage, scanLike, wrap } from './pages';

const DPI = 300;

/** Runs `work` with a 5 ms timer on this thread: the longest gap between its ticks, and how many there were. */
async function longestHold<T>(work: () => Promise<T>): Promise<{ value: T; longest: number; ticks: number }> {
  let ticks = 0;
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    ticks++;
  }, 5);
  try {
    const value = await work();
    longest = Math.max(longest, performance.now() - last);
    return { value, longest, ticks };
  } finally {
    clearInterval(timer);
  }
}
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

  it('makes the page’s PDF image for assembly as the engine thread does, with the engine’s loop free meanwhile', async () => {
    const clean = await renderPage({ dpi: DPI, lines: wrap(directiveWords(), 72).slice(0, 30) });
    const scan = await scanLike(clean, DPI, { skewDeg: -1.4, noise: 15, jpegQuality: 80 });
    const img = { bytes: scan, frame: 0, dpi: DPI };
    const a = await worker.analyze(img);
    // Timers on this thread keep firing while the worker encodes (decode, cleanup, CCITT G4 in
    // JavaScript); on this thread the same encoding holds the loop.
    const here = await longestHold(() => inThread.prepare(img, a, DEFAULT_CHOICES));
    const there = await longestHold(() => worker.prepare(img, a, DEFAULT_CHOICES));
    expect(there.value.equals(here.value)).toBe(true);
    const page = decodePrepared(there.value, null);
    expect(page.image.kind).toBe('bitonal');
    expect(page.widthPt).toBeCloseTo((page.image.width / 300) * 72, 0);
    expect(there.ticks).toBeGreaterThan(3);
    expect(there.longest).toBeLessThan(here.longest / 2);
  });

  it('gives a page the worker cannot read back as the worker’s reason, and the next page is still made', async () => {
    const page = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#fff' } })
      .jpeg()
      .toBuffer();
    const a = await worker.analyze({ bytes: page, frame: 0, dpi: 100 });
    const cut = page.subarray(0, 40);
    await expect(worker.prepare({ bytes: cut, frame: 0, dpi: 100 }, a, DEFAULT_CHOICES)).rejects.toThrow(
      /\w/,
    );
    const ok = await worker.prepare({ bytes: page, frame: 0, dpi: 100 }, a, DEFAULT_CHOICES);
    expect(decodePrepared(ok, null).image.width).toBeGreaterThan(0);
  });

  it('answers the page on screen before page images made ahead for assembly that were asked earlier', async () => {
    const clean = await renderPage({ dpi: DPI, lines: wrap(directiveWords(), 72).slice(0, 30) });
    const scan = await scanLike(clean, DPI, { skewDeg: 0.7, noise: 15, jpegQuality: 80 });
    const img = { bytes: scan, frame: 0, dpi: DPI };
    const a = await worker.analyze(img);
    const order: string[] = [];
    const made = [1, 2, 3].map((n) =>
      worker.prepare(img, a, DEFAULT_CHOICES).then(() => void order.push(`image ${n}`)),
    );
    const read = worker.analyze(img).then(() => void order.push('analysis'));
    await Promise.all([...made, read]);
    // Only the image already under way may come first; the rest wait for the analysis.
    expect(order.indexOf('analysis')).toBeLessThanOrEqual(1);
    expect(order.filter((x) => x !== 'analysis')).toEqual(['image 1', 'image 2', 'image 3']);
  });

  it('tells page images still waiting for their turn that the worker closed', async () => {
    const w = new CleanupWorker();
    const page = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#fff' } })
      .jpeg()
      .toBuffer();
    const img = { bytes: page, frame: 0, dpi: 100 };
    const a = await w.analyze(img);
    const settled = Promise.allSettled([
      w.prepare(img, a, DEFAULT_CHOICES),
      w.prepare(img, a, DEFAULT_CHOICES),
    ]);
    await w.close();
    expect((await settled).map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
