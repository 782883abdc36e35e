import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StationError } from '../../shared/api/errors';
import { errorMessage } from '../../shared/i18n/errors';
import { runSohoa } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { flat, offPage, outOfOrder, overlaps, procedureWith, receivedWith, words } from './forms-rig';
import { openRig } from './rig';

const A4: [number, number] = [595.28, 841.89];
const WHO = {
  kind: 'person' as const,
  idNumber: '049090001234',
  name: 'Lê Văn Hùng',
  address: 'Thôn 2, xã Tam Xuân, Quảng Nam',
  phone: '0905123456',
};
const REASON =
  'Người nộp hồ sơ có đơn đề nghị rút hồ sơ ngày 03/3/2026 để bổ sung giấy tờ theo quy định mới.';

async function failure(fn: () => unknown): Promise<StationError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StationError);
    return err as StationError;
  }
  throw new Error('expected a StationError');
}

describe('form 07: Thông báo dừng giải quyết hồ sơ (Circular 03/2025/TT-VPCP, form 05)', () => {
  it(
    'is recorded for a received dossier and printed with its title, code and reason; refused for a draft and before a notice is recorded',
    { timeout: 300_000 },
    async () => {
      const dir = tempDir();
      const rig = openRig(dir, new Date('2026-03-02T02:00:00Z')); // Monday 09:00
      const d = rig.dossiers.create('1.001193', 'tạm');
      rig.reception.setApplicant(d.id, WHO);
      // A draft has nothing to stop.
      expect((await failure(() => rig.notices.stopNotice(d.id, REASON, 'Trần Thị Bình'))).code).toBe(
        'form_wrong_status',
      );
      const received = rig.reception.receive(d.id, {
        exceptions: d.components
          .filter((c) => c.required)
          .map((c) => ({ componentCode: c.code, reason: 'Bản giấy, quét sau' })),
      });
      const code = received.code!;
      // Received, but no notice yet: the form says what to do first.
      const missing = await failure(() => rig.forms.pdf(d.id, '07'));
      expect(missing.code).toBe('stop_notice_missing');
      expect(errorMessage(missing)).toContain(`Hồ sơ ${code} chưa có thông báo dừng giải quyết`);
      rig.store.close();

      // The clerk records the stop and prints it in one command.
      const env = { ...process.env, SOHOA_OCR: '0' };
      const out = path.join(dir, 'thong-bao-dung.pdf');
      const run = await runSohoa(
        ['--data', dir, 'receipt', d.id, '--form', '07', '--reason', REASON, '--out', out],
        env,
      );
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      const bytes = fs.readFileSync(out);
      const text = flat(bytes, dir);
      expect(
        outOfOrder(text, [
          'Mẫu số 05',
          'Thông tư số 03/2025/TT-VPCP',
          'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
          `Mã hồ sơ: ${code}`,
          'Kính gửi: Lê Văn Hùng',
          `tiếp nhận hồ sơ đề nghị Đăng ký khai sinh của ông/bà (tổ chức), mã hồ sơ ${code}`,
          'thông báo dừng giải quyết hồ sơ nêu trên kể từ',
          REASON,
          'THỦ TRƯỞNG CƠ QUAN',
        ]),
      ).toBeNull();
      const ws = words(bytes, dir);
      expect(overlaps(ws).map(([a, b]) => `${a.text} × ${b.text}`)).toEqual([]);
      expect(offPage(ws, A4)).toEqual([]);

      // A short reason and a reason with another form are refused before anything is recorded.
      const short = await runSohoa(
        ['--data', dir, 'receipt', d.id, '--form', '07', '--reason', 'rút', '--out', out],
        env,
      );
      expect(short.code).not.toBe(0);
      expect(short.err).toContain('--reason must be at least 10 characters');
      const wrong = await runSohoa(
        ['--data', dir, 'receipt', d.id, '--form', '01', '--reason', REASON, '--out', out],
        env,
      );
      expect(wrong.code).not.toBe(0);

      // The notice is kept with the dossier; reprinting without --reason prints the same one.
      const again = openRig(dir);
      expect(again.dossiers.get(d.id).stopNotices).toMatchObject([{ reason: REASON }]);
      // It ended the dossier (a paper one here: nothing was queued for the portal).
      expect(again.dossiers.get(d.id).status).toBe('stopped');
      const reprint = flat(Buffer.from((await again.forms.pdf(d.id, '07')).dataBase64, 'base64'), dir);
      expect(reprint).toContain(REASON);
      again.store.close();
    },
  );

  it('prints the number and citation the province sets in the forms’ texts', async () => {
    const dir = tempDir();
    const rig = openRig(dir, new Date('2026-03-02T02:00:00Z'));
    const d = rig.dossiers.create('1.001193', 'tạm');
    rig.reception.setApplicant(d.id, WHO);
    rig.reception.receive(d.id, {
      exceptions: d.components
        .filter((c) => c.required)
        .map((c) => ({ componentCode: c.code, reason: 'Bản giấy, quét sau' })),
    });
    rig.notices.stopNotice(d.id, REASON, 'Trần Thị Bình');
    rig.forms.setTexts({
      '07': { number: 'Mẫu số 05/TB', title: 'THÔNG BÁO VỀ VIỆC DỪNG GIẢI QUYẾT HỒ SƠ' },
    });
    const text = flat(Buffer.from((await rig.forms.pdf(d.id, '07')).dataBase64, 'base64'), dir);
    expect(outOfOrder(text, ['Mẫu số 05/TB', 'THÔNG BÁO VỀ VIỆC DỪNG GIẢI QUYẾT HỒ SƠ', REASON])).toBeNull();
    expect(text).toContain('Người lập thông báo: Trần Thị Bình');
    rig.store.close();
  });

  it(
    'is laid out without loss for a dossier of 40 components, a 300-character name and a long reason',
    { timeout: 300_000 },
    async () => {
      const dir = tempDir();
      const rig = openRig(dir, new Date('2026-03-02T02:00:00Z'));
      await procedureWith(rig, 'T.FORMS', 40);
      const name = `Công ty Cổ phần ${'Đầu tư Phát triển Nông nghiệp Sạch '.repeat(9)}`.slice(0, 300).trim();
      const d = await receivedWith(rig, 'T.FORMS', { ...WHO, name });
      const long =
        `${REASON} ${'Cơ quan cần thêm thời gian xác minh với Ủy ban nhân dân xã nơi có đất. '.repeat(12)}`.trim();
      expect(rig.notices.stopNotice(d.id, long, 'Trần Thị Bình').status).toBe('stopped');
      const bytes = Buffer.from((await rig.forms.pdf(d.id, '07')).dataBase64, 'base64');
      const text = flat(bytes, dir);
      expect(
        outOfOrder(text, [
          'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
          `Mã hồ sơ: ${d.code!}`,
          name,
          long,
          'THỦ TRƯỞNG CƠ QUAN',
        ]),
      ).toBeNull();
      const ws = words(bytes, dir);
      expect(overlaps(ws).map(([a, b]) => `${a.text} × ${b.text}`)).toEqual([]);
      expect(offPage(ws, A4)).toEqual([]);
      rig.store.close();
    },
  );
});
