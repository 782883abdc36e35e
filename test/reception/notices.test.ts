import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { StationError } from '../../shared/api/errors';
import { tempDir } from '../helpers/tmp';
import { PAGE } from '../../electron/engine/reception/form-parts';
import {
  band,
  flat,
  offPage,
  outOfOrder,
  overlaps,
  pages,
  procedureWith,
  receivedWith,
  words,
} from './forms-rig';
import { openRig, type Rig } from './rig';

const A4: [number, number] = [595.28, 841.89];
const LANDSCAPE: [number, number] = [841.89, 595.28];
const WHO = {
  kind: 'person' as const,
  idNumber: '049090001234',
  name: 'Phạm Thị Dung',
  address: 'Thôn 1, xã Tam Xuân, Quảng Nam',
  phone: '0905123456',
};

async function failure(fn: () => unknown): Promise<StationError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StationError);
    return err as StationError;
  }
  throw new Error('expected a StationError');
}

const pdf = async (rig: Rig, id: string, form: '01' | '02' | '03' | '04' | '05') =>
  Buffer.from((await rig.forms.pdf(id, form)).dataBase64, 'base64');

const NAME_300 = 'Nguyễn Thị Phương Thảo Hoàng Long '.repeat(10).slice(0, 300).trim();
const BIG = {
  ...WHO,
  name: NAME_300,
  address: 'Tổ 3, khối phố Mỹ Thạch Trung, phường Tân Thạnh, thành phố Tam Kỳ, tỉnh Quảng Nam',
};

/** What a clerk writes about a big dossier: each component by its code, as long as a reason may be. */
function reasonNaming(codes: string[], lead: string): string {
  const out = `${lead} ${codes.map((c) => `${c} (bản sao chưa chứng thực, cần bản chính)`).join('; ')}.`;
  expect(out.length).toBeLessThanOrEqual(2000);
  return out;
}

/** Each page "Trang k/n", "(tiếp theo)" from the second on. */
function numbered(bytes: Buffer, dir: string): number {
  const texts = pages(bytes, dir).filter((t) => t.trim());
  texts.forEach((t, i) => {
    expect(t.replace(/\s+/g, ' '), `page ${i + 1}`).toContain(`Trang ${i + 1}/${texts.length}`);
    if (i > 0) expect(t, `page ${i + 1}`).toContain('(tiếp theo)');
  });
  return texts.length;
}

function clean(bytes: Buffer, dir: string, size = A4): void {
  const ws = words(bytes, dir);
  expect(overlaps(ws).map(([a, b]) => `${a.text}@p${a.page} × ${b.text}`)).toEqual([]);
  expect(offPage(ws, size)).toEqual([]);
}

describe('form 03: the refusal to receive', () => {
  it('is made for a draft whose refusal was recorded, with the reason; not for a received dossier', async () => {
    const dir = tempDir();
    const rig = openRig(dir, new Date('2026-03-02T02:00:00Z'));
    const d = rig.dossiers.create('1.001193', 'tạm');
    rig.reception.setApplicant(d.id, WHO);
    expect((await failure(() => pdf(rig, d.id, '03'))).code).toBe('refusal_missing');
    const reason = 'Việc khai sinh thuộc thẩm quyền của UBND xã nơi cư trú của người mẹ, không thuộc xã này.';
    const refused = rig.notices.refuse(d.id, reason, 'Trần Thị Bình');
    expect(refused.refusal).toMatchObject({ reason, by: 'Trần Thị Bình', at: '2026-03-02T09:00:00+07:00' });
    const bytes = await pdf(rig, d.id, '03');
    clean(bytes, dir);
    expect(
      outOfOrder(flat(bytes, dir), [
        'Mẫu số 03',
        'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
        'Tiếp nhận hồ sơ của: Phạm Thị Dung',
        'Căn cước / số định danh cá nhân: 049090001234',
        'Địa chỉ: Thôn 1, xã Tam Xuân, Quảng Nam',
        'Nội dung yêu cầu giải quyết: Đăng ký khai sinh (mã thủ tục 1.001193)',
        'từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
        reason,
        'Xin thông báo để ông/bà (tổ chức) được biết và thực hiện./.',
        'NGƯỜI TIẾP NHẬN HỒ SƠ',
        'Trần Thị Bình',
        'Trang 1/1',
      ]),
    ).toBeNull();
    // A received dossier has no form 03 until it is refused; refused, it ends (test/reception/endings.test.ts).
    const other = await receivedWith(rig, '1.001193', WHO);
    const wrong = await failure(() => pdf(rig, other.id, '03'));
    expect(wrong.code).toBe('form_wrong_status');
    expect(wrong.params).toMatchObject({
      status: 'đã tiếp nhận',
      allowed: 'chưa tiếp nhận hoặc đã từ chối giải quyết',
    });
    expect(rig.notices.refuse(other.id, reason, 'X').status).toBe('refused');
    rig.store.close();
  });
});

