import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { subsetTrueType, VIETNAMESE_REPERTOIRE } from '../../electron/engine/pdf/font-subset';
import { qpdfCheck, tempDir } from '../helpers/tmp';

const require = createRequire(import.meta.url);
const TINOS = ['400Regular/Tinos_400Regular.ttf', '700Bold/Tinos_700Bold.ttf'].map((f) =>
  fs.readFileSync(require.resolve(`@expo-google-fonts/tinos/${f}`)),
);
const STAMP = [
  'Sao y từ bản chính',
  'Ủy ban nhân dân xã Thử Nghiệm, tỉnh Quảng Nam',
  'Đăng ký khai sinh — Nguyễn Thị Ánh Hằng, 2026-11-27T09:41:05+07:00',
];

async function pdfWith(font: Uint8Array, dir: string, name: string): Promise<string> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const f = await doc.embedFont(font, { subset: false });
  const page = doc.addPage([640, 120]);
  STAMP.forEach((line, i) => page.drawText(line, { x: 10, y: 90 - i * 24, size: 14, font: f }));
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, await doc.save());
  return file;
}

const render = (file: string): Buffer => {
  execFileSync('pdftoppm', ['-r', '200', '-gray', '-singlefile', file, file]);
  return fs.readFileSync(`${file}.pgm`);
};

describe('embedding only the glyphs a stamp or a receipt needs', () => {
  it('draws Vietnamese text pixel for pixel like the whole font, in a fraction of the bytes', async () => {
    const dir = tempDir();
    for (const [i, ttf] of TINOS.entries()) {
      const text = STAMP.join('');
      const stampFont = subsetTrueType(ttf, text);
      const formFont = subsetTrueType(ttf, VIETNAMESE_REPERTOIRE);
      expect(stampFont.length).toBeLessThan(ttf.length / 8);
      expect(formFont.length).toBeLessThan(ttf.length / 3);
      const full = await pdfWith(ttf, dir, `full-${i}`);
      const reference = render(full);
      for (const [name, font] of [
        ['stamp', stampFont],
        ['form', formFont],
      ] as const) {
        const file = await pdfWith(font, dir, `${name}-${i}`);
        expect(qpdfCheck(file)).toContain('No syntax or stream encoding errors');
        // poppler draws every glyph, diacritics included, exactly as with the whole font…
        expect(render(file).equals(reference), `${name} font ${i} renders like the whole font`).toBe(true);
        // …and the text still copies out.
        const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
        for (const line of STAMP) expect(text).toContain(line);
        expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/TrueType\s+\S+\s+yes/);
        expect(fs.statSync(file).size).toBeLessThan(fs.statSync(full).size / 2);
      }
    }
  });

  it('leaves out a glyph the text does not use, so the saving is real', () => {
    const [regular] = TINOS;
    const small = subsetTrueType(regular!, 'abc');
    const more = subsetTrueType(regular!, 'abcỬỮỰ');
    expect(more.length).toBeGreaterThan(small.length);
    expect(() => subsetTrueType(Buffer.from('not a font at all, just text'), 'a')).toThrow(/TrueType/);
  });
});
