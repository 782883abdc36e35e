import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyzePage, cleanPage, DEFAULT_CHOICES, toBitonal } from '../../electron/engine/imaging/cleanup';
import { prepareForPdf } from '../../electron/engine/imaging/pdf-image';
import { assemblePdf } from '../../electron/engine/pdf/assemble';
import { g4Encode } from '../../electron/engine/pdf/ccitt';
import type { PreparedPage } from '../../electron/engine/pdf/pdfa';
import { qpdfCheck, tempDir } from '../helpers/tmp';
import { directiveWords, renderPage, scanLike, wrap } from './pages';

const DPI = 200;

async function pdfOf(prepared: PreparedPage, file: string): Promise<string> {
  const page = {
    mime: 'image/png',
    frame: 0,
    width: 0,
    height: 0,
    dpi: DPI,
    rotation: 0,
    bytes: Buffer.alloc(0),
  };
  fs.writeFileSync(
    file,
    await assemblePdf([{ ...page, prepared }], { title: 't', subject: 's', keywords: [] }),
  );
  return file;
}

const render = (file: string): Buffer => {
  execFileSync('pdftoppm', [
    '-r',
    String(DPI),
    '-gray',
    '-aa',
    'no',
    '-aaVector',
    'no',
    '-singlefile',
    file,
    file,
  ]);
  return fs.readFileSync(`${file}.pgm`);
};

describe('bitonal text pages in CCITT Group 4', () => {
  it('are written as G4 when smaller, decode to exactly the same pixels as the 1-bit Flate page, and weigh less', async () => {
    const dir = tempDir();
    const lines = wrap(directiveWords(), 70).slice(0, 30);
    const scan = await scanLike(await renderPage({ dpi: DPI, lines }), DPI, {
      noise: 15,
      jpegQuality: 80,
      skewDeg: 1,
    });
    const img = { bytes: scan, frame: 0, dpi: DPI };
    const a = await analyzePage(img);
    const g4Page = await prepareForPdf(img, a, DEFAULT_CHOICES, null);
    expect(g4Page.image).toMatchObject({ kind: 'bitonal', filter: 'g4' });

    // The same bitmap as 1-bit Flate, the way pages were written before.
    const bits = await toBitonal(await cleanPage(img, a, DEFAULT_CHOICES, DPI));
    const flate = zlib.deflateSync(bits.packed, { level: 9 });
    const flatePage: PreparedPage = {
      ...g4Page,
      image: { kind: 'bitonal', filter: 'flate', data: flate, width: bits.width, height: bits.height },
    };
    const g4 = g4Page.image.kind === 'bitonal' ? g4Page.image.data : Buffer.alloc(0);
    expect(g4.length).toBeLessThan(flate.length * 0.75);

    const a1 = await pdfOf(g4Page, path.join(dir, 'g4.pdf'));
    const a2 = await pdfOf(flatePage, path.join(dir, 'flate.pdf'));
    expect(qpdfCheck(a1)).toContain('No syntax or stream encoding errors');
    expect(execFileSync('pdfimages', ['-list', a1], { encoding: 'utf8' })).toMatch(/gray\s+1\s+1\s+ccitt/);
    // poppler decodes the G4 page to the very pixels of the Flate page: lossless, ink black, paper white.
    const r1 = render(a1);
    const r2 = render(a2);
    expect(r1.equals(r2)).toBe(true);
    const header = r1.length - bits.width * bits.height;
    const inkShare = [...r1.subarray(header)].filter((v) => v < 128).length / (bits.width * bits.height);
    expect(inkShare).toBeGreaterThan(0.01);
    expect(inkShare).toBeLessThan(0.3);
  });

  it('leaves a page too tall for one strip to Flate', async () => {
    expect(await g4Encode(Buffer.alloc(2 * 9000, 0xff), 16, 9000)).toBeNull();
  });
});
