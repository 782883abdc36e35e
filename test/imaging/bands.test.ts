import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { analyzePage, DEFAULT_CHOICES, decodeImage } from '../../electron/engine/imaging/cleanup';
import { ocr } from '../../electron/engine/imaging/pipeline';
import { type Band, planBands, textLines, TOP_BAND_LINES } from '../../electron/engine/ocr/bands';
import { OcrPool, type OcrResult } from '../../electron/engine/ocr/pool';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import type { ImagingProgress } from '../../shared/api/rooms/imaging';
import { b64 } from '../helpers/images';
import { tempDir } from '../helpers/tmp';
import { cer, collapse, directiveWords, renderPage, scanLike, wrap } from './pages';

const lines = wrap(directiveWords(), 72).slice(0, 30);
const truth = collapse(lines.join(' '));

/** A grey page of `rows` text lines drawn as dark bars with tone marks a blank row above them, in one or two columns. */
function bars(width: number, height: number, rows: number, columns: 1 | 2): Uint8Array {
  const g = new Uint8Array(width * height).fill(250);
  const colW = columns === 1 ? width - 200 : (width - 300) / 2;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) {
      const x0 = 100 + c * (colW + 100);
      for (let y = 100 + r * 40; y < 100 + r * 40 + 24; y++)
        for (let x = x0; x < x0 + colW; x++) if ((x + y) % 3) g[y * width + x] = 20;
      // Dấu: 3 rows of marks, 2 blank rows above the letters.
      for (let y = 100 + r * 40 - 5; y < 100 + r * 40 - 2; y++)
        for (let x = x0; x < x0 + colW; x += 30) for (let k = 0; k < 8; k++) g[y * width + x + k] = 30;
    }
  return g;
}

const pool = new OcrPool({ cacheDir: tempDir('sohoa-bands-'), size: 2 });
afterAll(() => pool.close());

