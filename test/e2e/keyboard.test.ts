import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchStationBrowser } from '../helpers/browser';
import { scanImage } from '../helpers/images';
import { tempDir } from '../helpers/tmp';
import { readerTypes } from '../helpers/barcode-reader';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';

const QR = '049090001234|205123456|NGUYỄN VĂN AN|15081990|Nam|Thôn 1, Xã Tam Xuân, Quảng Nam|20042021';

let browser: Browser;
beforeAll(async () => {
  browser = await launchStationBrowser();
});
afterEach(stopAllWebModes);
afterAll(async () => {
  await browser?.close();
});

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const id = el?.closest('[data-testid]')?.getAttribute('data-testid');
    return id ?? `${el?.tagName} ${el?.className}`;
  });

const inMenu = (page: Page) => page.evaluate(() => !!document.activeElement?.closest('.ant-dropdown'));

async function openReception(): Promise<{ page: Page; stop: () => Promise<void> }> {
  const server = await startWebMode(tempDir('sohoa-keys-'));
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'vi-VN' });
  page.on('pageerror', (err) => console.error('page error:', err));
  await page.goto(server.url);
  await page.getByTestId('procedure-select').waitFor({ timeout: 20_000 });
  return { page, stop: server.stop };
}

describe('the reception form from the keyboard, in Chromium at 1280×720', { timeout: 90_000 }, () => {
  it('a reader’s burst while the procedure search has the cursor fills the applicant and leaves the search empty', async () => {
    const { page, stop } = await openReception();
    try {
      const search = page.getByTestId('procedure-select').locator('input');
      await search.focus();
      await readerTypes(page, QR);
      await expect.poll(() => page.getByTestId('applicant-name').inputValue()).toBe('NGUYỄN VĂN AN');
      expect(await page.getByTestId('applicant-id').inputValue()).toBe('049090001234');
      expect(await search.inputValue()).toBe('');
      expect(await page.getByTestId('procedure-select').textContent()).not.toContain('049090');
    } finally {
      await page.close().catch(() => {});
      await stop();
    }
  });

  it('from the procedure to the ID number takes two Tabs: the applicant kind is one stop, switched by arrows', async () => {
    const { page, stop } = await openReception();
    try {
      await page.getByTestId('procedure-select').click();
      await page.keyboard.type('khai sinh');
      await expect
        .poll(() => page.locator('.ant-select-item-option-active').textContent())
        .toContain('Đăng ký khai sinh');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.getByTestId('procedure-select').textContent())
        .toContain('Đăng ký khai sinh');
      // The list closes after Enter (on a loaded machine a frame later); a Tab while it is open picks, not moves.
      const combobox = page.getByTestId('procedure-select').getByRole('combobox');
      await expect.poll(() => combobox.getAttribute('aria-expanded')).toBe('false');
      expect(await focused(page)).toBe('procedure-select');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('applicant-kind');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('applicant-id');
      await page.keyboard.type('049090001234');
      expect(await page.getByTestId('applicant-id').inputValue()).toBe('049090001234');

      // Back to the kind: an arrow makes it an organisation (tax code instead of the ID number).
      await page.keyboard.press('Shift+Tab');
      expect(await focused(page)).toBe('applicant-kind');
      await page.keyboard.press('ArrowRight');
      await page.getByTestId('applicant-tax-code').waitFor();
      expect(await page.getByTestId('applicant-id').count()).toBe(0);
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('applicant-tax-code');
      // The card-image button still reachable, after the fields.
      await expect.poll(() => page.getByTestId('qr-image').isVisible()).toBe(true);
    } finally {
      await page.close().catch(() => {});
      await stop();
    }
  });

  it('a căn cước QR pasted into the ID number field fills the whole applicant', async () => {
    const { page, stop } = await openReception();
    try {
      const id = page.getByTestId('applicant-id');
      await id.focus();
      await id.evaluate((el, text) => {
        const data = new DataTransfer();
        data.setData('text/plain', text);
        el.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
      }, QR);
      await expect.poll(() => page.getByTestId('applicant-name').inputValue()).toBe('NGUYỄN VĂN AN');
      expect(await id.inputValue()).toBe('049090001234');
      expect(await page.getByTestId('applicant-birth-date').inputValue()).toBe('15/08/1990');
      expect(await page.getByTestId('applicant-address').inputValue()).toBe('Thôn 1, Xã Tam Xuân, Quảng Nam');
      expect(await page.getByTestId('qr-notice').textContent()).toContain('dán vào ô số định danh');
    } finally {
      await page.close().catch(() => {});
      await stop();
    }
  });
});

