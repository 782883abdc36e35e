import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { StationError } from '../../shared/api/errors';
import { catalogHandlers } from '../../electron/engine/catalog/handlers';
import { errorMessage } from '../../shared/i18n';
import { runSohoaSource } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { openRig } from '../reception/rig';

/**
 * The export of the national procedure database (Cơ sở dữ liệu quốc gia về TTHC), as a supervisor
 * downloads it: one sheet, a title above the header row, the regulation's words in the cells.
 */
const HEAD = [
  'STT',
  'Mã thủ tục',
  'Tên thủ tục',
  'Cấp thực hiện',
  'Lĩnh vực',
  'Cơ quan thực hiện',
  'Thời hạn giải quyết',
  'Phí, lệ phí',
  'Thành phần hồ sơ',
];

async function nationalExport(head: string[], rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách TTHC');
  ws.addRow(['DANH SÁCH THỦ TỤC HÀNH CHÍNH']);
  ws.mergeCells(1, 1, 1, head.length);
  ws.addRow([]);
  ws.addRow(head);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function refusal(p: Promise<unknown>): Promise<StationError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StationError);
  expect((err as StationError).code).toBe('catalog_invalid');
  return err as StationError;
}

const KHAI_SINH = [
  1,
  '1.001193',
  'Thủ tục đăng ký khai sinh',
  'Cấp Xã',
  'Hộ tịch',
  'Ủy ban nhân dân cấp xã',
  'Ngay trong ngày tiếp nhận hồ sơ; trường hợp cần xác minh thì không quá 03 ngày làm việc',
  'Miễn lệ phí',
  '',
];
const NEW_ONE = [
  2,
  '2.002412',
  'Cấp giấy phép kinh doanh karaoke',
  'Cấp Tỉnh',
  'Văn hóa',
  'Sở Văn hóa, Thể thao và Du lịch',
  '05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ',
  'Phí thẩm định: 4.000.000 đồng/giấy phép',
  '- Đơn đề nghị cấp giấy phép (Mẫu số 01)\n- Bản sao giấy chứng nhận đăng ký doanh nghiệp\n- Số lượng hồ sơ: 01 bộ',
];
const HOURS = [
  3,
  '1.000656',
  'Đăng ký khai tử',
  'Cấp Xã',
  'Hộ tịch',
  'Ủy ban nhân dân cấp xã',
  '08 giờ làm việc',
  'Không',
  '',
];

describe('importing the national procedure database’s Excel export', () => {
  it('recognises its header under the title, updates the procedures the station has and adds new ones', async () => {
    const rig = openRig(tempDir());
    rig.catalog.setCutoff('1.001193', '15:00');
    const before = rig.catalog.get('1.001193');
    const count = rig.catalog.list().length;
    const imported = await rig.catalog.import(
      'thu-tuc-csdl-quoc-gia.xlsx',
      await nationalExport(HEAD, [KHAI_SINH, NEW_ONE, HOURS]),
    );
    expect(imported.map((p) => p.code)).toEqual(['1.001193', '2.002412', '1.000656']);

    const ks = rig.catalog.get('1.001193');
    expect(ks).toMatchObject({
      name: 'Thủ tục đăng ký khai sinh',
      field: 'Hộ tịch',
      level: 'commune',
      feeVnd: 0,
    });
    // A number of days written wins over "ngay trong ngày": the longest the regulation allows is promised.
    expect(ks.processingDays).toBe(3);
    // Papers and cut-off time stay the station's: dossiers already name TK, GCS, UQ.
    expect(ks.components).toEqual(before.components);
    expect(ks.cutoffTime).toBe('15:00');

    const k = rig.catalog.get('2.002412');
    expect(k).toMatchObject({
      agency: 'Sở Văn hóa, Thể thao và Du lịch',
      level: 'province',
      processingDays: 5,
      feeVnd: 4_000_000,
    });
    expect(k.components.map((c) => [c.code, c.name])).toEqual([
      ['TP1', 'Đơn đề nghị cấp giấy phép (Mẫu số 01)'],
      ['TP2', 'Bản sao giấy chứng nhận đăng ký doanh nghiệp'],
    ]);
    expect(rig.catalog.get('1.000656')).toMatchObject({ processingHours: 8, processingDays: 1, feeVnd: 0 });
    expect(rig.catalog.list().length).toBe(count + 1);
  });

  it('a missing required column, an unknown column, an unreadable duration: refused in Vietnamese, nothing imported', async () => {
    const rig = openRig(tempDir());
    const before = rig.catalog.list();

    const noDeadline = HEAD.filter((h) => h !== 'Thời hạn giải quyết');
    const e1 = await refusal(
      rig.catalog.import(
        'xuat.xlsx',
        await nationalExport(noDeadline, [KHAI_SINH.filter((_, i) => i !== 6)]),
      ),
    );
    expect(e1.params.problem).toContain('trang tính "Danh sách TTHC" thiếu cột: Thời hạn giải quyết');
    expect(errorMessage(e1)).toContain('Thời hạn giải quyết');

    const e2 = await refusal(
      rig.catalog.import('xuat.xlsx', await nationalExport([...HEAD, 'Ghi chú nội bộ phòng'], [KHAI_SINH])),
    );
    expect(e2.params.problem).toContain('có cột trạm không hiểu: "Ghi chú nội bộ phòng"');

    const vague = [...NEW_ONE];
    vague[6] = 'Theo quy định';
    const e3 = await refusal(rig.catalog.import('xuat.xlsx', await nationalExport(HEAD, [KHAI_SINH, vague])));
    expect(e3.params.problem).toContain(
      'trang tính "Danh sách TTHC" dòng 5 (2.002412), cột Thời hạn giải quyết: không hiểu "Theo quy định"',
    );

    const noPapers = [...NEW_ONE];
    noPapers[8] = '';
    const e4 = await refusal(rig.catalog.import('xuat.xlsx', await nationalExport(HEAD, [noPapers])));
    expect(e4.params.problem).toContain('thủ tục chưa có trên trạm và cột Thành phần hồ sơ trống');

    expect(rig.catalog.list()).toEqual(before);
  });
});

