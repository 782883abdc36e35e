/**
 * `npm run bench:assembly` — how long a dossier's PDFs take to assemble once its pages
 * are cleaned and read (issue 18: ≤ 2 s for 18 pages), in the same run as a reference.
 *
 * An 18-page dossier (procedure 1.004227, four components of 6, 5, 4 and 3 pages; 300 dpi
 * A4 JPEG scans, one with a red seal and a blue signature) goes into an engine; cleanup and
 * OCR run in the background and are not timed. Then, timed:
 * - ours: `documents.assemble` for every component, one after the other and then all at
 *   once, and `documents.dossierPdf` (the whole dossier, a bookmark per component) —
 *   PDF/A-2b with the invisible text layer, checked with qpdf and pdftotext;
 * - the reference: `img2pdf` (Debian's python3-img2pdf) on the same cleaned page images
 *   (no re-encoding: it wraps JPEG and PNG as they are), one PDF per component, merged into
 *   the whole dossier with `qpdf --empty --pages`. It writes no text layer and no PDF/A.
 * Per step: reading the pages from the cache (`prepare`: decode, cleanup, compression when
 * the cache misses) and writing the PDF (`pdf`: font subset, text layer, PDF/A, save).
 *
 * Options: --pages N (default 18), --workers N (OCR workers), --cold (drop the made-ahead
 * page images first: assembly as it was before they existed), --keep DIR.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '../../electron/engine';
import { newStageTimes, STAGES, type StageTimes } from '../../electron/engine/imaging/stages';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { collapse, directiveWords, renderPage, scanLike, wrap } from '../../test/imaging/pages';

const { values } = parseArgs({
  options: {
    pages: { type: 'string' },
    workers: { type: 'string' },
    cold: { type: 'boolean' },
    keep: { type: 'string' },
  },
});
const N = Number(values.pages ?? 18);
const dir = values.keep
  ? path.resolve(values.keep)
  : fs.mkdtempSync(path.join(os.tmpdir(), 'bench-assembly-'));
fs.mkdirSync(dir, { recursive: true });
const PROCEDURE = '1.004227';
const SPLIT = [6, 5, 4, 3];

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const ms = (x: number) => `${Math.round(x)} ms`;

async function buildPages(): Promise<string[]> {
  const lines = wrap(directiveWords(), 72);
  const files: string[] = [];
  for (let i = 0; i < N; i++) {
    const text = Array.from({ length: 30 }, (_, k) => lines[(i * 30 + k) % lines.length]!);
    const clean = await renderPage({ dpi: 300, lines: text, sealAndSignature: i === 2 });
    const jpg = await scanLike(clean, 300, {
      skewDeg: [1.2, -2.5, 0.8][i % 3]!,
      noise: 15,
      jpegQuality: 80,
      seed: i + 1,
    });
    const file = path.join(dir, `trang-${String(i + 1).padStart(2, '0')}.jpg`);
    fs.writeFileSync(file, jpg);
    files.push(file);
  }
  return files;
}

/** How many pages go into each component: the split, scaled to N pages. */
function split(codes: string[]): { code: string; n: number }[] {
  const total = SPLIT.reduce((a, b) => a + b, 0);
  const out = codes.slice(0, SPLIT.length).map((code, i) => ({
    code,
    n: Math.max(1, Math.round((SPLIT[i]! * N) / total)),
  }));
  out[out.length - 1]!.n += N - out.reduce((a, c) => a + c.n, 0);
  return out;
}

const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
};

function img2pdf(args: string[]): void {
  if (spawnSync('img2pdf', ['--version']).status === 0) execFileSync('img2pdf', args);
  else execFileSync('/usr/bin/python3', ['-m', 'img2pdf', ...args]);
}

