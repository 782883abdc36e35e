import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { launchStationBrowser } from '../helpers/browser';
import { tempDir } from '../helpers/tmp';
import { UNIT } from '../helpers/unit';
import { readerTypes } from '../helpers/barcode-reader';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';
import { makeBatch } from '../outbox/fixtures';

const ARTIFACTS = fileURLToPath(new URL('../../test-results', import.meta.url));
const ID_NUMBER = '049190009876';
let browser: Browser;

beforeAll(async () => {
  process.env.SOHOA_OCR = '0'; // web mode inherits it: OCR is not what this test is about
  browser = await launchStationBrowser();
});
afterEach(stopAllWebModes);
afterAll(async () => {
  await browser?.close();
});

/**
 * A set-up station with an administrator and a supervisor, its portal line down, that
 * received two dossiers (batch import), the first applicant with a citizen ID number.
 */
async function prepareStation(dir: string): Promise<string[]> {
  const batch = path.join(dir, 'batch');
  const names = await makeBatch(batch, 2);
  const first = path.join(batch, names[0]!, 'dossier.json');
  const spec = JSON.parse(fs.readFileSync(first, 'utf8')) as { applicant: Record<string, string> };
  spec.applicant.idNumber = ID_NUMBER;
  fs.writeFileSync(first, JSON.stringify(spec));
  const engine = createEngine({ dataDir: path.join(dir, 'station'), imaging: { ocr: false } });
  const c = connectInProcess(engine);
  try {
    const admin = await c.call('accounts.setup', {
      username: 'quantri',
      name: 'Phạm Văn Quản',
      password: 'matkhau-quantri',
    });
    c.setSession(admin.token);
    await c.call('settings.update', { ...UNIT, portalUrl: 'http://127.0.0.1:9' });
    await c.call('accounts.add', {
      username: 'lanh',
      name: 'Lê Lãnh Đạo',
      role: 'supervisor',
      password: 'matkhau-lanh',
    });
    const r = await c.call('batch.import', { dir: batch });
    expect(r.imported).toHaveLength(2);
    const list = await c.call('dossier.list', {});
    return list.map((d) => d.code!).sort();
  } finally {
    c.dispose();
    engine.close();
  }
}

