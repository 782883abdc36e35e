import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { launchStationBrowser } from '../helpers/browser';
import { tempDir } from '../helpers/tmp';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';

/** Screenshots to look at, outside the repository. */
const SHOTS = '/tmp/r2-14-cutoff-stop';
const VIEW = { width: 1280, height: 720 };
/** Tuesday 8 December 2026, 15:30 in Vietnam: after a 15:00 cut-off, within office hours. */
const NOW = '2026-12-08T15:30:00+07:00';
const REASON = 'Cơ quan có thẩm quyền yêu cầu xác minh lại chữ ký trên văn bản';
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  process.env.SOHOA_OCR = '0'; // web mode inherits it: OCR is not what this test is about
  browser = await launchStationBrowser();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
  await stopAllWebModes();
});
afterAll(async () => {
  await browser?.close();
});

/** The station's accounts (an administrator, a clerk, a supervisor) and a draft dossier for 2.000815. */
async function prepare(dataDir: string): Promise<string> {
  const engine = createEngine({ dataDir, outbox: { autoStart: false }, imaging: { ocr: false } });
  const c = connectInProcess(engine);
  try {
    const admin = await c.call('accounts.setup', {
      username: 'quantri',
      name: 'Phạm Quản Trị',
      password: 'mat-khau-quan-tri',
    });
    c.setSession(admin.token);
    for (const [username, name, role] of [
      ['binh', 'Trần Thị Bình', 'clerk'],
      ['lanh', 'Lê Lãnh Đạo', 'supervisor'],
    ] as const)
      await c.call('accounts.add', { username, name, role, password: `${username}-12345` });
    const d = await c.call('dossier.create', {
      procedureCode: '2.000815',
      applicantName: 'Công ty TNHH Sông Thu',
    });
    return d.id;
  } finally {
    c.dispose();
    engine.close();
  }
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByTestId('sign-in-username').fill(username, { timeout: 30_000 });
  await page.getByTestId('sign-in-password').fill(`${username}-12345`);
  await page.keyboard.press('Enter');
  await page.getByTestId('account-name').waitFor({ timeout: 15_000 });
}

const pdfText = (file: string) =>
  execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