async function main() {
  console.log(`Load average at start: ${load()} (${os.availableParallelism()} cores, shared)`);
  console.log(`Building ${N} pages in ${dir} …`);
  const files = await buildPages();
  const times = newStageTimes();

  const engine = createEngine({
    dataDir: path.join(dir, 'data'),
    imaging: {
      startDelayMs: 0,
      times,
      prepareAhead: !values.cold,
      ...(values.workers ? { ocrWorkers: Number(values.workers) } : {}),
    },
  });
  const client = connectInProcess(engine);
  try {
    const d = await client.call('dossier.create', { procedureCode: PROCEDURE, applicantName: 'Lê Thị Hoa' });
    const parts = split(d.components.map((c) => c.code));
    let next = 0;
    for (const p of parts) {
      const batch = files.slice(next, next + p.n);
      next += p.n;
      await client.call('dossier.addPages', {
        dossierId: d.id,
        componentCode: p.code,
        files: batch.map((f) => ({
          name: path.basename(f),
          dataBase64: fs.readFileSync(f).toString('base64'),
        })),
      });
    }
    console.log(
      `Components: ${parts.map((p) => `${p.code} ${p.n}`).join(', ')}; cleaning and reading (not timed) …`,
    );
    await client.call('imaging.focus', { dossierId: d.id });
    const t0 = performance.now();
    for (;;) {
      const p = await client.call('imaging.progress', { dossierId: d.id });
      if (p.complete && p.ocred === p.total) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    // The pages' PDF images are made ahead just after their text: let the last one finish.
    for (let i = 0; !values.cold && times.runs.compression < N && i < 240; i++)
      await new Promise((r) => setTimeout(r, 500));
    console.log(
      `Cleaned and read in ${((performance.now() - t0) / 1000).toFixed(0)} s (background, not timed)`,
    );
    if (values.cold) console.log('--cold: no page image made ahead (assembly as before issue 18)');
    const before = snapshot(times);
    const ids = parts.reduce((a, p) => a + p.n, 0);

    const serial: [string, number][] = [];
    for (const p of parts) {
      const [, t] = await timed(() =>
        client.call('documents.assemble', { dossierId: d.id, componentCode: p.code }),
      );
      serial.push([p.code, t]);
    }
    const serialMs = serial.reduce((a, [, t]) => a + t, 0);
    const steps = delta(before, times);
    const [, parallelMs] = await timed(() =>
      Promise.all(
        parts.map((p) => client.call('documents.assemble', { dossierId: d.id, componentCode: p.code })),
      ),
    );
    const [whole, wholeMs] = await timed(() => client.call('documents.dossierPdf', { dossierId: d.id }));

    // Check what came out: PDF/A metadata, a text layer, the bookmarks.
    const out = path.join(dir, 'ours');
    fs.mkdirSync(out, { recursive: true });
    const wholeFile = path.join(out, 'ho-so.pdf');
    fs.writeFileSync(wholeFile, Buffer.from(whole.dataBase64, 'base64'));
    let oursBytes = 0;
    for (const p of parts) {
      const f = await client.call('documents.componentPdf', { dossierId: d.id, componentCode: p.code });
      const file = path.join(out, `${p.code}.pdf`);
      fs.writeFileSync(file, Buffer.from(f.dataBase64, 'base64'));
      oursBytes += fs.statSync(file).size;
      execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
    }
    const text = collapse(execFileSync('pdftotext', [wholeFile, '-'], { encoding: 'utf8' }));
    const outline = (
      execFileSync('qpdf', ['--json', '--json-key=outlines', wholeFile], { encoding: 'utf8' }).match(
        /"title"/g,
      ) ?? []
    ).length;
    const pdfa = /pdfaid:part>2</.test(fs.readFileSync(wholeFile, 'latin1')) ? 'PDF/A-2b' : 'not PDF/A';

    // The reference: the same cleaned images, as files, through img2pdf, merged by qpdf.
    const ref = path.join(dir, 'ref');
    fs.mkdirSync(ref, { recursive: true });
    // The cleaned images as they are in our PDFs (JPEG as JPEG, 1-bit pages as 1-bit PNG).
    const imgs = parts.map((p) => {
      const prefix = path.join(ref, p.code);
      execFileSync('pdfimages', ['-j', '-png', path.join(out, `${p.code}.pdf`), prefix]);
      return fs
        .readdirSync(ref)
        .filter((f) => f.startsWith(`${p.code}-`))
        .sort()
        .map((f) => path.join(ref, f));
    });
    const tr = performance.now();
    const refFiles = parts.map((p, i) => {
      const f = path.join(ref, `${p.code}.pdf`);
      img2pdf(['--pagesize', 'A4', '-o', f, ...imgs[i]!]);
      return f;
    });
    const refComponentsMs = performance.now() - tr;
    execFileSync('qpdf', ['--empty', '--pages', ...refFiles, '--', path.join(ref, 'ho-so.pdf')]);
    const refMs = performance.now() - tr;
    const refBytes = refFiles.reduce((a, f) => a + fs.statSync(f).size, 0);

    console.log(`\nAssembly of ${ids} pages (${parts.length} components), after OCR:\n`);
    console.log('|                                   | SoHoa Station | img2pdf + qpdf |');
    console.log('| --------------------------------- | ------------- | -------------- |');
    console.log(`| components one after the other    | ${ms(serialMs)} | ${ms(refComponentsMs)} |`);
    console.log(`| components all at once            | ${ms(parallelMs)} | — |`);
    console.log(
      `| whole-dossier PDF                 | ${ms(wholeMs)} | ${ms(refMs - refComponentsMs)} (qpdf merge) |`,
    );
    console.log(`| components + whole dossier        | ${ms(parallelMs + wholeMs)} | ${ms(refMs)} |`);
    console.log(
      `| bytes of the component PDFs      | ${Math.round(oursBytes / 1024)} KB | ${Math.round(refBytes / 1024)} KB |`,
    );
    console.log(
      `| text layer / PDF/A / bookmarks    | ${text.length} chars / ${pdfa} / ${outline} | none / no / none |`,
    );
    const pdfMs = serialMs - STAGES.reduce((a, st) => a + steps.ms[st], 0);
    console.log(
      `\nSteps, components one after the other: ${
        STAGES.filter((st) => steps.runs[st])
          .map((st) => `${st} ${ms(steps.ms[st])} (${steps.runs[st]} runs)`)
          .join(', ') || 'no decode, cleanup or compression ran'
      }; reading the cache and writing the PDFs ${ms(pdfMs)}`,
    );
    console.log(
      `\nPer component, one after the other: ${serial.map(([c, t]) => `${c} ${ms(t)}`).join(', ')}`,
    );
    console.log(`Target: ≤ 2000 ms for the components — ${parallelMs <= 2000 ? 'met' : 'not met'}`);
  } finally {
    await engine.close();
    console.log(`\nLoad average at the end: ${load()}`);
  }
}

function snapshot(t: StageTimes): StageTimes {
  return { ms: { ...t.ms }, runs: { ...t.runs } };
}

function delta(a: StageTimes, b: StageTimes): StageTimes {
  const d = newStageTimes();
  for (const st of STAGES) {
    d.ms[st] = b.ms[st] - a.ms[st];
    d.runs[st] = b.runs[st] - a.runs[st];
  }
  return d;
}

await main();