describe('finding a dossier again, the outbox and the activity log at 1280×720, in Chromium', () => {
  it('finds a dossier by code, by the receipt QR read as a burst and by ID number; every outbox action is in the row menu; the supervisor browses the log', async () => {
    const dir = tempDir();
    const codes = await prepareStation(dir);
    const server = await startWebMode(path.join(dir, 'station'));
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'vi-VN' });
    page.on('pageerror', (err) => console.error('page error:', err));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    try {
      await page.goto(server.url);
      await page.getByTestId('sign-in-username').fill('lanh');
      await page.getByTestId('sign-in-password').fill('matkhau-lanh');
      await page.keyboard.press('Enter');
      await page.getByTestId('account-name').waitFor({ timeout: 15_000 });

      // 1. By typing the code (a part of it is enough), then Enter opens it.
      await page.getByTestId('nav-dossiers').click();
      const search = page.getByTestId('dossier-search').locator('input');
      const rows = page.getByTestId('dossier-table').locator('tbody tr[data-testid^="dossier-row-"]');
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
      await search.fill(codes[1]!.slice(-6));
      await expect.poll(() => rows.count()).toBe(1);
      await search.press('Enter');
      await expect
        .poll(() => page.getByTestId('dossier-code').textContent(), { timeout: 10_000 })
        .toBe(codes[1]);
      // The header's portal tag says what the outbox says: waiting to try again (the line is down).
      await expect
        .poll(() => page.getByTestId('dossier-workspace').getByTestId('portal-status').textContent(), {
          timeout: 20_000,
        })
        .toMatch(/Chờ thử lại|Đang gửi|Chờ gửi/);

      // 2. The citizen's receipt under the barcode reader: its QR holds the code, then the look-up link.
      // A receipt of another station first: it is said so, and the reader's keys never reached the field.
      await page.getByTestId('nav-dossiers').click();
      await expect.poll(() => rows.count()).toBe(2);
      await search.fill('Thử');
      await readerTypes(page, `000.00.00.H47-991231-9999\n${UNIT.lookupUrl}?ma=000.00.00.H47-991231-9999`);
      await expect
        .poll(() => page.locator('.ant-message').textContent(), { timeout: 10_000 })
        .toContain('Mã vừa quét không khớp hồ sơ nào');
      expect(await search.inputValue()).toBe('Thử');
      await search.fill('');
      await search.focus();
      const link = `${UNIT.lookupUrl}?ma=${encodeURIComponent(codes[0]!)}`;
      await readerTypes(page, `${codes[0]}\n${link}`);
      await expect
        .poll(() => page.getByTestId('dossier-code').textContent(), { timeout: 10_000 })
        .toBe(codes[0]);
      // Nothing of the burst leaked into a field on the way.
      expect(page.url()).not.toContain('tra-cuu');

      // 3. By the ID number: the whole number finds the applicant's dossier, a part does not.
      await page.getByTestId('nav-dossiers').click();
      await search.fill(ID_NUMBER.slice(0, 8));
      await expect
        .poll(() => page.getByTestId('dossier-table').textContent())
        .toContain('Không có hồ sơ nào khớp');
      await search.fill(ID_NUMBER);
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
      expect(await rows.first().textContent()).toContain(codes[0]);
      expect(await page.getByTestId('dossier-by-id').textContent()).toContain(ID_NUMBER);
      await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-find-by-id.png') });

      // 4. The outbox at 1280×720: one row per dossier, every action in its menu, on screen.
      await page.getByTestId('nav-outbox').click();
      const outboxRows = page.getByTestId('outbox-table').locator('tbody tr[data-testid^="outbox-row-"]');
      await expect.poll(() => outboxRows.count(), { timeout: 15_000 }).toBe(2);
      const menu = page.getByTestId(`outbox-menu-${codes[0]}`);
      await expect
        .poll(() => page.getByTestId(`outbox-state-${codes[0]}`).textContent(), { timeout: 30_000 })
        .toBe('Chờ thử lại');
      const box = await menu.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
      // The technical words of the failure are not on screen, only behind "Chi tiết".
      const table = page.getByTestId('outbox-table');
      expect(await table.textContent()).toContain('Không kết nối được cổng');
      expect(await table.textContent()).not.toMatch(/ECONNREFUSED|fetch failed|127\.0\.0\.1/);
      await page.getByTestId(`outbox-row-${codes[0]}`).getByTestId('error-details-toggle').click();
      expect(
        (await page.getByTestId(`outbox-row-${codes[0]}`).getByTestId('error-details').textContent())?.length,
      ).toBeGreaterThan(0);
      await page.getByTestId(`outbox-row-${codes[0]}`).getByTestId('error-details-toggle').click();
      await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-find-outbox.png') });

      // The menu of the row, opened; `choose` waits for the item (the last menu may still be fading out).
      const items = page.locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item');
      const openMenu = async () => {
        await menu.click();
        await expect.poll(() => items.count()).toBeGreaterThan(0);
      };
      const choose = async (label: string) => {
        await openMenu();
        await expect.poll(() => items.allTextContents()).toContain(label);
        await items.filter({ hasText: label }).click();
        await expect.poll(() => items.count()).toBe(0);
      };
      await openMenu();
      await expect.poll(() => items.allTextContents()).toEqual(['Thử lại ngay', 'Tạm dừng', 'Mở hồ sơ']);
      await page.keyboard.press('Escape');
      await expect.poll(() => items.count()).toBe(0);
      await choose('Tạm dừng');
      await expect
        .poll(() => page.getByTestId(`outbox-row-${codes[0]}`).textContent(), { timeout: 10_000 })
        .toContain('tạm dừng');
      await choose('Tiếp tục');
      await expect
        .poll(() => page.getByTestId(`outbox-row-${codes[0]}`).textContent(), { timeout: 10_000 })
        .not.toContain('tạm dừng');
      await choose('Thử lại ngay');
      // The row opens on its steps.
      await page.getByTestId(`outbox-row-${codes[0]}`).locator('.ant-table-row-expand-icon').click();
      const steps = page.getByTestId(`outbox-steps-${codes[0]}`);
      await steps.waitFor();
      expect(await steps.textContent()).toContain('Nộp hồ sơ lên cổng');
      await choose('Mở hồ sơ');
      await expect
        .poll(() => page.getByTestId('dossier-code').textContent(), { timeout: 10_000 })
        .toBe(codes[0]);

      // 5. The supervisor browses the station's activity log: by kind of action, by clerk.
      await page.getByTestId('nav-settings').click();
      const log = page.getByTestId('activity-log');
      await log.scrollIntoViewIfNeeded();
      const cells = log.getByTestId('activity-action-cell');
      await expect.poll(() => cells.count(), { timeout: 15_000 }).toBeGreaterThan(3);
      expect(await cells.allTextContents()).toEqual(expect.arrayContaining(['Tạm dừng gửi', 'Tiếp tục gửi']));
      await log.getByTestId('activity-action').click();
      await page.keyboard.type('Tạm dừng gửi');
      await page.keyboard.press('Enter');
      await expect.poll(async () => [...new Set(await cells.allTextContents())]).toEqual(['Tạm dừng gửi']);
      expect(await log.textContent()).toContain('Lê Lãnh Đạo');
      await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-find-activity.png') });
    } finally {
      await page.close().catch(() => {});
    }
  });
});