describe('forms 03 and 04 of a dossier with 40 components', () => {
  // Mẫu 03 and 04 do not list the components; what grows with them is the reason the clerk writes.
  it('form 03: a 300-character name and a reason naming every component, all read back, nothing overlapping', async () => {
    const dir = tempDir();
    const rig = openRig(dir, new Date('2026-03-02T02:00:00Z'));
    await procedureWith(rig, 'T.FORMS', 40);
    const d = rig.dossiers.create('T.FORMS', 'tạm');
    rig.reception.setApplicant(d.id, BIG);
    const codes = d.components.map((c) => c.code);
    expect(codes.length).toBe(40);
    const reason = reasonNaming(codes, 'Hồ sơ không đủ điều kiện tiếp nhận do các thành phần sau:');
    rig.notices.refuse(d.id, reason, 'Trần Thị Bình');
    const bytes = await pdf(rig, d.id, '03');
    clean(bytes, dir);
    numbered(bytes, dir);
    const text = flat(bytes, dir);
    expect(
      outOfOrder(text, [
        'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
        `Tiếp nhận hồ sơ của: ${NAME_300}`,
        'Căn cước / số định danh cá nhân: 049090001234',
        `Địa chỉ: ${BIG.address}`,
        'Nội dung yêu cầu giải quyết: Đăng ký biến động quyền sử dụng đất',
        'từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
        ...codes.map((c) => `${c} (bản sao chưa chứng thực, cần bản chính)`),
        'Xin thông báo để ông/bà (tổ chức) được biết và thực hiện./.',
        'NGƯỜI TIẾP NHẬN HỒ SƠ',
        'Trần Thị Bình',
      ]),
    ).toBeNull();
    expect(text).toContain(reason);
    rig.store.close();
  });

  it('form 04: a received 40-component dossier, late, apologised for with a reason naming every component', async () => {
    const dir = tempDir();
    const rig = openRig(dir, new Date('2026-03-02T02:00:00Z')); // Monday 09:00
    await procedureWith(rig, 'T.FORMS', 40);
    const d = await receivedWith(rig, 'T.FORMS', BIG); // ten working days
    expect(d.appointmentAt).toBe('2026-03-16T09:00:00+07:00');
    rig.clock.now = new Date('2026-03-16T03:00:00Z'); // an hour late
    const codes = d.components.map((c) => c.code);
    const reason = reasonNaming(codes, 'Cần xác minh với cơ quan cấp các giấy tờ:');
    rig.notices.apologize(
      d.id,
      { reason, cause: 'objective', newAppointmentAt: '2026-03-18T16:00' },
      'Trần Thị Bình',
    );
    const bytes = await pdf(rig, d.id, '04');
    clean(bytes, dir);
    numbered(bytes, dir);
    expect(
      outOfOrder(flat(bytes, dir), [
        'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
        `Kính gửi: ${NAME_300}`,
        'Ngày 02 tháng 03 năm 2026, Bộ phận Tiếp nhận và Trả kết quả',
        `mã hồ sơ ${d.code}`,
        'Thời gian hẹn trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 16 tháng 03 năm 2026.',
        'Lý do: Cần xác minh với cơ quan cấp các giấy tờ:',
        ...codes.map((c) => `${c} (bản sao chưa chứng thực, cần bản chính)`),
        'sẽ trả kết quả giải quyết hồ sơ vào 16 giờ 00 phút, ngày 18 tháng 03 năm 2026.',
        'Mong nhận được sự thông cảm',
        'THỦ TRƯỞNG CƠ QUAN',
      ]),
    ).toBeNull();
    rig.store.close();
  });
});

