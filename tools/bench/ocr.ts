/**
 * `npm run bench:ocr` — our cleanup + OCR + PDF/A against OCRmyPDF on the same
 * "scanned" Vietnamese pages, in the same run. Pages are rendered from a public
 * directive (Quảng Nam, tháng cao điểm dịch vụ công) in Noto Serif, then
 * skewed, noised, blurred, JPEG'd, one upside down, one at 200 dpi, one
 * near-blank, one with a red seal and a blue signature. Ground truth is the
 * text that was rendered.
 *
 * Options: --pages N (default all 8), --only p2,p4,… (a subset), --workers N (both tools, default 2),
 * --keep DIR (keep the pages and PDFs), --variant 'NAME:KEY=VALUE,KEY=VALUE' (repeatable: ours again
 * with those environment settings, as an extra column — e.g. `fast-200:SOHOA_OCR_DPI=200,
 * SOHOA_OCR_MODEL_VIE=/usr/share/tesseract-ocr/5/tessdata/vie.traineddata`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  collapse,
  directiveWords,
  editDistance,
  renderPage,
  type ScanEffects,
  scanLike,
  wrap,
} from '../../test/imaging/pages';
import {
  formPage,
  handwritingPage,
  idCardPhoto,
  plainScan,
  stampPage,
  tablePage,
  twoColumnPage,
  type WidePage,
} from './pages/wide';

const { values } = parseArgs({
  options: {
    pages: { type: 'string' },
    workers: { type: 'string' },
    keep: { type: 'string' },
    memory: { type: 'string' },
    'memory-lines': { type: 'string' },
    only: { type: 'string' },
    ocr: { type: 'boolean' },
    variant: { type: 'string', multiple: true },
  },
});
const workers = Number(values.workers ?? 2);
const dir = values.keep ? path.resolve(values.keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ocr-'));
fs.mkdirSync(dir, { recursive: true });

interface Spec {
  name: string;
  dpi: number;
  lines: string[];
  seal?: boolean;
  fx: ScanEffects;
  ext: 'png' | 'jpg';
  /** p9–p16 (`./pages/wide.ts`): the page drawn there, with its own truth and way of comparing. */
  build?: (seed: number) => Promise<WidePage>;
}

/** A page of the wider set: drawn by `build`, nothing left for `renderPage`/`scanLike` to do. */
const wide = (name: string, dpi: number, build: (seed: number) => Promise<WidePage>): Spec => ({
  name,
  dpi,
  lines: [],
  fx: {},
  ext: 'jpg',
  build,
});

const lines = wrap(directiveWords(), 72);
/** `n` lines starting at line `from` (wrapping around the directive's end). */
const chunk = (from: number, n = 30) =>
  Array.from({ length: n }, (_, k) => lines[(from + k) % lines.length]!);
const allSpecs: Spec[] = [
  {
    name: 'p1-clean-grey',
    dpi: 300,
    lines: chunk(0),
    fx: { skewDeg: 1.2, noise: 10, grey: true },
    ext: 'png',
  },
  {
    name: 'p2-skew-noise-jpeg',
    dpi: 300,
    lines: chunk(30),
    fx: { skewDeg: -4.5, noise: 28, jpegQuality: 70 },
    ext: 'jpg',
  },
  {
    name: 'p3-blur-noise',
    dpi: 300,
    lines: chunk(60),
    fx: { skewDeg: 2.5, noise: 22, blur: 1.1, grey: true },
    ext: 'png',
  },
  {
    name: 'p4-upside-down',
    dpi: 300,
    lines: chunk(90),
    fx: { turn: 180, skewDeg: 0.8, noise: 15, jpegQuality: 80 },
    ext: 'jpg',
  },
  {
    name: 'p5-200dpi',
    dpi: 200,
    lines: chunk(111),
    fx: { skewDeg: -1.5, noise: 15, jpegQuality: 80 },
    ext: 'jpg',
  },
  { name: 'p6-near-blank', dpi: 300, lines: [], fx: { noise: 25, jpegQuality: 75 }, ext: 'jpg' },
  {
    name: 'p7-seal-signature',
    dpi: 300,
    lines: chunk(10, 24),
    seal: true,
    fx: { skewDeg: -0.6, noise: 15, jpegQuality: 80 },
    ext: 'jpg',
  },
  {
    name: 'p8-dark-border-skew',
    dpi: 300,
    lines: chunk(45),
    fx: { skewDeg: 7, noise: 18, borderMm: 6, jpegQuality: 75 },
    ext: 'jpg',
  },
  wide('p9-table', 300, (seed) => tablePage(300, seed)),
  wide('p10-two-columns', 300, (seed) => twoColumnPage(300, seed)),
  wide('p11-form-boxes', 300, (seed) => formPage(300, seed)),
  wide('p12-handwriting-beside-print', 300, (seed) => handwritingPage(300, seed)),
  wide('p13-stamp-over-text', 300, (seed) => stampPage(300, seed)),
  wide('p14-id-card-photo', 72, (seed) => idCardPhoto(seed)),
  wide('p15-150dpi', 150, (seed) => plainScan(150, 60, seed)),
  wide('p16-600dpi', 600, (seed) => plainScan(600, 150, seed)),
];
const only = values.only?.split(',').map((x) => x.trim());
const specs = allSpecs
  .filter((sp) => !only || only.some((o) => sp.name === o || sp.name.startsWith(`${o}-`)))
  .slice(0, values.pages ? Number(values.pages) : undefined);

