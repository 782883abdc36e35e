/**
 * npm run bench:reports [-- --dossiers 3000 --pages 4]
 *
 * How long `reports.figures` holds the engine's event loop for a month at a busy counter:
 * N received dossiers (procedure 1.000656, two components, P pages each, PDFs assembled,
 * half resolved, a third paid) seeded straight into the station's database, then the
 * figures of the month and the weekly XLSX are computed with the engine's own code.
 * Reference beside it: the bare SQL pass over the same rows (no per-dossier read).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { calendarOf } from '../../electron/engine/reception/service';
import { computeFigures } from '../../electron/engine/reports/figures';
import { satisfactionOf } from '../../electron/engine/reports/satisfaction';
import { weeklyXlsx } from '../../electron/engine/reports/weekly';
import { ALL_MIGRATIONS } from '../../electron/engine/schema';
import { openStore, transaction } from '../../electron/engine/store';
import { formatInstant } from '../../shared/domain/deadline';
import { baseRooms } from '../../test/reception/rig';

const { values } = parseArgs({
  options: { dossiers: { type: 'string', default: '3000' }, pages: { type: 'string', default: '4' } },
});
const N = Number(values.dossiers);
const P = Number(values.pages);
const DAY = 86_400_000;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-bench-reports-'));
const store = openStore(dir, ALL_MIGRATIONS);
const { catalog, settings, dossiers } = baseRooms(store);
const now = Date.now();

transaction(store.db, () => {
  const db = store.db;
  const insD = db.prepare(
    `INSERT INTO dossiers (id, procedure_code, applicant_name, status, created_at, updated_at, code, received_at, appointment_at)
     VALUES (?, '1.000656', ?, 'received', ?, ?, ?, ?, ?)`,
  );
  const insP = db.prepare(
    `INSERT INTO pages (id, dossier_id, component_code, position, raw_blob, thumb_blob, source_name, mime, width, height, dpi, bytes, created_at)
     VALUES (?, ?, ?, ?, 'x', 'x', 'p.png', 'image/png', 827, 1169, 100, 1000, ?)`,
  );
  const insPdf = db.prepare(
    `INSERT INTO component_pdfs (dossier_id, component_code, blob, page_count, bytes, pages_key, created_at) VALUES (?, ?, 'x', ?, 1000, 'k', ?)`,
  );
  const insO = db.prepare(
    `INSERT INTO outbox_items (dossier_id, kind, state, idem_key, code, portal_status, resolved_at, created_at, updated_at)
     VALUES (?, 'submit', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insPay = db.prepare(
    `INSERT INTO outbox_payments (reference, dossier_id, amount, method, state, created_at, updated_at) VALUES (?, ?, 1000, ?, 'paid', ?, ?)`,
  );
  for (let i = 0; i < N; i++) {
    const id = crypto.randomUUID();
    const at = now - Math.floor((i / N) * 28 * DAY);
    const received = formatInstant(at);
    const code = `BENCH-${i}`;
    insD.run(id, `Người nộp ${i}`, received, received, code, received, formatInstant(at + 2 * DAY));
    for (const comp of ['TK', 'GBT']) {
      for (let k = 0; k < P; k++) insP.run(crypto.randomUUID(), id, comp, k, received);
      insPdf.run(id, comp, P, received);
    }
    const resolved = i % 2 === 0;
    insO.run(
      id,
      resolved ? 'result_ready' : 'submitted',
      crypto.randomUUID(),
      code,
      resolved ? 9 : 4,
      resolved ? new Date(at + (i % 4 === 0 ? 3 : 1) * DAY).toISOString() : null,
      received,
      received,
    );
    if (i % 3 === 0) insPay.run(`TT-${code}`, id, i % 2 ? 'online' : 'cash', received, received);
  }
});

const s = settings.get();
const period = { from: formatInstant(now - 30 * DAY).slice(0, 10), to: formatInstant(now).slice(0, 10) };
const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const v = fn();
  return [v, performance.now() - t];
};
/** The whole call, and the longest stretch the event loop was held without a break. */
async function figures() {
  let longest = 0;
  let last = performance.now();
  let done = false;
  const tick = () => {
    const t = performance.now();
    longest = Math.max(longest, t - last);
    last = t;
    if (!done) setImmediate(tick);
  };
  setImmediate(tick);
  const t0 = performance.now();
  const f = await computeFigures(store.db, catalog, dossiers, s, calendarOf(s), period, now);
  const total = performance.now() - t0;
  done = true;
  longest = Math.max(longest, performance.now() - last);
  return { f, total, longest };
}
await figures(); // warm-up
const runs = [await figures(), await figures(), await figures()];
const f = runs[0]!.f;
const bare = [0, 1, 2].map(
  () =>
    time(() =>
      store.db
        .prepare(
          `SELECT d.id, d.received_at, d.appointment_at, o.resolved_at, o.state,
             (SELECT COUNT(*) FROM pages p WHERE p.dossier_id = d.id AND p.deleted_at IS NULL) AS pages,
             (SELECT COUNT(*) FROM component_pdfs c WHERE c.dossier_id = d.id) AS pdfs
           FROM dossiers d LEFT JOIN outbox_items o ON o.dossier_id = d.id AND o.kind = 'submit'`,
        )
        .all(),
    )[1],
);
const t0 = performance.now();
void weeklyXlsx(
  { ...f, satisfaction: satisfactionOf([], s.figureThresholds) },
  new Date(now).toISOString(),
).then((bytes) => {
  const xlsxMs = performance.now() - t0;
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  console.log(
    `reports bench: ${N} dossiers received in the month, ${2 * P} pages each (${os.cpus().length} CPUs)`,
  );
  console.log(`| step | ours | reference (bare SQL pass) |`);
  console.log(`|---|---|---|`);
  console.log(
    `| reports.figures, the month (median of 3) | ${median(runs.map((r) => r.total)).toFixed(0)} ms | ${median(bare).toFixed(0)} ms |`,
  );
  console.log(
    `| longest hold of the event loop during it | ${median(runs.map((r) => r.longest)).toFixed(0)} ms | ${median(bare).toFixed(0)} ms (one query) |`,
  );
  console.log(`| weekly XLSX of those figures | ${xlsxMs.toFixed(0)} ms (${bytes.length} bytes) | — |`);
  console.log(`received ${f.received}, resolved ${f.resolved.total}, backlog ${f.backlog.length}`);
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
