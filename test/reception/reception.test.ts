import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { describe, expect, it } from 'vitest';
import { StationError } from '../../shared/api/errors';
import { b64, scanImage } from '../helpers/images';
import { tempDir } from '../helpers/tmp';
import { openRig, type Rig } from './rig';

const require = createRequire(import.meta.url);

async function failure(fn: () => unknown): Promise<StationError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StationError);
    return err as StationError;
  }
  throw new Error('expected a StationError');
}

async function page(rig: Rig, dossierId: string, componentCode: string) {
  const files = [
    {
      name: `${componentCode}.png`,
      dataBase64: b64(await scanImage('png', { dpi: 100, width: 300, height: 420 })),
    },
  ];
  const r = await rig.dossiers.addPages(dossierId, componentCode, files);
  expect(r.rejected).toEqual([]);
}

function pdfText(bytes: Buffer, dir: string): string {
  const file = path.join(dir, 'out.pdf');
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** The QR printed on page 1, rendered by poppler and read back by ZXing. */
async function qrOnPage(bytes: Buffer, dir: string): Promise<string[]> {
  const file = path.join(dir, 'qr.pdf');
  fs.writeFileSync(file, bytes);
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', file, path.join(dir, 'p')]);
  const png = fs.readdirSync(dir).find((f) => f.startsWith('p') && f.endsWith('.png'))!;
  prepareZXingModule({
    overrides: {
      wasmBinary: fs.readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'))
        .buffer as ArrayBuffer,
    },
  });
  const found = await readBarcodes(new Blob([fs.readFileSync(path.join(dir, png))]), { formats: ['QRCode'] });
  return found.map((b) => b.text);
}

const PAPER = (code: string) => ({ componentCode: code, reason: 'Nộp bản giấy, quét sau' });

describe('receiving a dossier at the counter', () => {
  it('receives a complete birth registration: code, appointment, and a receipt that names every field', async () => {
    const dir = tempDir();
    const rig = openRig(dir, new Date('2026-03-02T02:00:00Z')); // Monday 09:00 in Vietnam
    rig.settings.update({ hotline: '0235.3.999.888' });
    const d = rig.dossiers.create('1.001193', 'tạm');
    rig.reception.setApplicant(d.id, {
      kind: 'person',
      idNumber: '049090001234',
      name: 'Nguyễn Văn An',
      birthDate: '1990-08-15',
      gender: 'male',
      address: 'Thôn 1, xã Tam Xuân, Quảng Nam',
      phone: '0905123456',
      email: 'an@example.vn',
    });
    await page(rig, d.id, 'TK');
    await page(rig, d.id, 'GCS');
    expect(rig.reception.completeness(d.id)).toEqual({ complete: true, missing: [], excepted: [] });
    const received = rig.reception.receive(d.id, { sets: 1 });
    expect(received.status).toBe('received');
    expect(received.code).toBe('000.00.00.H47-260302-0001');
    expect(received.applicantName).toBe('Nguyễn Văn An');
    expect(received.receivedAt).toBe('2026-03-02T09:00:00+07:00');
    expect(received.appointmentAt).toBe('2026-03-03T09:00:00+07:00');

    const receipt = await rig.forms.pdf(d.id, '01');
    expect(receipt.fileName).toBe('giay-tiep-nhan_000.00.00.H47-260302-0001.pdf');
    const bytes = Buffer.from(receipt.dataBase64, 'base64');
    const text = pdfText(bytes, dir);
    const norm = text.replace(/\s+/g, ' ');
    for (const field of [
      'UBND TỈNH QUẢNG NAM (MẪU)',
      'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Quảng Nam, ngày 02 tháng 03 năm 2026',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Mã hồ sơ: 000.00.00.H47-260302-0001',
      '(Liên 1: Lưu tại Bộ phận Tiếp nhận và Trả kết quả)',
      '(Liên 2: Giao người nộp hồ sơ)',
      'Tiếp nhận hồ sơ của: Nguyễn Văn An',
      'Căn cước / số định danh cá nhân: 049090001234',
      'Địa chỉ: Thôn 1, xã Tam Xuân, Quảng Nam',
      'Số điện thoại: 0905123456',
      'Email: an@example.vn',
      'Nội dung yêu cầu giải quyết: Đăng ký khai sinh (mã thủ tục 1.001193)',
      '1. Thành phần hồ sơ nộp gồm:',
      'Tờ khai đăng ký khai sinh (1 trang; 1 bản)',
      'Giấy chứng sinh (1 trang; 1 bản)',
      '2. Số lượng hồ sơ: 01 bộ',
      '3. Thời gian giải quyết hồ sơ theo quy định là: 1 ngày làm việc',
      '4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 02 tháng 03 năm 2026',
      '5. Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 03 tháng 03 năm 2026',
      '6. Đăng ký nhận kết quả tại: Bộ phận Tiếp nhận và Trả kết quả',
      'Quyển số: 01, Số thứ tự: 1',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Đường dây nóng: 0235.3.999.888',
      '0235.1022',
      'tra-cuu?ma=000.00.00.H47-260302-0001',
    ])
      expect(norm, field).toContain(field);
    expect(norm.split('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ').length - 1).toBe(2);
    // The optional authorisation letter was not brought: it is not listed.
    expect(norm).not.toContain('Văn bản ủy quyền');
    const fonts = execFileSync('pdffonts', [path.join(dir, 'out.pdf')], { encoding: 'utf8' });
    expect(fonts).toMatch(/Tinos.*yes/);
    expect(await qrOnPage(bytes, dir)).toEqual([
      '000.00.00.H47-260302-0001\nhttps://dichvucong.quangnam.gov.vn/tra-cuu?ma=000.00.00.H47-260302-0001',
    ]);
    rig.store.close();
  });

  it('receives for an organisation a procedure timed in working hours, and prints both on the receipt', async () => {
    const dir = tempDir();
    const rig = openRig(dir, new Date('2026-03-02T02:00:00Z')); // Monday 09:00
    const d = rig.dossiers.create('2.000815', 'tạm');
    rig.reception.setApplicant(d.id, {
      kind: 'organisation',
      name: 'Công ty TNHH Sông Thu',
      taxCode: '4000123456',
      representative: 'Hồ Thị Gấm',
      address: 'Tam Kỳ, Quảng Nam',
    });
    await page(rig, d.id, 'VB');
    const r = rig.reception.receive(d.id);
    expect(r.appointmentAt).toBe('2026-03-02T15:00:00+07:00'); // 2 h 30 before noon, 1 h 30 after
    const text = pdfText(Buffer.from((await rig.forms.pdf(d.id, '01')).dataBase64, 'base64'), dir).replace(
      /\s+/g,
      ' ',
    );
    for (const f of [
      'Tiếp nhận hồ sơ của: Công ty TNHH Sông Thu',
      'Mã số thuế: 4000123456 Người đại diện: Hồ Thị Gấm',
      '3. Thời gian giải quyết hồ sơ theo quy định là: 4 giờ làm việc',
      '5. Thời gian trả kết quả giải quyết hồ sơ: 15 giờ 00 phút, ngày 02 tháng 03 năm 2026',
    ])
      expect(text, f).toContain(f);
    rig.store.close();
  });

  it('an appointment counted through a year nobody confirmed says so, until the year is confirmed', async () => {
    const dir = tempDir();
    const rig = openRig(dir, new Date('2026-03-02T02:00:00Z'));
    const receiveOne = async () => {
      const d = rig.dossiers.create('2.000815', 'Công ty TNHH Sông Thu');
      rig.reception.setApplicant(d.id, { kind: 'organisation', name: 'Công ty TNHH Sông Thu' });
      await page(rig, d.id, 'VB');
      return rig.reception.receive(d.id);
    };
    // A new station's table is the pre-fill: nobody has confirmed 2026 yet.
    expect((await receiveOne()).unconfirmedYears).toEqual([2026]);
    rig.settings.update({ holidays: rig.settings.get().holidays.map((h) => ({ ...h, confirmed: true })) });
    expect((await receiveOne()).unconfirmedYears).toEqual([]);
    // Friday 31/12/2027 16:00, one working day: the count reaches 2028, which the table does not hold.
    // 1/1/2028 is a Saturday, so Monday 3/1 is its day in lieu — counted although no row says so.
    rig.clock.now = new Date('2027-12-31T09:00:00Z');
    const d = rig.dossiers.create('1.001193', 'Lê Văn Sáu');
    rig.reception.setApplicant(d.id, { kind: 'person', name: 'Lê Văn Sáu' });
    await page(rig, d.id, 'TK');
    const late = rig.reception.receive(d.id, { exceptions: [PAPER('GCS')] });
    expect(late.appointmentAt).toBe('2028-01-04T16:00:00+07:00');
    expect(late.unconfirmedYears).toEqual([2028]);
    rig.store.close();
  });

  it('refuses an incomplete dossier, naming what is missing, and changes nothing', async () => {
    const dir = tempDir();
    const rig = openRig(dir);
    const d = rig.dossiers.create('1.001193', 'Trần Thị Bình');
    await page(rig, d.id, 'TK');
    expect(rig.reception.completeness(d.id).missing).toEqual([{ code: 'GCS', name: 'Giấy chứng sinh' }]);
    const err = await failure(() => rig.reception.receive(d.id));
    expect(err.code).toBe('dossier_incomplete');
    expect(err.params.missing).toBe('GCS (Giấy chứng sinh)');
    expect(rig.dossiers.get(d.id)).toMatchObject({ status: 'draft', code: null, appointmentAt: null });
    // No receipt for a dossier not received; the completion request (form 02) lists what to bring.
    expect((await failure(() => rig.forms.pdf(d.id, '01'))).code).toBe('form_wrong_status');
    const form02 = await rig.forms.pdf(d.id, '02');
    const text02 = pdfText(Buffer.from(form02.dataBase64, 'base64'), dir).replace(/\s+/g, ' ');
    expect(text02).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(text02).toContain('1) Giấy chứng sinh');
    expect(text02).toContain('Trần Thị Bình');
    // An exception for a component the procedure does not have is refused.
    expect(
      (
        await failure(() =>
          rig.reception.receive(d.id, { exceptions: [{ componentCode: 'XX', reason: 'lý do' }] }),
        )
      ).code,
    ).toBe('unknown_component');
    // With a justified exception it goes through, and the failed try consumed no number.
    const ok = rig.reception.receive(d.id, {
      exceptions: [{ componentCode: 'GCS', reason: 'Sinh tại nhà, có giấy xác nhận thay thế' }],
    });
    expect(ok.code).toMatch(/-0001$/);
    expect(ok.exceptions).toEqual([
      { componentCode: 'GCS', reason: 'Sinh tại nhà, có giấy xác nhận thay thế' },
    ]);
    expect((await failure(() => rig.reception.receive(d.id))).code).toBe('dossier_not_draft');
    expect((await failure(() => rig.forms.pdf(d.id, '02'))).code).toBe('form_wrong_status');
    expect(
      (await failure(() => rig.reception.setApplicant(d.id, { kind: 'person', name: 'Khác' }))).code,
    ).toBe('dossier_not_draft');
    rig.store.close();
  });

  it('runs the other rooms’ reception steps inside the same transaction, and a failing step undoes the reception', async () => {
    const rig = openRig(tempDir());
    const seen: { status: string; code: string | null }[] = [];
    let fail = true;
    rig.hooks.push((id) => {
      seen.push(
        rig.store.db.prepare('SELECT status, code FROM dossiers WHERE id = ?').get(id) as {
          status: string;
          code: string | null;
        },
      );
      rig.store.db
        .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)')
        .run(`probe-${id}`, '1', 'x');
      if (fail) throw new Error('outbox is full');
    });
    const d = rig.dossiers.create('1.000894', 'Lê Văn Cường');
    await expect(async () =>
      rig.reception.receive(d.id, { exceptions: [PAPER('TK'), PAPER('XNTTHN')] }),
    ).rejects.toThrow('outbox is full');
    expect(seen[0]).toMatchObject({ status: 'received', code: '000.00.00.H47-260302-0001' });
    expect(rig.dossiers.get(d.id)).toMatchObject({ status: 'draft', code: null });
    expect(
      rig.store.db.prepare('SELECT COUNT(*) AS n FROM settings WHERE key LIKE ?').get('probe-%'),
    ).toEqual({ n: 0 });
    fail = false;
    expect(rig.reception.receive(d.id, { exceptions: [PAPER('TK'), PAPER('XNTTHN')] }).code).toBe(
      '000.00.00.H47-260302-0001',
    );
    expect(
      rig.store.db.prepare('SELECT COUNT(*) AS n FROM settings WHERE key LIKE ?').get('probe-%'),
    ).toEqual({ n: 1 });
    rig.store.close();
  });

  it('stops the clock while the dossier waits for completion, prints form 02, and moves the appointment', async () => {
    const dir = tempDir();
    const rig = openRig(dir, new Date('2026-03-02T02:00:00Z'));
    const d = rig.dossiers.create('1.000894', 'Phạm Thị Dung');
    const r = rig.reception.receive(d.id, { exceptions: [PAPER('TK'), PAPER('XNTTHN')] });
    expect(r.appointmentAt).toBe('2026-03-05T09:00:00+07:00');
    rig.clock.now = new Date('2026-03-03T02:00:00Z');
    const waiting = rig.reception.requestCompletion(
      d.id,
      'Giấy xác nhận tình trạng hôn nhân đã quá 6 tháng, cần cấp lại.',
    );
    expect(waiting.status).toBe('awaiting_completion');
    const form02 = pdfText(Buffer.from((await rig.forms.pdf(d.id, '02')).dataBase64, 'base64'), dir).replace(
      /\s+/g,
      ' ',
    );
    for (const f of [
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      'Mã hồ sơ: 000.00.00.H47-260302-0001',
      'Phạm Thị Dung',
      'đã quá 6 tháng',
      'Đăng ký kết hôn',
      '0235.1022',
    ])
      expect(form02, f).toContain(f);
    rig.clock.now = new Date('2026-03-05T02:00:00Z'); // two working days later
    const back = rig.reception.resumeProcessing(d.id);
    expect(back.status).toBe('received');
    expect(back.appointmentAt).toBe('2026-03-09T09:00:00+07:00');
    expect(back.clockStops).toEqual([
      {
        from: '2026-03-03T09:00:00+07:00',
        to: '2026-03-05T09:00:00+07:00',
        reason: expect.stringContaining('6 tháng'),
      },
    ]);
    expect((await failure(() => rig.reception.resumeProcessing(d.id))).code).toBe('dossier_wrong_status');
    rig.store.close();
  });
});

