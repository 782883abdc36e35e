import net from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchStationBrowser } from '../helpers/browser';
import { tempDir } from '../helpers/tmp';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';

let browser: Browser;
beforeAll(async () => {
  browser = await launchStationBrowser();
});
afterEach(stopAllWebModes);
afterAll(async () => {
  await browser?.close();
});

/** A port free right now (the station always comes back on its own port, 5180 by default). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describe('web mode coming back after the station restarts, in Chromium at 1280×720', () => {
  it('a tab whose link died with the restart says how to get back, and the new link pasted in connects it without a reload', async () => {
    const data = tempDir('sohoa-comeback-e2e-');
    const port = await freePort();
    let server = await startWebMode(data, 90_000, { port });
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('page error:', err));
    try {
      await page.goto(server.url);
      await page.getByTestId('first-start').waitFor({ timeout: 20_000 });
      expect(page.url()).not.toContain('token=');
      const oldLink = server.url;

      // The station is restarted (an update, a power cut): same address, a new access code.
      await server.stop();
      server = await startWebMode(data, 90_000, { port });
      expect(server.url).not.toBe(oldLink);
      expect(new URL(server.url).origin).toBe(new URL(oldLink).origin);

      // The tab does not spin on "Mất kết nối" forever: it says its link is spent and where the new one is.
      const banner = page.getByTestId('connection-banner');
      await expect
        .poll(async () => (await banner.count()) && ((await banner.textContent()) ?? ''), { timeout: 30_000 })
        .toContain('không còn dùng được');
      const said = (await banner.textContent()) ?? '';
      expect(said).toContain('khởi động lại');
      expect(said).toContain('Mở trong trình duyệt');
      expect(said).toContain('không cần tải lại');
      await page.screenshot({ path: '/tmp/comeback-refused.png' });
      // ...and it stops knocking with the dead code (no reconnect loop against a station that is up).
      expect(await page.evaluate(() => sessionStorage.getItem('sohoa.token'))).toBeNull();

      // The clerk pastes the link the restarted station printed: only the hash changes, the page stays.
      await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
      await page.evaluate((hash) => (location.hash = hash), new URL(server.url).hash);
      await page.getByTestId('first-start').waitFor({ timeout: 20_000 });
      await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
      expect(page.url()).not.toContain('token=');
      await page.screenshot({ path: '/tmp/comeback-connected.png' });

      // A reload keeps the new link's code (sessionStorage), so F5 does not lose the tab again.
      await page.reload();
      await page.getByTestId('first-start').waitFor({ timeout: 20_000 });
    } finally {
      await context.close().catch(() => {});
      await server.stop();
    }
  });
});
