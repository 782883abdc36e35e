import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchStationBrowser } from '../helpers/browser';
import { runSohoa } from '../helpers/cli';
import { scanImage } from '../helpers/images';
import { testSandbox } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';
import { sandboxDossiers } from '../outbox/fixtures';

let browser: Browser;
beforeAll(async () => {
  browser = await launchStationBrowser();
});
afterEach(stopAllWebModes);
afterAll(async () => {
  await browser?.close();
});

/** The options of the select open now (a closed one keeps its options in the page, hidden). */
const OPEN = '.ant-select-item-option:visible';

/** Picks the option of an antd select that contains `text`. */
async function choose(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.locator(OPEN, { hasText: text }).first().click();
}

describe('a post-office day in Chromium through web mode, at 1280×720', { timeout: 240_000 }, () => {
  it('receives a dossier on behalf of an agency, sends it, delivers its result by post, and closes the day', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'station');
    const portal = await testSandbox({ advanceMs: 200 });
    const env = { ...process.env, SOHOA_DATA_DIR: data, SOHOA_OCR: '0' };
    for (const args of [
      [
        'settings',
        'set',
        'stationKind=postal',
        'postalPointName=Bưu điện văn hóa xã Tam Anh',
        'postalPrices={"pickupVnd":15000,"returnVnd":22000}',
        `portalUrl=${portal.url}`,
      ],
      ['agency', 'add', '--code', '000.00.20.H47', '--name', 'UBND xã Tam Anh', '--procedures', '1.003005'],
    ]) {
      const r = await runSohoa(args, env);
      expect(r.code, r.err).toBe(0);
    }
    const scan = path.join(dir, 'to-khai.png');
    fs.writeFileSync(scan, await scanImage('png', { dpi: 100, width: 827, height: 1169 }));
    const server = await startWebMode(data);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'vi-VN' });
    const crashes: string[] = [];
    page.on('pageerror', (err) => {
      console.error('page error:', err);
      crashes.push(err.message);
    });
    try {
      await page.goto(server.url);
      // The second agency served, added from Cài đặt; a code of the wrong shape is refused first.
      await page.getByTestId('nav-settings').click();
      const card = page.getByTestId('agency-settings');
      await card.scrollIntoViewIfNeeded();
      await page.getByTestId('agency-code').fill('H47');
      await page.getByTestId('agency-name').fill('UBND xã Tam Xuân');
      await page.getByTestId('agency-procedures').fill('1.001612');
      await page.getByTestId('agency-add').click();
      await expect
        .poll(() => page.locator('.ant-message').textContent())
        .toContain('không đúng dạng mã định danh');
      await page.getByTestId('agency-code').fill('000.00.30.H47');
      await page.getByTestId('agency-add').click();
      await expect.poll(() => card.textContent()).toContain('000.00.30.H47');
      await page.getByTestId('nav-reception').click();
      // The first dossier of the day, scanned at the reception screen.
      await page.getByTestId('procedure-select').click();
      // A procedure no served agency accepts is flagged before the clerk scans anything.
      await page.keyboard.type('dang ky khai sinh');
      await expect
        .poll(() => page.locator('.ant-select-item-option').first().textContent())
        .toContain('Không cơ quan nào nhận thủ tục này qua bưu chính.');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('trich luc ho tich');
      await expect
        .poll(() => page.locator('.ant-select-item-option').first().textContent())
        .toContain('Cấp bản sao trích lục hộ tịch');
      // At a postal service point the picker names the agency that receives the procedure.
      await expect
        .poll(() => page.locator('.ant-select-item-option').first().textContent())
        .toContain('Cơ quan nhận: UBND xã Tam Anh');
      await page.screenshot({ path: '/tmp/post-picker.png' });
      await page.keyboard.press('Enter');
      await page.getByTestId('applicant-name').fill('PHAN THỊ CHƯA');
      await page.getByTestId('create-dossier').click();
      await page.getByTestId('component-TK').locator('input[type=file]').setInputFiles([scan]);
      await expect
        .poll(() => page.getByTestId('slot-TK').getAttribute('data-state'), { timeout: 20_000 })
        .toBe('done');

      // Bưu chính: received on behalf of the agency that accepts the procedure.
      await page.getByTestId('nav-post').click();
      await page.getByTestId('post-screen').waitFor();
      // The screen opens in postal mode at 1280×720 without a crash, nothing wider than the window.
      await page.getByTestId('post-receive').waitFor();
      expect(crashes).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      await choose(page, 'post-draft', 'PHAN THỊ CHƯA');
      await page.getByTestId('post-agency').click();
      // Only the agency that accepts the procedure is offered.
      await expect
        .poll(() => page.locator(OPEN).allTextContents())
        .toEqual(['UBND xã Tam Anh (000.00.20.H47)']);
      await page.locator(OPEN).first().click();
      await page.getByTestId('post-method').getByText('Qua bưu chính').click();
      await page.getByTestId('post-address').fill('Số 5 Hùng Vương, Tam Kỳ');
      await page.getByTestId('post-pickup').click();
      await page.getByTestId('post-reference').fill('BL-0001');
      // Scanned, not signed: the counter's check lists it, and receiving needs the reason.
      await expect.poll(() => page.getByTestId('sign-check').getAttribute('data-state')).toBe('gaps');
      expect(await page.getByTestId('post-receive-button').isDisabled()).toBe(true);
      await page.getByTestId('unsigned-reason').fill('ký sau');
      expect(await page.getByTestId('unsigned-reason-hint').textContent()).toContain('ít nhất 10 ký tự');
      expect(await page.getByTestId('post-receive-button').isDisabled()).toBe(true);
      await page
        .getByTestId('unsigned-reason')
        .fill('Bưu điện chưa có chữ ký số, cơ quan ký khi nhận hồ sơ giấy');
      await page.getByTestId('post-receive-button').click();
      const received = page.getByTestId('post-received');
      await expect
        .poll(() => received.textContent(), { timeout: 15_000 })
        .toMatch(/000\.00\.20\.H47-\d{6}-0001/);
      const code = /000\.00\.20\.H47-\d{6}-0001/.exec((await received.textContent())!)![0];
      expect(await received.textContent()).toContain('cộng 45.000');

      // End of day: send everything that is not on the portal yet.
      const eod = page.getByTestId('post-eod');
      await expect.poll(() => eod.textContent()).toContain('UBND xã Tam Anh (000.00.20.H47)');
      const sendAll = page.getByTestId('post-send-all');
      await sendAll.click();
      await expect
        .poll(async () => (await sandboxDossiers(portal.url)).map((d) => d.code), { timeout: 30_000 })
        .toContain(code);

      // The result comes back: it shows in "Trả kết quả qua bưu chính".
      const results = page.getByTestId('post-results');
      await expect
        .poll(
          async () => {
            // "Gửi tất cả" also asks the portal at once about what it has (no wait for the next poll).
            await sendAll.click();
            await results.getByRole('button', { name: '↻' }).click();
            return results.textContent();
          },
          { timeout: 60_000, interval: 500 },
        )
        .toContain(code);
      await page.getByTestId('post-tracking').fill('EE123456784VN');
      await page.getByTestId('post-hand').click();
      await expect.poll(() => page.locator('.ant-message').textContent()).toContain('không hợp lệ');
      await page.getByTestId('post-tracking').fill('EE123456785VN');
      await page.getByTestId('post-hand').click();
      await expect.poll(() => page.getByTestId(`post-state-${code}`).textContent()).toBe('Đang phát');
      await page.getByTestId('post-delivered').click();
      await expect.poll(() => page.getByTestId(`post-state-${code}`).textContent()).toBe('Đã phát');
      await expect
        .poll(async () => (await sandboxDossiers(portal.url)).find((d) => d.code === code)?.status, {
          timeout: 30_000,
        })
        .toBe(10);

      // The handover of the paper original to the agency, confirmed.
      await page.getByTestId('post-confirm-000.00.20.H47').click();
      await expect.poll(() => eod.textContent()).toContain('Đã bàn giao');
      await eod.scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/post-day.png' });

      // The figures per agency on the figures screen.
      await page.getByTestId('nav-figures').click();
      const perAgency = page.getByTestId('agency-figures');
      await expect
        .poll(() => perAgency.textContent(), { timeout: 15_000 })
        .toContain('UBND xã Tam Anh (000.00.20.H47)');
      expect(await perAgency.textContent()).toContain('37.000');
      await perAgency.scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/post-figures.png' });
      expect(crashes).toEqual([]);
    } catch (err) {
      await page.screenshot({ path: '/tmp/post-failed.png', fullPage: true });
      throw err;
    } finally {
      await page.close();
    }
  });
});
