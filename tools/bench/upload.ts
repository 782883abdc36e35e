/**
 * `npm run bench:upload` — web mode's transport of page files (issue 18): 50 colour 300-dpi A4
 * JPEG pages (made with sharp) added to a dossier as the web page adds them, the new way (each
 * file's raw bytes streamed to `PUT /upload`, then `scan.importStaged` by id, the next file on
 * its way while one is imported) and the old way (base64 in JSON calls over the WebSocket,
 * `scan.import` batches of ≤ 24 MB through shared/api/upload.ts), each into a fresh station
 * process (tools/bench/upload-station.ts) in the same run. Printed side by side: the engine's
 * longest event-loop hold while the pages arrive (monitorEventLoopDelay inside the engine), its
 * peak RSS over the baseline (Linux VmHWM, reset before the run) against the pages' bytes, the
 * wall time. Background cleanup is held back during the transport rows (OCR off); the last row
 * is the new way with cleanup running, so its share of the hold shows apart.
 * Options: --pages N (default 50), --no-cleanup-row.
 */
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import WebSocket from 'ws';
import { Client } from '../../shared/api';
import { sendFiles } from '../../shared/api/upload';

const { values } = parseArgs({
  options: { pages: { type: 'string' }, 'no-cleanup-row': { type: 'boolean' } },
});
const N = Number(values.pages ?? 50);
const W = 2480;
const H = 3508;
const MB = 1024 * 1024;

/** A colour A4 page at 300 dpi: a letterhead, lines of text and scanner grain (drawn once), raw. */
async function basePage(): Promise<Buffer> {
  const lines: string[] = [];
  for (let l = 0; l < 70; l++)
    lines.push(
      `<text x="220" y="${520 + l * 40}" font-size="30" fill="#1d1d2b">Dòng ${l + 1}: Cộng hòa xã hội chủ nghĩa Việt Nam — Độc lập, Tự do, Hạnh phúc — tờ khai đăng ký</text>`,
    );
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
  <rect width="100%" height="100%" fill="#f7f3ea"/>
  <text x="220" y="300" font-size="60" font-weight="bold" fill="#8a1010">ỦY BAN NHÂN DÂN — TỜ KHAI</text>
  ${lines.join('\n')}
</svg>`;
  const grain = crypto.randomBytes(W * H * 3);
  for (let i = 0; i < grain.length; i++) grain[i] = 96 + (grain[i]! % 64);
  return sharp(Buffer.from(svg))
    .composite([{ input: grain, raw: { width: W, height: H, channels: 3 }, blend: 'soft-light' }])
    .removeAlpha()
    .raw()
    .toBuffer();
}

/** Page i: the base with its own number, a red stamp and a colour photo where no other page has them. */
function makePage(base: Buffer, i: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
  <text x="1500" y="300" font-size="60" fill="#8a1010">SỐ ${i + 1}</text>
  <circle cx="${1500 + (i % 10) * 60}" cy="3200" r="190" fill="none" stroke="#c8102e" stroke-width="14" opacity="0.8"/>
  <rect x="${1500 + (i % 4) * 60}" y="${600 + (i % 13) * 150}" width="560" height="700" fill="hsl(${(i * 37) % 360},45%,55%)"/>
</svg>`;
  return sharp(base, { raw: { width: W, height: H, channels: 3 } })
    .composite([{ input: Buffer.from(svg) }])
    .jpeg({ quality: 88 })
    .withMetadata({ density: 300 })
    .toBuffer();
}

interface Probe {
  maxMs: number;
  p99Ms: number;
  blobMaxMs: number;
  blobTotalMs: number;
}

interface Station {
  port: number;
  token: string;
  pid: number;
  ask(op: 'reset' | 'read' | 'stop'): Promise<Probe>;
}

async function startStation(cleanup: boolean, idle = false): Promise<Station> {
  const child = fork(path.resolve('tools/bench/upload-station.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      SOHOA_BENCH_CLEANUP: cleanup ? '1' : '0',
      SOHOA_BENCH_IDLE: idle ? '1' : '0',
      SOHOA_OCR: '0',
      SOHOA_MDNS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ port: number; token: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { port: number; token: string }));
    child.once('exit', (c) => reject(new Error(`station exited ${c}`)));
  });
  return {
    ...ready,
    pid: child.pid!,
    ask: (op) =>
      new Promise((resolve) => {
        if (op === 'stop') {
          child.once('exit', () => resolve({ maxMs: 0, p99Ms: 0, blobMaxMs: 0, blobTotalMs: 0 }));
          child.send({ op });
          return;
        }
        child.once('message', (m) => resolve(m as Probe));
        child.send({ op });
      }),
  };
}

/** Linux: the process's resident peak since the last reset (VmHWM), reset by writing 5 to clear_refs. */
const status = (pid: number, field: string): number => {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
};
const resetPeak = (pid: number) => fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');

async function socketClient(s: Station): Promise<{ client: Client; ws: WebSocket }> {
  const origin = `http://127.0.0.1:${s.port}`;
  const ws = new WebSocket(`ws://127.0.0.1:${s.port}/api?token=${s.token}`, { origin, maxPayload: 0 });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const client = new Client((m) => ws.send(JSON.stringify(m)));
  ws.on('message', (d) => client.receive(JSON.parse(d.toString())));
  return { client, ws };
}

