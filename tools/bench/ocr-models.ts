/**
 * `npm run bench:ocr-models` — tesseract's Vietnamese models and language sets, side by side in
 * one run, on the same pages (issue 18: "fast vs best Vietnamese models — check the CER cost";
 * "recognition at the resolution tesseract reads best rather than always 300 dpi").
 * Each configuration is one tesseract.js worker (as the station's pool runs them), warmed on a
 * first page that is not counted; then the mean recognition time per page and the CER.
 * The fast model is read from Debian's tesseract-ocr-vie (tessdata_fast) where installed.
 * Options: --pages N (default 3), --dpi 300,200 (recognition resolutions to compare), --pt 12 (text size).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { createWorker, OEM, PSM } from 'tesseract.js';
import { cer, collapse, directiveWords, renderPage, scanLike, wrap } from '../../test/imaging/pages';

const require = createRequire(import.meta.url);
const { values } = parseArgs({
  options: { pages: { type: 'string' }, dpi: { type: 'string' }, pt: { type: 'string' } },
});
const N = Number(values.pages ?? 3);
const PT = Number(values.pt ?? 12);
const DPIS = (values.dpi ?? '300,200').split(',').map(Number);
const FAST_VIE = '/usr/share/tesseract-ocr/5/tessdata/vie.traineddata';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ocr-models-'));

function unpack(pkg: string, sub: string, lang: string, into: string): void {
  fs.mkdirSync(into, { recursive: true });
  const root = path.dirname(require.resolve(`${pkg}/package.json`));
  const gz = fs.readFileSync(path.join(root, sub, `${lang}.traineddata.gz`));
  fs.writeFileSync(path.join(into, `${lang}.traineddata`), zlib.gunzipSync(gz));
}

interface Config {
  name: string;
  langs: string[];
  langPath: string;
}

function configs(): Config[] {
  const best = path.join(dir, 'best_int');
  unpack('@tesseract.js-data/vie', '4.0.0_best_int', 'vie', best);
  unpack('@tesseract.js-data/eng', '4.0.0_best_int', 'eng', best);
  const list: Config[] = [
    { name: 'best_int vie+eng (the npm package)', langs: ['vie', 'eng'], langPath: best },
    { name: 'best_int vie', langs: ['vie'], langPath: best },
  ];
  if (fs.existsSync(FAST_VIE)) {
    const fast = path.join(dir, 'fast');
    fs.mkdirSync(fast, { recursive: true });
    fs.copyFileSync(FAST_VIE, path.join(fast, 'vie.traineddata'));
    list.push({ name: 'fast vie (Debian tessdata_fast)', langs: ['vie'], langPath: fast });
  } else console.log(`(no ${FAST_VIE}: apt-get install tesseract-ocr-vie to compare the fast model)`);
  return list;
}

async function pages(): Promise<{ png: Buffer; truth: string }[]> {
  const lines = wrap(directiveWords(), 72);
  const out: { png: Buffer; truth: string }[] = [];
  for (let i = 0; i <= N; i++) {
    const text = Array.from({ length: 30 }, (_, k) => lines[(i * 30 + k) % lines.length]!);
    const jpg = await scanLike(await renderPage({ dpi: 300, lines: text, pt: PT }), 300, {
      skewDeg: 0,
      noise: 15,
      jpegQuality: 80,
      seed: i + 1,
    });
    out.push({ png: await sharp(jpg).greyscale().png().toBuffer(), truth: collapse(text.join(' ')) });
  }
  return out;
}

async function scaled(png: Buffer, dpi: number): Promise<Buffer> {
  if (dpi === 300) return png;
  const meta = await sharp(png).metadata();
  return sharp(png)
    .resize(Math.round(((meta.width ?? 0) * dpi) / 300))
    .png()
    .toBuffer();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

interface Cell {
  name: string;
  dpi: number;
  worker: Awaited<ReturnType<typeof createWorker>>;
  imgs: Buffer[];
  ms: number[];
  cer: number[];
}

async function cells(set: { png: Buffer }[]): Promise<Cell[]> {
  const out: Cell[] = [];
  for (const c of configs()) {
    for (const dpi of DPIS) {
      const worker = await createWorker(c.langs, OEM.LSTM_ONLY, {
        langPath: c.langPath,
        cachePath: c.langPath,
        cacheMethod: 'readOnly',
        gzip: false,
      });
      await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO, user_defined_dpi: String(dpi) });
      const imgs = await Promise.all(set.map((p) => scaled(p.png, dpi)));
      await worker.recognize(imgs[0]!); // warm-up, not counted
      out.push({ name: c.name, dpi, worker, imgs, ms: [], cer: [] });
    }
  }
  return out;
}

async function main(): Promise<void> {
  console.log(`Load average at start: ${load()} (${os.availableParallelism()} cores)`);
  const set = await pages();
  const all = await cells(set);
  // Interleaved (page by page, every configuration in turn), so a change of load falls on all alike.
  for (let i = 1; i <= N; i++)
    for (const cell of all) {
      const t0 = performance.now();
      const r = await cell.worker.recognize(cell.imgs[i]!);
      cell.ms.push(performance.now() - t0);
      cell.cer.push(cer(set[i]!.truth, collapse(r.data.text)));
    }
  console.log(
    `\n${N} A4 pages (30 lines of the directive in ${PT} pt, scanned-like, grey), one worker per row, interleaved:\n`,
  );
  console.log('| model | dpi | recognition per page (median) | CER (mean) |\n|---|---|---|---|');
  for (const c of all) {
    const meanCer = c.cer.reduce((a, b) => a + b, 0) / c.cer.length;
    console.log(
      `| ${c.name} | ${c.dpi} | ${(median(c.ms) / 1000).toFixed(2)} s | ${(meanCer * 100).toFixed(2)} % |`,
    );
    await c.worker.terminate();
  }
  console.log(`\nLoad average at the end: ${load()}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