describe('the cut-off time and the stop notice, in Chromium through web mode at 1280×720', () => {
  it(
    'a supervisor sets 15:00 for a procedure, a dossier received at 15:30 is due from the next working day, and its stop notice prints form 05 with the reason',
    { timeout: 300_000 },
    async () => {
      fs.mkdirSync(SHOTS, { recursive: true });
      const data = tempDir();
      const out = tempDir();
      const dossierId = await prepare(data);
      const server = await startWebMode(data, 120_000, { now: NOW });
      const context = await browser.newContext({ viewport: VIEW, locale: 'vi-VN', acceptDownloads: true });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (err) => console.error('page error:', err));
      // The counter computer's clock says the same day and hour as the station's.
      await page.clock.setFixedTime(new Date(NOW));
      await page.goto(server.url);

      // The supervisor, in Cài đặt → the catalogue card.
      await signIn(page, 'lanh');
      await page.getByTestId('nav-settings').click();
      const editor = page.getByTestId('cutoff-editor');
      await editor.waitFor({ timeout: 30_000 });
      await editor.scrollIntoViewIfNeeded();
      await page.getByTestId('cutoff-procedure').click();
      await page.keyboard.type('2.000815');
      await page.locator('.ant-select-item-option').filter({ hasText: '2.000815' }).click();
      const time = page.getByTestId('cutoff-time');
      const save = page.getByTestId('cutoff-save');
      // A time that is not one: said in Vietnamese, and nothing can be saved.
      await time.fill('25:00');
      await expect.poll(() => editor.textContent()).toContain('Giờ có dạng 15:00 (từ 00:00 đến 23:59).');
      expect(await save.isDisabled()).toBe(true);
      await time.fill('3 giờ chiều');
      expect(await save.isDisabled()).toBe(true);
      await editor.screenshot({ path: path.join(SHOTS, '1-cutoff-bad.png') });
      await time.fill('15:00');
      await expect.poll(() => save.isDisabled()).toBe(false);
      await save.click();
      await expect
        .poll(() => page.getByText('Đã lưu giờ chốt nhận hồ sơ của thủ tục 2.000815.').count(), {
          timeout: 10_000,
        })
        .toBeGreaterThan(0);
      // Read back: the list of procedures names it.
      await expect
        .poll(() => page.getByTestId('cutoff-procedure').textContent(), { timeout: 10_000 })
        .toContain('giờ chốt nhận hồ sơ: 15:00');
      // At 1280×720 the procedure, the time and both buttons sit on one line.
      const tops = await Promise.all(
        ['cutoff-time', 'cutoff-save', 'cutoff-clear'].map(
          async (id) => (await page.getByTestId(id).boundingBox())!.y,
        ),
      );
      expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(8);
      await page.screenshot({ path: path.join(SHOTS, '2-cutoff-saved.png') });
      await page.getByTestId('account-menu').click();
      await page.getByTestId('menu-sign-out').click();

      // The clerk receives the dossier at 15:30, the paper declaration to be scanned later.
      await page.getByTestId('sign-in').waitFor();
      await signIn(page, 'binh');
      await page.evaluate((id) => (location.hash = `#/dossier/${id}`), dossierId);
      await page.getByTestId('dossier-steps').waitFor({ timeout: 20_000 });
      await page.getByTestId('step-receive').click();
      await page.getByTestId('exception-VB').fill('Bản giấy, quét bổ sung sau');
      const receive = page.getByTestId('receive-dossier');
      await expect.poll(() => receive.isDisabled(), { timeout: 10_000 }).toBe(false);
      await page.screenshot({ path: path.join(SHOTS, '3-receive.png') });
      const receiptDownload = page.waitForEvent('download', { timeout: 30_000 });
      await receive.click();
      await page.getByTestId('receive-paper-ok').click();
      const receiptFile = path.join(out, 'receipt.pdf');
      await (await receiptDownload).saveAs(receiptFile);

      // 4 working hours counted from 07:00 on Wednesday, not from 15:30 on Tuesday (that would be 09:30).
      const appointment = page.getByTestId('dossier-appointment');
      // Every time on the dossier screen in one format, Vietnam's time (dd/MM/yyyy HH:mm).
      await expect.poll(() => appointment.textContent(), { timeout: 20_000 }).toContain('09/12/2026 11:00');
      expect(await page.getByTestId('dossier-received-at').textContent()).toMatch(/^08\/12\/2026 15:3\d$/);
      const receipt = pdfText(receiptFile);
      expect(receipt).toContain('Công ty TNHH Sông Thu');
      expect(receipt).toContain(
        'Thời gian trả kết quả giải quyết hồ sơ: 11 giờ 00 phút, ngày 09 tháng 12 năm 2026',
      );
      expect(receipt).not.toContain('09 giờ 30 phút, ngày 09 tháng 12 năm 2026');
      await page.screenshot({ path: path.join(SHOTS, '4-received.png') });

      // The agency stops processing it: a reason too short is not taken.
      const stop = page.getByTestId('stop-notice');
      await stop.scrollIntoViewIfNeeded();
      await stop.click();
      const reason = page.getByTestId('stop-notice-reason');
      await reason.fill('Thiếu');
      const ok = page.getByTestId('stop-notice-ok');
      expect(await ok.isDisabled()).toBe(true);
      const dialog = page.getByRole('dialog', { name: 'Thông báo dừng giải quyết hồ sơ' });
      await expect.poll(() => dialog.getByTestId('reason-short').textContent()).toContain('10 ký tự');
      await page.screenshot({ path: path.join(SHOTS, '5-stop-short.png') });
      await reason.fill(REASON);
      await expect.poll(() => ok.isDisabled()).toBe(false);
      const noticeDownload = page.waitForEvent('download', { timeout: 30_000 });
      await ok.click();
      const noticeFile = path.join(out, 'notice.pdf');
      await (await noticeDownload).saveAs(noticeFile);
      await expect
        .poll(() => page.getByText('Đã lập thông báo dừng giải quyết hồ sơ.').count(), { timeout: 10_000 })
        .toBeGreaterThan(0);
      const notice = pdfText(noticeFile);
      expect(notice).toContain('Mẫu số 05');
      expect(notice).toContain(REASON);
      expect(notice).toContain('Công ty TNHH Sông Thu');
      // Issued, the dossier has ended: it says so (when, by whom, why, the portal told), and the
      // notice can be printed again; the stop button is gone with the other notices.
      const shown = page.getByTestId('dossier-ended');
      await expect.poll(() => shown.textContent(), { timeout: 10_000 }).toContain(REASON);
      expect(await shown.textContent()).toMatch(
        /^Hồ sơ đã dừng giải quyết lúc 08\/12\/2026 15:3\d \(cán bộ lập thông báo: Trần Thị Bình\)\./,
      );
      expect(await shown.textContent()).toContain('Dừng xử lý');
      expect(await page.getByText('Đã dừng giải quyết', { exact: true }).count()).toBeGreaterThan(0);
      expect(await stop.count()).toBe(0);
      const again = shown.getByTestId('form-07');
      await again.waitFor({ timeout: 10_000 });
      // The log says when, in the same format.
      const log = page.getByTestId('audit-card');
      await log.scrollIntoViewIfNeeded();
      await log.locator('.ant-collapse-header').click();
      const whens = log.locator('tbody tr td:first-child');
      await expect.poll(() => whens.count(), { timeout: 10_000 }).toBeGreaterThan(1);
      for (const when of await whens.allTextContents()) expect(when).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
      await page.screenshot({ path: path.join(SHOTS, '6-stopped.png') });
      const second = page.waitForEvent('download', { timeout: 30_000 });
      await again.click();
      const againFile = path.join(out, 'again.pdf');
      await (await second).saveAs(againFile);
      expect(pdfText(againFile)).toContain(REASON);
    },
  );
});