/** One file streamed from disk to `PUT /upload`, as the browser sends a dropped File. */
function put(s: Station, file: string, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: s.port,
        path: '/upload',
        method: 'PUT',
        headers: {
          Authorization: `Bearer ${s.token}`,
          Origin: `http://127.0.0.1:${s.port}`,
          'Content-Type': 'application/octet-stream',
          'Content-Length': fs.statSync(file).size,
          'X-Upload-Name': encodeURIComponent(name),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          const body = JSON.parse(text) as { uploadId?: string };
          if (res.statusCode === 201 && body.uploadId) resolve(body.uploadId);
          else reject(new Error(`PUT /upload ${res.statusCode}: ${text}`));
        });
      },
    );
    req.on('error', reject);
    fs.createReadStream(file).pipe(req);
  });
}

async function addNew(s: Station, client: Client, dossierId: string, files: string[]): Promise<number> {
  let added = 0;
  let next: Promise<string> | null = put(s, files[0]!, path.basename(files[0]!));
  for (const [i, f] of files.entries()) {
    const uploadId = await next!;
    next = i + 1 < files.length ? put(s, files[i + 1]!, path.basename(files[i + 1]!)) : null;
    const r = await client.call('scan.importStaged', {
      dossierId,
      componentCode: 'TK',
      uploads: [{ uploadId, name: path.basename(f) }],
    });
    added += r.added.length;
  }
  return added;
}

/** The transport alone: every file staged, none imported (the staged files go with the station). */
async function putOnly(s: Station, files: string[]): Promise<number> {
  for (const f of files) await put(s, f, path.basename(f));
  return 0;
}

async function addOld(client: Client, dossierId: string, files: string[]): Promise<number> {
  async function* uploads() {
    // As the page read them before: each file as base64 (FileReader.readAsDataURL).
    for (const f of files)
      yield { name: path.basename(f), dataBase64: fs.readFileSync(f).toString('base64') };
  }
  const out = await sendFiles(client, uploads(), {
    method: 'scan.import',
    dossierId,
    componentCode: 'TK',
    newId: () => crypto.randomUUID(),
  });
  return out.added.length;
}

interface Row {
  way: string;
  idleMaxMs: number;
  blobMaxMs: number;
  blobTotalMs: number;
  maxMs: number;
  p99Ms: number;
  peakOverBaseMb: number;
  ratio: number;
  wallS: number;
  added: number;
}

async function measure(
  way: 'new' | 'old' | 'put',
  cleanup: boolean,
  files: string[],
  total: number,
): Promise<Row> {
  const s = await startStation(cleanup);
  const idle = await startStation(false, true);
  try {
    const { client, ws } = await socketClient(s);
    const d = await client.call('dossier.create', {
      procedureCode: '1.001193',
      applicantName: 'Nguyễn Văn Đo',
    });
    await new Promise((r) => setTimeout(r, 1500)); // let start-up settle
    await s.ask('reset');
    await idle.ask('reset');
    resetPeak(s.pid);
    const base = status(s.pid, 'VmRSS');
    const t = performance.now();
    const added =
      way === 'new'
        ? await addNew(s, client, d.id, files)
        : way === 'put'
          ? await putOnly(s, files)
          : await addOld(client, d.id, files);
    const wallS = (performance.now() - t) / 1000;
    const probe = await s.ask('read');
    const noise = await idle.ask('read');
    const peak = status(s.pid, 'VmHWM');
    ws.close();
    return {
      way:
        way === 'new'
          ? `new: PUT /upload + scan.importStaged${cleanup ? ', cleanup running' : ''}`
          : way === 'put'
            ? 'new, transport alone: PUT /upload, not imported'
            : 'old: base64 in JSON (scan.import)',
      idleMaxMs: noise.maxMs,
      blobMaxMs: probe.blobMaxMs,
      blobTotalMs: probe.blobTotalMs,
      maxMs: probe.maxMs,
      p99Ms: probe.p99Ms,
      peakOverBaseMb: (peak - base) / MB,
      ratio: (peak - base) / total,
      wallS,
      added,
    };
  } finally {
    await s.ask('stop');
    await idle.ask('stop');
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-upload-pages-'));
try {
  const files: string[] = [];
  const t0 = performance.now();
  const base = await basePage();
  for (let i = 0; i < N; i++) {
    const f = path.join(dir, `trang-${String(i + 1).padStart(2, '0')}.jpg`);
    fs.writeFileSync(f, await makePage(base, i));
    files.push(f);
  }
  const total = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  console.log(
    `${N} colour A4 pages, ${W}×${H} px (300 dpi) JPEG, ${(total / MB).toFixed(1)} MB in all ` +
      `(${(total / N / MB).toFixed(2)} MB each), made in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  console.log(
    `load: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} on ${os.cpus().length} cores`,
  );
  const rows = [
    await measure('put', false, files, total),
    await measure('new', false, files, total),
    await measure('old', false, files, total),
  ];
  if (!values['no-cleanup-row']) rows.push(await measure('new', true, files, total));
  console.log('');
  console.log(
    "| way | longest loop hold | p99 hold | idle process, same window | blob writes: longest / all (sync fsync) | peak RSS over baseline | ÷ pages' bytes | wall | pages added |",
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows)
    console.log(
      `| ${r.way} | ${r.maxMs.toFixed(0)} ms | ${r.p99Ms.toFixed(1)} ms | ${r.idleMaxMs.toFixed(0)} ms | ` +
        `${r.blobMaxMs.toFixed(0)} / ${r.blobTotalMs.toFixed(0)} ms | ${r.peakOverBaseMb.toFixed(0)} MB | ` +
        `${r.ratio.toFixed(2)}× | ${r.wallS.toFixed(1)} s | ${r.added} |`,
    );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
