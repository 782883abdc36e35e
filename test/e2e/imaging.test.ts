import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { launchStationBrowser } from '../helpers/browser';
import { b64 } from '../helpers/images';
import { tempDir } from '../helpers/tmp';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';
import { directiveWords, renderPage, scanLike, wrap } from '../imaging/pages';

const ARTIFACTS = fileURLToPath(new URL('../../test-results', import.meta.url));
let browser: Browser;

beforeAll(async () => {
  browser = await launchStationBrowser();
});
afterEach(stopAllWebModes);
afterAll(async () => {
  await browser?.close();
});

describe('the clerk checks the cleaned pages, in Chromium through web mode', () => {
  it('shows the cleaned page beside the original, undoes the straightening in one click, keeps a page flagged blank and moves it to its component from the keyboard', async () => {
    const data = tempDir();
    // The dossier and its two scans are made before the station opens (the data dir has one owner at a time).
    const engine = createEngine({ dataDir: data, imaging: { ocr: false } });
    const client = connectInProcess(engine);
    const crooked = await scanLike(
      await renderPage({ dpi: 120, lines: wrap(directiveWords(), 70).slice(0, 25) }),
      120,
      {
        skewDeg: 4,
        noise: 15,
        jpegQuality: 80,
      },
    );
    const empty = await scanLike(await renderPage({ dpi: 120, lines: [] }), 120, {
      noise: 20,
      jpegQuality: 80,
    });
    const d = await client.call('dossier.create', {
      procedureCode: '1.001193',
      applicantName: 'Phạm Thị Lan',
    });
    await client.call('dossier.addPages', {
      dossierId: d.id,
      componentCode: 'TK',
      files: [
        { name: 'to-khai.jpg', dataBase64: b64(crooked) },
        { name: 'trang-trang.jpg', dataBase64: b64(empty) },
      ],
    });
    client.dispose();
    engine.close();

    // Cleanup only (no OCR) keeps this story quick on a shared machine; OCR has its own tests.
    process.env.SOHOA_OCR = '0';
    const server = await startWebMode(data).finally(() => delete process.env.SOHOA_OCR);
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    try {
      await page.goto(server.url);
      await page.getByTestId('nav-reception').waitFor();
      await page.evaluate((id) => {
        location.hash = `#/dossier/${id}`;
      }, d.id);
      // The Kiểm tra step: the pages' cleanup and text.
      await page.getByTestId('step-review').click({ timeout: 30_000 });
      const panel = page.getByTestId('imaging-panel');
      await panel.waitFor({ timeout: 30_000 });
      await expect
        .poll(() => page.getByTestId('imaging-progress').textContent(), { timeout: 90_000 })
        .toContain('Đã làm sạch 2/2 trang');
      // The component's card says the same at a glance, and that its PDF is still to be made.
      const status = page.getByTestId('component-status-TK');
      await expect.poll(() => status.getByTestId('status-cleaned-TK').textContent()).toBe('Làm sạch 2/2');
      expect(await status.getByTestId('status-read-TK').count()).toBe(0); // OCR is off in this story
      expect(await status.getByTestId('status-pdf-TK').textContent()).toBe('Chưa tạo PDF');
      const view = page.getByTestId('imaging-page');
      await expect.poll(() => view.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
      await page.getByTestId('imaging-cleaned').waitFor({ timeout: 30_000 });
      const deskew = page.getByTestId('imaging-deskew');
      expect(await deskew.getAttribute('aria-checked')).toBe('true');
      await deskew.click();
      await expect.poll(() => deskew.getAttribute('aria-checked')).toBe('false');
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-imaging.png'), fullPage: true });

      // The blank sheet: flagged, and the clerk keeps it.
      await page.getByTestId('imaging-page-select').click();
      await page.locator('.ant-select-item-option').filter({ hasText: 'trang-trang.jpg' }).click();
      const flag = page.getByTestId('imaging-blank-flag');
      await flag.waitFor({ timeout: 30_000 });
      await flag.getByRole('button', { name: 'Không, giữ trang' }).click();
      await expect.poll(() => flag.count()).toBe(0);

      // That sheet belongs to another component: moved there from the keyboard alone.
      await page.getByTestId('step-components').click();
      const tk = page.getByTestId('component-TK');
      const second = tk.getByTestId('page-thumb').nth(1);
      await second.getByTestId('page-move-to').focus();
      await page.keyboard.press('Enter');
      const target = page.getByTestId('move-to-GCS');
      await target.waitFor({ timeout: 10_000 });
      await target.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('page-count-GCS').textContent()).toBe('1 trang');
      expect(await page.getByTestId('page-count-TK').textContent()).toBe('1 trang');

      // The dossier's activity log tells what was done, in Vietnamese, newest first.
      await page.getByTestId('step-receipt').click();
      await page.getByTestId('audit-card').getByText('Nhật ký thao tác').click();
      await expect
        .poll(() => page.getByTestId('audit-action').allTextContents())
        .toEqual(
          expect.arrayContaining(['Chuyển trang sang thành phần khác', 'Xác nhận trang trắng', 'Thêm trang']),
        );
      expect(await page.getByTestId('audit-action').first().textContent()).toBe(
        'Chuyển trang sang thành phần khác',
      );
    } finally {
      await page.close().catch(() => {});
      await server.stop();
    }
  });
});
