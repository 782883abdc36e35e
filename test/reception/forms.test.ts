import { describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { StationError } from '../../shared/api/errors';
import { tempDir } from '../helpers/tmp';
import { flat, offPage, outOfOrder, overlaps, pages, procedureWith, receivedWith, words } from './forms-rig';
import { openRig, type Rig } from './rig';

const A4: [number, number] = [595.28, 841.89];
const pdf = async (rig: Rig, id: string, form: '01' | '02' | '03' | '04' | '05') =>
  Buffer.from((await rig.forms.pdf(id, form)).dataBase64, 'base64');
const NAME_300 = 'Nguyễn Thị Phương Thảo Hoàng Long '.repeat(10).slice(0, 300).trim();

async function failure(fn: () => unknown): Promise<StationError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StationError);
    return err as StationError;
  }
  throw new Error('expected a StationError');
}

/** Nothing drawn over anything else, nothing off the paper. */
function assertClean(bytes: Buffer, dir: string) {
  const ws = words(bytes, dir);
  expect(ws.length).toBeGreaterThan(50);
  expect(overlaps(ws).map(([a, b]) => `${a.text}@p${a.page} × ${b.text}`)).toEqual([]);
  expect(offPage(ws, A4)).toEqual([]);
  return ws;
}

/** Each page of each copy: "Trang k/n", and "(tiếp theo)" from the second page of a copy on. */
function assertNumbered(bytes: Buffer, dir: string, copies: number) {
  const texts = pages(bytes, dir).filter((t) => t.trim());
  expect(texts.length % copies).toBe(0);
  const per = texts.length / copies;
  texts.forEach((t, i) => {
    const k = (i % per) + 1;
    expect(t.replace(/\s+/g, ' '), `page ${i + 1}`).toContain(`Trang ${k}/${per}`);
    if (k > 1) expect(t, `page ${i + 1}`).toContain('(tiếp theo)');
    else expect(t, `page ${i + 1}`).not.toContain('(tiếp theo)');
  });
  return per;
}

describe('the layout check itself', () => {
  it('finds words drawn over each other (so a clean result means something)', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage(A4);
    const font = await doc.embedFont(StandardFonts.TimesRoman);
    page.drawText('Nguyen Van An', { x: 60, y: 700, size: 12, font });
    page.drawText('Dia chi: Thon 1', { x: 80, y: 703, size: 12, font });
    const bytes = Buffer.from(await doc.save());
    expect(overlaps(words(bytes, tempDir())).length).toBeGreaterThan(0);
  });
});

