import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { analyzePage, cleanPage, toBitonal } from '../../electron/engine/imaging/cleanup';
import { directiveWords, renderPage, scanLike, wrap } from './pages';

const DPI = 150;
const LINES = wrap(directiveWords(), 70).slice(0, 28);
const analyse = (bytes: Buffer) => analyzePage({ bytes, frame: 0, dpi: DPI });

describe('cleaning a scanned page', () => {
  it('finds the skew of a page scanned crooked, within 0.2°, from −14° to +14°', async () => {
    const clean = await renderPage({ dpi: DPI, lines: LINES });
    for (const angle of [-14, -6.3, 0, 0.4, 2.9, 14]) {
      const scan = await scanLike(clean, DPI, { skewDeg: angle, noise: 24, blur: 0.5, jpegQuality: 70 });
      const a = await analyse(scan);
      // sharp turns clockwise: the page needs the opposite turn to straighten.
      expect(Math.abs(a.skewDeg + angle), `scanned at ${angle}°, found ${a.skewDeg}°`).toBeLessThanOrEqual(
        0.2,
      );
    }
  });

  it('straightens the page: after cleanup the text lines are level', async () => {
    const clean = await renderPage({ dpi: DPI, lines: LINES });
    const scan = await scanLike(clean, DPI, { skewDeg: 7.5, noise: 20 });
    const a = await analyse(scan);
    const cleaned = await cleanPage({ bytes: scan, frame: 0, dpi: DPI }, a, undefined, 200);
    const png = await cleaned.image.png().toBuffer();
    const again = await analyzePage({ bytes: png, frame: 0, dpi: 200 });
    expect(Math.abs(again.skewDeg)).toBeLessThanOrEqual(0.2);
  });

  it('crops the dark scanner border and keeps the paper', async () => {
    const clean = await renderPage({ dpi: DPI, lines: LINES });
    const scan = await scanLike(clean, DPI, { borderMm: 6, noise: 10 });
    const a = await analyse(scan);
    const b = Math.round((6 / 25.4) * DPI);
    const meta = await sharp(clean).metadata();
    expect(a.crop).not.toBeNull();
    expect(Math.abs(a.crop!.left - b)).toBeLessThanOrEqual(6);
    expect(Math.abs(a.crop!.top - b)).toBeLessThanOrEqual(6);
    expect(Math.abs(a.crop!.width - meta.width!)).toBeLessThanOrEqual(12);
    expect(Math.abs(a.crop!.height - meta.height!)).toBeLessThanOrEqual(12);
    // A page without a border is not cropped.
    expect((await analyse(await scanLike(clean, DPI, { noise: 10 }))).crop).toBeNull();
  });

  it('flags an empty sheet as blank, but not a page with two words or a faint stamp', async () => {
    const empty = await scanLike(await renderPage({ dpi: DPI, lines: [] }), DPI, {
      noise: 30,
      jpegQuality: 60,
      borderMm: 2,
    });
    expect((await analyse(empty)).blank).toBe(true);
    const twoWords = await scanLike(await renderPage({ dpi: DPI, lines: ['Đã ký'] }), DPI, {
      noise: 30,
      jpegQuality: 60,
    });
    expect((await analyse(twoWords)).blank).toBe(false);
    const stampSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754"><rect width="100%" height="100%" fill="#fff"/><circle cx="900" cy="1400" r="110" fill="none" stroke="#f0a0a0" stroke-width="6"/></svg>`;
    const stamp = await sharp(Buffer.from(stampSvg)).jpeg({ quality: 80 }).toBuffer();
    const s = await analyse(stamp);
    expect(s.blank).toBe(false);
    expect(s.colour).toBe('color');
  });

  it('keeps colour for a red seal and blue signature, grey for a photo, black and white for plain text', async () => {
    const sealed = await scanLike(await renderPage({ dpi: DPI, lines: LINES, sealAndSignature: true }), DPI, {
      noise: 20,
      jpegQuality: 75,
    });
    expect((await analyse(sealed)).colour).toBe('color');
    const text = await scanLike(await renderPage({ dpi: DPI, lines: LINES }), DPI, {
      noise: 20,
      jpegQuality: 75,
    });
    expect((await analyse(text)).colour).toBe('bitonal');
    const photoSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754"><defs><linearGradient id="g"><stop offset="0" stop-color="#222"/><stop offset="1" stop-color="#bbb"/></linearGradient></defs><rect width="100%" height="100%" fill="#fff"/><rect x="200" y="300" width="600" height="450" fill="url(#g)"/></svg>`;
    const photo = await sharp(Buffer.from(photoSvg)).greyscale().jpeg().toBuffer();
    expect((await analyse(photo)).colour).toBe('grey');
  });

  it('writes a noisy text page as clean 1-bit pixels (white paper stays white)', async () => {
    const empty = await scanLike(await renderPage({ dpi: DPI, lines: [] }), DPI, { noise: 30, grey: true });
    const a = await analyse(empty);
    const bits = await toBitonal(await cleanPage({ bytes: empty, frame: 0, dpi: DPI }, a, undefined, 200));
    let black = 0;
    for (const byte of bits.packed) for (let k = 0; k < 8; k++) if (!(byte & (1 << k))) black++;
    expect(black / (bits.width * bits.height)).toBeLessThan(0.001);
  });

  it('measures an all-black image as all ink, so the caller can refuse it', async () => {
    const black = await sharp({ create: { width: 800, height: 1100, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    expect((await analyse(black)).ink).toBeGreaterThan(0.9);
  });
});
