import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { Feedback } from '../../electron/engine/feedback';
import { Outbox } from '../../electron/engine/outbox/service';
import { StationError } from '../../shared/api/errors';
import { formatInstant, localParts, parseInstant } from '../../shared/domain/deadline';
import { page, sandboxDossiers, waitFor } from '../outbox/fixtures';
import { openRig, type Rig } from '../reception/rig';
import { fastStation, testSandbox } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import { runSohoa } from '../helpers/cli';
import { silentLog } from '../../electron/engine/log';

const DAY = 86_400_000;
const rigs: Rig[] = [];
afterEach(() => {
  for (const r of rigs.splice(0)) r.store.close();
});

/** The reception room on a fresh station, with the real outbox queueing what is received online. */
function station(dataDir: string): Rig {
  const rig = openRig(dataDir, new Date());
  rigs.push(rig);
  new Outbox(
    { dataDir, store: rig.store, log: silentLog(), onReceiveInTx: rig.hooks, emit: () => {} },
    rig.dossiers,
    { frozenFiles: () => Promise.reject(new Error('never started here')) },
    rig.settings,
  );
  return rig;
}

/** A dossier of procedure 1.003005 (one required component, fee 8 000) with a page; received by `officer` unless a draft is wanted. */
async function dossier(rig: Rig, seed: number, officer: string | null) {
  const d = rig.dossiers.create('1.003005', `Công dân ${seed}`);
  await rig.dossiers.addPages(d.id, 'TK', [
    { name: 'tk.png', dataBase64: (await page(seed)).toString('base64') },
  ]);
  if (officer === null) return d.id;
  rig.reception.receive(d.id, { consent: { how: 'checkbox' }, officer });
  return d.id;
}

/** `ms`, or 12:00 of the Friday before it when it falls on a Saturday or Sunday (Vietnam time). */
function lastWeekday(ms: number): number {
  const weekday = localParts(ms).weekday;
  if (weekday !== 0 && weekday !== 6) return ms;
  const friday = formatInstant(ms - (weekday === 6 ? 1 : 2) * DAY).slice(0, 10);
  return parseInstant(`${friday}T12:00`);
}

function refusal(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof StationError ? err.code : (err as Error).message;
  }
}