/**
 * The list as the national procedure database's "Xuất Excel" gives it (export_exel_list_tthc.jsp):
 * a merged title, the agency's line, then the header — column names as two independent public
 * importers of that file read them (README, Catalogue). No deadline, fee or papers.
 */
const LIST_HEAD = [
  'STT',
  'Mã TTHC',
  'Tên TTHC',
  'QĐ Công bố',
  'Đối tượng',
  'Lĩnh vực',
  'Cơ quan công khai',
  'Cấp thực hiện',
  'Tình trạng',
];

async function nationalList(head: string[], rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['DANH SÁCH THỦ TỤC HÀNH CHÍNH']);
  ws.mergeCells(1, 1, 1, head.length);
  ws.addRow(['Cơ quan thực hiện: Ủy ban nhân dân tỉnh Quảng Nam']);
  ws.mergeCells(2, 1, 2, head.length);
  ws.addRow([]);
  ws.addRow(head);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const LIST_KHAI_SINH = [
  1,
  '1.001193',
  'Thủ tục đăng ký khai sinh',
  '1872/QĐ-BTP',
  'Công dân Việt Nam',
  'Hộ tịch',
  'Bộ Tư pháp',
  'Cấp Xã',
  'Còn hiệu lực',
];
// Excel took this code for a number: 1.000656 (the cell shows 1.000656, the file holds a float).
const LIST_KHAI_TU = [
  2,
  1.000656,
  'Thủ tục đăng ký khai tử',
  '1872/QĐ-BTP',
  'Công dân Việt Nam',
  'Hộ tịch, khai tử',
  'Bộ Tư pháp',
  'Cấp Tỉnh',
  'Còn hiệu lực',
];
const LIST_NEW = [
  3,
  '2.002412',
  'Cấp giấy phép kinh doanh karaoke',
  '3245/QĐ-BVHTTDL',
  'Doanh nghiệp',
  'Văn hóa',
  'Bộ Văn hóa, Thể thao và Du lịch',
  'Cấp Tỉnh',
  'Còn hiệu lực',
];