describe('form 01 laid out without loss', () => {
  // 60 components is the bad input: more than any procedure in the catalogue, still every line printed.
  for (const n of [1, 40, 60])
    it(`a dossier with ${n} component(s) and a 300-character name: every field, in order, nothing overlapping`, async () => {
      const dir = tempDir();
      const rig = openRig(dir, new Date('2026-03-02T02:00:00Z'));
      await procedureWith(rig, 'T.FORMS', n);
      const d = await receivedWith(rig, 'T.FORMS', {
        kind: 'person',
        idNumber: '049090001234',
        name: NAME_300,
        address: 'Tổ 3, khối phố Mỹ Thạch Trung, phường Tân Thạnh, thành phố Tam Kỳ, tỉnh Quảng Nam',
        phone: '0905123456',
        email: 'thao@example.vn',
      });
      const bytes = await pdf(rig, d.id, '01');
      assertClean(bytes, dir);
      const per = assertNumbered(bytes, dir, 2);
      if (n === 1) expect(per).toBe(1);
      else if (n === 40) expect(per).toBe(3);
      else expect(per).toBeGreaterThan(3);
      const text = flat(bytes, dir);
      const given = d.components.filter((c) => c.pages.length > 0);
      const excepted = d.exceptions ?? [];
      expect(given.length + excepted.length).toBe(n);
      for (const copy of [
        '(Liên 1: Lưu tại Bộ phận Tiếp nhận và Trả kết quả)',
        '(Liên 2: Giao người nộp hồ sơ)',
      ]) {
        const from = text.indexOf(copy);
        expect(from, copy).toBeGreaterThan(0);
        const missing = outOfOrder(text.slice(from), [
          'Đơn vị tiếp nhận: Bộ phận Tiếp nhận và Trả kết quả',
          `Tiếp nhận hồ sơ của: ${NAME_300}`,
          'Căn cước / số định danh cá nhân: 049090001234',
          'Địa chỉ: Tổ 3, khối phố Mỹ Thạch Trung, phường Tân Thạnh, thành phố Tam Kỳ, tỉnh Quảng Nam',
          'Số điện thoại: 0905123456',
          'Email: thao@example.vn',
          'Nội dung yêu cầu giải quyết: Đăng ký biến động quyền sử dụng đất',
          '1. Thành phần hồ sơ nộp gồm:',
          ...given.map((c, i) => `${i + 1}) ${c.name} (${c.pages.length} trang; ${c.copies} bản)`),
          ...(excepted.length ? ['Thành phần hồ sơ chưa nộp, có lý do:'] : []),
          ...excepted.map(
            (e, i) =>
              `${i + 1}) ${d.components.find((c) => c.code === e.componentCode)!.name} (chưa nộp — ${e.reason})`,
          ),
          '2. Số lượng hồ sơ: 01 bộ',
          '3. Thời gian giải quyết hồ sơ theo quy định là: 10 ngày làm việc',
          '4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 02 tháng 03 năm 2026',
          '5. Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 16 tháng 03 năm 2026',
          '6. Đăng ký nhận kết quả tại: Qua dịch vụ bưu chính công ích, đến địa chỉ: Tổ 3, khối phố',
          'Ủy quyền nộp hồ sơ trực tuyến: Không',
          'Vào Sổ theo dõi hồ sơ, Quyển số: 01, Số thứ tự: 1',
          `Tra cứu tình trạng hồ sơ: https://dichvucong.quangnam.gov.vn/tra-cuu?ma=${d.code}`,
          'NGƯỜI NỘP HỒ SƠ',
          'NGƯỜI TIẾP NHẬN HỒ SƠ',
          'Ghi chú:',
          'được lập thành 02 liên',
          'Đường dây nóng:',
        ]);
        expect(missing, copy).toBeNull();
      }
      expect(text).toContain('MẪU — chưa cấu hình');
      // The signatures never stand alone on a page: the lines that ask for them come along.
      for (const t of pages(bytes, dir).filter((p) => p.includes('NGƯỜI TIẾP NHẬN HỒ SƠ')))
        expect(t.replace(/\s+/g, ' ')).toContain('Tra cứu tình trạng hồ sơ');
      rig.store.close();
    });

  it('the register number is the book’s own sequence, not the code counter; the mark goes once the unit is set up', async () => {
    const dir = tempDir();
    const rig = openRig(dir, new Date('2026-03-02T02:00:00Z'));
    await procedureWith(rig, 'T.FORMS', 1);
    const who = { kind: 'person' as const, name: 'Lê Văn Tám' };
    const first = await receivedWith(rig, 'T.FORMS', who);
    rig.clock.now = new Date('2026-03-03T02:00:00Z'); // the next day: the code counter starts again at 0001
    const second = await receivedWith(rig, 'T.FORMS', who);
    expect([first.code?.slice(-4), second.code?.slice(-4)]).toEqual(['0001', '0001']);
    expect([first.register?.no, second.register?.no]).toEqual([1, 2]);
    expect(flat(await pdf(rig, second.id, '01'), dir)).toContain('Quyển số: 01, Số thứ tự: 2');
    rig.settings.update({
      governingAgency: 'UBND tỉnh Quảng Nam',
      hotline: '0235.3.822.000',
      lookupUrl: 'https://dichvucong.quangnam.gov.vn/tra-cuu',
    });
    const text = flat(await pdf(rig, second.id, '01'), dir);
    expect(text).not.toContain('MẪU — chưa cấu hình');
    expect(text).toContain('UBND TỈNH QUẢNG NAM');
    expect(text).toContain('Đường dây nóng: 0235.3.822.000');
    rig.store.close();
  });
});

