import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchStationBrowser } from '../helpers/browser';
import { scanImage } from '../helpers/images';
import { tempDir } from '../helpers/tmp';
import { type RunningWebMode, startWebMode, stopAllWebModes } from '../helpers/web-mode';

const ARTIFACTS = fileURLToPath(new URL('../../test-results', import.meta.url));

let browser: Browser;

beforeAll(async () => {
  browser = await launchStationBrowser();
});

afterEach(stopAllWebModes);

afterAll(async () => {
  await browser?.close();
});

async function openStation(server: RunningWebMode): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  page.on('pageerror', (err) => console.error('page error:', err));
  await page.goto(server.url);
  await page.getByTestId('nav-reception').waitFor();
  return page;
}

describe('the clerk at the counter, in Chromium through web mode', () => {
  it('creates a dossier, adds two scans, builds the PDF, and finds it all again after the engine restarts', async () => {
    const data = tempDir();
    const scans = tempDir();
    const files = [path.join(scans, 'to-khai-trang-1.jpg'), path.join(scans, 'to-khai-trang-2.png')];
    fs.writeFileSync(files[0]!, await scanImage('jpeg'));
    fs.writeFileSync(files[1]!, await scanImage('png', { shade: '#333' }));

    let server = await startWebMode(data);
    let page = await openStation(server);
    try {
      // Pick the procedure by typing words without diacritics, as a clerk in a hurry would.
      await page.getByTestId('procedure-select').click();
      await page.keyboard.type('khai sinh');
      await page.locator('.ant-select-item-option').filter({ hasText: 'Đăng ký khai sinh' }).first().click();
      await page.getByTestId('applicant-name').fill('Nguyễn Thị Hoa');
      await page.getByTestId('create-dossier').click();

      const workspace = page.getByTestId('dossier-workspace');
      await workspace.waitFor();
      await expect
        .poll(() => page.getByTestId('dossier-applicant').textContent())
        .toContain('Nguyễn Thị Hoa');
      const dossierId = await workspace.getAttribute('data-dossier-id');
      expect(dossierId).toBeTruthy();

      // Web mode sends each file's raw bytes to PUT /upload (issue 18), in order, none left staged.
      const puts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'PUT' && new URL(r.url()).pathname === '/upload')
          puts.push(decodeURIComponent(r.headers()['x-upload-name'] ?? ''));
      });
      const tk = page.getByTestId('component-TK');
      await tk.locator('input[type=file]').setInputFiles(files);
      await expect.poll(() => tk.getByTestId('page-thumb').count(), { timeout: 20_000 }).toBe(2);
      expect(puts).toEqual(['to-khai-trang-1.jpg', 'to-khai-trang-2.png']);
      expect(fs.readdirSync(path.join(data, 'staging'))).toEqual([]);

      await page.getByTestId('assemble-TK').click();
      await expect
        .poll(() => page.getByTestId('pdf-info-TK').textContent(), { timeout: 20_000 })
        .toMatch(/2 trang/);

      // The PDF the clerk downloads is a sound file.
      const download = page.waitForEvent('download');
      await page.getByTestId('download-TK').click();
      const pdfFile = path.join(scans, 'downloaded.pdf');
      await (await download).saveAs(pdfFile);
      expect(execFileSync('qpdf', ['--check', pdfFile], { encoding: 'utf8' })).toContain(
        'No syntax or stream encoding errors',
      );

      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-dossier-workspace.png'), fullPage: true });
      await page.close();

      // The engine goes down and comes back (a restart, a crash): the dossier is still there.
      await server.stop();
      server = await startWebMode(data);
      page = await openStation(server);
      await page.getByTestId('nav-dossiers').click();
      const row = page.getByTestId(`dossier-row-${dossierId}`);
      await expect.poll(() => row.textContent()).toContain('Nguyễn Thị Hoa');
      await row.click();
      await page.getByTestId('dossier-workspace').waitFor();
      await expect
        .poll(() => page.getByTestId('component-TK').getByTestId('page-thumb').count(), { timeout: 20_000 })
        .toBe(2);
      await expect.poll(() => page.getByTestId('pdf-info-TK').textContent()).toMatch(/2 trang/);
      await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-after-restart.png'), fullPage: true });
    } finally {
      await page.close().catch(() => {});
      await server.stop();
    }
  });

  it('tells the clerk in Vietnamese which file was refused and why', async () => {
    const data = tempDir();
    const dir = tempDir();
    const bad = path.join(dir, 'ghi-chu.txt');
    fs.writeFileSync(bad, 'không phải ảnh');
    const jpeg = await scanImage('jpeg');
    const cut = path.join(dir, 'trang-bi-cat.jpg');
    fs.writeFileSync(cut, jpeg.subarray(0, jpeg.length >> 1));
    const server = await startWebMode(data);
    const page = await openStation(server);
    try {
      await page.getByTestId('procedure-select').click();
      await page.keyboard.type('ket hon');
      await page.locator('.ant-select-item-option').filter({ hasText: 'Đăng ký kết hôn' }).first().click();
      await page.getByTestId('applicant-name').fill('Lê Văn Nam');
      await page.getByTestId('create-dossier').click();
      await page.getByTestId('dossier-workspace').waitFor();
      await page.getByTestId('component-TK').locator('input[type=file]').setInputFiles([bad, cut]);
      const rejected = page.getByTestId('rejected-files');
      await expect.poll(() => rejected.textContent(), { timeout: 20_000 }).toContain('ghi-chu.txt');
      const text = (await rejected.textContent()) ?? '';
      expect(text).toContain('không phải ảnh JPEG, PNG hay TIFF');
      expect(text).toContain('"trang-bi-cat.jpg" bị cắt/hỏng');
      expect(text).toContain('hãy quét lại trang này');
      expect(await page.getByTestId('component-TK').getByTestId('page-thumb').count()).toBe(0);
    } finally {
      await page.close();
      await server.stop();
    }
  });
});