describe('form 04: the apology with a new date', () => {
  it('is refused while the dossier is on time, then records the apology, moves the appointment and prints it', async () => {
    const dir = tempDir();
    const rig = openRig(dir, new Date('2026-03-02T02:00:00Z')); // Monday 09:00
    rig.settings.update({ dueSoonWorkingHours: 4 });
    const d = await receivedWith(rig, '1.001193', WHO); // one working day: due Tuesday 09:00
    expect(d.appointmentAt).toBe('2026-03-03T09:00:00+07:00');
    const ask = {
      reason: 'Cần xác minh thông tin nơi sinh với bệnh viện tỉnh.',
      cause: 'objective' as const,
    };
    const early = await failure(() =>
      rig.notices.apologize(d.id, { ...ask, newAppointmentAt: '2026-03-05T09:00' }, 'Trần Thị Bình'),
    );
    expect(early.code).toBe('apology_not_late');
    expect(early.params).toMatchObject({ appointment: '03/03/2026 09:00', hours: 4 });
    expect((await failure(() => pdf(rig, d.id, '04'))).code).toBe('apology_not_late');

    rig.clock.now = new Date('2026-03-03T03:00:00Z'); // Tuesday 10:00: an hour late
    expect((await failure(() => pdf(rig, d.id, '04'))).code).toBe('apology_missing');
    const past = await failure(() =>
      rig.notices.apologize(d.id, { ...ask, newAppointmentAt: '2026-03-03T08:00' }, 'Trần Thị Bình'),
    );
    expect(past.code).toBe('apology_date_invalid');
    expect(
      (await failure(() => rig.notices.apologize(d.id, { ...ask, newAppointmentAt: 'thứ sáu' }, 'X'))).code,
    ).toBe('apology_date_invalid');
    const late = rig.notices.apologize(
      d.id,
      { ...ask, newAppointmentAt: '2026-03-05T16:00' },
      'Trần Thị Bình',
    );
    expect(late.appointmentAt).toBe('2026-03-05T16:00:00+07:00');
    expect(late.apologies).toEqual([
      {
        ...ask,
        previousAppointmentAt: '2026-03-03T09:00:00+07:00',
        newAppointmentAt: '2026-03-05T16:00:00+07:00',
        by: 'Trần Thị Bình',
        at: '2026-03-03T10:00:00+07:00',
      },
    ]);
    expect(rig.apologized).toEqual([d.id]);

    const bytes = await pdf(rig, d.id, '04');
    clean(bytes, dir);
    expect(
      outOfOrder(flat(bytes, dir), [
        'Mẫu số 04',
        'Quảng Nam, ngày 03 tháng 03 năm 2026',
        'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
        'Kính gửi: Phạm Thị Dung',
        'Ngày 02 tháng 03 năm 2026, Bộ phận Tiếp nhận và Trả kết quả',
        `mã hồ sơ ${d.code}`,
        'Thời gian hẹn trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 03 tháng 03 năm 2026.',
        'chưa trả kết quả giải quyết hồ sơ của ông/bà (tổ chức) đúng hạn',
        `Lý do: ${ask.reason}`,
        'sẽ trả kết quả giải quyết hồ sơ vào 16 giờ 00 phút, ngày 05 tháng 03 năm 2026.',
        'Mong nhận được sự thông cảm',
        'THỦ TRƯỞNG CƠ QUAN',
        '(Ký, ghi rõ họ tên và đóng dấu)',
      ]),
    ).toBeNull();
    // Once apologised for, the dossier is on its new date: a second apology is refused until it is late again.
    expect(
      (
        await failure(() =>
          rig.notices.apologize(d.id, { ...ask, newAppointmentAt: '2026-03-09T16:00' }, 'X'),
        )
      ).code,
    ).toBe('apology_not_late');
    rig.store.close();
  });
});

describe('form 05: the control sheet', () => {
  for (const n of [1, 40])
    it(`lists each hand-over with room for the signatures (dossier of ${n} component(s))`, async () => {
      const dir = tempDir();
      const rig = openRig(dir, new Date('2026-03-02T02:00:00Z'));
      await procedureWith(rig, 'T.FORMS', n);
      const d = await receivedWith(rig, 'T.FORMS', WHO);
      rig.clock.now = new Date('2026-03-03T02:00:00Z');
      rig.reception.requestCompletion(d.id, 'Thiếu bản sao giấy chứng nhận, đề nghị bổ sung.');
      rig.clock.now = new Date('2026-03-04T02:00:00Z');
      rig.reception.resumeProcessing(d.id);
      const bytes = await pdf(rig, d.id, '05');
      clean(bytes, dir);
      const text = flat(bytes, dir);
      expect(
        outOfOrder(text, [
          'Mẫu số 05',
          'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
          `Mã hồ sơ: ${d.code}`,
          'Kèm theo hồ sơ của: Phạm Thị Dung',
          'Cơ quan (bộ phận) giải quyết hồ sơ: Văn phòng Đăng ký đất đai',
          'TÊN CƠ QUAN',
        ]),
      ).toBeNull();
      // The table read column by column, as the eye reads it.
      const x = PAGE.margin.left;
      const w = A4[0] - PAGE.margin.left - PAGE.margin.right;
      const col = (from: number, to: number) => band(bytes, dir, 1, x + from * w + 1, x + to * w - 1, A4);
      const unit = 'Bộ phận Tiếp nhận và Trả kết quả — UBND xã (mẫu)';
      const agency = 'Văn phòng Đăng ký đất đai — Chi nhánh (mẫu)';
      expect(
        outOfOrder(col(0, 0.3), [
          'TÊN CƠ QUAN',
          `1. Giao: ${unit} 2. Nhận: ${agency}`,
          `1. Giao: ${agency} 2. Nhận: ${unit}`,
          `1. Giao: ${unit} 2. Nhận: ${agency}`,
          `1. Giao: ${agency} 2. Nhận: ${unit}`,
          `1. Giao: ${unit} 2. Nhận: Người nộp hồ sơ (Phạm Thị Dung)`,
        ]),
      ).toBeNull();
      const times = col(0.3, 0.62);
      expect(
        outOfOrder(times, [
          'THỜI GIAN GIAO, NHẬN HỒ SƠ',
          '… giờ … phút, ngày … tháng … năm …',
          '09 giờ 00 phút, ngày 03 tháng 03 năm 2026',
          '09 giờ 00 phút, ngày 04 tháng 03 năm 2026',
          '… giờ … phút, ngày … tháng … năm …',
          '… giờ … phút, ngày … tháng … năm …',
        ]),
      ).toBeNull();
      expect(times.split('Người giao: …… Người nhận: ……').length - 1).toBe(5);
      expect(
        outOfOrder(col(0.8, 1), [
          'GHI CHÚ',
          'Chuyển hồ sơ giấy',
          'Yêu cầu bổ sung: Thiếu bản sao giấy chứng nhận, đề nghị bổ sung.',
          'Đã bổ sung, tiếp tục giải quyết',
          'Trả kết quả giải quyết',
          'Trả kết quả cho người nộp hồ sơ',
        ]),
      ).toBeNull();
      expect(text).toContain('Ghi chú: Trường hợp hồ sơ được chuyển qua dịch vụ bưu chính');
      expect((await failure(() => pdf(rig, rig.dossiers.create('T.FORMS', 'nháp').id, '05'))).code).toBe(
        'form_wrong_status',
      );
      rig.store.close();
    });
});

