import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchStationBrowser } from '../helpers/browser';
import { tourMainScreens } from '../helpers/screen-tour';
import { stopAllWebModes } from '../helpers/web-mode';
import { makeTestPki, type TestPki } from '../sign/fixture';

let browser: Browser;
let pki: TestPki;
beforeAll(async () => {
  pki = makeTestPki();
  // Web mode inherits this: the token step and the dossier list SoftHSM's test token.
  process.env.SOFTHSM2_CONF = pki.env.SOFTHSM2_CONF;
  browser = await launchStationBrowser();
});
afterEach(stopAllWebModes);
afterAll(async () => {
  await browser?.close();
  pki?.cleanup();
});

describe('accessibility, in Chromium at 1280×720', { timeout: 240_000 }, () => {
  it('axe finds no serious or critical violation on any main screen, and focus is visible', async () => {
    const found: string[] = [];
    await tourMainScreens(browser, async (page, name) => {
      const result = await new AxeBuilder({ page }).analyze();
      for (const v of result.violations) {
        if (v.impact !== 'serious' && v.impact !== 'critical') continue;
        const where = v.nodes
          .slice(0, Number(process.env.AXE_NODES ?? 3))
          .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)} ${n.any[0]?.message ?? ''}`)
          .join(' | ');
        found.push(`${name}: ${v.id} (${v.impact}, ${v.nodes.length}×) ${where}`);
      }
      // The control reached by Tab shows where the focus is.
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement === document.body))
        await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return { outline: 'none', what: 'body' };
        const style = getComputedStyle(el);
        const shown = style.outlineStyle !== 'none' && style.outlineWidth !== '0px';
        return { outline: shown ? style.outlineStyle : 'none', what: el.outerHTML.slice(0, 120) };
      });
      if (focus.outline === 'none')
        found.push(`${name}: the focused control shows no outline: ${focus.what}`);
    });
    expect(found).toEqual([]);
  });
});
