import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { type Sandbox, startSandbox } from '../../electron/engine/training';
import { DVCQG_PATHS } from '../../electron/engine/training/dvcqg';
import { launchStationBrowser } from '../helpers/browser';
import { tempDir } from '../helpers/tmp';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = path.join(ROOT, 'test-results');
const PASSWORD = 'mat-khau-tich-hop-H47';
let browser: Browser;
let portal: Sandbox | undefined;

beforeAll(async () => {
  process.env.SOHOA_OCR = '0';
  browser = await launchStationBrowser();
});
afterEach(async () => {
  await stopAllWebModes();
  await portal?.close();
  portal = undefined;
});
afterAll(async () => {
  await browser?.close();
});

/** A station whose settings point at the training portal in the DVCQG dialect (or at nothing). */
async function station(dvcqg: { url: string; password: string } | null): Promise<string> {
  const data = tempDir();
  const engine = createEngine({ dataDir: data, imaging: { ocr: false } });
  const c = connectInProcess(engine);
  if (dvcqg)
    await c.call('settings.update', {
      portalUrl: dvcqg.url,
      portalDialect: 'dvcqg',
      dvcqgAdapterUrl: dvcqg.url,
      dvcqgAuthEndpoint: DVCQG_PATHS.auth,
      dvcqgIntegrationEndpoint: DVCQG_PATHS.integration,
      dvcqgShareEndpoint: DVCQG_PATHS.share,
      dvcqgUsername: 'donvi-h47',
      dvcqgMadonvi: '000.00.00.H47',
      dvcqgPassword: dvcqg.password,
    });
  c.dispose();
  engine.close();
  return data;
}

async function openCatalogue(url: string) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'vi-VN' });
  page.on('pageerror', (err) => console.error('page error:', err));
  await page.goto(url);
  await page.getByTestId('nav-settings').click({ timeout: 30_000 });
  const box = page.getByTestId('national-compare');
  await box.scrollIntoViewIfNeeded({ timeout: 30_000 });
  return { page, box };
}

describe('the supervisor compares the catalogue with the national procedure database, in Chromium through web mode', () => {
  it('not connected to DVCQG: the button says where to set it up; connected: the differences as a table; a refused login: a plain sentence and Chi tiết', async () => {
    // 1. A station still on the training portal of our own dialect: the comparison cannot run.
    {
      const server = await startWebMode(await station(null));
      const { page, box } = await openCatalogue(server.url);
      await page.getByTestId('national-compare-run').click();
      await expect
        .poll(() => box.textContent(), { timeout: 15_000 })
        .toContain('Chỉ đối chiếu được danh mục khi trạm kết nối Cổng DVC quốc gia');
      await expect(box.textContent()).resolves.toContain('Cài đặt › Kết nối');
      await page.close();
      await stopAllWebModes();
    }

    // 2. The training portal in the DVCQG dialect knows three of the station's procedures.
    portal = await startSandbox({
      dataDir: tempDir('sohoa-portal-'),
      secret: PASSWORD,
      dvcqgProcedures: [
        { code: '1.000656', name: 'Đăng ký khai tử', fieldCode: 'G09-TP01', fieldName: 'Hộ tịch' },
        { code: '1.001193', name: 'Thủ tục đăng ký khai sinh', fieldCode: 'G09-TP01', fieldName: 'Hộ tịch' },
        {
          code: '1.000894',
          name: 'Đăng ký kết hôn',
          fieldCode: 'G09-TP02',
          fieldName: 'Hôn nhân và gia đình',
        },
      ],
    });
    const data = await station({ url: portal.url, password: PASSWORD });
    {
      const server = await startWebMode(data);
      const { page, box } = await openCatalogue(server.url);
      await page.getByTestId('national-compare-run').click();
      const table = page.getByTestId('national-compare-table');
      await table.waitFor({ timeout: 60_000 });
      const nameRow = page.getByTestId('national-row-1.001193-name');
      await expect(nameRow.textContent()).resolves.toContain('Tên thủ tục');
      await expect(nameRow.textContent()).resolves.toContain('Đăng ký khai sinh');
      await expect(nameRow.textContent()).resolves.toContain('Thủ tục đăng ký khai sinh');
      const fieldRow = page.getByTestId('national-row-1.000894-field');
      await expect(fieldRow.textContent()).resolves.toContain('Hôn nhân và gia đình');
      await expect(page.getByTestId('national-row-1.000656-name').count()).resolves.toBe(0); // it matches
      // What differs comes first, the procedures the national database lacks after it.
      const first = await table
        .locator('tbody tr[data-testid^="national-row-"]')
        .first()
        .getAttribute('data-testid');
      expect(first).toMatch(/-(name|field)$/);
      const summary = await page.getByTestId('national-compare-summary').textContent();
      expect(summary).toMatch(/Đã đối chiếu \d+ thủ tục: 1 khớp, 2 khác, \d+ không có trong CSDL quốc gia/);
      // What the portal received: one LayThuTuc per local procedure, on the share endpoint.
      const got = (await (await fetch(`${portal.url}/sandbox/dvcqg`)).json()) as {
        calls: { path: string; service: string; body: Record<string, unknown> }[];
      };
      const asked = got.calls.filter((c) => c.service === 'LayThuTuc');
      expect(asked.every((c) => c.path === DVCQG_PATHS.share && c.body.madonvi === '000.00.00.H47')).toBe(
        true,
      );
      expect(asked.map((c) => c.body.maTTHC)).toContain('1.001193');
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await box.screenshot({ path: path.join(ARTIFACTS, 'catalog-national.png') });
      await page.close();
      await stopAllWebModes();
    }

    // 3. The province changed the integration password: the login is refused.
    {
      const engine = createEngine({ dataDir: data, imaging: { ocr: false } });
      const c = connectInProcess(engine);
      await c.call('settings.update', { dvcqgPassword: 'mat-khau-cu' });
      c.dispose();
      engine.close();
      const server = await startWebMode(data);
      const { page, box } = await openCatalogue(server.url);
      await page.getByTestId('national-compare-run').click();
      await expect
        .poll(() => box.textContent(), { timeout: 60_000 })
        .toContain('Không đọc được thủ tục từ Cơ sở dữ liệu quốc gia');
      expect(await box.textContent()).not.toMatch(/error_code|http_|401/);
      await box.getByTestId('error-details-toggle').click();
      await expect(box.getByTestId('error-details').textContent()).resolves.toMatch(/\d\.\d{6}: /);
      await page.close();
    }
  }, 240_000);
});
