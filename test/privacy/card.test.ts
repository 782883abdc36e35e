import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PURGED_NAME } from '../../shared/api/rooms/privacy';
import { launchStationBrowser } from '../helpers/browser';
import { tempDir } from '../helpers/tmp';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';
import { handOver, receive, station } from './fixtures';

/** The "Dữ liệu cá nhân" card in the Settings screen, in Chromium through web mode (docs/architecture.md, privacy). */

const ARTIFACTS = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'test-results');
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

describe('the personal data card', { timeout: 180_000 }, () => {
  it('shows the plan and why a dossier is kept, sets the retention, removes expired data after a confirmation; the purged dossier still opens', async () => {
    const dir = tempDir();
    const st = station(dir);
    const a = await receive(st.client, '049190001234', 'Nguyễn Thị Lan', 11);
    const b = await receive(st.client, '049185007777', 'Trần Văn Bảy', 12);
    await handOver(st.client, a.id);
    st.close();

    const server = await startWebMode(dir);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'vi-VN' });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    await page.goto(server.url);
    await page.getByTestId('nav-settings').click();
    const card = page.getByTestId('privacy-card');
    await card.waitFor({ timeout: 30_000 });
    const plan = card.getByTestId('privacy-plan');
    await expect.poll(() => plan.textContent()).toContain(b.code);
    expect(await plan.textContent()).toContain('Chưa xóa vì chưa trả kết quả');
    expect(await plan.textContent()).toContain('Thông tin người nộp:');

    // Nothing is past the default retention yet.
    await card.getByTestId('privacy-purge').click();
    await expect
      .poll(() => page.textContent('body'))
      .toContain('Không có dữ liệu nào đã hết thời hạn lưu trữ.');

    await card.getByTestId('retention-applicant').fill('0');
    await card.getByTestId('retention-files').fill('0');
    await card.getByRole('button', { name: 'Lưu thời hạn' }).click();
    await expect.poll(() => page.textContent('body')).toContain('Đã lưu thời hạn lưu trữ.');

    await card.getByTestId('privacy-purge').click();
    const dialog = page.locator('.ant-modal-confirm');
    await expect.poll(() => dialog.textContent()).toContain('Xóa vĩnh viễn dữ liệu của 1 hồ sơ');
    await card.screenshot({ path: path.join(ARTIFACTS, 'privacy-card.png') }).catch(() => {});
    await dialog.getByRole('button', { name: 'Xóa' }).click();
    await expect.poll(() => page.textContent('body')).toContain('Đã xóa dữ liệu của 1 hồ sơ.');
    await expect.poll(() => plan.textContent()).toContain(PURGED_NAME);

    // The purged dossier opens: its record, the neutral name, no pages.
    await page.evaluate((id) => {
      location.hash = `#/dossier/${id}`;
    }, a.id);
    await expect.poll(() => page.getByTestId('dossier-applicant').textContent()).toBe(PURGED_NAME);
    expect(errors).toEqual([]);
  });
});
