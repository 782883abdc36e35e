import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { type Sandbox, startSandbox } from '../../electron/engine/training';
import { runSohoa } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { payCounter, receiveCounter, runCounter } from './counter';

const sandboxes: Sandbox[] = [];
afterEach(async () => {
  for (const s of sandboxes.splice(0)) await s.close();
});

/** Runs `sohoa` as the supervisor would (asynchronously: the sandbox portal lives in this process). */
const sohoa = (args: string[]) =>
  runSohoa(args, { ...process.env, SOHOA_LANG: '', SOHOA_DATA_DIR: '', SOHOA_OCR: '0' });

describe('sohoa report', { timeout: 240_000 }, () => {
  it('prints the figures in Vietnamese and writes the Friday report to a file that Excel readers open', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'station');
    const who = await receiveCounter(data);
    const sandbox = await startSandbox({ dataDir: tempDir('sohoa-sandbox-'), advanceMs: 200 });
    sandboxes.push(sandbox);
    const engine = createEngine({
      dataDir: data,
      imaging: { ocr: false },
      outbox: { baseBackoffMs: 30, maxBackoffMs: 300, statusPollMs: 100 },
    });
    const client = connectInProcess(engine);
    try {
      await runCounter(client, sandbox.url, who);
      await payCounter(client, who);
    } finally {
      client.dispose();
      engine.close();
    }

    const json = await sohoa(['--data', data, 'report', 'figures', '--json']);
    expect(json.err).toBe('');
    expect(json.code).toBe(0);
    const f = JSON.parse(json.out) as { received: number; shares: { onTime: { level: string } } };
    expect(f.received).toBe(5); // this week: C and D were received a month ago
    expect(f.shares.onTime.level).toBe('orange');

    const text = await sohoa([
      '--data',
      data,
      '--lang',
      'vi',
      'report',
      'figures',
      '--from',
      '2020-01-01',
      '--to',
      '2020-01-31',
    ]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('Tiếp nhận: 0');
    expect(text.out).toMatch(/Giải quyết đúng hạn\s+0 \/ 0\s+—\s+chưa có dữ liệu/);
    const month = await sohoa([
      '--data',
      data,
      '--lang',
      'vi',
      'report',
      'figures',
      '--from',
      '2020-01-01',
      '--to',
      '2099-12-31',
    ]);
    expect(month.out).toMatch(/Giải quyết đúng hạn\s+2 \/ 3\s+66\.7 %\s+cam/);
    expect(month.out).toContain(`QUÁ HẠN       ${who.D.code}`);
    expect(month.out).toContain(`[outbox_no_files]`);

    const bad = await sohoa([
      '--data',
      data,
      'report',
      'figures',
      '--from',
      '2026-05-10',
      '--to',
      '2026-05-01',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('report_period_invalid');

    const out = path.join(dir, 'bao-cao.xlsx');
    const weekly = await sohoa(['--data', data, 'report', 'weekly', '--out', out]);
    expect(weekly.err).toBe('');
    expect(weekly.code).toBe(0);
    expect(weekly.out.trim()).toBe(out);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Chỉ số', 'Hồ sơ quá hạn', 'Gửi lỗi', 'Hài lòng']);
    expect(wb.getWorksheet('Hồ sơ quá hạn')!.getRow(2).getCell(1).value).toBe(who.D.code);

    const missing = await sohoa(['--data', data, 'report', 'weekly']);
    expect(missing.code).toBe(2);
  });
});
