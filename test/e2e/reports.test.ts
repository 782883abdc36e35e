import ExcelJS from 'exceljs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { localParts } from '../../shared/domain/deadline';
import { startSandbox } from '../../electron/engine/training';
import { launchStationBrowser } from '../helpers/browser';
import { tempDir } from '../helpers/tmp';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';
import { payCounter, receiveCounter, runCounter } from '../reports/counter';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = path.join(ROOT, 'test-results');
let browser: Browser;

beforeAll(async () => {
  process.env.SOHOA_OCR = '0'; // web mode inherits it: OCR is not what this test is about
  browser = await launchStationBrowser();
});
afterEach(async () => {
  await stopAllWebModes();
});
afterAll(async () => {
  await browser?.close();
});

describe('the figures place, in Chromium through web mode', { timeout: 240_000 }, () => {
  it('the supervisor sees the week in colour, opens an overdue dossier from the backlog and downloads the Friday report', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'station');
    // A counter's month: on time, late, overdue, due soon, a failed upload, cash and online payments.
    const who = await receiveCounter(data);
    {
      const sandbox = await startSandbox({ dataDir: tempDir('sohoa-sandbox-'), advanceMs: 200 });
      const engine = createEngine({
        dataDir: data,
        imaging: { ocr: false },
        outbox: { baseBackoffMs: 30, maxBackoffMs: 300, statusPollMs: 100 },
      });
      const c = connectInProcess(engine);
      try {
        await runCounter(c, sandbox.url, who);
        await payCounter(c, who);
      } finally {
        c.dispose();
        engine.close();
        await sandbox.close();
      }
    }

    const server = await startWebMode(data);
    const page = await browser.newPage({
      viewport: { width: 1500, height: 1000 },
      locale: 'vi-VN',
      acceptDownloads: true,
    });
    page.on('pageerror', (err) => console.error('page error:', err));
    await page.goto(server.url);
    await page.getByTestId('nav-figures').click();
    await page.getByTestId('figures-screen').waitFor();

    // This week: A, B, E, F, G received; A, B, C resolved today (C late); D overdue, E due soon, H awaiting the citizen.
    const count = (id: string) => page.getByTestId(id).locator('.ant-statistic-content-value').textContent();
    await expect.poll(() => count('count-received'), { timeout: 30_000 }).toBe('5');
    expect(await count('count-resolved')).toBe('3');
    expect(await count('count-overdue')).toBe('1');
    expect(await count('count-due-soon')).toBe('1');
    expect(await count('count-awaiting')).toBe('1'); // H, sent back for completion: its clock stopped
    await expect(page.getByTestId('count-resolved').textContent()).resolves.toContain(
      'đúng hạn 2 · quá hạn 1',
    );

    const onTime = page.getByTestId('share-onTime');
    expect(await onTime.getAttribute('data-level')).toBe('orange');
    expect(await page.getByTestId('share-onTime-percent').textContent()).toBe('66,7 %');
    expect(await page.getByTestId('share-onTime-fraction').textContent()).toBe('2 / 3 hồ sơ');
    expect(await onTime.getByTestId('level-tag').textContent()).toBe('Cam');
    // The colour is really painted: the tag's background is the index's orange.
    expect(await onTime.getByTestId('level-tag').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(251, 140, 0)',
    );
    expect(await page.getByTestId('share-onlinePayment-fraction').textContent()).toBe('1 / 2 hồ sơ');
    expect(await page.getByTestId('share-uploaded').getAttribute('data-level')).toBe('red');

    // On Fridays the screen reminds the supervisor to send the weekly report.
    const friday = localParts(Date.now()).weekday === 5;
    expect(await page.getByTestId('figures-friday').count()).toBe(friday ? 1 : 0);
    // The failed upload says what to do, in the outbox's words.
    await expect(page.getByTestId(`failed-${who.G.code}`).textContent()).resolves.toContain(
      'Hồ sơ chưa có tệp PDF nào để gửi',
    );
    const overdueRow = page.getByTestId(`backlog-${who.D.code}`);
    await expect(overdueRow.textContent()).resolves.toContain('Quá hạn');
    await expect(page.getByTestId(`backlog-${who.E.code}`).textContent()).resolves.toContain('Sắp đến hạn');
    await page.screenshot({ path: path.join(ARTIFACTS, 'figures.png'), fullPage: true });

    // The province lowers its thresholds: saved as a setting, the same 66,7 % turns dark green.
    await page.getByTestId('thresholds-open').click();
    for (const [k, v] of [
      ['darkGreen', '60'],
      ['green', '50'],
      ['yellow', '40'],
      ['orange', '30'],
    ] as const) {
      const input = page.getByTestId(`threshold-${k}`).locator('xpath=descendant-or-self::input');
      await input.fill(v);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'figures-thresholds.png') });
    await page.getByRole('button', { name: 'Lưu ngưỡng' }).click();
    await expect.poll(() => onTime.getAttribute('data-level'), { timeout: 15_000 }).toBe('dark_green');
    expect(await page.getByTestId('share-uploaded').getAttribute('data-level')).toBe('yellow');

    // The Friday report downloads as an Excel file with the three sheets.
    const download = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByTestId('figures-weekly').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^bao-cao-tuan-000\.00\.00\.H47-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const saved = path.join(dir, file.suggestedFilename());
    await file.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Chỉ số', 'Hồ sơ quá hạn', 'Gửi lỗi', 'Hài lòng']);

    // A custom range in 2020 (antd's range picker, dd/mm/yyyy): nothing to count, every card grey, never green.
    await page.getByText('Chọn khoảng ngày').click();
    const inputs = page.locator('.ant-picker-range input');
    await inputs.nth(0).click();
    await inputs.nth(0).fill('06/01/2020');
    await inputs.nth(0).press('Enter');
    await inputs.nth(1).fill('10/01/2020');
    await inputs.nth(1).press('Enter');
    await expect
      .poll(() => page.getByTestId('figures-period').textContent(), { timeout: 15_000 })
      .toContain('Kỳ 06/01/2020 – 10/01/2020');
    expect(await count('count-received')).toBe('0');
    for (const name of ['onTime', 'fullOnline', 'onlinePayment', 'digitized', 'uploaded'])
      expect(await page.getByTestId(`share-${name}`).getAttribute('data-level')).toBe('no_data');
    expect(await page.getByTestId('share-onTime-percent').textContent()).toBe('—');
    expect(await page.getByTestId('figures-period').textContent()).toContain('tính đến 10/01/2020 23:59');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(600); // the tags' colour transition, for the screenshot only
    await page.screenshot({ path: path.join(ARTIFACTS, 'figures-no-data.png') });
    await page.getByText('Tuần này').click();
    await expect.poll(() => count('count-received'), { timeout: 15_000 }).toBe('5');

    // Clicking the overdue row opens that dossier.
    await overdueRow.click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/dossier/${who.D.id}`);
    await expect.poll(() => page.locator('body').textContent(), { timeout: 15_000 }).toContain('Công dân D');
    await page.close();
  });
});