/** Each page's text as `pdftotext` lays it out, or with `raw` in the order the PDF holds it. */
function pageTexts(pdf: string, n: number, raw = false): string[] {
  return Array.from({ length: n }, (_, i) =>
    collapse(
      execFileSync(
        'pdftotext',
        [...(raw ? ['-raw'] : []), '-f', String(i + 1), '-l', String(i + 1), pdf, '-'],
        { encoding: 'utf8' },
      ),
    ),
  );
}

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): { sec: number; stdout: string } {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 3_600_000,
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.status !== 0 && r.status !== 3) {
    console.error(r.stdout, r.stderr);
    throw new Error(`${cmd} exited ${r.status}`);
  }
  return { sec: Number(process.hrtime.bigint() - t) / 1e9, stdout: r.stdout };
}

/** `--variant NAME:K=V,K=V` → a run of ours with that environment. */
function variants(): { name: string; env: Record<string, string> }[] {
  return (values.variant ?? []).map((v) => {
    const [name, settings = ''] = v.split(/:(.*)/s);
    const env = Object.fromEntries(
      settings
        .split(',')
        .filter(Boolean)
        .map((kv) => kv.split(/=(.*)/s).slice(0, 2)),
    );
    return { name: name!, env };
  });
}

/** img2pdf's command, or its module under the system Python (Debian's python3-img2pdf has no command). */
function img2pdf(args: string[]): void {
  if (spawnSync('img2pdf', ['--version']).status === 0) execFileSync('img2pdf', args);
  else execFileSync('/usr/bin/python3', ['-m', 'img2pdf', ...args]);
}

interface OursJson {
  wallMs: number;
  stages: { ms: Record<string, number>; runs: Record<string, number> };
  pages: { file: string; osd: boolean; ocrConfidence: number | null }[];
}

/** Our per-stage report (`sohoa pdf --json`) beside OCRmyPDF's total. */
function printStages(ours: OursJson, oursSec: number, theirsSec: number): void {
  console.log(
    '\nPer stage (ours: busy seconds summed over pages running side by side; OCRmyPDF: total only):\n',
  );
  console.log('| stage | SoHoa Station | runs | OCRmyPDF |');
  console.log('|---|---|---|---|');
  for (const [stage, ms] of Object.entries(ours.stages.ms))
    console.log(`| ${stage} | ${(ms / 1000).toFixed(1)} s | ${ours.stages.runs[stage]} | |`);
  console.log(
    `| process wall (start-up included) | ${oursSec.toFixed(1)} s (pipeline ${(ours.wallMs / 1000).toFixed(1)} s) | | ${theirsSec.toFixed(1)} s |`,
  );
  const skipped = ours.pages.filter((p) => !p.osd).map((p) => p.file);
  console.log(`\nOSD skipped (first reading upright) on: ${skipped.join(', ') || 'none'}`);
  console.log(
    `OCR confidence per page: ${ours.pages.map((p) => `${p.file} ${p.ocrConfidence ?? '—'}${p.osd ? ' (osd)' : ''}`).join(', ')}`,
  );
}

