import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../electron/engine/context';
import { Outbox } from '../../electron/engine/outbox/service';
import { createReportsRoom } from '../../electron/engine/reports';
import { tempDir } from '../helpers/tmp';
import { openRig, type Rig } from '../reception/rig';
import { silentLog } from '../../electron/engine/log';

const CALLER: Caller = { username: null, name: '', role: null, session: null };
const BIN = fileURLToPath(new URL('../../bin/sohoa.mjs', import.meta.url));
const WHO = { kind: 'person' as const, name: 'Trương Văn Mười' };

/** The reports room on the rig's store, its clock the rig's. */
function reports(rig: Rig) {
  const ctx = {
    dataDir: rig.store.dataDir,
    store: rig.store,
    log: silentLog(),
    onReceiveInTx: rig.hooks,
    emit: () => {},
  };
  return createReportsRoom(
    ctx,
    {
      catalog: rig.catalog,
      dossiers: rig.dossiers,
      feedback: { between: () => [] },
      settings: () => rig.settings.get(),
    },
    () => rig.clock.now.getTime(),
  ).handlers;
}

/** The portal reported the result at `at` (what the outbox records when it reads status 9). */
function resolve(rig: Rig, dossierId: string, at: string) {
  rig.store.db
    .prepare(
      "UPDATE outbox_items SET state = 'result_ready', portal_status = 9, resolved_at = ? WHERE dossier_id = ? AND kind = 'submit'",
    )
    .run(at, dossierId);
}

async function sheet(b64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(b64, 'base64') as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

const rowOf = (ws: ExcelJS.Worksheet, name: string) => {
  for (let i = 1; i <= ws.rowCount; i++) {
    const r = ws.getRow(i);
    if (r.getCell(1).value === name) return [2, 3, 4, 5, 6].map((c) => r.getCell(c).value);
  }
  throw new Error(`no row ${name}`);
};

describe('peak months (tháng cao điểm)', () => {
  it('marks March in the figures, sums the month against February, and the Friday report says so', async () => {
    const rig = openRig(tempDir(), new Date('2026-02-10T02:00:00Z'));
    new Outbox(
      {
        dataDir: rig.store.dataDir,
        store: rig.store,
        log: silentLog(),
        onReceiveInTx: rig.hooks,
        emit: () => {},
      },
      rig.dossiers,
      { frozenFiles: () => Promise.reject(new Error('never started')) },
      rig.settings,
    );
    const online = { how: 'checkbox' as const };
    const receive = async (at: string) => {
      rig.clock.now = new Date(at);
      const d = rig.dossiers.create('2.000815', 'tạm');
      rig.reception.setApplicant(d.id, WHO);
      return rig.reception.receive(d.id, {
        consent: online,
        exceptions: [{ componentCode: 'VB', reason: 'Bản giấy, quét sau' }],
      });
    };
    // February: two received, one resolved on time.
    const f1 = await receive('2026-02-10T02:00:00Z');
    await receive('2026-02-11T02:00:00Z');
    resolve(rig, f1.id, '2026-02-10T04:00:00Z');
    // March: three received; one on time, one late with an apology for the agency's own delay, one open.
    const m1 = await receive('2026-03-02T02:00:00Z');
    const m2 = await receive('2026-03-03T02:00:00Z');
    await receive('2026-03-04T02:00:00Z');
    resolve(rig, m1.id, '2026-03-02T04:00:00Z');
    rig.clock.now = new Date('2026-03-03T09:00:00Z'); // 16:00: an hour past its 15:00 appointment
    rig.notices.apologize(
      m2.id,
      {
        reason: 'Cán bộ thụ lý đi công tác đột xuất.',
        cause: 'subjective',
        newAppointmentAt: '2026-03-04T10:00',
      },
      'Lê Thị Hoa',
    );
    resolve(rig, m2.id, '2026-03-04T02:00:00Z');

    rig.clock.now = new Date('2026-04-01T02:00:00Z');
    const h = reports(rig);
    const march = await h['reports.figures']({ from: '2026-03-01', to: '2026-03-31' }, CALLER);
    expect(march.peakMonths).toEqual(['2026-03']);
    expect(march.resolved).toMatchObject({
      total: 2,
      onTime: 1,
      late: 1,
      lateByCause: { subjective: 1, objective: 0, unexplained: 0 },
    });
    expect((await h['reports.figures']({ from: '2026-04-01', to: '2026-04-30' }, CALLER)).peakMonths).toEqual(
      [],
    );
    expect((await h['reports.figures']({ from: '2026-02-20', to: '2026-06-10' }, CALLER)).peakMonths).toEqual(
      ['2026-03', '2026-06'],
    );

    const file = await h['reports.peak']({ month: '2026-03' }, CALLER);
    expect(file.fileName).toMatch(/^bao-cao-thang-cao-diem-.*-2026-03\.xlsx$/);
    const ws = await sheet(file.dataBase64);
    expect(ws.getRow(1).getCell(1).value).toBe('BÁO CÁO THÁNG CAO ĐIỂM — THÁNG 03/2026');
    expect(ws.getRow(6).values).toEqual([
      undefined,
      'Chỉ số',
      'Tháng 03/2026',
      'Tỷ lệ (%)',
      'Tháng 02/2026',
      'Tỷ lệ (%)',
      'Chênh lệch',
    ]);
    expect(rowOf(ws, 'Hồ sơ tiếp nhận')).toEqual([3, '—', 2, '—', '+1']);
    expect(rowOf(ws, 'Giải quyết đúng hạn')).toEqual([1, 50, 1, 100, '-50 điểm %']);
    expect(rowOf(ws, 'Dịch vụ công trực tuyến toàn trình')[0]).toBe(march.shares.fullOnline.numerator);
    expect(rowOf(ws, 'Giải quyết quá hạn')).toEqual([1, '—', 0, '—', '+1']);
    expect(rowOf(ws, '— do chủ quan (có phiếu xin lỗi)')).toEqual([1, '—', 0, '—', '+1']);
    const april = await sheet((await h['reports.peak']({ month: '2026-04' }, CALLER)).dataBase64);
    expect(april.getRow(1).getCell(1).value).toBe('BÁO CÁO THÁNG 04/2026 (không phải tháng cao điểm)');

    // The Friday report of a March week says the week is in a peak month; an April week does not.
    const weekly = async (weekOf: string) => {
      const ws = await sheet((await h['reports.weekly']({ weekOf }, CALLER)).dataBase64);
      return ws.getColumn(1).values.includes('Tháng cao điểm') ? ws.getRow(6).getCell(2).value : null;
    };
    expect(await weekly('2026-03-06')).toBe('Tuần này thuộc tháng cao điểm 03/2026');
    expect(await weekly('2026-04-10')).toBeNull();
    rig.store.close();
  });

  it('sohoa report peak writes the month’s XLSX and refuses a month that is not one', async () => {
    const data = tempDir();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [BIN, '--data', data, ...args], { encoding: 'utf8', timeout: 60_000 });
    const out = path.join(data, 'thang-6.xlsx');
    const ok = run('report', 'peak', '--month', '2026-06', '--out', out);
    expect(ok.status, ok.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('BÁO CÁO THÁNG CAO ĐIỂM — THÁNG 06/2026');
    expect(wb.worksheets[0]!.getRow(6).getCell(4).value).toBe('Tháng 05/2026');
    expect(run('report', 'peak', '--month', '2026-13', '--out', out).status).toBe(2);
  });
});
