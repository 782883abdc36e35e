/**
 * `npm run bench:first-text` — how long from a dossier's scanned pages to the first
 * searchable text, in the same run:
 * - ours, cold (a new data folder: traineddata unpacked, no OCR worker yet) and warm
 *   (the same engine, a second dossier): the pages are dropped into the dossier on
 *   screen (`imaging.focus`, then `dossier.addPages`); two clocks: "first text on screen"
 *   stops at the first `imaging.progress` that shows text (the first page's first lines,
 *   `reading`, as it is read in bands; or a page read), "page 1 wholly read" at the first
 *   that counts a page read (`SOHOA_OCR_WORKERS=1` compares one OCR worker with two);
 * - the `tesseract` CLI on the same pages one after the other (`-l vie+eng --psm 1`:
 *   with orientation, all cores), its first text being the first page's PDF;
 * - OCRmyPDF where it is installed (`-l vie --deskew --rotate-pages --output-type pdfa`,
 *   all cores), whose first text is its whole output.
 * Then the feeder: pages arrive one at a time (`--interval` ms apart, as an ADF delivers
 *  them) into a warm engine, once per start delay (`--delays`): the first text after the
 * first page, and how long the engine's event loop was held (the clerk's UI waits on it).
 *
 * The engine's worker threads (page cleanup, PDF renderer) run from their bundles, as in the
 * packaged app (`npm run build:electron` first, `SOHOA_WORKER_BUNDLES=1`); `--tsx-workers`
 * runs them from the sources through tsx instead, as in development (each compiles its
 * sources in its thread at its start: ≈ 0.8 s of a cold start on this machine).
 *
 * Options: --pages N (default 3), --interval MS (default 1000), --delays 1500,0 (ms),
 * --no-feed, --feed-only, --no-ocrmypdf, --tsx-workers, --pause S (default 15: the third
 * dossier, after the second's background work had S seconds), --keep DIR.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createEngine, type Engine } from '../../electron/engine';
import { defaultPoolSize } from '../../electron/engine/ocr/pool';
import { newStageTimes, roundedStages, STAGES, type StageTimes } from '../../electron/engine/imaging/stages';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import type { ImagingProgress } from '../../shared/api/rooms/imaging';
import { collapse, directiveWords, editDistance, renderPage, scanLike, wrap } from '../../test/imaging/pages';

const { values } = parseArgs({
  options: {
    pages: { type: 'string' },
    interval: { type: 'string' },
    delays: { type: 'string' },
    'no-feed': { type: 'boolean' },
    'feed-only': { type: 'boolean' },
    'no-ocrmypdf': { type: 'boolean' },
    'tsx-workers': { type: 'boolean' },
    pause: { type: 'string' },
    keep: { type: 'string' },
  },
});
const N = Number(values.pages ?? 3);
const INTERVAL = Number(values.interval ?? 1000);
/** Seconds between the second and the third dossier (`--pause`): the next citizen sitting down. */
const PAUSE = Number(values.pause ?? 15);
const DELAYS = (values.delays ?? '1500,0').split(',').map(Number);
const dir = values.keep
  ? path.resolve(values.keep)
  : fs.mkdtempSync(path.join(os.tmpdir(), 'bench-first-text-'));
fs.mkdirSync(dir, { recursive: true });

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** A dossier's scans: 300 dpi A4 JPEGs, slightly skewed and noisy, the last one fed upside down. */
async function buildPages(): Promise<{ files: string[]; truth: string[] }> {
  const lines = wrap(directiveWords(), 72);
  const files: string[] = [];
  const truth: string[] = [];
  for (let i = 0; i < N; i++) {
    const text = Array.from({ length: 30 }, (_, k) => lines[(i * 30 + k) % lines.length]!);
    const clean = await renderPage({ dpi: 300, lines: text });
    const turn = i === N - 1 && N > 1 ? 180 : 0;
    const jpg = await scanLike(clean, 300, {
      skewDeg: [1.2, -2.5, 0.8][i % 3]!,
      noise: 15,
      jpegQuality: 80,
      turn,
      seed: i + 1,
    });
    const file = path.join(dir, `trang-${i + 1}.jpg`);
    fs.writeFileSync(file, jpg);
    files.push(file);
    truth.push(collapse(text.join(' ')));
  }
  return { files, truth };
}

interface OursRun {
  /** The first text on screen: the first page's first lines (`imaging.progress`'s `reading`) or a page read. */
  screenMs: number;
  /** The first page wholly read (its text searchable, in the PDF). */
  firstMs: number;
  allMs: number;
  firstText: string;
  /** Longest time the engine's event loop was held during the run. */
  maxLoopMs: number;
  /** Slowest `dossier.addPages` answer. */
  maxAddMs: number;
}