describe('the dossier from the keyboard, in Chromium at 1280×720', { timeout: 90_000 }, () => {
  it('Ctrl+Enter on an incomplete dossier says what is missing, a short reason says so, the page-move menu works with arrows and Escape', async () => {
    const { page, stop } = await openReception();
    const scans = tempDir('sohoa-keys-scans-');
    const files = [path.join(scans, 'trang-1.png'), path.join(scans, 'trang-2.png')];
    for (const f of files) fs.writeFileSync(f, await scanImage('png'));
    try {
      await page.getByTestId('procedure-select').click();
      await page.keyboard.type('khai sinh');
      await page.locator('.ant-select-item-option').filter({ hasText: 'Đăng ký khai sinh' }).first().click();
      await page.getByTestId('applicant-name').fill('Nguyễn Thị Hoa');
      await page.getByTestId('create-dossier').click();
      await page.getByTestId('dossier-steps').waitFor({ timeout: 20_000 });

      // Ctrl+Enter works from any step (here the first, Thành phần).
      await page.keyboard.press('Control+Enter');
      const warning = page.locator('.ant-message');
      await expect.poll(() => warning.textContent()).toContain('Chưa tiếp nhận được');
      expect(await warning.textContent()).toContain('“Tờ khai đăng ký khai sinh”');
      expect(await warning.textContent()).toContain('“Giấy chứng sinh”');

      await page.getByTestId('step-receive').click();
      await page.getByTestId('exception-GCS').fill('ab');
      expect(await page.getByTestId('reason-short-GCS').textContent()).toContain('cần ít nhất 3 ký tự');
      await page.getByTestId('exception-GCS').fill('Đã xuất trình bản chính');
      expect(await page.getByTestId('reason-short-GCS').count()).toBe(0);

      await page.getByTestId('step-components').click();
      const tk = page.getByTestId('component-TK');
      await tk.locator('input[type=file]').setInputFiles(files);
      await expect.poll(() => tk.getByTestId('page-thumb').count(), { timeout: 20_000 }).toBe(2);
      const button = tk.getByTestId('page-thumb').nth(1).getByTestId('page-move-to');
      await button.focus();
      // Enter opens the menu with the focus in it; arrows walk it; Escape closes it back onto the button.
      await page.keyboard.press('Enter');
      await expect.poll(() => inMenu(page)).toBe(true);
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => focused(page)).toMatch(/^move-to-/);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('move-to-GCS').isVisible()).toBe(false);
      await expect.poll(() => focused(page)).toBe('page-move-to');
      await page.keyboard.press('Enter');
      await expect.poll(() => inMenu(page)).toBe(true);
      // Each arrow is waited for: the menu moves its focus a frame later, and a second
      // arrow pressed before that would walk past the component.
      for (let i = 0; i < 5; i++) {
        const at = await focused(page);
        if (at === 'move-to-GCS') break;
        await page.keyboard.press('ArrowDown');
        await expect.poll(() => focused(page)).not.toBe(at);
      }
      expect(await focused(page)).toBe('move-to-GCS');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('page-count-GCS').textContent()).toBe('1 trang');
    } finally {
      await page.close().catch(() => {});
      await stop();
    }
  });
});