describe('importing the national procedure database’s list export (Mã TTHC, Tên TTHC, Cơ quan công khai…)', () => {
  it('finds the header under the merged title and the agency line, renames and re-files the procedures the station has, lists the others as skipped', async () => {
    const rig = openRig(tempDir());
    rig.catalog.setCutoff('1.001193', '15:00');
    const before = rig.catalog.get('1.001193');
    const count = rig.catalog.list().length;
    const call = catalogHandlers(rig.catalog)['catalog.import'];
    const bytes = await nationalList(LIST_HEAD, [LIST_KHAI_SINH, LIST_KHAI_TU, LIST_NEW]);
    const r = await call(
      { fileName: 'danh-sach-tthc.xlsx', dataBase64: bytes.toString('base64') },
      undefined as never,
    );
    expect(r.procedures.map((p) => p.code)).toEqual(['1.001193', '1.000656']);
    expect(r.imported).toBe(2);
    expect(r.skipped).toEqual(['2.002412']);

    const ks = rig.catalog.get('1.001193');
    expect(ks.name).toBe('Thủ tục đăng ký khai sinh');
    // What the list does not carry stays the station's: deadline, fee, papers, agency, cut-off time.
    expect(ks).toMatchObject({
      processingDays: before.processingDays,
      feeVnd: before.feeVnd,
      agency: before.agency,
      cutoffTime: '15:00',
      components: before.components,
    });
    expect(rig.catalog.get('1.000656')).toMatchObject({
      name: 'Thủ tục đăng ký khai tử',
      field: 'Hộ tịch, khai tử',
      level: 'province',
    });
    expect(rig.catalog.list().length).toBe(count);
    expect(rig.catalog.list().some((p) => p.code === '2.002412')).toBe(false);
  });

  it('a list with a paper a row (Tên giấy tờ, Mẫu đơn, tờ khai, Tên File) reads each procedure once', async () => {
    const rig = openRig(tempDir());
    const head = [...LIST_HEAD, 'Tên giấy tờ', 'Mẫu đơn, tờ khai', 'Tên File'];
    const imported = await rig.catalog.import(
      'giay-to.xlsx',
      await nationalList(head, [
        [...LIST_KHAI_SINH, 'Tờ khai đăng ký khai sinh', 'Mẫu TK-KS', 'to-khai.docx'],
        [...LIST_KHAI_SINH, 'Giấy chứng sinh', '', ''],
      ]),
    );
    expect(imported.map((p) => p.code)).toEqual(['1.001193']);
  });

  it('a header cell merged across two columns is read once, not refused as a column twice', async () => {
    const rig = openRig(tempDir());
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['DANH SÁCH THỦ TỤC HÀNH CHÍNH']);
    ws.mergeCells(1, 1, 1, 10);
    // "Tên TTHC" spans columns 3 and 4: the name in the first, the second left empty.
    ws.addRow([
      'STT',
      'Mã TTHC',
      'Tên TTHC',
      '',
      'QĐ Công bố',
      'Đối tượng',
      'Lĩnh vực',
      'Cơ quan công khai',
      'Cấp thực hiện',
      'Tình trạng',
    ]);
    ws.mergeCells(2, 3, 2, 4);
    ws.addRow([
      1,
      '1.001193',
      'Thủ tục đăng ký khai sinh',
      '',
      '1872/QĐ-BTP',
      'Công dân',
      'Hộ tịch',
      'Bộ Tư pháp',
      'Cấp Xã',
      'Còn hiệu lực',
    ]);
    const imported = await rig.catalog.import('gop-o.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(imported.map((p) => [p.code, p.name])).toEqual([['1.001193', 'Thủ tục đăng ký khai sinh']]);
  });

  it('a list none of whose procedures is on the station, or without Lĩnh vực: refused in Vietnamese, nothing changed', async () => {
    const rig = openRig(tempDir());
    const before = rig.catalog.list();
    const e1 = await refusal(rig.catalog.import('xuat.xlsx', await nationalList(LIST_HEAD, [LIST_NEW])));
    expect(e1.params.problem).toContain(
      'không thủ tục nào trong đó có trên trạm (1 thủ tục, ví dụ 2.002412)',
    );
    expect(errorMessage(e1)).toContain('không thủ tục nào trong đó có trên trạm');

    const noField = LIST_HEAD.filter((h) => h !== 'Lĩnh vực');
    const e2 = await refusal(
      rig.catalog.import(
        'xuat.xlsx',
        await nationalList(noField, [LIST_KHAI_SINH.filter((_, i) => i !== 5)]),
      ),
    );
    expect(e2.params.problem).toContain('trang tính "Sheet1" thiếu cột: Lĩnh vực');

    const e3 = await refusal(
      rig.catalog.import(
        'xuat.xlsx',
        await nationalList([...LIST_HEAD, 'Tên TTHC'], [[...LIST_KHAI_SINH, 'x']]),
      ),
    );
    expect(e3.params.problem).toContain('"Tên TTHC (trùng nội dung với một cột trước nó)"');
    expect(rig.catalog.list()).toEqual(before);
  });

  it('`sohoa catalog import` of the list says which procedures it skipped (--json and plain)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'danh-sach-tthc.xlsx');
    fs.writeFileSync(file, await nationalList(LIST_HEAD, [LIST_KHAI_SINH, LIST_NEW]));
    const data = path.join(dir, 'station');
    const json = runSohoaSource(['--data', data, 'catalog', 'import', file, '--json'], { timeout: 90_000 });
    expect(json.status, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ imported: 1, codes: ['1.001193'], skipped: ['2.002412'] });
    const plain = runSohoaSource(['--data', data, 'catalog', 'import', file], { timeout: 90_000 });
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stdout).toContain('imported 1 procedure(s)');
    expect(plain.stdout).toContain('skipped 1 not on the station');
    expect(plain.stdout).toContain('2.002412');
  }, 120_000);
});