/** Reads the dossier's progress events until `n` pages are read. */
function watch(engine: Engine, dossierId: string, n: number, t0: () => number) {
  let first = 0;
  let screen = 0;
  let resolveAll: (ms: number) => void = () => undefined;
  const all = new Promise<number>((r) => (resolveAll = r));
  const off = engine.onEvent((e) => {
    if (e.name !== 'imaging.progress') return;
    const p = e.payload as ImagingProgress;
    if (p.dossierId !== dossierId) return;
    if ((p.ocred >= 1 || p.reading?.length) && !screen) screen = performance.now() - t0();
    if (p.ocred >= 1 && !first) first = performance.now() - t0();
    if (p.complete && p.ocred === p.total && p.total >= n) resolveAll(performance.now() - t0());
  });
  return { first: () => first, screen: () => screen, all, off };
}

/**
 * One dossier on screen: the pages dropped at once, or fed `interval` ms apart.
 * Times count from the first page's arrival (the clerk opening the dossier included).
 */
async function oursDossier(engine: Engine, files: string[], interval: number | null): Promise<OursRun> {
  const client = connectInProcess(engine);
  const d = await client.call('dossier.create', { procedureCode: '1.001193', applicantName: 'Lê Thị Hoa' });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let start = 0;
  const w = watch(engine, d.id, files.length, () => start);
  loop.enable();
  start = performance.now();
  await client.call('imaging.focus', { dossierId: d.id });
  let maxAddMs = 0;
  const add = async (batch: string[]) => {
    const t = performance.now();
    await client.call('dossier.addPages', {
      dossierId: d.id,
      componentCode: 'TK',
      files: batch.map((f) => ({
        name: path.basename(f),
        dataBase64: fs.readFileSync(f).toString('base64'),
      })),
    });
    maxAddMs = Math.max(maxAddMs, performance.now() - t);
  };
  if (interval === null) await add(files);
  else
    for (let i = 0; i < files.length; i++) {
      if (i) await new Promise((r) => setTimeout(r, Math.max(0, start + i * interval - performance.now())));
      await add([files[i]!]);
    }
  const allMs = await w.all;
  loop.disable();
  w.off();
  const dossier = await client.call('dossier.get', { dossierId: d.id });
  const firstPage = dossier.components.find((c) => c.code === 'TK')!.pages[0]!;
  const firstText = (await client.call('imaging.page', { pageId: firstPage.id })).ocr?.text ?? '';
  return { screenMs: w.screen(), firstMs: w.first(), allMs, firstText, maxLoopMs: loop.max / 1e6, maxAddMs };
}

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 3_600_000,
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    throw new Error(`${cmd} exited ${r.status}`);
  }
  return performance.now() - t;
}

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** img2pdf's command, or its module under the system Python (Debian's python3-img2pdf has no command). */
function img2pdf(args: string[]): void {
  if (spawnSync('img2pdf', ['--version']).status === 0) execFileSync('img2pdf', args);
  else execFileSync('/usr/bin/python3', ['-m', 'img2pdf', ...args]);
}

const pdfText = (pdf: string, page = 1) =>
  collapse(
    execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' }),
  );
const cer = (ref: string, hyp: string) =>
  `${((100 * editDistance(ref, collapse(hyp))) / ref.length).toFixed(2)} %`;

function printStages(label: string, t: StageTimes): void {
  const r = roundedStages(t);
  console.log(`\n${label} — busy seconds per stage (runs):\n`);
  console.log(`| ${STAGES.join(' | ')} |`);
  console.log(`|${STAGES.map(() => '---').join('|')}|`);
  console.log(`| ${STAGES.map((s) => `${(r.ms[s] / 1000).toFixed(1)} (${r.runs[s]})`).join(' | ')} |`);
}

async function main() {
  console.log(`Load average at start: ${load()} (${os.availableParallelism()} cores, shared)`);
  if (!values['tsx-workers']) {
    execFileSync(process.execPath, ['tools/build-electron.mjs'], { stdio: 'ignore' });
    process.env.SOHOA_WORKER_BUNDLES = '1';
  }
  console.log(`Worker threads: ${values['tsx-workers'] ? 'sources through tsx' : 'bundles (as shipped)'}`);
  console.log(`Building ${N} pages in ${dir} …`);
  const { files, truth } = await buildPages();
  if (!values['feed-only']) await dropped(files, truth);
  if (!values['no-feed']) await feeder(files);
  console.log(`\nLoad average at the end: ${load()}`);
}

