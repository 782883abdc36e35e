/**
 * `npm run bench:scan` — pages per minute from capture to thumbnail-ready (page
 * stored in the blob store, checked, thumbnail made, row written, event sent),
 * for a 300 dpi feeder batch from SANE's test backend (10 sheets, 200×200 mm,
 * grey), beside raw `scanimage` for the same batch. One core for image work
 * (sharp concurrency 1, libuv pool 1). Target: keep up with a 60 ppm feeder.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';

process.env.UV_THREADPOOL_SIZE = '1';
process.env.SOHOA_MDNS = '0';
// Measures scanning alone: background OCR (issue 4's room, its own bench) is off.
process.env.SOHOA_OCR = '0';
sharp.concurrency(1);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-bench-scan-'));
const sane = path.join(tmp, 'sane');
fs.mkdirSync(sane);
fs.writeFileSync(path.join(sane, 'dll.conf'), 'test\n');
process.env.SOHOA_SANE_CONFIG_DIR = sane;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function rawScanimage(): { seconds: number; pages: number } {
  const out = fs.mkdtempSync(path.join(tmp, 'raw-'));
  const t0 = performance.now();
  const printed = execFileSync(
    'scanimage',
    [
      '-d',
      'test:0',
      '--source',
      'Automatic Document Feeder',
      '--mode',
      'Gray',
      '--resolution',
      '300',
      '-x',
      '200',
      '-y',
      '200',
      '--test-picture',
      'Grid',
      '--format=png',
      `--batch=${out}/p%04d.png`,
      '--batch-print',
    ],
    {
      env: { ...process.env, SANE_CONFIG_DIR: sane },
      encoding: 'utf8',
      timeout: 120_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  return { seconds: (performance.now() - t0) / 1000, pages: printed.trim().split('\n').length };
}

// One engine for the whole run, as at the counter (the imaging room's background cleanup runs in it too).
const engine = createEngine({ dataDir: fs.mkdtempSync(path.join(tmp, 'data-')) });
const client = connectInProcess(engine);

async function station(): Promise<{ seconds: number; pages: number; firstPageS: number }> {
  const dossier = await client.call('dossier.create', {
    procedureCode: '1.001193',
    applicantName: 'Bench',
  });
  let firstPageAt = 0;
  const t0 = performance.now();
  let off = () => {};
  const done = new Promise<number>((resolve, reject) => {
    off = client.on('scan.progress', (e) => {
      if (e.state === 'page' && !firstPageAt) firstPageAt = performance.now();
      if (e.state === 'done') resolve(e.pages);
      if (e.state === 'failed') reject(new Error(JSON.stringify(e.error)));
    });
  });
  await client.call('scan.start', {
    dossierId: dossier.id,
    componentCode: 'TK',
    settings: { deviceId: 'test:0', source: 'adf', dpi: 300, mode: 'gray' },
  });
  const pages = await done;
  off();
  return { seconds: (performance.now() - t0) / 1000, pages, firstPageS: (firstPageAt - t0) / 1000 };
}

try {
  const raw: number[] = [];
  const ours: number[] = [];
  const first: number[] = [];
  let pages = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const r = rawScanimage();
    raw.push(r.seconds);
    const s = await station();
    if (s.pages !== r.pages) throw new Error(`station got ${s.pages} pages, scanimage ${r.pages}`);
    pages = s.pages;
    ours.push(s.seconds);
    first.push(s.firstPageS);
  }
  const ppm = (secs: number) => (pages / secs) * 60;
  const rows = [
    ['what', `seconds for ${pages} pages (median of ${ROUNDS})`, 'pages/min'],
    ['raw scanimage (capture only)', median(raw).toFixed(2), ppm(median(raw)).toFixed(0)],
    ['SoHoa: capture → thumbnail-ready', median(ours).toFixed(2), ppm(median(ours)).toFixed(0)],
    ['SoHoa: first page on screen after', median(first).toFixed(2), ''],
  ];
  console.log(
    `SANE test backend, ADF, 300 dpi grey, 200×200 mm (${os.cpus()[0]?.model ?? 'cpu'}; sharp on 1 thread)`,
  );
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  const verdict = ppm(median(ours)) >= 60 ? 'keeps up with' : 'does NOT keep up with';
  console.log(`→ the station ${verdict} a 60 pages/min feeder.`);
} finally {
  // Leave without closing the engine under the imaging room's running jobs; the temp data goes with us.
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(process.exitCode ?? 0);
}
