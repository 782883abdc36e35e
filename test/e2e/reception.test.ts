import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchStationBrowser } from '../helpers/browser';
import { scanImage } from '../helpers/images';
import { tempDir } from '../helpers/tmp';
import { readerTypes } from '../helpers/barcode-reader';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';

const ARTIFACTS = fileURLToPath(new URL('../../test-results', import.meta.url));
const QR = '049090001234|205123456|NGUYỄN VĂN AN|15081990|Nam|Thôn 1, Xã Tam Xuân, Quảng Nam|20042021';

let browser: Browser;

beforeAll(async () => {
  browser = await launchStationBrowser();
});

afterEach(stopAllWebModes);

afterAll(async () => {
  await browser?.close();
});

describe('the clerk receives a dossier at the counter, in Chromium through web mode', () => {
  it('fills the applicant from the CCCD QR, receives with one justified exception, and opens the receipt', async () => {
    const data = tempDir();
    const scans = tempDir();
    const scan = path.join(scans, 'to-khai.png');
    fs.writeFileSync(scan, await scanImage('png', { dpi: 100, width: 827, height: 1169 }));
    const server = await startWebMode(data);
    const page = await browser.newPage({
      viewport: { width: 1366, height: 1000 },
      locale: 'vi-VN',
      // A computer set to another zone: every time on screen must still be Vietnam's.
      timezoneId: 'America/Los_Angeles',
      acceptDownloads: true,
    });
    page.on('pageerror', (err) => console.error('page error:', err));
    try {
      await page.goto(server.url);
      await page.getByTestId('procedure-select').waitFor();

      // Procedure by words without diacritics, from the keyboard.
      await page.getByTestId('procedure-select').click();
      await page.keyboard.type('khai sinh');
      await expect
        .poll(() => page.locator('.ant-select-item-option').first().textContent())
        .toContain('Đăng ký khai sinh');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('procedure-card').textContent()).toContain('1 ngày làm việc');
      expect(await page.getByTestId('procedure-card').textContent()).toContain('Toàn trình');

      // The phone goes in first; then the reader fires while the cursor is still in the phone field.
      await page.getByTestId('applicant-phone').fill('0905123456');
      await page.getByTestId('applicant-phone').focus();
      await readerTypes(page, QR);
      await expect
        .poll(() => page.getByTestId('qr-notice').textContent())
        .toContain('Đã điền thông tin từ mã QR');
      await expect.poll(() => page.getByTestId('applicant-name').inputValue()).toBe('NGUYỄN VĂN AN');
      expect(await page.getByTestId('applicant-id').inputValue()).toBe('049090001234');
      // Shown the Vietnamese way whatever the browser's language.
      expect(await page.getByTestId('applicant-birth-date').inputValue()).toBe('15/08/1990');
      expect(await page.getByTestId('applicant-address').inputValue()).toBe('Thôn 1, Xã Tam Xuân, Quảng Nam');
      // None of the burst leaked into the field that had the cursor.
      expect(await page.getByTestId('applicant-phone').inputValue()).toBe('0905123456');

      // Another card's QR is refused with a reason, and the filled fields stay.
      await page.getByTestId('applicant-email').focus();
      await readerTypes(page, '049090001234|205123456|NGUYỄN VĂN AN|1508');
      await expect.poll(() => page.getByTestId('qr-notice').textContent()).toContain('bị thiếu');
      expect(await page.getByTestId('applicant-email').inputValue()).toBe('');
      await expect.poll(() => page.locator('.ant-form-item-explain-error').count()).toBe(0);
      expect(await page.getByTestId('applicant-name').inputValue()).toBe('NGUYỄN VĂN AN');
      // The citizen has moved: the new address is typed with a keyboard in combining-marks mode
      // (base letters, then the marks), as some Vietnamese input methods send it.
      await page.getByTestId('applicant-address').fill('');
      await page.getByTestId('applicant-address').focus();
      await page.keyboard.type('Tổ 3, Phường Tân Thạnh, Tam Kỳ'.normalize('NFD'));
      expect(await page.getByTestId('applicant-address').inputValue()).not.toBe(
        'Tổ 3, Phường Tân Thạnh, Tam Kỳ',
      );
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-reception-form.png'), fullPage: true });

      await page.getByTestId('create-dossier').click();
      // A new dossier opens on its first step, Thành phần: the reception panel waits in its own step.
      await page.getByTestId('dossier-steps').waitFor();
      await expect.poll(() => page.getByTestId('slot-TK').getAttribute('data-state')).toBe('missing');
      expect(await page.getByTestId('receive-dossier').isDisabled()).toBe(true);

      await page.getByTestId('component-TK').locator('input[type=file]').setInputFiles([scan]);
      await expect
        .poll(() => page.getByTestId('slot-TK').getAttribute('data-state'), { timeout: 20_000 })
        .toBe('done');
      expect(await page.getByTestId('slot-GCS').getAttribute('data-state')).toBe('missing');
      await page.getByTestId('step-receive').click();
      await page
        .getByTestId('exception-GCS')
        .fill('Sinh tại nhà, đã xuất trình giấy xác nhận thay giấy chứng sinh');
      // TK is scanned but not signed: without a reason (at least 10 characters) no reception.
      expect(await page.getByTestId('receive-dossier').isDisabled()).toBe(true);
      expect(await page.getByTestId('sign-gap-TK').textContent()).toContain('chưa tạo PDF');
      await page.getByTestId('unsigned-reason').fill('ký sau');
      expect(await page.getByTestId('unsigned-reason-hint').textContent()).toBe(
        'Lý do cần ít nhất 10 ký tự (hiện có 6).',
      );
      expect(await page.getByTestId('receive-dossier').isDisabled()).toBe(true);
      await page.getByTestId('unsigned-reason').fill('Thẻ ký số đang gia hạn, ký bổ sung trong ngày');
      await expect.poll(() => page.getByTestId('receive-dossier').isDisabled()).toBe(false);

      const download = page.waitForEvent('download', { timeout: 30_000 });
      await page.keyboard.press('Control+Enter');
      // No online authorisation ticked: the clerk confirms the dossier stays on paper.
      await page.getByTestId('receive-paper-ok').click();
      const file = path.join(scans, 'giay-tiep-nhan.pdf');
      const receipt = await download;
      await receipt.saveAs(file);
      expect(receipt.suggestedFilename()).toMatch(/^giay-tiep-nhan_000\.00\.00\.H47-\d{6}-0001\.pdf$/);
      const code = (await page.getByTestId('dossier-code').textContent())?.trim() ?? '';
      expect(code).toMatch(/^000\.00\.00\.H47-\d{6}-0001$/);
      const appointment = (await page.getByTestId('dossier-appointment').textContent())?.trim() ?? '';
      expect(appointment).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
      // The station's holiday table is still the pre-fill nobody confirmed: the clerk is told.
      await expect
        .poll(() => page.getByTestId('unconfirmed-years').textContent())
        .toContain('lịch nghỉ lễ chưa được xác nhận');

      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      for (const field of [
        `Mã hồ sơ: ${code}`,
        'NGUYỄN VĂN AN',
        'Tổ 3, Phường Tân Thạnh, Tam Kỳ', // printed composed: pdftotext gives back the composed letters
        'Căn cước / số định danh cá nhân: 049090001234',
        'Số điện thoại: 0905123456',
        'Đăng ký khai sinh',
        'chưa nộp — Sinh tại nhà',
        'Ghi chú: tiếp nhận khi thành phần TK chưa được ký số. Lý do: Thẻ ký số đang gia hạn',
        'Liên 2: Giao người nộp',
        'Đường dây nóng',
        '0235.1022',
      ])
        expect(text, field).toContain(field);
      await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-reception-received.png'), fullPage: true });

      // The receipt can be printed again from the dossier.
      const again = page.waitForEvent('download', { timeout: 30_000 });
      await page.getByTestId('receipt-pdf').click();
      expect((await again).suggestedFilename()).toBe(receipt.suggestedFilename());

      // The citizen comes back with the receipt: the dossier is found by its code, and opened with Enter.
      await page.getByTestId('nav-dossiers').click();
      const search = page.getByTestId('dossier-search').locator('input');
      await search.fill(code.slice(-11).toLowerCase());
      const rows = page.getByTestId('dossier-table').locator('tbody tr[data-testid^="dossier-row-"]');
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
      const rowText = (await rows.first().textContent()) ?? '';
      expect(rowText).toContain(code);
      // Times in Vietnam's time whatever the computer's zone (this browser runs in Los Angeles' time):
      // the list shows the appointment the receipt printed.
      expect(rowText).toContain(appointment);
      await search.fill('nguyen van');
      await expect.poll(() => rows.count()).toBe(1);
      await search.fill('khong co ai');
      await expect
        .poll(() => page.getByTestId('dossier-table').textContent())
        .toContain('Không có hồ sơ nào khớp');
      await search.fill(code);
      await search.press('Enter');
      await expect.poll(() => page.getByTestId('dossier-code').textContent(), { timeout: 10_000 }).toBe(code);
    } finally {
      await page.close().catch(() => {});
      await server.stop();
    }
  });

  it('edits the holiday table in Settings, refusing overlaps before saving, checks the activity log, and refuses a bad catalogue whole', async () => {
    const server = await startWebMode(tempDir());
    const page = await browser.newPage({ viewport: { width: 1366, height: 1000 }, locale: 'vi-VN' });
    try {
      await page.goto(server.url);
      await page.getByTestId('nav-settings').click();
      const card = page.getByTestId('reception-settings');
      await card.waitFor();
      await expect.poll(() => card.locator('tbody tr').count()).toBeGreaterThan(10);
      const values = await card
        .locator('tbody input')
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).join('|'));
      expect(values).toContain('Giỗ Tổ Hùng Vương');
      expect(values).toContain('27/04/2026');
      await card.getByRole('button', { name: 'Thêm dòng' }).click();
      const row = card.locator('tbody tr').last();
      await row.getByTestId('holiday-from').fill('18/02/2026');
      await row.getByTestId('holiday-to').fill('23/02/2026');
      await row.locator('input').nth(2).fill('Nghỉ thêm');
      await expect.poll(() => card.textContent()).toContain('trùng với dòng 16 “Nghỉ thêm”');
      expect(await card.getByRole('button', { name: 'Lưu cài đặt tiếp nhận' }).isDisabled()).toBe(true);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-reception-settings.png'), fullPage: true });
      await row.getByTestId('holiday-from').fill('23/02/2026');
      await expect
        .poll(() => card.getByRole('button', { name: 'Lưu cài đặt tiếp nhận' }).isDisabled())
        .toBe(false);
      // The row typed by the supervisor is confirmed; the pre-filled ones are not until ticked.
      expect(await row.getByTestId('holiday-confirmed').isChecked()).toBe(true);
      const first = card.locator('tbody tr').first();
      expect(await first.getByTestId('holiday-confirmed').isChecked()).toBe(false);
      await first.getByTestId('holiday-confirmed').check();
      // A Saturday the government made a working day.
      await card.getByTestId('extra-day-add').click();
      await card.getByTestId('extra-day').last().fill('10/01/2026');
      await card.getByRole('button', { name: 'Lưu cài đặt tiếp nhận' }).click();
      await expect
        .poll(() => page.locator('.ant-message').textContent())
        .toContain('Đã lưu cài đặt tiếp nhận');
      await page.reload();
      await page.getByTestId('nav-settings').click();
      await expect
        .poll(() => page.getByTestId('extra-day').first().inputValue(), { timeout: 15_000 })
        .toBe('10/01/2026');
      expect(await page.getByTestId('holiday-confirmed').first().isChecked()).toBe(true);
      // The supervisor checks the activity log, which now holds that change.
      const audit = page.getByTestId('audit-check');
      await audit.getByRole('button', { name: 'Kiểm tra tính toàn vẹn' }).click();
      await expect.poll(() => audit.textContent()).toMatch(/Nhật ký nguyên vẹn: [1-9]\d* mục\./);

      // A catalogue file with a duplicate code is refused whole, with the reason.
      const bad = path.join(tempDir(), 'danh-muc.json');
      const proc = {
        code: '9.1',
        name: 'A',
        field: 'x',
        agency: 'y',
        processingDays: 1,
        components: [{ code: 'TK', name: 'T', required: true }],
      };
      fs.writeFileSync(bad, JSON.stringify({ procedures: [proc, proc] }));
      await page.getByTestId('catalog-import-input').setInputFiles([bad]);
      await expect
        .poll(() => page.getByTestId('catalog-error').textContent())
        .toContain('mã thủ tục 9.1 bị trùng');
      expect(await page.getByTestId('catalog-card').textContent()).toContain('Đang có 21 thủ tục');
    } finally {
      await page.close().catch(() => {});
      await server.stop();
    }
  });
});
