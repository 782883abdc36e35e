import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
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
const DPI = 120;
let browser: Browser;

beforeAll(async () => {
  browser = await launchStationBrowser();
});
afterEach(stopAllWebModes);
afterAll(async () => {
  await browser?.close();
});

describe('page review at a glance, in Chromium at 1280×720', { timeout: 240_000 }, () => {
  it('badges the blank and the sealed page on their thumbnails, shows a page large with zoom and a searchable picker, and restores a deleted page from the component’s list after a reload', async () => {
    const data = tempDir();
    const engine = createEngine({ dataDir: data, imaging: { ocr: false } });
    const client = connectInProcess(engine);
    const lines = wrap(directiveWords(), 70).slice(0, 20);
    const text = await scanLike(await renderPage({ dpi: DPI, lines }), DPI, { noise: 10, jpegQuality: 85 });
    const empty = await scanLike(await renderPage({ dpi: DPI, lines: [] }), DPI, {
      noise: 20,
      jpegQuality: 80,
    });
    const sealed = await scanLike(
      await renderPage({ dpi: DPI, lines: lines.slice(0, 8), sealAndSignature: true }),
      DPI,
      { noise: 10, jpegQuality: 90 },
    );
    const d = await client.call('dossier.create', { procedureCode: '1.001193', applicantName: 'Võ Văn Tâm' });
    const added = await client.call('dossier.addPages', {
      dossierId: d.id,
      componentCode: 'TK',
      files: [
        { name: 'to-khai.jpg', dataBase64: b64(text) },
        { name: 'trang-trang.jpg', dataBase64: b64(empty) },
        { name: 'co-dau.jpg', dataBase64: b64(sealed) },
      ],
    });
    const [plainId, blankId, sealId] = added.added.map((p) => p.id);
    client.dispose();
    engine.close();

    // Cleanup only (no OCR) keeps this story quick on a shared machine; the reading's flags have a unit test.
    process.env.SOHOA_OCR = '0';
    const server = await startWebMode(data).finally(() => delete process.env.SOHOA_OCR);
    // A context of its own (axe opens a page beside this one to gather its results), in the training-mode trial.
    const context = await browser.newContext({
      viewport: { width: 1280, height: 720 },
      locale: 'vi-VN',
      reducedMotion: 'reduce',
    });
    await context.addInitScript(() => sessionStorage.setItem('sohoa.trial', '1'));
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      await page.getByTestId('nav-reception').waitFor();
      await page.evaluate((id) => {
        location.hash = `#/dossier/${id}`;
      }, d.id);
      const card = page.getByTestId('component-TK');
      const thumb = (id: string) => card.locator(`[data-testid="page-thumb"][data-page-id="${id}"]`);

      // The blank sheet and the sealed page say so on their thumbnails, once cleaned; the plain page says nothing.
      const blankBadge = thumb(blankId!).getByTestId('badge-blank');
      await blankBadge.waitFor({ timeout: 90_000 });
      expect(await blankBadge.textContent()).toBe('Trang trắng');
      await thumb(sealId!).getByTestId('badge-colour').waitFor({ timeout: 30_000 });
      expect(await thumb(sealId!).getByTestId('badge-colour').textContent()).toBe('Giữ màu');
      expect(await thumb(plainId!).getByTestId('page-badges').count()).toBe(0);
      expect(await blankBadge.isVisible()).toBe(true);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-page-review-badges.png') });

      // The Kiểm tra step lists every flagged page of the dossier at once, not only the one picked
      // in its drop-down; a click on the blank sheet brings it up with its question.
      await page.getByTestId('step-review').click();
      const list = page.getByTestId('review-list');
      await list.waitFor({ timeout: 30_000 });
      const items = list.getByTestId('review-item');
      await expect
        .poll(() => items.evaluateAll((els) => els.map((e) => e.getAttribute('data-page-id'))))
        .toEqual([blankId, sealId]);
      expect(await list.textContent()).toContain('Trang cần lưu ý (2)');
      const blankItem = list.locator(`[data-testid="review-item"][data-page-id="${blankId}"]`);
      expect(await blankItem.textContent()).toContain('trang-trang.jpg');
      expect(await blankItem.getByTestId('badge-blank').textContent()).toBe('Trang trắng');
      expect(await list.locator(`[data-page-id="${sealId}"]`).getByTestId('badge-colour').count()).toBe(1);
      const shown = page.getByTestId('imaging-page');
      expect(await shown.getAttribute('data-page-id')).toBe(plainId); // the drop-down starts on page 1
      await blankItem.getByTestId('review-open').click();
      await expect.poll(() => shown.getAttribute('data-page-id')).toBe(blankId);
      await page.getByTestId('imaging-blank-flag').waitFor({ timeout: 30_000 });
      await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-page-review-list.png') });
      const listAxe = await new AxeBuilder({ page }).include('[data-testid="review-list"]').analyze();
      expect(
        listAxe.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`),
      ).toEqual([]);
      await page.getByTestId('step-components').click();
      await card.waitFor({ state: 'visible' });

      // A click on the blank sheet shows it large; zoom in; the picker finds the sealed page by its file name.
      await thumb(blankId!).getByTestId('page-open').click();
      const viewer = page.getByTestId('page-viewer-body');
      await viewer.waitFor({ timeout: 10_000 });
      expect(await viewer.getAttribute('data-page-id')).toBe(blankId);
      await viewer.getByTestId('viewer-image').waitFor({ timeout: 30_000 });
      expect(await viewer.getByTestId('badge-blank').count()).toBe(1);
      expect(await viewer.getByTestId('viewer-zoom').textContent()).toBe('Vừa khung');
      await viewer.getByTestId('viewer-zoom-in').click();
      expect(await viewer.getByTestId('viewer-zoom').textContent()).toBe('125%');
      expect(await viewer.getByTestId('viewer-text').textContent()).toContain('Chưa có chữ nhận dạng');
      await viewer.getByTestId('viewer-picker').click();
      await page.keyboard.type('co dau');
      const option = page.locator('.ant-select-item-option').filter({ hasText: 'co-dau.jpg' });
      await option.waitFor();
      expect(await page.locator('.ant-select-item-option').count()).toBe(1);
      await option.click();
      await expect.poll(() => viewer.getAttribute('data-page-id')).toBe(sealId);
      await viewer.getByTestId('viewer-previous').click();
      await expect.poll(() => viewer.getAttribute('data-page-id')).toBe(blankId);
      await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-page-review-viewer.png') });
      // Closed from the keyboard (the pointer moved off the button first, so no tooltip takes the key).
      await page.mouse.move(5, 5);
      await viewer.getByTestId('viewer-text').focus();
      await page.keyboard.press('Escape');
      await expect.poll(() => viewer.count()).toBe(0);

      // The clerk deletes the blank sheet; the toast's undo is let go, the list stays.
      await thumb(blankId!).getByRole('button', { name: 'Xóa trang' }).click();
      await expect.poll(() => card.getByTestId('page-thumb').count()).toBe(2);
      const toggle = card.getByTestId('deleted-toggle');
      await toggle.waitFor({ timeout: 10_000 });
      expect(await toggle.textContent()).toBe('Trang đã xóa (1) — khôi phục');

      // After a reload the list is still there; the page comes back to its place from it.
      await page.reload();
      await page.getByTestId('dossier-workspace').waitFor({ timeout: 30_000 });
      await card.getByTestId('deleted-toggle').waitFor({ timeout: 30_000 });
      expect(await card.getByTestId('deleted-toggle').textContent()).toBe('Trang đã xóa (1) — khôi phục');
      await card.getByTestId('deleted-toggle').click();
      const row = card.getByTestId('deleted-page');
      await row.waitFor();
      expect(await row.getAttribute('data-page-id')).toBe(blankId);
      expect(await row.textContent()).toContain('trang-trang.jpg');
      const axe = await new AxeBuilder({ page }).include('[data-testid="component-TK"]').analyze();
      const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`)).toEqual(
        [],
      );
      await row.getByTestId('restore-page').click();
      await expect
        .poll(() =>
          card.getByTestId('page-thumb').evaluateAll((els) => els.map((e) => e.getAttribute('data-page-id'))),
        )
        .toEqual([plainId, blankId, sealId]);
      await expect.poll(() => card.getByTestId('deleted-toggle').count()).toBe(0);
      await thumb(blankId!).getByTestId('badge-blank').waitFor({ timeout: 10_000 });
    } finally {
      await context.close().catch(() => {});
      await server.stop();
    }
  });
});
