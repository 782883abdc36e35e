import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readQrFromImage } from '../../electron/engine/reception/qr-image';
import { parseTlv, vietqrCrcOk } from '../../shared/domain/vietqr';
import { launchStationBrowser } from '../helpers/browser';
import { scanImage } from '../helpers/images';
import { tempDir } from '../helpers/tmp';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';

const ARTIFACTS = fileURLToPath(new URL('../../test-results', import.meta.url));
const VIEWPORT = { width: 1280, height: 720 };

let browser: Browser;

beforeAll(async () => {
  browser = await launchStationBrowser();
});

afterEach(stopAllWebModes);

afterAll(async () => {
  await browser?.close();
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `e2e-citizen-${name}.png`) });
const text = async (page: Page) => (await page.locator('body').innerText()).replace(/\s+/g, ' ');

/** The clerk starts a dossier from the reception form: procedure by words, the applicant's name and ID. */
async function startDossier(clerk: Page, words: string, procedure: string, name: string, id: string) {
  await clerk.evaluate(() => (location.hash = '#/reception'));
  await clerk.getByTestId('procedure-select').click();
  await clerk.keyboard.type(words);
  await expect
    .poll(() => clerk.locator('.ant-select-item-option').first().textContent())
    .toContain(procedure);
  await clerk.keyboard.press('Enter');
  await clerk.getByTestId('applicant-id').fill(id);
  await clerk.getByTestId('applicant-name').fill(name);
  await clerk.getByTestId('create-dossier').click();
  await clerk.getByTestId('dossier-steps').waitFor();
  return (await clerk.getByTestId('dossier-workspace').getAttribute('data-dossier-id'))!;
}

async function addScan(clerk: Page, component: string, file: string) {
  await clerk.getByTestId(`component-${component}`).locator('input[type=file]').setInputFiles([file]);
  await expect
    .poll(() => clerk.getByTestId(`slot-${component}`).getAttribute('data-state'), { timeout: 20_000 })
    .toBe('done');
}

const ticks = (citizen: Page) =>
  citizen.getByTestId('citizen-component').evaluateAll((els) => els.map((e) => e.getAttribute('data-done')));

