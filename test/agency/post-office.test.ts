import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from '@photostructure/sqlite';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { vnDay } from '../../electron/engine/agency';
import { s10CheckDigit, s10Problem } from '../../shared/domain/s10';
import { failure, fastStation as station, testSandbox as sandbox } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import { runSohoa } from '../helpers/cli';
import { page, sandboxDossiers, waitFor } from '../outbox/fixtures';

type Client = ReturnType<typeof station>['client'];

const TAM_ANH = { code: '000.00.20.H47', name: 'UBND xã Tam Anh', procedures: ['1.003005'] };
/** The post office scans but does not sign: the agency signs when the paper dossier arrives. */
const UNSIGNED = 'Bưu điện không có chữ ký số của cơ quan, cơ quan ký khi nhận hồ sơ giấy';
const TAM_XUAN = { code: '000.00.30.H47', name: 'UBND xã Tam Xuân', procedures: ['1.001612'] };

/** The text of a PDF as pdftotext reads it, its runs of blanks made one. */
function pdfText(dir: string, name: string, dataBase64: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.from(dataBase64, 'base64'));
  if (process.env.POST_KEEP) fs.copyFileSync(file, path.join(process.env.POST_KEEP, name));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

async function sheet(dataBase64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(dataBase64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

/** A draft with a page for every required component, the applicant with or without an address. */
async function draft(c: Client, procedureCode: string, name: string, seed: number, address?: string) {
  const d = await c.call('dossier.create', { procedureCode, applicantName: name });
  await c.call('reception.setApplicant', {
    dossierId: d.id,
    applicant: { kind: 'person', name, idNumber: `04919000${1000 + seed}`, ...(address ? { address } : {}) },
  });
  for (const [i, comp] of d.components.filter((x) => x.required).entries())
    await c.call('dossier.addPages', {
      dossierId: d.id,
      componentCode: comp.code,
      files: [{ name: `${comp.code}.png`, dataBase64: (await page(seed * 10 + i)).toString('base64') }],
    });
  return d.id;
}

describe('S10 postal item numbers', () => {
  it('computes the check digit with weights 8 6 4 2 3 5 9 7 (10 → 0, 11 → 5) and wants VN', () => {
    expect(s10CheckDigit('12345678')).toBe(5);
    expect(s10Problem('EE123456785VN')).toBeNull();
    expect(s10Problem('ee 1234 5678 5 vn')).toBeNull();
    expect(s10Problem('EE123456784VN')).toBe('check_digit');
    expect(s10Problem('EE123456785US')).toBe('country');
    expect(s10Problem('E123456785VN')).toBe('shape');
    // Every serial's own digit passes and every other digit fails.
    for (const serial of ['00000000', '47312950', '99999999', '10000003']) {
      const good = s10CheckDigit(serial);
      expect(good).toBeGreaterThanOrEqual(0);
      expect(good).toBeLessThanOrEqual(9);
      for (let d = 0; d <= 9; d++)
        expect(s10Problem(`RR${serial}${d}VN`)).toBe(d === good ? null : 'check_digit');
    }
  });
});

describe('the post-office counter', { timeout: 240_000 }, () => {
  it('receives for two agencies, keeps the money and the handover per agency, delivers a result by post to status 10', async () => {
    const dir = tempDir();
    const s = await sandbox({ advanceMs: 150 });
    const st = station(path.join(dir, 'station'));
    const c = st.client;
    const day = vnDay(Date.now());

    // A one-stop station does not receive on an agency's behalf.
    const early = await draft(c, '1.003005', 'Lê Văn Sớm', 1, 'Thôn 1');
    expect(
      (await failure(c.call('agency.receive', { dossierId: early, agencyCode: TAM_ANH.code }))).code,
    ).toBe('station_not_postal');
    // The price table refuses a negative or missing amount.
    expect(
      (await failure(c.call('settings.update', { postalPrices: { pickupVnd: -1, returnVnd: 22000 } }))).code,
    ).toBe('postal_price_negative');
    expect(
      (await failure(c.call('settings.update', { postalPrices: { pickupVnd: 15000 } as never }))).code,
    ).toBe('postal_price_missing');
    await c.call('settings.update', {
      stationKind: 'postal',
      postalPointName: 'Bưu điện văn hóa xã Tam Anh',
      postalPointAddress: 'Thôn 2, xã Tam Anh',
      postalPrices: { pickupVnd: 15000, returnVnd: 22000 },
      portalUrl: s.url,
    });
    expect(
      (await failure(c.call('agency.add', { ...TAM_ANH, code: '000-00-20-H47', level: 'commune' }))).code,
    ).toBe('agency_code_invalid');
    await c.call('agency.add', { ...TAM_ANH, level: 'commune', contact: 'Chị Hoa, 0235 111' });
    const served = await c.call('agency.add', { ...TAM_XUAN, level: 'commune', handoverDays: 2 });
    expect(served.map((a) => a.code)).toEqual([TAM_ANH.code, TAM_XUAN.code]);

    // A procedure the agency does not accept, a result by post without an address: refused.
    expect(
      (await failure(c.call('agency.receive', { dossierId: early, agencyCode: TAM_XUAN.code }))).code,
    ).toBe('agency_procedure_not_accepted');
    const noAddress = await draft(c, '1.003005', 'Phan Thị Chưa', 2);
    expect(
      (
        await failure(
          c.call('agency.receive', { dossierId: noAddress, agencyCode: TAM_ANH.code, resultMethod: 'post' }),
        )
      ).code,
    ).toBe('result_post_address_missing');

    const a = await c.call('agency.receive', {
      dossierId: noAddress,
      agencyCode: TAM_ANH.code,
      resultMethod: 'post',
      deliveryAddress: 'Số 5 Hùng Vương, Tam Kỳ',
      pickup: true,
      payMethod: 'cash',
      payReference: 'BL-0001',
      consent: { how: 'checkbox' },
      unsignedReason: UNSIGNED,
    });
    const bId = await draft(c, '1.001612', 'Võ Minh Xuân', 3, 'Thôn 3, Tam Xuân');
    const b = await c.call('agency.receive', {
      dossierId: bId,
      agencyCode: TAM_XUAN.code,
      payMethod: 'online',
      payReference: 'VNPAY-778',
      consent: { how: 'checkbox' },
      unsignedReason: UNSIGNED,
    });
    expect(a.code).toMatch(/^000\.00\.20\.H47-\d{6}-0001$/);
    expect(b.code).toMatch(/^000\.00\.30\.H47-\d{6}-0001$/);
    expect(a.resultMethod).toBe('post');
    expect(a.deliveryAddress).toBe('Số 5 Hùng Vương, Tam Kỳ');

    // Receipts on behalf of each agency.
    const ra = pdfText(
      dir,
      'a.pdf',
      (await c.call('reception.receipt', { dossierId: a.id, form: '01' })).dataBase64,
    );
    expect(ra).toContain('Đơn vị tiếp nhận: UBND xã Tam Anh');
    expect(ra).toContain(
      'Tiếp nhận thay cơ quan trên qua dịch vụ bưu chính công ích tại: Bưu điện văn hóa xã Tam Anh',
    );
    expect(ra).toContain('Số 5 Hùng Vương, Tam Kỳ');
    expect(ra).toContain(a.code!);
    const rb = pdfText(
      dir,
      'b.pdf',
      (await c.call('reception.receipt', { dossierId: b.id, form: '01' })).dataBase64,
    );
    expect(rb).toContain('Đơn vị tiếp nhận: UBND xã Tam Xuân');
    expect(rb).not.toContain('UBND xã Tam Anh');

    // The fee and postal charges, as separate lines, in the day's cash book.
    expect((await c.call('agency.money', { dossierId: a.id })).lines).toEqual([
      { kind: 'fee', amount: 8000 },
      { kind: 'pickup', amount: 15000 },
      { kind: 'return', amount: 22000 },
    ]);
    const book = await c.call('agency.cashbook', { day });
    expect(book.total).toBe(8000 + 15000 + 22000 + 100000);
    const rows = await sheet(book.file.dataBase64);
    const lineA = rows.find((r) => r[1] === a.code)!;
    expect(lineA.slice(2, 11)).toEqual([
      TAM_ANH.code,
      'Phan Thị Chưa',
      'Cấp bản sao trích lục hộ tịch',
      8000,
      15000,
      22000,
      45000,
      'Tiền mặt',
      'BL-0001',
    ]);
    const lineB = rows.find((r) => r[1] === b.code)!;
    expect(lineB.slice(5, 11)).toEqual([100000, 0, 0, 100000, 'Trực tuyến', 'VNPAY-778']);
    expect(rows.find((r) => r[0] === 'Tổng cộng')!.slice(5, 9)).toEqual([108000, 15000, 22000, 145000]);
    const onlyB = await c.call('agency.cashbook', { day, agencyCode: TAM_XUAN.code });
    expect(onlyB.lines.map((l) => l.code)).toEqual([b.code]);

    // The handover list of each agency: PDF with two signature blocks, XLSX.
    const ha = await c.call('agency.handoverList', { agencyCode: TAM_ANH.code, day, format: 'pdf' });
    const ta = pdfText(dir, 'ha.pdf', ha.file.dataBase64);
    expect(ta).toContain('DANH SÁCH BÀN GIAO HỒ SƠ GIẤY');
    expect(ta).toContain(a.code!);
    expect(ta).toContain('Phan Thị Chưa');
    expect(ta).not.toContain(b.code!);
    expect(ta).toContain('Tổng cộng: 1 hồ sơ, 1 tờ.');
    expect(ta).toContain('NHÂN VIÊN BƯU CHÍNH BÀN GIAO');
    expect(ta).toContain('ĐẠI DIỆN CƠ QUAN NHẬN');
    const hb = await c.call('agency.handoverList', { agencyCode: TAM_XUAN.code, day, format: 'xlsx' });
    const xb = await sheet(hb.file.dataBase64);
    const rowB = xb.find((r) => r[1] === b.code)!;
    expect(rowB.slice(0, 6)).toEqual([
      1,
      b.code,
      'Võ Minh Xuân',
      hb.lines[0]!.procedureName,
      expect.stringMatching(/\(1\); .*\(1\)$/),
      2,
    ]);
    expect(
      (await failure(c.call('agency.handoverList', { agencyCode: TAM_ANH.code, day: '2020-01-02' }))).code,
    ).toBe('handover_nothing');
    const confirmed = await c.call('agency.handoverConfirm', {
      agencyCode: TAM_ANH.code,
      day,
      scan: { name: 'ban-giao-ky.pdf', dataBase64: ha.file.dataBase64 },
    });
    expect(confirmed).toMatchObject({ dossiers: 1, scanName: 'ban-giao-ky.pdf' });
    const eod = await c.call('agency.endOfDay', {});
    expect(
      eod.agencies.map((x) => [
        x.agencyCode,
        x.toHandOver,
        x.handover?.confirmedAt ? 'yes' : 'no',
        x.cash,
        x.online,
      ]),
    ).toEqual([
      [TAM_ANH.code, 1, 'yes', 45000, 0],
      [TAM_XUAN.code, 1, 'no', 0, 100000],
    ]);
    expect(eod.notSent).toBe(2);

    // The figures per agency.
    const figures = await c.call('agency.figures', { from: day, to: day });
    expect(
      figures.map((f) => [f.agencyCode, f.received, f.handedOver, f.byPost, f.fees, f.postalCharges]),
    ).toEqual([
      [TAM_ANH.code, 1, 1, 1, 8000, 37000],
      [TAM_XUAN.code, 1, 0, 0, 100000, 0],
    ]);

    // Sent; the result comes; it goes by post.
    await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 30_000 });
    const held = await sandboxDossiers(s.url);
    expect(held.map((d) => d.code).sort()).toEqual([a.code, b.code].sort());
    await waitFor('the result', async () =>
      (await c.call('outbox.overview', {})).items.find(
        (i) => i.dossierId === a.id && i.state === 'result_ready',
      ),
    );
    expect((await c.call('agency.postResults', {})).map((p) => [p.code, p.state, p.address])).toEqual([
      [a.code, 'waiting', 'Số 5 Hùng Vương, Tam Kỳ'],
    ]);
    expect((await failure(c.call('agency.recordPost', { dossierId: a.id, step: 'delivered' }))).code).toBe(
      'post_result_not_ready',
    );
    const bad = await failure(
      c.call('agency.recordPost', { dossierId: a.id, step: 'tracking', tracking: 'EE123456784VN' }),
    );
    expect(bad).toMatchObject({ code: 's10_invalid', params: { problem: 'sai số kiểm tra' } });
    expect(
      (
        await failure(
          c.call('agency.recordPost', { dossierId: b.id, step: 'tracking', tracking: 'EE123456785VN' }),
        )
      ).code,
    ).toBe('post_not_by_post');
    const sent = await c.call('agency.recordPost', {
      dossierId: a.id,
      step: 'tracking',
      tracking: 'ee123456785vn',
    });
    expect(sent).toMatchObject({ state: 'with_delivery', tracking: 'EE123456785VN' });
    await c.call('agency.recordPost', { dossierId: a.id, step: 'delivered' });
    await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 30_000 });
    const atPortal = await waitFor('status 10', async () =>
      (await sandboxDossiers(s.url)).find((d) => d.code === a.code && d.status === 10),
    );
    expect(atPortal.status).toBe(10);
    // Each step of the result by post reached the portal as its own event: handed to delivery, delivered.
    expect(
      atPortal.events
        .filter((e) => e.SoHieuBuuGui)
        .map((e) => [e.TrangThaiBuuGui, e.SoHieuBuuGui, e.TrangThaiHoSo]),
    ).toEqual([
      ['DA_GIAO_BUU_TA', 'EE123456785VN', 9],
      ['DA_PHAT', 'EE123456785VN', 10],
    ]);
    expect((await c.call('agency.postResults', {}))[0]).toMatchObject({ state: 'delivered' });

    // The same station from the command line.
    st.close();
    const env = { ...process.env, SOHOA_DATA_DIR: path.join(dir, 'station'), SOHOA_OCR: '0' };
    const list = await runSohoa(['agency', 'list', '--json'], env);
    expect(list.code, list.err).toBe(0);
    expect((JSON.parse(list.out) as { agencies: { code: string }[] }).agencies.map((x) => x.code)).toEqual([
      TAM_ANH.code,
      TAM_XUAN.code,
    ]);
    const xlsx = path.join(dir, 'so-thu.xlsx');
    const cash = await runSohoa(
      ['cashbook', '--date', day, '--agency', TAM_ANH.code, '--out', xlsx, '--json'],
      env,
    );
    expect(cash.code, cash.err).toBe(0);
    expect((JSON.parse(cash.out) as { total: number }).total).toBe(45000);
    expect((await sheet(fs.readFileSync(xlsx).toString('base64'))).some((r) => r[1] === a.code)).toBe(true);
    const pdf = path.join(dir, 'ban-giao.pdf');
    const hand = await runSohoa(
      ['handover', 'list', '--agency', TAM_XUAN.code, '--date', day, '--out', pdf],
      env,
    );
    expect(hand.code, hand.err).toBe(0);
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain(b.code!);
    const conf = await runSohoa(['handover', 'confirm', '--agency', TAM_XUAN.code, '--date', day], env);
    expect(conf.code, conf.err).toBe(0);
    const badS10 = await runSohoa(
      ['result', 'post', a.id, '--tracking', 'EE123456784VN', '--lang', 'vi'],
      env,
    );
    expect(badS10.code).not.toBe(0);
    expect(badS10.err).toContain('không hợp lệ');
    const badCode = await runSohoa(
      ['agency', 'add', '--code', 'H47', '--name', 'X', '--procedures', '1.003005', '--lang', 'vi'],
      env,
    );
    expect(badCode.code).not.toBe(0);
    expect(badCode.err).toContain('không đúng dạng');
    const setKind = await runSohoa(
      ['settings', 'set', 'postalPrices={"pickupVnd":12000,"returnVnd":25000}'],
      env,
    );
    expect(setKind.code, setKind.err).toBe(0);
    const got = await runSohoa(['settings', 'get', '--json'], env);
    expect(JSON.parse(got.out)).toMatchObject({
      stationKind: 'postal',
      postalPrices: { pickupVnd: 12000, returnVnd: 25000 },
    });

    // A dossier received days ago whose original is still here: in the backlog, past its agreed 2 days.
    const db = new DatabaseSync(path.join(dir, 'station', 'station.db'));
    db.prepare("UPDATE agency_dossiers SET day = '2020-01-06' WHERE dossier_id = ?").run(b.id);
    db.close();
    const again = station(path.join(dir, 'station'));
    expect(await again.client.call('agency.backlog', {})).toEqual([
      expect.objectContaining({ code: b.code, agencyCode: TAM_XUAN.code, dueDay: '2020-01-08' }),
    ]);
  });
});
