import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { launchStationBrowser } from '../helpers/browser';
import { testSandbox } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';
import { makeBatch, sandboxDossiers, waitFor } from '../outbox/fixtures';

const VIEW = { width: 1280, height: 720 };
let browser: Browser;

beforeAll(async () => {
  browser = await launchStationBrowser();
});

afterEach(stopAllWebModes);

afterAll(async () => {
  await browser?.close();
});

describe('a citizen takes a received dossier back, at the counter in Chromium through web mode', () => {
  it('refuses a too-short reason in Vietnamese, withdraws with a real one, and the training portal holds status 7', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'station');
    // The training portal, and a dossier received unsigned (with its reason) and consented to online submission.
    const portal = await testSandbox();
    const engine = createEngine({ dataDir: data, outbox: { autoStart: false } });
    const client = connectInProcess(engine);
    let dossierId: string;
    let code: string;
    try {
      await client.call('settings.update', { portalUrl: portal.url });
      await makeBatch(path.join(dir, 'batch'), 1);
      await client.call('batch.import', { dir: path.join(dir, 'batch') });
      const items = (await client.call('outbox.overview', {})).items;
      dossierId = items[0]!.dossierId;
      const d = await client.call('dossier.get', { dossierId });
      expect(d.status).toBe('received');
      code = d.code!;
    } finally {
      client.dispose();
      engine.close();
    }

    // The station runs (its outbox sends the dossier to the portal as it would at the counter).
    const server = await startWebMode(data);
    const page = await browser.newPage({ viewport: VIEW, locale: 'vi-VN' });
    page.on('pageerror', (err) => console.error('page error:', err));
    try {
      await page.goto(server.url);
      await page.getByTestId('nav-reception').waitFor();
      await page.evaluate((id) => (location.hash = `#/dossier/${id}`), dossierId);
      await page.getByTestId('dossier-steps').waitFor({ timeout: 20_000 });
      // A received dossier opens on its last step, where "Rút hồ sơ" is.
      await expect
        .poll(() => page.locator('[data-testid^="step-"][aria-current="step"]').getAttribute('data-testid'), {
          timeout: 20_000,
        })
        .toBe('step-receipt');
      const withdraw = page.getByTestId('withdraw');
      await withdraw.waitFor({ timeout: 20_000 });
      expect(await withdraw.textContent()).toContain('Rút hồ sơ');
      await withdraw.click();
      const dialog = page.locator('.ant-modal').filter({ hasText: `Rút hồ sơ ${code}` });
      await dialog.waitFor();

      // Too short a reason: said in Vietnamese, and the dialog will not confirm.
      const reason = page.getByTestId('ending-reason');
      await reason.fill('đổi ý');
      const short = page.getByTestId('ending-reason-short');
      await expect.poll(() => short.textContent()).toContain('Lý do quá ngắn: cần ít nhất 10 ký tự');
      expect(await short.textContent()).toContain('còn thiếu 5');
      const confirm = page.getByTestId('ending-confirm');
      expect(await confirm.textContent()).toContain('Xác nhận rút hồ sơ');
      expect(await confirm.isDisabled()).toBe(true);
      // Spaces around a short reason do not make it long enough.
      await reason.fill('   đổi ý      ');
      expect(await confirm.isDisabled()).toBe(true);
      // Nothing ended yet.
      expect(await page.getByTestId('dossier-ended').count()).toBe(0);

      // A real reason: confirmed, the dossier shows withdrawn, why and when.
      const why = 'Người dân xin rút hồ sơ để bổ sung bản chính, sẽ nộp lại sau.';
      await reason.fill(why);
      expect(await short.count()).toBe(0);
      await expect.poll(() => confirm.isDisabled()).toBe(false);
      await confirm.click();
      const ended = page.getByTestId('dossier-ended');
      await ended.waitFor({ timeout: 20_000 });
      expect(await ended.textContent()).toContain('Người dân đã rút hồ sơ lúc');
      expect(await ended.textContent()).toContain(`Lý do: ${why}`);
      await expect.poll(() => page.getByText('Đã rút hồ sơ', { exact: true }).count()).toBeGreaterThan(0);
      expect(await page.getByTestId('withdraw').count()).toBe(0);
      expect(await page.getByTestId('refuse-received').count()).toBe(0);

      // Reopened, it is still withdrawn.
      await page.reload();
      await page.getByTestId('dossier-ended').waitFor({ timeout: 20_000 });

      // The training portal later holds the dossier at status 7, with the withdrawal and its reason.
      const held = await waitFor(
        'the withdrawal on the portal',
        async () => (await sandboxDossiers(portal.url)).find((x) => x.code === code && x.status === 7),
        90_000,
        300,
      );
      expect(held.events.map((e) => [e.LoaiSuKien, e.TrangThaiHoSo, e.NoiDung])).toEqual([
        ['RUT_HO_SO', 7, why],
      ]);
    } finally {
      await page.close().catch(() => {});
    }
  }, 240_000);
});