describe('dossier codes', () => {
  const receiveOne = (rig: Rig) => {
    const d = rig.dossiers.create('1.000894', 'Người nộp');
    return rig.reception.receive(d.id, { exceptions: [PAPER('TK'), PAPER('XNTTHN')] }).code!;
  };

  it('count per unit per day, restart the next day, and stay inside the station’s range', async () => {
    const rig = openRig(tempDir(), new Date('2026-03-02T16:59:00Z')); // 23:59 local
    expect([receiveOne(rig), receiveOne(rig)]).toEqual([
      '000.00.00.H47-260302-0001',
      '000.00.00.H47-260302-0002',
    ]);
    rig.clock.now = new Date('2026-03-02T17:00:00Z'); // 00:00 local, next day
    expect(receiveOne(rig)).toBe('000.00.00.H47-260303-0001');
    rig.settings.update({ stationCode: '02', agencyCode: '000.00.53.H48' });
    expect(receiveOne(rig)).toBe('000.00.53.H48-260303-1001');
    // The 999th number of a station's range is its last for the day.
    rig.store.db.prepare('UPDATE dossier_counters SET last = 1998 WHERE station = ?').run('02');
    expect(receiveOne(rig)).toBe('000.00.53.H48-260303-1999');
    const err = await failure(() => receiveOne(rig));
    expect(err.code).toBe('dossier_code_exhausted');
    expect(err.params).toMatchObject({ station: '02', first: 1001, last: 1999 });
    rig.settings.update({ stationCode: 'A1' });
    expect((await failure(() => receiveOne(rig))).code).toBe('station_code_invalid');
    rig.store.close();
  });

  it('never collide between two stations of one unit receiving offline at the same time', () => {
    const at = new Date('2026-03-02T03:00:00Z');
    const a = openRig(tempDir(), at);
    const b = openRig(tempDir(), at);
    b.settings.update({ stationCode: '02' });
    const codes: string[] = [];
    for (let i = 0; i < 20; i++) codes.push(receiveOne(a), receiveOne(b));
    expect(new Set(codes).size).toBe(40);
    expect(codes.filter((c) => /-0(0\d\d)$/.test(c))).toHaveLength(20);
    expect(codes.filter((c) => /-1(0\d\d)$/.test(c))).toHaveLength(20);
    a.store.close();
    b.store.close();
  });

  it('stay unique when two processes race on one database', async () => {
    const dir = tempDir();
    openRig(dir).store.close(); // migrate once
    const run = () =>
      new Promise<string[]>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            path.join(__dirname, 'fixtures/receive-many.ts'),
            dir,
            '15',
            '2026-03-02T03:00:00Z',
          ],
          {
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => (out += c));
        child.stderr.on('data', (c: Buffer) => (err += c));
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.on('close', (code) => {
          clearTimeout(timer);
          if (code === 0) resolve(JSON.parse(out) as string[]);
          else reject(new Error(`child exited ${code}: ${err}`));
        });
      });
    const [x, y] = await Promise.all([run(), run()]);
    const all = [...x!, ...y!];
    expect(new Set(all).size).toBe(30);
    expect(all.map((c) => Number(c.slice(-4))).sort((p, q) => p - q)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
  });
});
