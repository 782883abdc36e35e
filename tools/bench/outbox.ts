/**
 * npm run bench:outbox [-- --dossiers 500 --files 5 --kb 300 --concurrency 4]
 *
 * A queue of N received dossiers of F files (~KB each, incompressible bytes standing in for
 * PDFs) is synced by `sohoa outbox sync` (its own process) to `sohoa portal-sandbox` (its own
 * process) on 127.0.0.1. Prints dossiers per minute, then kills the station with SIGKILL in
 * the middle of a second run and measures the time until uploading resumes after a restart
 * (process start included). Reference beside it: the bare protocol (the same bytes, same chunks,
 * straight from memory through the HTTP connector, no queue, no database).
 *
 * The queue is seeded straight into the station's database (reception is not what is measured).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ALL_MIGRATIONS } from '../../electron/engine/schema';
import { HttpPortal } from '../../electron/engine/portal/http';
import { portalDate } from '../../electron/engine/portal/protocol';
import { openStore, transaction } from '../../electron/engine/store';
import { sandboxUrl } from '../../test/outbox/fixtures';
import { formatInstant } from '../../shared/domain/deadline';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '500' },
    files: { type: 'string', default: '5' },
    kb: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '4' },
    /** Throughput only: no second run killed and restarted. */
    'skip-resume': { type: 'boolean', default: false },
  },
});
const N = Number(values.dossiers);
const F = Number(values.files);
const KB = Number(values.kb);
const CONC = Number(values.concurrency);
const PROCEDURE = 'BENCH.5';

function seed(dir: string, count: number, tag: string): void {
  const store = openStore(dir, ALL_MIGRATIONS);
  try {
    const db = store.db;
    const now = new Date().toISOString();
    const received = formatInstant(Date.now());
    // Ủy quyền nộp trực tuyến ticked at the counter, as reception records it.
    const reception = JSON.stringify({ consent: { how: 'checkbox', by: 'Đo hiệu năng', at: received } });
    const procedure = {
      code: PROCEDURE,
      name: 'Thủ tục đo hiệu năng (5 thành phần)',
      field: 'Đo',
      agency: 'Trạm',
      processingDays: 1,
      feeVnd: 0,
      components: Array.from({ length: F }, (_, i) => ({
        code: `C${i + 1}`,
        name: `Thành phần ${i + 1}`,
        required: true,
        copies: 1,
      })),
    };
    db.prepare(
      'INSERT INTO procedures (code, data, source) VALUES (?, ?, ?) ON CONFLICT (code) DO UPDATE SET data = excluded.data',
    ).run(PROCEDURE, JSON.stringify(procedure), 'bench');
    transaction(db, () => {
      for (let d = 0; d < count; d++) {
        const id = crypto.randomUUID();
        const code = `000.00.00.H47-BENCH${tag}-${String(d).padStart(5, '0')}`;
        db.prepare(
          `INSERT INTO dossiers (id, procedure_code, applicant_name, status, created_at, updated_at, code, received_at, reception)
           VALUES (?, ?, ?, 'received', ?, ?, ?, ?, ?)`,
        ).run(id, PROCEDURE, `Người nộp ${tag}${d}`, now, now, code, received, reception);
        for (let f = 0; f < F; f++) {
          const bytes = crypto.randomBytes(KB * 1024 + crypto.randomInt(0, 4096));
          const blob = store.blobs.put(bytes);
          db.prepare(
            `INSERT INTO component_pdfs (dossier_id, component_code, blob, page_count, bytes, pages_key, created_at)
             VALUES (?, ?, ?, 1, ?, ?, ?)`,
          ).run(id, `C${f + 1}`, blob, bytes.length, 'bench', now);
        }
        db.prepare(
          `INSERT INTO outbox_items (dossier_id, seq, kind, state, idem_key, consent, created_at, updated_at)
           VALUES (?, 1, 'submit', 'queued', ?, ?, ?, ?)`,
        ).run(id, crypto.randomUUID(), JSON.stringify({ at: now }), now, now);
      }
    });
  } finally {
    store.close();
  }
}