describe('the register book (sổ theo dõi hồ sơ)', () => {
  it('lists the dossiers of the period in the book’s order, as a PDF with its header on every page and as XLSX', async () => {
    const dir = tempDir();
    const rig = openRig(dir, new Date('2026-03-02T02:00:00Z'));
    await procedureWith(rig, 'T.FORMS', 2);
    const codes: string[] = [];
    for (let i = 0; i < 45; i++) {
      rig.clock.now = new Date(Date.UTC(2026, 2, 2 + Math.floor(i / 15), 2, i));
      codes.push((await receivedWith(rig, 'T.FORMS', { ...WHO, name: `Người nộp số ${i + 1}` })).code!);
    }
    const file = await rig.forms.register({ from: '2026-03-01', to: '2026-03-31' }, 'pdf');
    expect(file.fileName).toBe('so-theo-doi-ho-so_2026-03-01_2026-03-31.pdf');
    const bytes = Buffer.from(file.dataBase64, 'base64');
    clean(bytes, dir, LANDSCAPE);
    const ws = words(bytes, dir);
    const pagesN = Math.max(...ws.map((w) => w.page));
    expect(pagesN).toBeGreaterThan(1);
    for (let p = 1; p <= pagesN; p++) {
      const on = ws.filter((w) => w.page === p).map((w) => w.text);
      expect(on, `page ${p}`).toContain('STT');
      expect(on.join(' '), `page ${p}`).toContain(`Trang ${p}/${pagesN}`);
    }
    expect(
      outOfOrder(flat(bytes, dir), [
        'SỔ THEO DÕI HỒ SƠ',
        'Quyển số: 01',
        'Từ ngày 01/03/2026 đến ngày 31/03/2026',
      ]),
    ).toBeNull();
    // The code column, page after page: every dossier once, in the book's order.
    const left = 28 + 0.035 * (LANDSCAPE[0] - 56);
    const right = left + 0.13 * (LANDSCAPE[0] - 56);
    const listed = Array.from({ length: pagesN }, (_, i) =>
      band(bytes, dir, i + 1, left + 1, right - 1, LANDSCAPE),
    )
      .join(' ')
      .replace(/\s+/g, '')
      .match(/000\.00\.00\.H47-\d{6}-\d{4}/g);
    expect(listed).toEqual(codes);
    const x = await rig.forms.register({ from: '2026-03-03', to: '2026-03-03' }, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.dataBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(5).getCell(1).value).toBe('STT');
    const rows = sheet
      .getRows(6, sheet.rowCount - 5)!
      .map((r) => [r.getCell(1).value, r.getCell(2).value, r.getCell(5).value]);
    expect(rows).toEqual(codes.slice(15, 30).map((c, i) => [String(16 + i), c, `Người nộp số ${16 + i}`]));
    expect(
      (await failure(() => rig.forms.register({ from: '2026-03-31', to: '2026-03-01' }, 'pdf'))).code,
    ).toBe('report_period_invalid');
    rig.store.close();
  });
});