describe('the citizen across the counter, in Chromium through web mode', () => {
  it('pairs /citizen by code, ticks the components as they are scanned, shows code, appointment and VietQR, takes a rating the figures show, and never shows another citizen’s dossier', async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const scans = tempDir();
    const scan = path.join(scans, 'trang.png');
    fs.writeFileSync(scan, await scanImage('png', { dpi: 100, width: 827, height: 1169 }));
    const server = await startWebMode(tempDir());
    const origin = new URL(server.url).origin;
    const clerk = await browser.newPage({ viewport: VIEWPORT, locale: 'vi-VN' });
    const citizen = await browser.newPage({ viewport: VIEWPORT, locale: 'vi-VN' });
    for (const p of [clerk, citizen]) p.on('pageerror', (err) => console.error('page error:', err));
    try {
      await clerk.goto(server.url);
      await clerk.getByTestId('procedure-select').waitFor();

      // The administrator lets the unit take fees by transfer, to its account.
      await clerk.getByTestId('nav-settings').click();
      const bank = clerk.getByTestId('bank-transfer-settings');
      await bank.waitFor();
      await clerk.getByTestId('bank-allowed').click();
      await clerk.getByTestId('bank-bin').fill('970436');
      await clerk.getByTestId('bank-account').fill('0011000123456');
      await clerk.getByTestId('bank-name').fill('UBND XA TAM XUAN');
      await clerk.getByTestId('bank-save').click();
      await expect
        .poll(() => clerk.locator('.ant-message').textContent())
        .toContain('Đã lưu cài đặt chuyển khoản');

      // The citizen screen: first a guessed code, refused; then the code from the clerk's screen.
      await citizen.goto(`${origin}/citizen`);
      await citizen.getByTestId('citizen-pairing').waitFor();
      await clerk.evaluate(() => (location.hash = '#/reception'));
      await clerk.getByTestId('procedure-select').waitFor();
      await clerk.evaluate(() => document.scrollingElement?.scrollTo(0, 0));
      await clerk.getByTestId('citizen-control-button').click();
      await clerk.getByTestId('citizen-pair-new').click();
      const code = (await clerk.getByTestId('citizen-pairing-code').textContent())!.trim();
      expect(code).toMatch(/^\d{6}$/);
      await clerk.evaluate(() => window.scrollTo(0, 0));
      await shot(clerk, 'clerk-pairing-code');
      const guess = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      await citizen.getByTestId('citizen-pair-code').fill(guess);
      await citizen.getByTestId('citizen-pair').click();
      await expect
        .poll(() => citizen.getByTestId('citizen-pair-error').getAttribute('data-code'))
        .toBe('citizen_pairing_invalid');
      expect(await citizen.getByTestId('citizen-pair-error').textContent()).toContain(
        'Mã ghép nối không đúng',
      );
      await shot(citizen, 'pairing-refused');
      await citizen.getByTestId('citizen-pair-code').fill(code);
      await citizen.getByTestId('citizen-pair').click();
      await citizen.getByTestId('citizen-idle').waitFor();
      const idle = await text(citizen);
      expect(idle).toContain('Đường dây nóng');
      expect(idle).toContain('1022');
      expect(idle).toContain('Tra cứu hồ sơ');
      await expect.poll(() => clerk.getByTestId('citizen-connected').getAttribute('data-count')).toBe('1');
      await shot(citizen, 'idle');
      // The body text is readable from a metre away.
      expect(
        await citizen.getByTestId('citizen-idle').evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
      ).toBeGreaterThanOrEqual(28);
      await clerk.keyboard.press('Escape');

      // Reception: Đăng ký thành lập hộ kinh doanh (fee 100 000), two required components.
      const a = await startDossier(
        clerk,
        'thanh lap ho kinh doanh',
        'Đăng ký thành lập hộ kinh doanh',
        'NGUYỄN VĂN AN',
        '049090001234',
      );
      await citizen.getByTestId('citizen-reception').waitFor();
      expect(await citizen.getByTestId('citizen-procedure').textContent()).toBe(
        'Đăng ký thành lập hộ kinh doanh',
      );
      expect(await citizen.getByTestId('citizen-applicant-id').textContent()).toBe('0•••••••••34');
      expect(await ticks(citizen)).toEqual(['false', 'false', 'false']);
      expect(await text(citizen)).not.toContain('NGUYỄN VĂN AN');
      expect(await text(citizen)).not.toContain('049090001234');

      await addScan(clerk, 'GDN', scan);
      await expect.poll(() => ticks(citizen)).toEqual(['true', 'false', 'false']);
      expect(await citizen.getByTestId('citizen-missing').textContent()).toContain(
        'Bản sao giấy tờ pháp lý của chủ hộ',
      );
      await shot(citizen, 'reception-one');
      await addScan(clerk, 'CCCD', scan);
      await expect.poll(() => ticks(citizen)).toEqual(['true', 'true', 'false']);
      await expect
        .poll(() => citizen.getByTestId('citizen-missing').textContent())
        .toContain('Đã đủ thành phần bắt buộc');
      expect(await citizen.getByTestId('citizen-page-count').textContent()).toBe('2');
      expect(await citizen.getByTestId('citizen-fee-amount').textContent()).toBe('100.000\u00a0₫');
      await shot(citizen, 'reception-done');

      // Tiếp nhận (on paper): the citizen sees the code, the appointment and the receipt's QR.
      await clerk.getByTestId('step-receive').click();
      await clerk.getByTestId('unsigned-reason').fill('Thẻ ký số đang gia hạn, ký bổ sung trong ngày');
      await clerk.getByTestId('receive-dossier').click();
      await clerk.getByTestId('receive-paper-ok').click();
      await expect
        .poll(() => clerk.getByTestId('dossier-code').textContent(), { timeout: 15_000 })
        .toMatch(/-0001$/);
      const dossierCode = (await clerk.getByTestId('dossier-code').textContent())!.trim();
      await citizen.getByTestId('citizen-received').waitFor();
      expect(await citizen.getByTestId('citizen-code').textContent()).toBe(dossierCode);
      expect(await citizen.getByTestId('citizen-appointment').textContent()).toMatch(
        /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/,
      );
      expect(await citizen.getByTestId('citizen-receipt-qr').getAttribute('data-qr')).toContain(
        `ma=${dossierCode}`,
      );
      // The VietQR on screen, read back by ZXing as a phone would: the fee and the code as the note.
      const qr = citizen.getByTestId('citizen-vietqr');
      await qr.waitFor();
      const payload = (await qr.getAttribute('data-qr'))!;
      expect(vietqrCrcOk(payload)).toBe(true);
      expect(await readQrFromImage(await qr.screenshot(), 'vietqr.png')).toEqual([payload]);
      const tags = parseTlv(payload);
      expect(tags.find((x) => x.id === '54')!.value).toBe('100000');
      expect(parseTlv(tags.find((x) => x.id === '62')!.value)[0]!.value).toBe(dossierCode);
      await shot(citizen, 'received');

      // The rating: "Không hài lòng", about the waiting time, with a comment.
      await citizen.getByTestId('citizen-rate-unsatisfied').click();
      await citizen.getByTestId('citizen-reasons').waitFor();
      await citizen.getByTestId('citizen-reason-waiting').click();
      await citizen.getByTestId('citizen-comment').fill('Phải chờ hơn một tiếng');
      await shot(citizen, 'reasons');
      await citizen.getByTestId('citizen-send-rating').click();
      await citizen.getByTestId('citizen-thanks').waitFor();
      await shot(citizen, 'thanks');

      // The supervisor's figures show it (a station without accounts: every role).
      await clerk.getByTestId('nav-figures').click();
      const sat = clerk.getByTestId('figures-satisfaction');
      await expect.poll(() => sat.getAttribute('data-level'), { timeout: 15_000 }).toBe('red');
      expect(await clerk.getByTestId('satisfaction-percent').textContent()).toBe('0 %');
      expect(await clerk.getByTestId('satisfaction-counts').textContent()).toContain('Không hài lòng 1');
      const row = clerk.getByTestId(`unsatisfied-${dossierCode}`);
      expect(await row.textContent()).toContain('Thời gian chờ');
      expect(await row.textContent()).toContain('Phải chờ hơn một tiếng');
      await sat.scrollIntoViewIfNeeded();
      await shot(clerk, 'figures');

      // Another citizen: the screen shows their dossier, and nothing of the first.
      await startDossier(
        clerk,
        'trich luc ho tich',
        'Cấp bản sao trích lục hộ tịch',
        'TRẦN THỊ BÌNH',
        '048185009876',
      );
      await citizen.getByTestId('citizen-reception').waitFor();
      await addScan(clerk, 'TK', scan);
      await expect.poll(() => ticks(citizen)).toEqual(['true']);
      const second = await text(citizen);
      expect(second).toContain('Cấp bản sao trích lục hộ tịch');
      expect(second).toContain('0•••••••••76');
      for (const s of [
        dossierCode,
        'Đăng ký thành lập hộ kinh doanh',
        '0•••••••••34',
        'NGUYỄN VĂN AN',
        'TRẦN THỊ BÌNH',
        '100.000',
      ])
        expect(second, s).not.toContain(s);
      await shot(citizen, 'second-citizen');

      // Mid-way, the clerk opens the first dossier from the list: it is not put on the citizen's screen.
      await clerk.evaluate((id) => (location.hash = `#/dossier/${encodeURIComponent(id)}`), a);
      await expect.poll(() => clerk.getByTestId('citizen-follow').getAttribute('data-shown')).toBe('false');
      await citizen.getByTestId('citizen-idle').waitFor();
      const after = await text(citizen);
      for (const s of [
        dossierCode,
        'Đăng ký thành lập hộ kinh doanh',
        '0•••••••••34',
        'Cấp bản sao trích lục hộ tịch',
        '0•••••••••76',
      ])
        expect(after, s).not.toContain(s);
      await shot(citizen, 'switched');

      // At the idle screen the citizen looks the first dossier up by its code: procedure and dates only.
      await citizen.getByTestId('citizen-lookup-input').fill(dossierCode);
      await citizen.keyboard.press('Enter');
      const found = citizen.getByTestId('citizen-lookup-result');
      await expect.poll(() => found.getAttribute('data-found')).toBe('true');
      expect(await found.textContent()).toContain('Đăng ký thành lập hộ kinh doanh');
      expect(await found.textContent()).toContain('Đã tiếp nhận');
      expect(await text(citizen)).not.toContain('NGUYỄN VĂN AN');
      await shot(citizen, 'lookup');
    } finally {
      await clerk.close().catch(() => {});
      await citizen.close().catch(() => {});
      await server.stop();
    }
  });
});
