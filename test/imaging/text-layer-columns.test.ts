import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerLines } from '../../electron/engine/pdf/pdfa';
import { twoColumnPage } from '../../tools/bench/pages/wide';
import { sohoaPdf } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { cer, collapse } from './pages';

describe('the text layer of a two-column page (issue 18, bench p10)', { timeout: 300_000 }, () => {
  it('a paragraph gets one font size and a regular pitch; words of older OCR results keep a size per line', () => {
    // Three lines of one paragraph: heights differ (diacritics, descenders), baselines wobble.
    const lines = [
      { y0: 100, y1: 140, base: 132 },
      { y0: 152, y1: 186, base: 181 },
      { y0: 196, y1: 238, base: 229 },
    ];
    const words = lines.flatMap((l, line) =>
      [0, 300].map((x) => ({
        text: 'chữ',
        x0: x,
        x1: x + 200,
        y0: l.y0,
        y1: l.y1,
        para: 0,
        line,
        base: l.base,
      })),
    );
    const laid = layerLines(words);
    expect(new Set(laid.map((w) => w.size.toFixed(6))).size).toBe(1);
    const bases = [...new Set(laid.map((w) => w.base))];
    expect(bases).toHaveLength(3);
    expect(bases[1]! - bases[0]!).toBeCloseTo(bases[2]! - bases[1]!, 6);
    // The pitch stays under 1.5 × the size (pdftotext's limit for one block).
    expect((bases[1]! - bases[0]!) / laid[0]!.size).toBeLessThan(1.5);
    // Without paragraph ids: one size per line, from its own box.
    const old = layerLines(words.map(({ para: _p, line: _l, base: _b, ...w }) => w));
    expect(old[0]!.size).toBeCloseTo(40 * 0.85);
    expect(old[2]!.size).toBeCloseTo(34 * 0.85);
  });

  it('sohoa pdf: pdftotext reads the left column, then the right one, as the page is printed', async () => {
    const dir = tempDir();
    const page = await twoColumnPage(300, 10);
    const file = path.join(dir, 'p10.jpg');
    fs.writeFileSync(file, page.image);
    const out = path.join(dir, 'out.pdf');
    const run = sohoaPdf(path.join(dir, 'data'), ['--out', out, file], {
      timeout: 280_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const truth = collapse(page.truth);
    // The order the PDF holds the words in, and pdftotext's own layout reading (what a viewer's
    // copy follows): both the columns one after the other. It read 68 % wrong when each OCR line
    // had its own size (lines sorted across the page).
    const raw = collapse(execFileSync('pdftotext', ['-raw', out, '-'], { encoding: 'utf8' }));
    const layout = collapse(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }));
    expect(cer(truth, raw)).toBeLessThan(0.02);
    expect(cer(truth, layout)).toBeLessThan(0.02);
    // A few blocks (the columns), not one per line (84 before).
    const bbox = execFileSync('pdftotext', ['-bbox-layout', out, '-'], { encoding: 'utf8' });
    expect((bbox.match(/<block /g) ?? []).length).toBeLessThan(12);
    // Selection still lands on the words: each word's box is as tall as 11 pt print (not a
    // paragraph's height), and lies in one column of the page (A4, columns at 20 and 110 mm).
    const boxes = [
      ...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">/g),
    ].map((m) => m.slice(1, 5).map(Number) as [number, number, number, number]);
    expect(boxes.length).toBeGreaterThan(500);
    const mid = (105 / 25.4) * 72;
    for (const [x0, y0, x1, y1] of boxes) {
      expect(y1 - y0).toBeGreaterThan(9);
      expect(y1 - y0).toBeLessThan(16);
      expect(x1 <= mid + 2 || x0 >= mid - 2, `word at ${x0}–${x1} pt crosses the middle`).toBe(true);
    }
  });
});