/** Every process started, killed if the bench stops half-way. */
const children: ChildProcess[] = [];

function sohoa(args: string[]): ChildProcess {
  // SOHOA_BENCH_NODE_ARGS: extra node flags for the station and sandbox (e.g. --cpu-prof --cpu-prof-dir DIR).
  const extra = (process.env.SOHOA_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, path.join(ROOT, 'bin/sohoa.mjs'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

/** `sohoa outbox sync` of a station's whole queue to the portal, CONC at a time. */
const syncArgs = (portal: string, station: string) => [
  'outbox',
  'sync',
  '--portal',
  portal,
  '--until-empty',
  '--data',
  station,
  '--concurrency',
  String(CONC),
  '--timeout-s',
  '3600',
];

async function startSandbox(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = sohoa(['portal-sandbox', '--port', '0', '--data', dir]);
  return { url: await sandboxUrl(child), child };
}

const exited = (c: ChildProcess) =>
  new Promise<number | null>((r) =>
    c.exitCode !== null || c.signalCode !== null ? r(c.exitCode) : c.once('exit', r),
  );

async function stats(url: string): Promise<{ dossiers: number; submitted: number; bytes: number }> {
  const res = await fetch(`${url}/sandbox/stats`, { signal: AbortSignal.timeout(10_000) });
  return (await res.json()) as { dossiers: number; submitted: number; bytes: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until cond() holds; every wait is bounded. */
async function until(what: string, cond: () => Promise<boolean>, ms = 600_000, every = 50): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(every);
  }
}

/** From the station's log: the `outbox.sync` call alone (ms), without the process start before it. */
function syncTime(station: string): number | null {
  const dir = path.join(station, 'logs');
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : [])
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (!line.includes('"outbox.sync"')) continue;
      const l = JSON.parse(line) as { method?: string; ms?: number };
      if (l.method === 'outbox.sync' && typeof l.ms === 'number') return l.ms;
    }
  return null;
}

/**
 * A second queue synced, killed with SIGKILL a third of the way, restarted: how long until the
 * portal gets a new byte, and whether every dossier arrived once.
 */
async function killAndResume(url: string, tmp: string) {
  const s1 = await stats(url);
  const station2 = path.join(tmp, 'station2');
  const M = Math.max(20, Math.round(N / 5));
  seed(station2, M, 'B');
  const args2 = syncArgs(url, station2);
  const first = sohoa(args2);
  const before = (await stats(url)).bytes;
  await until(
    'a third of the second run',
    async () => (await stats(url)).bytes >= before + M * F * KB * 1024 * 0.3,
  );
  first.kill('SIGKILL');
  await exited(first);
  const atKill = (await stats(url)).bytes;
  const tRestart = Date.now();
  const second = sohoa(args2);
  await until('the restarted sync', async () => (await stats(url)).bytes > atKill, 120_000, 20);
  const ms = Date.now() - tRestart;
  const code = await exited(second);
  const s2 = await stats(url);
  return {
    ms,
    code,
    expected: M,
    dossiers: s2.dossiers - s1.dossiers,
    submitted: s2.submitted - s1.submitted,
  };
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-bench-outbox-'));
  try {
    console.log(`outbox bench: ${N} dossiers × ${F} files × ~${KB} KB, concurrency ${CONC}, 127.0.0.1`);
    const sandbox = await startSandbox(path.join(tmp, 'portal'));
    // 1. Throughput.
    const station = path.join(tmp, 'station');
    seed(station, N, 'A');
    const t0 = Date.now();
    const code = await exited(sohoa(syncArgs(sandbox.url, station)));
    const secs = (Date.now() - t0) / 1000;
    const sync = syncTime(station);
    const s1 = await stats(sandbox.url);
    const mb = s1.bytes / 1024 / 1024;
    // 2. Kill and resume.
    const resume = values['skip-resume'] ? null : await killAndResume(sandbox.url, tmp);
    // 3. Reference: the bare protocol, no queue, no database.
    const portal = new HttpPortal({ url: sandbox.url, stationId: 'bench', secret: 'sandbox' });
    const R = N; // the same number of dossiers, so that neither side is timed on a few seconds only
    const files = Array.from({ length: F }, () => crypto.randomBytes(KB * 1024));
    const tr = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONC }, async () => {
        while (next < R) {
          const i = next++;
          const code = `REF-${i}`;
          const created = await portal.createDossier(
            {
              MaHoSo: code,
              MaTTHC: PROCEDURE,
              TenTTHC: 'ref',
              ChuHoSo: `ref ${i}`,
              LoaiDoiTuong: 1,
              TrichYeuHoSo: '',
              NgayTiepNhan: portalDate(),
              NgayHenTra: null,
              UyQuyen: { TaiKhoan: 'ref', DongY: true, ThoiDiemDongY: portalDate(), HinhThuc: 'TAI_QUAY' },
              TaiLieuNop: files.map((b, f) => ({
                MaThanhPhanHoSo: `C${f + 1}`,
                TenTep: `f${f}.pdf`,
                KichThuoc: b.length,
                SHA256: crypto.createHash('sha256').update(b).digest('hex'),
              })),
            },
            code,
          );
          for (const [f, b] of files.entries()) {
            for (let off = 0; off < b.length; off += 256 * 1024)
              await portal.uploadChunk(
                code,
                created.TaiLieuNop[f]!.TepId,
                off,
                b.subarray(off, off + 256 * 1024),
              );
          }
          await portal.submit(code);
        }
      }),
    );
    const refSecs = (Date.now() - tr) / 1000;
    sandbox.child.kill('SIGTERM');
    await Promise.race([exited(sandbox.child), sleep(10_000)]);
    sandbox.child.kill('SIGKILL');
    const tv = Date.now();
    await exited(sohoa(['--version']));
    const startMs = Date.now() - tv;

    console.log('');
    console.log(
      '| measure | SoHoa outbox (sohoa outbox sync) | bare protocol (reference: no queue, no DB) |',
    );
    console.log('|---|---|---|');
    console.log(
      `| dossiers / min | ${((N / secs) * 60).toFixed(0)} (${N} in ${secs.toFixed(1)} s, exit ${code}) | ${((R / refSecs) * 60).toFixed(0)} (${R} in ${refSecs.toFixed(1)} s) |`,
    );
    console.log(
      `| MB/s uploaded | ${(mb / secs).toFixed(1)} | ${((R * F * KB) / 1024 / refSecs).toFixed(1)} |`,
    );
    if (sync !== null)
      console.log(
        `| of which the sync itself (process start left out) | ${((N / sync) * 60_000).toFixed(0)} dossiers / min (${(sync / 1000).toFixed(1)} s; start ${(secs - sync / 1000).toFixed(1)} s), ${((N / (sync / 1000) / (R / refSecs)) * 100).toFixed(0)} % of bare | — |`,
      );
    console.log(
      `| ours / bare (dossiers per minute) | ${((N / secs / (R / refSecs)) * 100).toFixed(0)} % | — |`,
    );
    if (resume) {
      console.log(
        `| resume after SIGKILL (restart → first new byte on the portal, process start included) | ${resume.ms} ms | sohoa --version alone: ${startMs} ms |`,
      );
      console.log(
        `| after kill: dossiers on the portal / expected | ${resume.dossiers} / ${resume.expected} (exit ${resume.code}), all submitted: ${resume.submitted === resume.expected} | — |`,
      );
    }
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    // SOHOA_BENCH_KEEP=1: the data directories stay for a look at the logs.
    if (process.env.SOHOA_BENCH_KEEP === '1') console.log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
