import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchStationBrowser } from '../helpers/browser';
import { tourMainScreens } from '../helpers/screen-tour';
import { stopAllWebModes } from '../helpers/web-mode';
import { makeTestPki, type TestPki } from '../sign/fixture';

/**
 * English and technical words that reached the screen before (issue 13), and the ones a
 * library shows when its Vietnamese locale is missing. Whole words, case as written.
 */
const LEAKED: RegExp[] = [
  /\bTSA\b/,
  /unreachable/i,
  /fetch failed/i,
  /ECONN\w*/,
  /ENOENT|ETIMEDOUT|EACCES/,
  /PKCS\s*#?\s*11/i,
  /\.so\b/,
  /SoftHSM/i,
  /\bproject\b/i,
  /\bsane\b|\bairscan\b|\bescl:/i,
  /\b(Error|Exception|TypeError)\b/,
  /\bundefined\b/,
  /\bnull\b/,
  /\bNaN\b/,
  /\bInvalid Date\b/,
  /\[object Object\]/,
  /\bLoading\b/i,
  /\bSubmit\b/i,
  /\bCancel\b/i,
  /\bNo data\b/i,
  /\bSearch\b/i,
  /\bSelect\b/i,
  /\bUpload\b/i,
  /\bPlease\b/i,
  /\/ page\b/,
  /\bitems?\b/,
  /\bdevice\b/i,
  /\btoken\b/i,
  /\bslot\b/i,
  /\bXLSX\b/,
  /\b(CN|OU)=/,
  /\b(RSA|ECDSA)\b/,
  /\bmodule\b/i,
  /\bsession\b/i,
];

/** An "OK" alone on a button says nothing about what it does. */
const OK_BUTTON = /^\s*OK\s*$/i;

/** Everything the clerk reads: the visible text plus tooltips, accessible names and placeholders. */
async function readable(page: Page): Promise<{ text: string; buttons: string[] }> {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[title],[aria-label],[placeholder],img[alt]')].flatMap(
      (el) =>
        ['title', 'aria-label', 'placeholder', 'alt']
          .map((a) => el.getAttribute(a))
          .filter((v): v is string => !!v),
    );
    const buttons = [...document.querySelectorAll('button,[role=button]')].map(
      (b) => (b as HTMLElement).innerText,
    );
    return { text: `${document.body.innerText}\n${attrs.join('\n')}`, buttons };
  });
}

let browser: Browser;
let pki: TestPki;
beforeAll(async () => {
  pki = makeTestPki();
  // Web mode inherits this: the token step and the dossier show SoftHSM's test token.
  process.env.SOFTHSM2_CONF = pki.env.SOFTHSM2_CONF;
  browser = await launchStationBrowser();
});
afterEach(stopAllWebModes);
afterAll(async () => {
  await browser?.close();
  pki?.cleanup();
});

describe('Vietnamese only, in Chromium at 1280×720', { timeout: 180_000 }, () => {
  it('no main screen shows an English or technical word from the list of those that leaked', async () => {
    const found: string[] = [];
    await tourMainScreens(browser, async (page, name) => {
      const { text, buttons } = await readable(page);
      for (const word of LEAKED) {
        const hit = word.exec(text);
        if (hit) {
          const around = text.slice(Math.max(0, hit.index - 40), hit.index + 40).replace(/\s+/g, ' ');
          found.push(`${name}: "${hit[0]}" in “…${around}…”`);
        }
      }
      for (const b of buttons.filter((b) => OK_BUTTON.test(b)))
        found.push(`${name}: a button says only "${b}"`);
      await page.screenshot({ path: `/tmp/language-${name.replace(/\W+/g, '-')}.png` });
    });
    expect(found).toEqual([]);
  });
});