/** The pages dropped at once: ours cold and warm, the tesseract CLI, OCRmyPDF. */
async function dropped(files: string[], truth: string[]) {
  // name, first text on screen, first page wholly read, all read, first page CER
  const rows: [string, number, number, number, string][] = [];

  // Ours, cold then warm: the same engine, a new data folder.
  const times = newStageTimes();
  const engine = createEngine({ dataDir: path.join(dir, 'data-cold'), imaging: { times } });
  console.log(`  OCR workers: ${defaultPoolSize()} (SOHOA_OCR_WORKERS overrides)`);
  const cold = await oursDossier(engine, files, null);
  console.log(
    `  ours cold: first text on screen ${sec(cold.screenMs)}, page 1 read ${sec(cold.firstMs)} (load ${load()})`,
  );
  rows.push([
    'SoHoa Station, cold (new data folder)',
    cold.screenMs,
    cold.firstMs,
    cold.allMs,
    cer(truth[0]!, cold.firstText),
  ]);
  const coldTimes = structuredClone(times);
  const warm = await oursDossier(engine, files, null);
  console.log(
    `  ours warm: first text on screen ${sec(warm.screenMs)}, page 1 read ${sec(warm.firstMs)} (load ${load()})`,
  );
  rows.push([
    'SoHoa Station, warm (second dossier, at once)',
    warm.screenMs,
    warm.firstMs,
    warm.allMs,
    cer(truth[0]!, warm.firstText),
  ]);
  // The next citizen sits down: the last dossier's background work (page images made ahead
  // for assembly) has had PAUSE seconds to finish.
  await new Promise((r) => setTimeout(r, PAUSE * 1000));
  const next = await oursDossier(engine, files, null);
  console.log(
    `  ours, next citizen: first text on screen ${sec(next.screenMs)}, page 1 read ${sec(next.firstMs)} (load ${load()})`,
  );
  rows.push([
    `SoHoa Station, warm (third dossier, ${PAUSE} s later)`,
    next.screenMs,
    next.firstMs,
    next.allMs,
    cer(truth[0]!, next.firstText),
  ]);
  engine.close();

  // tesseract CLI, page after page: its first text is the first page's PDF.
  let tessFirst = 0;
  let tessAll = 0;
  for (let i = 0; i < files.length; i++) {
    tessAll += timed('tesseract', [
      files[i]!,
      path.join(dir, `tess-${i + 1}`),
      '-l',
      'vie+eng',
      '--psm',
      '1',
      'pdf',
    ]);
    if (i === 0) tessFirst = tessAll;
  }
  rows.push([
    'tesseract CLI (-l vie+eng --psm 1 pdf)',
    tessFirst,
    tessFirst,
    tessAll,
    cer(truth[0]!, pdfText(path.join(dir, 'tess-1.pdf'))),
  ]);

  if (values['no-ocrmypdf']) console.log('OCRmyPDF left out (--no-ocrmypdf).');
  else if (has('ocrmypdf')) {
    const input = path.join(dir, 'input.pdf');
    img2pdf([...files, '-o', input]);
    const out = path.join(dir, 'ocrmypdf.pdf');
    const ms = timed('ocrmypdf', [
      '-l',
      'vie',
      '--deskew',
      '--rotate-pages',
      '--output-type',
      'pdfa',
      '-j',
      String(os.availableParallelism()),
      input,
      out,
    ]);
    rows.push(['OCRmyPDF (whole file)', ms, ms, ms, cer(truth[0]!, pdfText(out))]);
  } else console.log('OCRmyPDF is not installed here: its row is left out.');

  console.log(`\n${N} pages (A4, 300 dpi JPEG, the last upside down), dropped into the dossier on screen:\n`);
  console.log('| | first text on screen | page 1 wholly read | all pages read | first page CER |');
  console.log('|---|---|---|---|---|');
  for (const [name, screen, first, all, c] of rows)
    console.log(`| ${name} | ${sec(screen)} | ${sec(first)} | ${sec(all)} | ${c} |`);
  printStages('SoHoa Station, cold', coldTimes);
  console.log(
    `\nOSD ran ${times.runs.osd} time(s) for ${2 * N} pages read (upright pages skip it). Load average: ${load()}`,
  );
}

/** The pages fed one at a time into a warm engine, once per start delay. */
async function feeder(files: string[]) {
  console.log(`\nFeeder: ${N} pages ${INTERVAL} ms apart into the dossier on screen, warm engine:\n`);
  console.log(
    '| start delay | first text on screen | first page read | all read | event loop held at most | slowest addPages |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const delay of DELAYS) {
    const e = createEngine({
      dataDir: path.join(dir, `data-feed-${delay}`),
      imaging: { startDelayMs: delay },
    });
    await oursDossier(e, files.slice(0, 1), null); // warms the OCR worker
    const r = await oursDossier(e, files, INTERVAL);
    e.close();
    console.log(
      `| ${delay} ms | ${sec(r.screenMs)} | ${sec(r.firstMs)} | ${sec(r.allMs)} | ${r.maxLoopMs.toFixed(0)} ms | ${r.maxAddMs.toFixed(0)} ms |`,
    );
  }
}

await main();
