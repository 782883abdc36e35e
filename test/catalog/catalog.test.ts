import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { StationError } from '../../shared/api/errors';
import { searchProcedures } from '../../shared/domain/search';
import { tempDir } from '../helpers/tmp';
import { openRig } from '../reception/rig';

async function refusal(p: Promise<unknown>): Promise<StationError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StationError);
  expect((err as StationError).code).toBe('catalog_invalid');
  return err as StationError;
}

async function xlsx(procRows: (string | number)[][], compRows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ps = wb.addWorksheet('Thủ tục');
  for (const r of procRows) ps.addRow(r);
  const cs = wb.addWorksheet('Thành phần');
  for (const r of compRows) cs.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const PROC_HEAD = [
  'Mã thủ tục',
  'Tên thủ tục',
  'Lĩnh vực',
  'Cơ quan thực hiện',
  'Số ngày giải quyết',
  'Lệ phí (đồng)',
];
const COMP_HEAD = ['Mã thủ tục', 'Mã thành phần', 'Tên thành phần', 'Bắt buộc', 'Số bản'];

describe('the procedure catalogue', () => {
  it('ships a sample of about twenty commune and province procedures, marked as a sample', () => {
    const file = JSON.parse(fs.readFileSync('resources/catalog/sample-quang-nam.json', 'utf8')) as {
      sample: boolean;
      note: string;
      procedures: { code: string; level: string; components: { code: string }[] }[];
    };
    expect(file.sample).toBe(true);
    expect(file.note).toMatch(/MẪU/);
    expect(file.procedures.length).toBeGreaterThanOrEqual(20);
    expect(new Set(file.procedures.map((p) => p.level))).toEqual(new Set(['commune', 'province']));
    const byCode = new Map(file.procedures.map((p) => [p.code, p.components.map((c) => c.code)]));
    expect(byCode.get('1.001193')).toEqual(['TK', 'GCS', 'UQ']);
    expect(byCode.get('1.000894')?.[0]).toBe('TK');
  });

  it('finds procedures by code or by words typed without diacritics', () => {
    const rig = openRig(tempDir());
    const list = rig.catalog.list();
    expect(searchProcedures(list, 'khai sinh')[0]?.name).toBe('Đăng ký khai sinh');
    expect(searchProcedures(list, 'KHAI SINH').map((p) => p.code)).toContain('1.000689');
    expect(searchProcedures(list, '1.0011')[0]?.code).toBe('1.001193');
    expect(searchProcedures(list, 'ket hon')[0]?.code).toBe('1.000894');
    expect(searchProcedures(list, 'đất đai').map((p) => p.code)).toEqual(['1.000775']);
    expect(searchProcedures(list, 'không có thủ tục này')).toEqual([]);
    rig.store.close();
  });

  it('exports to JSON and XLSX and imports both back unchanged', async () => {
    const rig = openRig(tempDir());
    const before = rig.catalog.list();
    const json = await rig.catalog.export('json');
    expect(JSON.parse(json.bytes.toString('utf8')).sample).toBe(true);
    const book = await rig.catalog.export('xlsx');
    const other = openRig(tempDir());
    other.store.db.exec('DELETE FROM procedures');
    expect(await other.catalog.import('danh-muc.xlsx', book.bytes)).toHaveLength(before.length);
    expect(other.catalog.list()).toEqual(before);
    other.store.db.exec('DELETE FROM procedures');
    await other.catalog.import('danh-muc.json', json.bytes);
    expect(other.catalog.list()).toEqual(before);
    rig.store.close();
    other.store.close();
  });

  it('refuses an XLSX with missing columns, naming them, and changes nothing', async () => {
    const rig = openRig(tempDir());
    const before = rig.catalog.list();
    const bytes = await xlsx(
      [
        ['Mã thủ tục', 'Tên thủ tục', 'Lệ phí (đồng)'],
        ['9.000001', 'Thủ tục mới', 0],
      ],
      [COMP_HEAD, ['9.000001', 'TK', 'Tờ khai', 'x', 1]],
    );
    const err = await refusal(rig.catalog.import('moi.xlsx', bytes));
    expect(err.params.problem).toContain(
      'trang tính "Thủ tục" thiếu cột: Lĩnh vực, Cơ quan thực hiện, Số ngày giải quyết',
    );
    expect(rig.catalog.list()).toEqual(before);
    rig.store.close();
  });

  it('refuses duplicate codes and rows that do not fit, importing nothing of a half-good file', async () => {
    const rig = openRig(tempDir());
    const before = rig.catalog.list();
    const bytes = await xlsx(
      [
        PROC_HEAD,
        ['9.000001', 'Thủ tục A', 'Hộ tịch', 'UBND cấp xã', 3, 0],
        ['9.000002', 'Thủ tục B', 'Hộ tịch', 'UBND cấp xã', 'ba', 0],
        ['9.000001', 'Thủ tục A lặp', 'Hộ tịch', 'UBND cấp xã', 3, 0],
      ],
      [
        COMP_HEAD,
        ['9.000001', 'TK', 'Tờ khai', 'x', 1],
        ['9.000002', 'TK', 'Tờ khai', 'x', 1],
        ['9.999999', 'TK', 'Tờ khai', 'x', 1],
      ],
    );
    const err = await refusal(rig.catalog.import('loi.xlsx', bytes));
    expect(err.params.problem).toContain('mã thủ tục 9.000001 bị trùng (dòng 2 và dòng 4)');
    expect(err.params.problem).toContain('"Thủ tục" dòng 3, cột Số ngày giải quyết');
    expect(err.params.problem).toContain('"Thành phần" dòng 4: mã thủ tục 9.999999 không có trong "Thủ tục"');
    expect(rig.catalog.list()).toEqual(before);

    const dupJson = Buffer.from(
      JSON.stringify({
        procedures: [
          {
            code: '9.1',
            name: 'A',
            field: 'x',
            agency: 'y',
            processingDays: 1,
            components: [
              { code: 'TK', name: 'T', required: true },
              { code: 'TK', name: 'T2', required: true },
            ],
          },
          {
            code: '9.1',
            name: 'B',
            field: 'x',
            agency: 'y',
            processingDays: 1,
            components: [{ code: 'TK', name: 'T', required: true }],
          },
          { code: '9.2', name: 'C', field: 'x', agency: 'y', components: [] },
        ],
      }),
    );
    const j = await refusal(rig.catalog.import('loi.json', dupJson));
    expect(j.params.problem).toContain('thủ tục thứ 3 (processingDays)');
    expect(j.params.problem).toContain('thủ tục thứ 3 (components)');
    const j2 = await refusal(
      rig.catalog.import(
        'lap.json',
        Buffer.from(JSON.stringify(JSON.parse(dupJson.toString()).procedures.slice(0, 2))),
      ),
    );
    expect(j2.params.problem).toContain('mã thủ tục 9.1 bị trùng (thủ tục thứ 1 và thủ tục thứ 2)');
    expect(j2.params.problem).toContain('thủ tục 9.1: mã thành phần TK bị trùng');
    expect(
      (await refusal(rig.catalog.import('hong.json', Buffer.from('{"procedures": [')))).params.problem,
    ).toMatch(/không phải JSON/);
    expect(rig.catalog.list()).toEqual(before);
    rig.store.close();
  });
});

describe('the reception command line', () => {
  const cli = (dir: string, ...args: string[]) => {
    try {
      return {
        code: 0,
        out: execFileSync(
          process.execPath,
          ['--import', 'tsx', 'electron/cli/main.ts', '--data', dir, ...args],
          { encoding: 'utf8', stdio: 'pipe', timeout: 60_000 },
        ),
      };
    } catch (e) {
      const err = e as { status: number; stdout: string; stderr: string };
      return { code: err.status, out: err.stdout + err.stderr };
    }
  };

  it('computes a deadline, reads a QR, refuses a bad catalogue and receives a dossier with its receipt', () => {
    const dir = tempDir();
    const holidays = path.join(dir, 'holidays.json');
    fs.writeFileSync(
      holidays,
      JSON.stringify([{ from: '2026-03-03', to: '2026-03-03', name: 'Ngày nghỉ thử' }]),
    );
    const d = cli(
      dir,
      'deadline',
      '--received',
      '2026-03-02T09:00+07:00',
      '--days',
      '1',
      '--holidays',
      holidays,
      '--json',
    );
    expect(d.code).toBe(0);
    expect(JSON.parse(d.out).appointmentAt).toBe('2026-03-04T09:00:00+07:00');
    const q = cli(
      dir,
      'applicant',
      'parse-qr',
      '049090001234||NGUYỄN VĂN AN|15081990|Nam|Quảng Nam|20042021',
      '--json',
    );
    expect(JSON.parse(q.out)).toMatchObject({
      ok: true,
      person: { name: 'NGUYỄN VĂN AN', birthDate: '1990-08-15' },
    });
    const bad = cli(dir, 'applicant', 'parse-qr', '049090001234|x', '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out).error.code).toBe('qr_truncated');
    const badCatalog = path.join(dir, 'c.json');
    fs.writeFileSync(badCatalog, '[{"code": "1"}]');
    const imp = cli(dir, '--lang', 'vi', 'catalog', 'import', badCatalog);
    expect(imp.code).toBe(1);
    expect(imp.out).toContain('Tệp danh mục "c.json" không nhập được, chưa có gì thay đổi');
    const id = cli(
      dir,
      'dossier',
      'new',
      '--procedure',
      '1.000894',
      '--applicant-name',
      'Võ Thị Em',
    ).out.trim();
    const refused = cli(dir, 'dossier', 'receive', id);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('dossier_incomplete');
    const r = cli(
      dir,
      'dossier',
      'receive',
      id,
      '--except',
      'TK=Bản giấy, quét sau',
      '--except',
      'XNTTHN=Bản giấy, quét sau',
      '--json',
    );
    expect(JSON.parse(r.out).code).toMatch(/^000\.00\.00\.H47-\d{6}-0001$/);
    const out = path.join(dir, 'reception.receipt');
    expect(cli(dir, 'receipt', id, '--out', out).code).toBe(0);
    expect(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })).toContain('Võ Thị Em');
  }, 180_000);
});