async function main() {
  console.log(`Building ${specs.length} pages in ${dir} …`);
  const files: string[] = [];
  const truth: string[] = [];
  const byWords: boolean[] = [];
  for (const s of specs) {
    const seed = allSpecs.indexOf(s) + 1;
    const file = path.join(dir, `${s.name}.${s.ext}`);
    if (s.build) {
      const p = await s.build(seed);
      fs.writeFileSync(file, p.image);
      truth.push(collapse(p.truth));
      byWords.push(p.compare === 'words');
    } else {
      const clean = await renderPage({ dpi: s.dpi, lines: s.lines, sealAndSignature: s.seal });
      fs.writeFileSync(file, await scanLike(clean, s.dpi, { ...s.fx, seed }));
      truth.push(collapse(s.lines.join(' ')));
      byWords.push(false);
    }
    files.push(file);
  }
  const inputBytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);

  // Ours: the real CLI, cleanup + OCR + PDF/A — as shipped, then once per --variant.
  const runs = [{ name: 'SoHoa Station', env: {} as Record<string, string> }, ...variants()].map((v, k) => {
    const pdf = path.join(dir, `ours-${k}.pdf`);
    const run = timed(
      path.resolve('node_modules/.bin/tsx'),
      [
        'electron/cli/main.ts',
        '--data',
        path.join(dir, `data-${k}`),
        'pdf',
        '--json',
        '--lang',
        'vie',
      ].concat(['--workers', String(workers), '--out', pdf, ...files]),
      v.env,
    );
    return { ...v, pdf, sec: run.sec, json: JSON.parse(run.stdout) as OursJson };
  });

  // OCRmyPDF on the same pages (img2pdf keeps each image as it is, with its dpi).
  const input = path.join(dir, 'input.pdf');
  img2pdf([...files, '-o', input]);
  const theirs = path.join(dir, 'ocrmypdf.pdf');
  const theirsSec = timed(
    'ocrmypdf',
    [
      '-l',
      'vie',
      '--deskew',
      '--rotate-pages',
      '--output-type',
      'pdfa',
      '-j',
      String(workers),
      input,
      theirs,
    ],
    { OMP_THREAD_LIMIT: '1' },
  ).sec;

  /** Pages without one reading order (tables, forms, ID card): both sides' words, sorted. */
  const bag = (s: string) => s.split(' ').filter(Boolean).sort().join(' ');
  const score = (pdf: string, raw = false) =>
    pageTexts(pdf, specs.length, raw).map((t, i) => ({
      dist: byWords[i] ? editDistance(bag(truth[i]!), bag(t)) : editDistance(truth[i]!, t),
      len: truth[i]!.length,
      extra: t.length,
    }));
  const scores = [...runs.map((r) => score(r.pdf)), score(theirs)];
  // The same, with the text in the order the PDF stores it (`pdftotext -raw`): pdftotext's own
  // layout analysis may read a two-column page across the columns when the OCR layer holds it right.
  const rawScores = [...runs.map((r) => score(r.pdf, true)), score(theirs, true)];
  const cer = (s: { dist: number; len: number }) =>
    s.len ? `${((100 * s.dist) / s.len).toFixed(2)} %` : '—';
  const total = (s: { dist: number; len: number }[]) => {
    const t = s.filter((x) => x.len > 0);
    return `${((100 * t.reduce((n, x) => n + x.dist, 0)) / t.reduce((n, x) => n + x.len, 0)).toFixed(2)} %`;
  };
  const n = specs.length;
  const secs = [...runs.map((r) => r.sec), theirsSec];
  const bytes = [...runs.map((r) => fs.statSync(r.pdf).size), fs.statSync(theirs).size];
  const head = `| | ${[...runs.map((r) => r.name), 'OCRmyPDF'].join(' | ')} |`;
  const rule = `|---|${secs.map(() => '---|').join('')}`;

  console.log(
    `\n${n} pages, input ${Math.round(inputBytes / 1024)} KB, ${workers} worker(s) each, ${os.availableParallelism()} cores (shared), load ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}\n`,
  );
  console.log(`${head}\n${rule}`);
  console.log(`| seconds / page | ${secs.map((x) => (x / n).toFixed(1)).join(' | ')} |`);
  console.log(`| time vs OCRmyPDF | ${secs.map((x) => `${(x / theirsSec).toFixed(2)}×`).join(' | ')} |`);
  console.log(`| CER (pdftotext vs truth, NFC, spaces collapsed) | ${scores.map(total).join(' | ')} |`);
  console.log(`| bytes / page | ${bytes.map((x) => `${Math.round(x / n / 1024)} KB`).join(' | ')} |`);
  console.log(
    "\nPer page CER (near-blank: characters of text found; * = bag of words: both texts' words sorted, then compared, as the page has no single reading order; p12 counts the printed text only, so whatever is read of the handwriting adds to its errors; in brackets: the text in the PDF's own order, `pdftotext -raw`, where it differs):\n",
  );
  console.log(`${head.replace('| |', '| page |')}\n${rule}`);
  for (let i = 0; i < n; i++) {
    const blank = truth[i]!.length === 0;
    const cells = scores.map((sc, k) => {
      if (blank) return `${sc[i]!.extra} chars`;
      const inOrder = cer(rawScores[k]![i]!);
      return cer(sc[i]!) + (inOrder !== cer(sc[i]!) ? ` (${inOrder})` : '');
    });
    console.log(`| ${specs[i]!.name}${byWords[i] ? ' *' : ''} | ${cells.join(' | ')} |`);
  }
  for (const r of runs) {
    console.log(`\n${r.name}:`);
    printStages(r.json, r.sec, theirsSec);
  }
  const ours = runs[0]!.pdf;
  const pdfa = execFileSync('pdfinfo', [ours], { encoding: 'utf8' }).match(/Metadata Stream:\s+\w+/)?.[0];
  console.log(`\nours: ${ours} (${pdfa}); theirs: ${theirs}`);
}

