import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchStationBrowser } from '../helpers/browser';
import { tempDir } from '../helpers/tmp';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';

let browser: Browser;

beforeAll(async () => {
  process.env.SOHOA_OCR = '0';
  browser = await launchStationBrowser();
});
afterEach(async () => {
  await stopAllWebModes();
});
afterAll(async () => {
  await browser?.close();
});

describe('the network scanner set up from Cài đặt, in Chromium through web mode at 1280×720', () => {
  it('adds a network scanner address from the Settings screen and finds it there again after a reload', async () => {
    const server = await startWebMode(tempDir());
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'vi-VN' });
    page.on('pageerror', (err) => console.error('page error:', err));
    await page.goto(server.url);
    await page.getByTestId('nav-settings').click();
    const card = page.getByTestId('scan-settings-card');
    await card.waitFor({ timeout: 30_000 });
    await expect(card.textContent()).resolves.toContain('máy quét nối qua mạng nội bộ');

    await card.getByTestId('scan-settings-open').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByPlaceholder('http://192.168.1.20/eSCL').fill('http://192.168.1.20/eSCL');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.textContent()).toContain('http://192.168.1.20/eSCL');
    await expect(dialog.getByText('Tìm cả máy quét mạng').count()).resolves.toBe(0);
    await page.screenshot({ path: '/tmp/setup-scan-settings.png' });
    await dialog.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(false);

    await page.reload();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('scan-settings-open').click();
    await expect
      .poll(() => page.getByRole('dialog').textContent(), { timeout: 10_000 })
      .toContain('http://192.168.1.20/eSCL');
  });
});
