import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { launchStationBrowser } from '../helpers/browser';
import { scanImage } from '../helpers/images';
import { tempDir } from '../helpers/tmp';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';
import { makeTestPki, pdfsig, startTsa, type TestPki, type TestTsa, USER_PIN } from '../sign/fixture';

/** Screenshots to look at, outside the repository. */
const SHOTS = '/tmp/h13a-steps';
const VIEW = { width: 1280, height: 720 };
let browser: Browser;
let pki: TestPki;
let tsa: TestTsa;

beforeAll(async () => {
  pki = makeTestPki();
  // Web mode inherits this: its engine finds SoftHSM (training) and our test token.
  process.env.SOFTHSM2_CONF = pki.env.SOFTHSM2_CONF;
  tsa = await startTsa(pki);
  browser = await launchStationBrowser();
});

afterEach(stopAllWebModes);

afterAll(async () => {
  await browser?.close();
  await tsa?.close();
  pki?.cleanup();
});

/** A new draft dossier (nothing scanned yet), and the station pointed at the test TSA and CA. */
async function prepare(dataDir: string): Promise<string> {
  const engine = createEngine({ dataDir, outbox: { autoStart: false } });
  const client = connectInProcess(engine);
  try {
    const d = await client.call('dossier.create', { procedureCode: '1.001193', applicantName: 'Lê Thị Hoa' });
    await client.call('sign.config.update', { tsaUrl: tsa.url, trustPems: [pki.caPem] });
    return d.id;
  } finally {
    client.dispose();
    engine.close();
  }
}

const state = (page: Page, step: string) => page.getByTestId(`step-${step}`).getAttribute('data-state');
const current = (page: Page) =>
  page.locator('[data-testid^="step-"][aria-current="step"]').getAttribute('data-testid');

/** The control is on screen at 1280×720 with the page scrolled to its top. */
async function onScreen(control: Locator): Promise<void> {
  await control.evaluate(() => window.scrollTo(0, 0));
  const box = await control.boundingBox();
  expect(box, 'the control is shown').not.toBeNull();
  expect(box!.y + box!.height, 'the control fits above the fold').toBeLessThanOrEqual(VIEW.height);
  expect(box!.x + box!.width, 'the control fits across').toBeLessThanOrEqual(VIEW.width);
  expect(box!.y, 'the control is not above the screen').toBeGreaterThanOrEqual(0);
}

