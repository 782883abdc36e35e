import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this closed network needs (Playwright gives it a fresh profile). */
export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The built renderer that web mode serves: SOHOA_RENDERER_DIR, else dist/renderer. */
export const RENDERER_DIR =
  process.env.SOHOA_RENDERER_DIR ?? fileURLToPath(new URL('../../dist/renderer', import.meta.url));

/**
 * For e2e tests: refuses clearly when the UI is not built, then launches Chromium.
 * Its `newPage()` opens pages in the training-mode trial (sessionStorage `sohoa.trial`),
 * so a fresh station without accounts shows the main screen at once, as before accounts;
 * pages from `browser.newContext()` start without it (the first-start screen).
 */
export async function launchStationBrowser(): Promise<Browser> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('the renderer is not built: npm test builds it first (npm run build:renderer)');
  }
  const browser = await launchChromium();
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    await page.addInitScript(() => sessionStorage.setItem('sohoa.trial', '1'));
    return page;
  };
  return browser;
}
