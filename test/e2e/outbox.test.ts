import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { launchStationBrowser } from '../helpers/browser';
import { tempDir } from '../helpers/tmp';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';
import { makeBatch, sandboxDossiers, sandboxUrl } from '../outbox/fixtures';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = path.join(ROOT, 'test-results');
let browser: Browser;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  process.env.SOHOA_OCR = '0'; // web mode inherits it: OCR is not what this test is about
  browser = await launchStationBrowser();
});
afterEach(async () => {
  await stopAllWebModes();
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  children.clear();
});
afterAll(async () => {
  await browser?.close();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function startSandboxProcess(port: number, dataDir: string): Promise<string> {
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'bin/sohoa.mjs'),
      'portal-sandbox',
      '--port',
      String(port),
      '--data',
      dataDir,
      '--advance-ms',
      '1000',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SOHOA_OCR: '0' } },
  );
  children.add(child);
  return sandboxUrl(child);
}

describe('the outbox screen, in Chromium through web mode', () => {
  it('a dossier received while the portal is down waits in the queue, goes up when the portal is back, and its status comes back', async () => {
    const data = tempDir();
    const port = await freePort();
    // The station was set up for a portal that is not there (the commune's line is down) and
    // received a dossier (batch import: reception puts it in the outbox in the same transaction).
    await makeBatch(path.join(data, 'batch'), 1);
    {
      const engine = createEngine({ dataDir: path.join(data, 'station'), imaging: { ocr: false } });
      const c = connectInProcess(engine);
      await c.call('settings.update', { portalUrl: `http://127.0.0.1:${port}` });
      const r = await c.call('batch.import', { dir: path.join(data, 'batch') });
      expect(r.imported).toHaveLength(1);
      c.dispose();
      engine.close();
    }
    const server = await startWebMode(path.join(data, 'station'));
    const page = await browser.newPage({ viewport: { width: 1500, height: 900 }, locale: 'vi-VN' });
    page.on('pageerror', (err) => console.error('page error:', err));
    await page.goto(server.url);
    await page.getByTestId('nav-outbox').click();
    await page.getByTestId('outbox-screen').waitFor();
    const state = page.locator('[data-testid^="outbox-state-"]').first();
    // Offline: the dossier waits, the header says the portal is unreachable, and why.
    await expect.poll(() => state.textContent(), { timeout: 30_000 }).toBe('Chờ thử lại');
    await expect
      .poll(() => page.getByTestId('portal-indicator').first().textContent(), { timeout: 15_000 })
      .toContain('mất kết nối');
    await expect(page.getByTestId('outbox-table').textContent()).resolves.toContain(
      'Không kết nối được cổng',
    );

    // The line is back: the portal answers; the clerk presses "Thử lại tất cả".
    const portal = await startSandboxProcess(port, path.join(data, 'portal'));
    await page.getByRole('button', { name: /Thử lại tất cả/ }).click();
    await expect.poll(() => state.textContent(), { timeout: 30_000 }).toBe('Đã nộp lên cổng');
    const held = await sandboxDossiers(portal);
    expect(held).toHaveLength(1);
    expect(held[0]!.applicant).toBe('Nguyễn Văn Thử 0');
    await expect
      .poll(() => page.getByTestId('portal-indicator').first().textContent(), { timeout: 20_000 })
      .toContain('trực tuyến');

    // The status comes back from the portal (received → processing → result ready).
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: /Thử lại tất cả/ }).click();
          return page.getByTestId('outbox-table').textContent();
        },
        { timeout: 30_000, interval: 1500 },
      )
      .toMatch(/Đang xử lý|Đã có kết quả/);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'outbox.png'), fullPage: true });

    // At 1280×720 the result's actions are in the dossier's row menu: download it, hand it over.
    await page.setViewportSize({ width: 1280, height: 720 });
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: /Thử lại tất cả/ }).click();
          return state.textContent();
        },
        { timeout: 30_000, interval: 1500 },
      )
      .toBe('Đã có kết quả');
    const menu = page.locator('[data-testid^="outbox-menu-"]').first();
    const box = await menu.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
    const items = page.locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item');
    const choose = async (label: RegExp) => {
      await menu.click();
      await expect.poll(() => items.allTextContents()).toContainEqual(expect.stringMatching(label));
      await items.filter({ hasText: label }).click();
    };
    const download = page.waitForEvent('download', { timeout: 30_000 });
    await choose(/^Tải kết quả/);
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
    await choose(/^Trả kết quả$/);
    await page.getByTestId('return-to').fill('Nguyễn Văn Thử 0');
    await page.getByRole('button', { name: 'Ghi nhận đã trả' }).click();
    // The hand-over is a step inside the dossier's row, not a second row.
    await expect.poll(() => page.locator('tbody tr[data-testid^="outbox-row-"]').count()).toBe(1);
    await page.locator('.ant-table-row-expand-icon').first().click();
    await expect
      .poll(() =>
        page
          .locator('[data-testid="outbox-step"]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))),
      )
      .toEqual(['submit', 'return']);
    await page.screenshot({ path: path.join(ARTIFACTS, 'outbox-1280.png') });
    await page.close();
  });
});