describe('the clerk walks a dossier through its steps at 1280×720', () => {
  it('scans, reviews, builds and signs every PDF with one PIN, receives, and gets the receipt', async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const data = tempDir();
    const scans = tempDir();
    const dossierId = await prepare(data);
    const files: Record<string, string> = {};
    for (const code of ['TK', 'GCS']) {
      files[code] = path.join(scans, `${code}.png`);
      fs.writeFileSync(files[code], await scanImage('png', { dpi: 100, width: 827, height: 1169 }));
    }
    const server = await startWebMode(data);
    const page = await browser.newPage({ viewport: VIEW, locale: 'vi-VN', acceptDownloads: true });
    page.on('pageerror', (err) => console.error('page error:', err));
    try {
      await page.goto(server.url);
      await page.getByTestId('nav-reception').waitFor();
      await page.evaluate((id) => (location.hash = `#/dossier/${id}`), dossierId);
      await page.getByTestId('dossier-steps').waitFor({ timeout: 20_000 });

      // A new dossier opens on its first step; every step says where it stands.
      expect(await current(page)).toBe('step-components');
      expect(await state(page, 'components')).toBe('wait');
      expect(await state(page, 'sign')).toBe('wait');
      expect(await state(page, 'receive')).toBe('wait');
      expect(await page.getByTestId('header-code').textContent()).toBe('Chưa có mã hồ sơ');
      expect(await page.getByTestId('dossier-applicant').textContent()).toBe('Lê Thị Hoa');
      // Only the current step's panel is shown.
      expect(await page.getByTestId('sign-panel').isVisible()).toBe(false);
      expect(await page.getByTestId('reception-panel').isVisible()).toBe(false);
      await onScreen(page.getByTestId('component-TK'));

      // Thành phần: the picker lists the three components with where each stands; one card shows.
      const pick = (code: string) => page.getByTestId(`component-pick-${code}`);
      const pickState = (code: string) => pick(code).getAttribute('data-state');
      expect(await page.getByTestId('component-picker').getByRole('tab').count()).toBe(3);
      expect(await pick('TK').getAttribute('aria-selected')).toBe('true');
      expect(await pickState('TK')).toBe('missing');
      expect(await pickState('GCS')).toBe('missing');
      expect(await pickState('UQ')).toBe('empty');
      expect(await page.getByTestId('component-pick-state-TK').textContent()).toBe('Bắt buộc, chưa có trang');
      expect(await page.getByTestId('component-pick-state-UQ').textContent()).toBe('Không bắt buộc');
      for (const code of ['TK', 'GCS', 'UQ']) await onScreen(pick(code));
      expect(await page.getByTestId('component-GCS').isVisible()).toBe(false);
      expect(await page.getByTestId('component-UQ').isVisible()).toBe(false);
      // The chosen component's scan and import controls are on screen.
      await onScreen(page.getByTestId('scan-start-TK'));
      await onScreen(page.getByTestId('component-TK').locator('.ant-upload-drag'));

      // One scan per required component.
      await page.getByTestId('component-TK').locator('input[type=file]').setInputFiles([files.TK!]);
      await expect.poll(() => state(page, 'components'), { timeout: 20_000 }).toBe('warning');
      expect(await page.getByTestId('step-components-detail').textContent()).toBe(
        'Thiếu 1 thành phần bắt buộc',
      );
      await expect.poll(() => pickState('TK'), { timeout: 20_000 }).toBe('filled');
      expect(await page.getByTestId('component-pick-state-TK').textContent()).toBe('1 trang');
      // With a page in it, the card's controls still fit.
      await onScreen(page.getByTestId('scan-start-TK'));
      await onScreen(page.getByTestId('component-TK').locator('.ant-upload-drag'));

      // From the keyboard: Tab reaches the chosen line, the arrow key moves to the next component.
      await pick('TK').focus();
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'component-pick-GCS',
      );
      expect(await pick('GCS').getAttribute('aria-selected')).toBe('true');
      await expect.poll(() => page.getByTestId('component-GCS').isVisible()).toBe(true);
      expect(await page.getByTestId('component-TK').isVisible()).toBe(false);
      await onScreen(page.getByTestId('scan-start-GCS'));
      const gcsDrop = page.getByTestId('component-GCS').locator('.ant-upload-drag');
      await onScreen(gcsDrop);
      await page.screenshot({ path: path.join(SHOTS, '1-picker.png') });
      await page.getByTestId('component-GCS').locator('input[type=file]').setInputFiles([files.GCS!]);
      await expect.poll(() => state(page, 'components'), { timeout: 20_000 }).toBe('done');
      await expect.poll(() => pickState('GCS'), { timeout: 20_000 }).toBe('filled');
      // End, then Home, from the keyboard.
      await page.keyboard.press('End');
      expect(await pick('UQ').getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('Home');
      expect(await pick('TK').getAttribute('aria-selected')).toBe('true');
      await page.screenshot({ path: path.join(SHOTS, '1-components.png') });

      // Kiểm tra: the pages' cleanup and text, reached by the step's "next" button.
      await page.getByTestId('step-next-components').click();
      expect(await current(page)).toBe('step-review');
      await page.getByTestId('imaging-panel').waitFor();
      expect(await page.getByTestId('component-TK').isVisible()).toBe(false);
      await expect.poll(() => state(page, 'review'), { timeout: 60_000 }).toBe('done');
      await page.screenshot({ path: path.join(SHOTS, '2-review.png') });

      // Ký số, by clicking the step itself: nothing is assembled yet, one button does it all.
      await page.getByTestId('step-sign').click();
      expect(await current(page)).toBe('step-sign');
      const cert = page.getByTestId('cert-01');
      await expect.poll(() => cert.textContent(), { timeout: 20_000 }).toContain('Nguyễn Văn An');
      await cert.getByRole('radio').click();
      await expect.poll(() => cert.textContent()).toContain('Đang dùng');
      const all = page.getByTestId('assemble-sign-all');
      await expect.poll(() => all.isDisabled()).toBe(false);
      expect(await all.textContent()).toContain('Tạo PDF & ký tất cả (2 thành phần)');
      await onScreen(all);
      await page.screenshot({ path: path.join(SHOTS, '3-sign.png') });
      await all.click();
      // One PIN for the whole dossier: a wrong one first is said and the dialog stays.
      await page.getByTestId('pin-input').fill('000000');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.getByTestId('pin-error').textContent(), { timeout: 60_000 })
        .toContain('Mã PIN không đúng');
      await page.getByTestId('pin-input').fill(USER_PIN);
      await page.keyboard.press('Enter');
      await page.getByTestId('signed-TK').waitFor({ timeout: 90_000 });
      await page.getByTestId('signed-GCS').waitFor({ timeout: 90_000 });
      await expect.poll(() => state(page, 'sign'), { timeout: 20_000 }).toBe('done');
      expect(await page.getByTestId('step-sign-detail').textContent()).toBe('Đã ký đủ 2 tệp');
      expect(await all.isDisabled()).toBe(true);
      // The way on is beside it, on screen.
      await onScreen(page.getByTestId('step-next-sign'));
      await page.screenshot({ path: path.join(SHOTS, '4-signed.png') });

      // The signed copy really carries a valid signature.
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Tải bản đã ký' }).first().click();
      const signedFile = path.join(scans, 'signed.pdf');
      await (await download).saveAs(signedFile);
      expect(pdfsig(pki, signedFile)).toContain('Signature is Valid');

      // Tiếp nhận: the check before receiving finds nothing missing.
      await page.getByTestId('step-next-sign').click();
      expect(await current(page)).toBe('step-receive');
      expect(await page.getByTestId('sign-check').getAttribute('data-state')).toBe('ok');
      const receive = page.getByTestId('receive-dossier');
      await expect.poll(() => receive.isDisabled()).toBe(false);
      await onScreen(receive);
      await page.screenshot({ path: path.join(SHOTS, '5-receive.png') });
      // Receiving freezes the files, queues the dossier and prints form 01: on a loaded machine
      // (local CI at load 5–8) that took longer than 30 s once.
      const receipt = page.waitForEvent('download', { timeout: 90_000 });
      await receive.click();
      await page.getByTestId('receive-paper-ok').click();
      expect((await receipt).suggestedFilename()).toMatch(
        /^giay-tiep-nhan_000\.00\.00\.H47-\d{6}-\d{4}\.pdf$/,
      );

      // Received: the screen moves on to the receipt, the header carries the code.
      await expect.poll(() => current(page), { timeout: 20_000 }).toBe('step-receipt');
      const code = (await page.getByTestId('dossier-code').textContent())?.trim() ?? '';
      expect(code).toMatch(/^000\.00\.00\.H47-\d{6}-\d{4}$/);
      expect(await page.getByTestId('header-code').textContent()).toBe(code);
      expect(await state(page, 'receive')).toBe('done');
      // Received on paper (no consent to submit online): nothing to send, the last step is done too.
      for (const step of ['components', 'review', 'sign', 'receipt'])
        expect(await state(page, step)).toBe('done');
      expect(await page.getByTestId('step-receipt-detail').textContent()).toBe(
        'Hồ sơ giấy, không gửi lên cổng',
      );
      await onScreen(page.getByTestId('receipt-pdf'));
      await page.screenshot({ path: path.join(SHOTS, '6-receipt.png') });

      // Reopened later, the dossier opens on its receipt step.
      await page.reload();
      await page.getByTestId('dossier-steps').waitFor({ timeout: 20_000 });
      await expect.poll(() => current(page), { timeout: 20_000 }).toBe('step-receipt');
    } finally {
      await page.close().catch(() => {});
    }
  }, 300_000);
});