describe('the first page read in bands (issue 18)', { timeout: 600_000 }, () => {
  it('cuts only at blank row gaps, the top band a few lines, and reads columns whole', () => {
    const [w, h] = [1200, 1500];
    const one = bars(w, h, 30, 1);
    const bands = planBands(one, w, h, 2);
    expect(bands).toHaveLength(3);
    // The bands cover the page without a gap, and no cut goes through a line.
    expect(bands[0]!.top).toBe(0);
    expect(bands.at(-1)!.bottom).toBe(h);
    for (let i = 1; i < bands.length; i++) expect(bands[i]!.top).toBe(bands[i - 1]!.bottom);
    const found = textLines(one, w, h);
    expect(found).toHaveLength(30);
    for (const b of bands.slice(1))
      expect(
        found.some((l) => l.top < b.top && b.top < l.bottom),
        `cut at row ${b.top}`,
      ).toBe(false);
    const linesIn = (b: Band) => found.filter((l) => l.top >= b.top && l.bottom <= b.bottom).length;
    expect(bands.map(linesIn)).toEqual([TOP_BAND_LINES, 15, 12]);
    // Two columns: cutting across them would interleave their lines, so the page is one band.
    expect(planBands(bars(w, h, 30, 2), w, h, 2)).toEqual([{ top: 0, bottom: h }]);
    // A short page (a few lines) is not worth cutting.
    expect(planBands(bars(w, h, 5, 1), w, h, 2)).toHaveLength(1);
  });

  it('a page read in bands gives the same text (CER no worse) and the words in the page’s pixels', async () => {
    const scan = await scanLike(await renderPage({ dpi: 300, lines }), 300, {
      skewDeg: 1.2,
      noise: 15,
      jpegQuality: 80,
      seed: 1,
    });
    const img = await decodeImage({ bytes: scan, frame: 0, dpi: 300 });
    const a = await analyzePage(img);
    const whole = await ocr(img, a, DEFAULT_CHOICES, pool);
    const partials: OcrResult[] = [];
    const banded = await ocr(img, a, DEFAULT_CHOICES, pool, '', undefined, undefined, {
      onPartial: (p) => partials.push(p),
    });
    const cerWhole = cer(truth, collapse(whole.text));
    const cerBanded = cer(truth, collapse(banded.text));
    console.log(`CER whole ${(100 * cerWhole).toFixed(2)} %, banded ${(100 * cerBanded).toFixed(2)} %`);
    expect(cerBanded).toBeLessThanOrEqual(cerWhole);
    expect(banded.width).toBe(whole.width);
    expect(banded.height).toBe(whole.height);
    // The same words at the same places (within a few pixels), top to bottom.
    expect(banded.words.length).toBe(whole.words.length);
    for (let i = 0; i < whole.words.length; i += 37) {
      const wb = banded.words[i]!;
      const ww = whole.words[i]!;
      expect(wb.text).toBe(ww.text);
      expect(Math.abs(wb.y0 - ww.y0)).toBeLessThanOrEqual(4);
      expect(Math.abs(wb.x0 - ww.x0)).toBeLessThanOrEqual(4);
      // The baseline in the page's pixels too, as the text layer places words on it.
      if (wb.base !== undefined && ww.base !== undefined)
        expect(Math.abs(wb.base - ww.base)).toBeLessThanOrEqual(4);
    }
    // Lines and paragraphs numbered across the page: no two bands share a number, and a line
    // keeps to one paragraph (the text layer gives a paragraph one size and pitch).
    const lineTop = new Map<number, number>();
    const lineParas = new Map<number, Set<number>>();
    for (const w of banded.words) {
      expect(w.line).toBeDefined();
      expect(w.para).toBeDefined();
      const top = lineTop.get(w.line!);
      if (top === undefined) lineTop.set(w.line!, w.y0);
      else expect(Math.abs(top - w.y0)).toBeLessThanOrEqual(4);
      lineParas.set(w.line!, (lineParas.get(w.line!) ?? new Set()).add(w.para!));
    }
    expect(lineTop.size).toBeGreaterThanOrEqual(lines.length - 2);
    for (const ps of lineParas.values()) expect(ps.size).toBe(1);
    // The first lines came back before the whole, and are the page's first lines.
    expect(partials.length).toBeGreaterThanOrEqual(1);
    const first = collapse(partials[0]!.text);
    expect(first.length).toBeGreaterThan(50);
    expect(collapse(banded.text).startsWith(first)).toBe(true);
    // At least the top band's lines (more when the next band was back first), read right.
    expect(first.length).toBeGreaterThanOrEqual(
      collapse(lines.slice(0, TOP_BAND_LINES).join(' ')).length - 5,
    );
    expect(first.length).toBeLessThan(collapse(banded.text).length);
    expect(cer(truth.slice(0, first.length), first)).toBeLessThan(0.02);
  });

  it('the dossier on screen shows its first page’s first lines, still being read, then the whole reading replaces them; search never sees the partial', async () => {
    const engine = createEngine({ dataDir: tempDir(), imaging: { ocrWorkers: 2 } });
    const client = connectInProcess(engine);
    const seen: { reading: string | null; ocred: number; searchable: Promise<number> }[] = [];
    try {
      const d = await client.call('dossier.create', {
        procedureCode: '1.001193',
        applicantName: 'Lê Thị Hoa',
      });
      engine.onEvent((e) => {
        if (e.name !== 'imaging.progress') return;
        const p = e.payload as ImagingProgress;
        if (p.dossierId !== d.id) return;
        seen.push({
          reading: p.reading?.[0]?.text ?? null,
          ocred: p.ocred,
          // What search finds at that moment.
          searchable: client.call('imaging.texts', { dossierId: d.id }).then((t) => t.length),
        });
      });
      await client.call('imaging.focus', { dossierId: d.id });
      const scan = await scanLike(await renderPage({ dpi: 300, lines }), 300, {
        skewDeg: -1,
        noise: 15,
        jpegQuality: 80,
        seed: 2,
      });
      const added = await client.call('dossier.addPages', {
        dossierId: d.id,
        componentCode: 'TK',
        files: [{ name: 'to-khai.jpg', dataBase64: b64(scan) }],
      });
      const pageId = added.added[0]!.id;
      const deadline = Date.now() + 500_000;
      while (!(await client.call('imaging.progress', { dossierId: d.id })).complete) {
        if (Date.now() > deadline) throw new Error('the page was not read');
        await new Promise((r) => setTimeout(r, 200));
      }
      const partialAt = seen.findIndex((s) => s.reading);
      const readAt = seen.findIndex((s) => s.ocred === 1);
      expect(partialAt, 'a partial reading was published').toBeGreaterThanOrEqual(0);
      expect(partialAt).toBeLessThan(readAt);
      const partial = collapse(seen[partialAt]!.reading!);
      expect(seen[partialAt]!.ocred).toBe(0);
      expect(await seen[partialAt]!.searchable).toBe(0);
      // Replaced by the whole reading, which starts with the lines shown first.
      const final = await client.call('imaging.page', { pageId });
      expect(final.ocr?.current).toBe(true);
      expect(collapse(final.ocr!.text).startsWith(partial)).toBe(true);
      expect(cer(truth, collapse(final.ocr!.text))).toBeLessThan(0.02);
      const last = await client.call('imaging.progress', { dossierId: d.id });
      expect(last.reading).toBeUndefined();
      expect(await client.call('imaging.texts', { dossierId: d.id })).toHaveLength(1);
    } finally {
      engine.close();
    }
  });
});