describe('form 02 laid out without loss', () => {
  it('a draft missing its one component: one page, the component listed, the guide’s signature with it', async () => {
    const dir = tempDir();
    const rig = openRig(dir, new Date('2026-03-02T02:00:00Z'));
    await procedureWith(rig, 'T.FORMS', 1);
    const d = rig.dossiers.create('T.FORMS', 'tạm');
    rig.reception.setApplicant(d.id, { kind: 'organisation', name: NAME_300, taxCode: '4000123456' });
    const bytes = await pdf(rig, d.id, '02');
    assertClean(bytes, dir);
    expect(assertNumbered(bytes, dir, 1)).toBe(1);
    const [only] = rig.dossiers.get(d.id).components;
    expect(only?.required).toBe(true);
    const text = flat(bytes, dir);
    expect(
      outOfOrder(text, [
        'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
        `Tiếp nhận hồ sơ của: ${NAME_300}`,
        'Mã số thuế: 4000123456',
        'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:',
        `1) ${only!.name}`,
        'Trong quá trình hoàn thiện hồ sơ',
        'NGƯỜI HƯỚNG DẪN',
      ]),
    ).toBeNull();
    expect(text).not.toContain('2) ');
    expect(text).not.toContain('(tiếp theo)');
    rig.store.close();
  });

  it('lists all 40 missing components of a draft across pages, in order, nothing overlapping', async () => {
    const dir = tempDir();
    const rig = openRig(dir, new Date('2026-03-02T02:00:00Z'));
    await procedureWith(rig, 'T.FORMS', 40);
    const d = rig.dossiers.create('T.FORMS', 'tạm');
    rig.reception.setApplicant(d.id, { kind: 'organisation', name: NAME_300, taxCode: '4000123456' });
    const bytes = await pdf(rig, d.id, '02');
    assertClean(bytes, dir);
    expect(assertNumbered(bytes, dir, 1)).toBeGreaterThan(1);
    const required = rig.dossiers.get(d.id).components.filter((c) => c.required);
    expect(
      outOfOrder(flat(bytes, dir), [
        'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
        `Tiếp nhận hồ sơ của: ${NAME_300}`,
        'Mã số thuế: 4000123456',
        'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:',
        ...required.map((c, i) => `${i + 1}) ${c.name}`),
        'Trong quá trình hoàn thiện hồ sơ',
        'NGƯỜI HƯỚNG DẪN',
      ]),
    ).toBeNull();
    const last = pages(bytes, dir).find((p) => p.includes('NGƯỜI HƯỚNG DẪN'))!;
    expect(last.replace(/\s+/g, ' ')).toContain('Trong quá trình hoàn thiện hồ sơ');
    rig.store.close();
  });
});

describe('text a form cannot print', () => {
  it('refuses an address with an emoji or a control character, naming the field and the characters', async () => {
    const rig = openRig(tempDir());
    const d = rig.dossiers.create('1.001193', 'tạm');
    const emoji = await failure(() =>
      rig.reception.setApplicant(d.id, {
        kind: 'person',
        name: 'Trần Văn Bảy',
        address: 'Thôn 2 🏠 xã Tam Anh',
      }),
    );
    expect(emoji.code).toBe('text_unprintable');
    expect(emoji.params).toMatchObject({ field: 'Địa chỉ', chars: '"🏠" (U+1F3E0)' });
    const bell = await failure(() =>
      rig.reception.setApplicant(d.id, {
        kind: 'person',
        name: 'Trần Văn Bảy',
        address: 'Thôn 2\u0007 xã Tam Anh',
      }),
    );
    expect(bell.params).toMatchObject({ field: 'Địa chỉ', chars: 'U+0007' });
    // Tabs and line breaks are text: an address on two lines is printed on two lines.
    expect(
      rig.reception.setApplicant(d.id, {
        kind: 'person',
        name: 'Trần Văn Bảy',
        address: 'Thôn 2,\nxã Tam Anh',
      }).applicant?.address,
    ).toBe('Thôn 2,\nxã Tam Anh');
    rig.store.close();
  });

  it('a name that reached the dossier another way is printed with the code of what the font lacks, not dropped', async () => {
    const dir = tempDir();
    const rig = openRig(dir);
    const d = rig.dossiers.create('1.001193', 'Hồ sơ 🙂 của bà\u0001 Lan');
    const text = flat(await pdf(rig, d.id, '02'), dir);
    expect(text).toContain('Tiếp nhận hồ sơ của: Hồ sơ [U+1F642] của bà Lan');
    rig.store.close();
  });
});