/**
 * `--memory N`: one dossier of N pages (A4, 200 dpi, JPEG) through `sohoa pdf`
 * under `/usr/bin/time -v`: peak resident memory and time. Without `--ocr` the
 * pages are cleaned (with OSD orientation) but not read, to keep the run short.
 */
async function memory(n: number) {
  // `--memory-lines K`: K lines of text a page (30 by default); fewer lines keep a 300-page run
  // with OCR within an hour on two cores, while each page's image stays a full A4 scan.
  const perPage = Number(values['memory-lines'] ?? 30);
  const base = await renderPage({ dpi: 200, lines: lines.slice(0, perPage) });
  const files: string[] = [];
  for (let i = 0; i < 4; i++) {
    const f = path.join(dir, `m${i}.jpg`);
    fs.writeFileSync(
      f,
      await scanLike(base, 200, { skewDeg: i - 1.5, noise: 15, jpegQuality: 75, seed: i + 1 }),
    );
    files.push(f);
  }
  const inputs = Array.from({ length: n }, (_, i) => files[i % files.length]!);
  const out = path.join(dir, `dossier-${n}.pdf`);
  const args = [
    '-v',
    path.resolve('node_modules/.bin/tsx'),
    'electron/cli/main.ts',
    '--data',
    path.join(dir, 'data'),
    'pdf',
  ];
  if (!values.ocr) args.push('--no-ocr');
  args.push('--workers', String(workers), '--out', out, ...inputs);
  const t = Date.now();
  const r = spawnSync('/usr/bin/time', args, {
    encoding: 'utf8',
    timeout: 7_200_000,
    maxBuffer: 64 * 2 ** 20,
  });
  const peak = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? 0);
  const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))?.[1];
  console.log(
    `${n} pages of ${perPage} lines${values.ocr ? ' with OCR' : ' (cleanup + OSD, no OCR)'}: exit ${r.status}, ${pages} pages written, ` +
      `${((Date.now() - t) / 1000).toFixed(0)} s, peak RSS of the sohoa process ${Math.round(peak / 1024)} MB ` +
      `(tesseract runs in worker threads inside it), PDF ${Math.round(fs.statSync(out).size / 1024)} KB`,
  );
}

if (values.memory) await memory(Number(values.memory));
else await main();