describe('the citizen’s rating (feedback room)', () => {
  it('rates only a received dossier, once; the stored rating can be neither changed nor deleted, even in raw SQL', async () => {
    const rig = station(path.join(tempDir(), 'station'));
    const feedback = new Feedback(rig.store.db, rig.dossiers, rig.catalog, rig.settings);
    const draft = await dossier(rig, 1, null);
    const received = await dossier(rig, 2, 'Trần Thị Bình');
    const served = { username: 'binh' };

    expect(refusal(() => feedback.rate(draft, { level: 'satisfied', reasons: [] }, served))).toBe(
      'feedback_not_received',
    );
    expect(refusal(() => feedback.rate('no-such-dossier', { level: 'satisfied', reasons: [] }, served))).toBe(
      'dossier_not_found',
    );
    const r = feedback.rate(
      received,
      { level: 'unsatisfied', reasons: ['waiting', 'unofficial_fee'], comment: '  Chờ 2 tiếng  ' },
      served,
    );
    expect(r).toMatchObject({
      dossierId: received,
      procedureCode: '1.003005',
      procedureName: 'Cấp bản sao trích lục hộ tịch',
      counter: '01',
      agency: '000.00.00.H47',
      clerk: 'Trần Thị Bình',
      level: 'unsatisfied',
      reasons: ['waiting', 'unofficial_fee'],
      comment: 'Chờ 2 tiếng',
    });
    expect(r.dossierCode).toMatch(/^000\.00\.00\.H47-\d{6}-\d{4}$/);
    expect(refusal(() => feedback.rate(received, { level: 'very_satisfied', reasons: [] }, served))).toBe(
      'feedback_exists',
    );

    // Straight at the database, as someone with the file and the sqlite3 tool would: refused.
    const db = rig.store.db;
    expect(refusal(() => db.prepare("UPDATE feedback_ratings SET level = 'very_satisfied'").run())).toContain(
      'a rating is never changed',
    );
    expect(
      refusal(() => db.prepare("UPDATE feedback_ratings SET reasons = '[]', comment = NULL").run()),
    ).toContain('a rating is never changed');
    expect(refusal(() => db.prepare("UPDATE feedback_ratings SET comment = 'Rất tốt'").run())).toContain(
      'a rating is never changed',
    );
    expect(refusal(() => db.prepare("UPDATE feedback_ratings SET clerk = 'Người khác'").run())).toContain(
      'a rating is never changed',
    );
    expect(refusal(() => db.prepare('DELETE FROM feedback_ratings').run())).toContain(
      'a rating is never deleted',
    );
    // A second row for the dossier, or reasons with a satisfied level: the table refuses them too.
    expect(
      refusal(() =>
        db
          .prepare(
            "INSERT INTO feedback_ratings (dossier_id, counter, agency, level, at) VALUES (?, '01', 'x', 'satisfied', 'now')",
          )
          .run(received),
      ),
    ).toMatch(/UNIQUE|PRIMARY KEY/);
    expect(feedback.ratingOf(received)).toMatchObject({ level: 'unsatisfied', comment: 'Chờ 2 tiếng' });

    // The one change let through: the privacy purge blanks the free text, nothing else.
    db.prepare('UPDATE feedback_ratings SET comment = NULL WHERE dossier_id = ?').run(received);
    expect(feedback.ratingOf(received)).toMatchObject({
      level: 'unsatisfied',
      reasons: ['waiting', 'unofficial_fee'],
      comment: null,
      clerk: 'Trần Thị Bình',
    });
  });

  it('gives the satisfaction share with its colour per period, counter, clerk and unit; lists the unsatisfied; adds the Friday report sheet; sends the rating with the hand-over', async () => {
    const dataDir = path.join(tempDir(), 'station');
    const rig = station(dataDir);
    const ids = {
      a: await dossier(rig, 11, 'Trần Thị Bình'),
      b: await dossier(rig, 12, 'Trần Thị Bình'),
      c: await dossier(rig, 13, 'Lê Văn Cường'),
      old: await dossier(rig, 14, 'Lê Văn Cường'),
    };
    // Rated now, or last Friday when today is a weekend: the Friday report covers Monday–Friday.
    const ratedAt = lastWeekday(Date.now());
    const now = new Feedback(rig.store.db, rig.dossiers, rig.catalog, rig.settings, () => new Date(ratedAt));
    const served = { username: null };
    now.rate(ids.a, { level: 'very_satisfied', reasons: [] }, served);
    now.rate(ids.b, { level: 'satisfied', reasons: [] }, served);
    now.rate(ids.c, { level: 'unsatisfied', reasons: ['attitude'], comment: 'Cán bộ nói to' }, served);
    // Rated forty days ago: outside this month's period.
    const then = new Feedback(
      rig.store.db,
      rig.dossiers,
      rig.catalog,
      rig.settings,
      () => new Date(Date.now() - 40 * DAY),
    );
    then.rate(ids.old, { level: 'unsatisfied', reasons: ['other'] }, served);
    rigs.splice(0).forEach((r) => r.store.close());

    const st = fastStation(dataDir);
    const today = formatInstant(Date.now()).slice(0, 10);
    const from = formatInstant(Date.now() - 20 * DAY).slice(0, 10);
    const f = await st.client.call('reports.figures', { from, to: today });
    expect(f.satisfaction.counts).toEqual({ very_satisfied: 1, satisfied: 1, unsatisfied: 1 });
    // 2 of 3 = 66.7 %: below yellow (70), at or above orange (50).
    expect(f.satisfaction.share).toEqual({ numerator: 2, denominator: 3, percent: 66.7, level: 'orange' });
    expect(f.satisfaction.byCounter).toEqual([
      { key: '01', share: { numerator: 2, denominator: 3, percent: 66.7, level: 'orange' } },
    ]);
    expect(f.satisfaction.byClerk).toEqual([
      { key: 'Lê Văn Cường', share: { numerator: 0, denominator: 1, percent: 0, level: 'red' } },
      { key: 'Trần Thị Bình', share: { numerator: 2, denominator: 2, percent: 100, level: 'dark_green' } },
    ]);
    expect(f.satisfaction.byAgency.map((g) => g.key)).toEqual(['000.00.00.H47']);
    expect(f.satisfaction.unsatisfied).toHaveLength(1);
    expect(f.satisfaction.unsatisfied[0]).toMatchObject({
      dossierId: ids.c,
      reasons: ['attitude'],
      comment: 'Cán bộ nói to',
      clerk: 'Lê Văn Cường',
    });
    // A longer period holds the old one too; feedback.list filters by level.
    const all = await st.client.call('feedback.list', {
      from: formatInstant(Date.now() - 60 * DAY).slice(0, 10),
    });
    expect(all.map((r) => r.dossierId)).toEqual([ids.c, ids.b, ids.a, ids.old]);
    const bad = await st.client.call('feedback.list', { from: '2020-01-01', level: 'unsatisfied' });
    expect(bad.map((r) => r.dossierId).sort()).toEqual([ids.c, ids.old].sort());

    // The Friday report's satisfaction sheet, read back by an Excel reader.
    const file = await st.client.call('reports.weekly', { weekOf: formatInstant(ratedAt).slice(0, 10) });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const main = wb.getWorksheet('Chỉ số')!;
    const satisfiedRow = main
      .getRows(1, main.rowCount)!
      .find((r) => String(r.getCell(1).value).startsWith('Tỷ lệ người dân hài lòng'));
    expect(satisfiedRow, 'the indicator row').toBeTruthy();
    const sheet = wb.getWorksheet('Hài lòng')!;
    const text = sheet
      .getRows(1, sheet.rowCount)!
      .map((r) => (r.values as unknown[]).filter(Boolean).join(' | '))
      .join('\n');
    expect(text).toContain('Không hài lòng | 1');
    expect(text).toContain('Lê Văn Cường');
    expect(text).toContain('Thái độ phục vụ');
    expect(text).toContain('Cán bộ nói to');

    // The hand-over of A carries its rating to the portal (DanhGia), and the clerk's name does not.
    const sandbox = await testSandbox();
    for (const id of [ids.b, ids.c, ids.old]) await st.client.call('outbox.pause', { dossierId: id });
    await st.client.call('outbox.sync', { portalUrl: sandbox.url, untilEmpty: true, timeoutMs: 60_000 });
    await waitFor(
      'A resolved on the portal',
      async () =>
        (await st.client.call('outbox.overview', {})).items.some(
          (i) => i.dossierId === ids.a && i.state === 'result_ready',
        ),
      60_000,
    );
    await st.client.call('outbox.recordReturn', { dossierId: ids.a, returnedTo: 'Công dân 11' });
    await st.client.call('outbox.sync', { portalUrl: sandbox.url, untilEmpty: true, timeoutMs: 60_000 });
    await waitFor(
      'status 10 on the portal',
      async () => (await sandboxDossiers(sandbox.url))[0]?.status === 10,
    );
    const [held] = await sandboxDossiers(sandbox.url);
    expect(held!.rating).toMatchObject({ MucDo: 1, LyDo: [], MaQuay: '01' });
    expect(held!.rating!.ThoiGian).toMatch(/^\d{14}$/);
    expect(JSON.stringify(held!.rating)).not.toContain('Bình');
  });

  it(
    'sohoa feedback list prints the ratings, as JSON or in words, and refuses a bad level',
    { timeout: 120_000 },
    async () => {
      const dataDir = path.join(tempDir(), 'station');
      const rig = station(dataDir);
      const id = await dossier(rig, 21, 'Trần Thị Bình');
      new Feedback(rig.store.db, rig.dossiers, rig.catalog, rig.settings).rate(
        id,
        { level: 'unsatisfied', reasons: ['guidance'], comment: 'Không được hướng dẫn' },
        { username: null },
      );
      rigs.splice(0).forEach((r) => r.store.close());
      const sohoa = (args: string[]) =>
        runSohoa(['--data', dataDir, ...args], {
          ...process.env,
          SOHOA_LANG: '',
          SOHOA_DATA_DIR: '',
          SOHOA_OCR: '0',
        });
      const json = await sohoa(['feedback', 'list', '--from', '2020-01-01', '--json']);
      expect(json.err).toBe('');
      expect(json.code).toBe(0);
      expect(JSON.parse(json.out)).toEqual([
        expect.objectContaining({
          dossierId: id,
          level: 'unsatisfied',
          reasons: ['guidance'],
          clerk: 'Trần Thị Bình',
        }),
      ]);
      const text = await sohoa(['--lang', 'vi', 'feedback', 'list']);
      expect(text.code).toBe(0);
      expect(text.out).toContain('Không hài lòng');
      expect(text.out).toContain('[Hướng dẫn chưa rõ]');
      expect(text.out).toContain('“Không được hướng dẫn”');
      const none = await sohoa(['feedback', 'list', '--from', '2020-01-01', '--to', '2020-01-31', '--json']);
      expect(JSON.parse(none.out)).toEqual([]);
      expect((await sohoa(['feedback', 'list', '--level', 'angry'])).code).toBe(2);
    },
  );
});
