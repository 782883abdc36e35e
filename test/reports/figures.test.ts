import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { workWeek } from '../../electron/engine/reports';
import type { Share } from '../../shared/api/rooms/reports';
import { formatInstant, localParts } from '../../shared/domain/deadline';
import { type Sandbox, startSandbox } from '../../electron/engine/training';
import { tempDir } from '../helpers/tmp';
import { payCounter, receiveCounter, runCounter } from './counter';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

const today = () => formatInstant(Date.now()).slice(0, 10);
const weekday = () => ![0, 6].includes(localParts(Date.now()).weekday);
const daysAgo = (n: number) => formatInstant(Date.now() - n * 86_400_000).slice(0, 10);

async function openStation(dataDir: string) {
  const engine = createEngine({
    dataDir,
    imaging: { ocr: false },
    outbox: { baseBackoffMs: 30, maxBackoffMs: 300, statusPollMs: 100, chunkSize: 16 * 1024 },
  });
  const client = connectInProcess(engine);
  closers.push(() => {
    client.dispose();
    engine.close();
  });
  const sandbox: Sandbox = await startSandbox({ dataDir: tempDir('sohoa-sandbox-'), advanceMs: 200 });
  closers.push(() => sandbox.close());
  return { client, sandbox };
}

describe('the supervisor reads the counter figures', { timeout: 240_000 }, () => {
  it('counts on time, late, overdue and due soon; colours the directive’s shares; payments feed the online-payment share', async () => {
    const dir = tempDir();
    const dataDir = path.join(dir, 'station');
    const who = await receiveCounter(dataDir);
    const { client, sandbox } = await openStation(dataDir);
    await runCounter(client, sandbox.url, who);
    const period = { from: daysAgo(40), to: today() };

    // Before anyone pays, there is nothing to judge online payment by: its own neutral state, not green.
    const unpaid = await client.call('reports.figures', period);
    expect(unpaid.shares.onlinePayment).toEqual({
      numerator: 0,
      denominator: 0,
      percent: null,
      level: 'no_data',
    });

    await payCounter(client, who);
    const f = await client.call('reports.figures', period);
    expect(f.received).toBe(8);
    expect(f.resolved).toEqual({
      total: 3,
      onTime: 2,
      late: 1,
      lateByCause: { subjective: 0, objective: 0, unexplained: 1 },
    });
    // H's appointment passed too, but its clock stopped while the citizen completes it: not overdue.
    expect(f.pending).toEqual({ notDue: 2, dueSoon: 1, overdue: 1, awaitingCompletion: 1 });
    expect(f.shares.onTime).toEqual({ numerator: 2, denominator: 3, percent: 66.7, level: 'orange' });
    expect(f.shares.fullOnline).toEqual({ numerator: 6, denominator: 8, percent: 75, level: 'yellow' });
    // Issue 7: the payment status feeds the figures — A online, B and C cash.
    expect(f.shares.onlinePayment).toEqual({ numerator: 1, denominator: 3, percent: 33.3, level: 'red' });
    // A, B, C assembled for upload, F assembled by the clerk, but none signed: Decree 30/2020's
    // digitized copy carries the organisation's signature, so an unsigned PDF is not counted.
    expect(f.shares.digitized).toEqual({ numerator: 0, denominator: 8, percent: 0, level: 'red' });
    expect(f.shares.uploaded).toEqual({ numerator: 3, denominator: 8, percent: 37.5, level: 'red' });
    expect(f.signed).toBe(0);
    expect(f.backlog.map((b) => [b.code, b.kind])).toEqual([
      [who.D.code, 'overdue'],
      [who.E.code, 'due_soon'],
    ]);
    expect(f.backlog[0]).toMatchObject({ dossierId: who.D.id, procedureCode: '1.000656' });
    expect(f.backlog[0]!.applicantName).toContain('Công dân D');
    expect(f.failedUploads.map((u) => [u.code, u.state, u.error.code])).toEqual([
      [who.G.code, 'failed', 'outbox_no_files'],
    ]);

    // The CLI-style default period is this week so far: C and D were received a month ago.
    const week = await client.call('reports.figures', {});
    expect(week.to).toBe(today());
    expect(week.received).toBe(5);
    expect(week.resolved).toMatchObject({ total: 3, onTime: 2, late: 1 });

    // A week in 2020: nothing received, nothing resolved, nothing to colour.
    const empty = await client.call('reports.figures', { from: '2020-01-06', to: '2020-01-10' });
    expect(empty.received).toBe(0);
    expect(empty.resolved.total).toBe(0);
    expect(empty.backlog).toEqual([]);
    for (const s of Object.values(empty.shares)) expect(s).toMatchObject({ percent: null, level: 'no_data' });

    // A reversed period is refused with a message saying what to do.
    await expect(client.call('reports.figures', { from: today(), to: daysAgo(3) })).rejects.toMatchObject({
      error: { code: 'report_period_invalid' },
    });

    // The province lowers the thresholds: the same figures take other colours.
    await client.call('settings.update', {
      figureThresholds: { darkGreen: 60, green: 50, yellow: 40, orange: 30 },
    });
    const lowered = await client.call('reports.figures', period);
    expect(lowered.thresholds).toEqual({ darkGreen: 60, green: 50, yellow: 40, orange: 30 });
    expect(lowered.shares.onTime.level).toBe('dark_green');
    expect(lowered.shares.fullOnline.level).toBe('dark_green');
    expect(lowered.shares.digitized.level).toBe('red');
    expect(lowered.shares.uploaded.level).toBe('orange');
    expect(lowered.shares.onlinePayment.level).toBe('orange');
    // Thresholds out of order are refused, the stored ones stay.
    await expect(
      client.call('settings.update', {
        figureThresholds: { darkGreen: 50, green: 80, yellow: 70, orange: 60 },
      }),
    ).rejects.toMatchObject({ error: { code: 'invalid_request' } });
    await client.call('settings.update', {
      figureThresholds: { darkGreen: 90, green: 80, yellow: 70, orange: 50 },
    });

    // The Friday report, read back with exceljs: values and fills.
    const file = await client.call('reports.weekly', {});
    expect(file.fileName).toMatch(/^bao-cao-tuan-000\.00\.00\.H47-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Chỉ số', 'Hồ sơ quá hạn', 'Gửi lỗi', 'Hài lòng']);
    const sheet = wb.getWorksheet('Chỉ số')!;
    const rows = new Map<string, ExcelJS.Row>();
    sheet.eachRow((r) => rows.set(String(r.getCell(1).value), r));
    expect(rows.get('Đơn vị')!.getCell(2).value).toBe(f.unitName);
    // The file holds the figures of Monday–Friday of this week, each level as text and as the cell's fill.
    const wk = await client.call('reports.figures', workWeek(today()));
    const FILL = { orange: 'FFFB8C00', red: 'FFE53935', yellow: 'FFFDD835', no_data: 'FFE0E0E0' } as const;
    const TEXT = { orange: 'Cam', red: 'Đỏ', yellow: 'Vàng', no_data: 'Chưa có dữ liệu' } as const;
    const check = (label: string, s: Share) => {
      const row = rows.get(label)!;
      expect([2, 3, 4].map((c) => row.getCell(c).value)).toEqual([
        s.numerator,
        s.denominator,
        s.percent ?? '—',
      ]);
      expect(row.getCell(5).value).toBe(TEXT[s.level as keyof typeof TEXT]);
      expect((row.getCell(5).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(
        FILL[s.level as keyof typeof FILL],
      );
    };
    check('Tỷ lệ hồ sơ giải quyết đúng hạn', wk.shares.onTime);
    check('Tỷ lệ hồ sơ thanh toán trực tuyến', wk.shares.onlinePayment);
    check('Tỷ lệ hồ sơ dịch vụ công trực tuyến toàn trình', wk.shares.fullOnline);
    // Nobody rated yet: the satisfaction share has its neutral state (test/feedback has the ratings).
    check('Tỷ lệ người dân hài lòng (Rất hài lòng, Hài lòng)', wk.satisfaction.share);
    expect(rows.get('Tiếp nhận trong kỳ')!.getCell(2).value).toBe(wk.received);
    const late = wb.getWorksheet('Hồ sơ quá hạn')!;
    expect(late.getRow(2).getCell(1).value).toBe(who.D.code);
    expect(late.getRow(2).getCell(6).value).toBe('Quá hạn');
    expect((late.getRow(2).getCell(6).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFE53935');
    if (weekday()) {
      // Run on a working day, this week holds A, B, E, F, G and today's three results.
      expect(wk.received).toBe(5);
      expect(wk.shares.onTime).toMatchObject({ numerator: 2, denominator: 3, level: 'orange' });
      expect(wk.shares.onlinePayment).toMatchObject({ numerator: 1, denominator: 2, level: 'orange' });
      expect(wk.shares.fullOnline).toMatchObject({ numerator: 3, denominator: 5, level: 'orange' });
      expect(late.getRow(3).getCell(1).value).toBe(who.E.code);
      expect(late.getRow(3).getCell(6).value).toBe('Sắp đến hạn');
    }
    const failed = wb.getWorksheet('Gửi lỗi')!;
    expect(failed.getRow(2).getCell(1).value).toBe(who.G.code);
    expect(failed.getRow(2).getCell(4).value).toBe('outbox_no_files');
    expect(String(failed.getRow(2).getCell(6).value)).toContain('Thử lại ngay');

    await expect(client.call('reports.weekly', { weekOf: '2026-02-30' })).rejects.toMatchObject({
      error: { code: 'report_period_invalid' },
    });
    // A week with nothing: the report still opens, every level reads "Chưa có dữ liệu" on grey.
    const old = await client.call('reports.weekly', { weekOf: '2020-01-08' });
    expect(old.fileName).toBe('bao-cao-tuan-000.00.00.H47-2020-01-10.xlsx');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(old.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws2 = wb2.getWorksheet('Chỉ số')!;
    let noData = 0;
    ws2.eachRow((r) => {
      if (r.getCell(5).value === 'Chưa có dữ liệu') {
        noData++;
        expect((r.getCell(5).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFE0E0E0');
      }
    });
    expect(noData).toBe(6); // the five shares and the satisfaction share
  });
});
