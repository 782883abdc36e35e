import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from '@photostructure/sqlite';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../shared/domain/deadline';
import { tempDir } from '../helpers/tmp';

const BIN = fileURLToPath(new URL('../../bin/sohoa.mjs', import.meta.url));
const sohoa = (data: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, '--data', data, '--lang', 'vi', ...args], {
    encoding: 'utf8',
    env: { ...process.env, SOHOA_LANG: '', SOHOA_DATA_DIR: '' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const text = (file: string) =>
  execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

describe('sohoa receipt --form, dossier refuse / apologize, register', () => {
  it('prints every form, refuses one asked of the wrong dossier in Vietnamese, and writes the register', async () => {
    const data = tempDir();
    const out = (name: string) => path.join(data, name);
    const newDossier = (name: string) =>
      sohoa(data, 'dossier', 'new', '--procedure', '1.000894', '--applicant-name', name).out.trim();

    // Form 03: only once the refusal is recorded, and only for a draft.
    const draft = newDossier('Võ Thị Em');
    const early = sohoa(data, 'receipt', draft, '--form', '03', '--out', out('03.pdf'));
    expect(early.code).toBe(1);
    expect(early.err).toContain('error [refusal_missing]: Hồ sơ');
    const reason = 'Hồ sơ đăng ký kết hôn không thuộc thẩm quyền của xã này.';
    expect(sohoa(data, 'dossier', 'refuse', draft, '--reason', reason).code).toBe(0);
    expect(sohoa(data, 'receipt', draft, '--form', '03', '--out', out('03.pdf')).code).toBe(0);
    expect(text(out('03.pdf'))).toContain(reason);

    // A received dossier: 01 and 05 print, 03 and 02 are refused by name, 04 waits until it is late.
    const id = newDossier('Lê Văn Cường');
    const got = sohoa(
      data,
      'dossier',
      'receive',
      id,
      '--except',
      'TK=Bản giấy, quét sau',
      '--except',
      'XNTTHN=Bản giấy, quét sau',
      '--result',
      'post',
      '--address',
      'Tổ 3, khối phố 2, Tam Kỳ',
      '--json',
    );
    expect(got.code, got.err).toBe(0);
    const code = (JSON.parse(got.out) as { code: string }).code;
    for (const form of ['01', '05'])
      expect(sohoa(data, 'receipt', id, '--form', form, '--out', out(`${form}.pdf`)).code).toBe(0);
    expect(text(out('01.pdf'))).toContain('6. Đăng ký nhận kết quả tại: Qua dịch vụ bưu chính công ích');
    expect(text(out('05.pdf'))).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    const wrong = sohoa(data, 'receipt', id, '--form', '03', '--out', out('x.pdf'));
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('Không lập được Phiếu từ chối tiếp nhận giải quyết hồ sơ (mẫu 03)');
    const onTime = sohoa(data, 'receipt', id, '--form', '04', '--out', out('04.pdf'));
    expect(onTime.err).toContain('error [apology_not_late]');
    expect(sohoa(data, 'receipt', id, '--form', '06', '--out', out('x.pdf')).code).toBe(2);

    // Its appointment passes (the clock of the test, moved in the database).
    const db = new DatabaseSync(path.join(data, 'station.db'));
    db.prepare('UPDATE dossiers SET appointment_at = ? WHERE id = ?').run(
      formatInstant(Date.now() - 3600_000),
      id,
    );
    db.close();
    expect(sohoa(data, 'receipt', id, '--form', '04', '--out', out('04.pdf')).err).toContain(
      'error [apology_missing]',
    );
    const newDate = formatInstant(Date.now() + 10 * 86_400_000);
    const apology = sohoa(
      data,
      'dossier',
      'apologize',
      id,
      '--reason',
      'Chờ kết quả xác minh của Sở Tư pháp.',
      '--cause',
      'objective',
      '--new-date',
      newDate,
      '--json',
    );
    expect(apology.code, apology.err).toBe(0);
    expect((JSON.parse(apology.out) as { appointmentAt: string }).appointmentAt).toBe(newDate);
    expect(sohoa(data, 'receipt', id, '--form', '04', '--out', out('04.pdf')).code).toBe(0);
    expect(text(out('04.pdf'))).toContain('Lý do: Chờ kết quả xác minh của Sở Tư pháp.');

    // The register, both ways.
    for (const ext of ['xlsx', 'pdf'])
      expect(sohoa(data, 'register', '--out', out(`so.${ext}`)).code).toBe(0);
    expect(text(out('so.pdf'))).toContain('SỔ THEO DÕI HỒ SƠ');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out('so.xlsx'));
    const row = wb.worksheets[0]!.getRow(6);
    expect([row.getCell(1).value, row.getCell(2).value, row.getCell(5).value]).toEqual([
      '1',
      code,
      'Lê Văn Cường',
    ]);
    expect(fs.existsSync(out('x.pdf'))).toBe(false);
  }, 240_000);
});
