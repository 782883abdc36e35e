import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { launchStationBrowser } from '../helpers/browser';
import { scanImage } from '../helpers/images';
import { tempDir } from '../helpers/tmp';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';

const ARTIFACTS = fileURLToPath(new URL('../../test-results', import.meta.url));

let browser: Browser;

/** What a citizen's phone reads from the QR on screen (ZXing, with its local .wasm). */
async function readQr(png: Buffer): Promise<string[]> {
  const wasm = fs.readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({
    overrides: {
      wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer,
    },
  });
  return (await readBarcodes(new Blob([new Uint8Array(png)]), { formats: ['QRCode'] })).map((b) => b.text);
}

beforeAll(async () => {
  browser = await launchStationBrowser();
});

afterEach(stopAllWebModes);

afterAll(async () => {
  await browser?.close();
});

describe('the clerk takes the fee at the counter, in Chromium through web mode', () => {
  it('receives a dossier of a procedure with a fee, takes 2.000 ₫ in cash from the reception panel, and sees it paid', async () => {
    const scan = path.join(tempDir(), 'ban-chinh.png');
    fs.writeFileSync(scan, await scanImage('png', { dpi: 100, width: 827, height: 1169 }));
    const server = await startWebMode(tempDir());
    const page = await browser.newPage({ viewport: { width: 1366, height: 1000 }, locale: 'vi-VN' });
    page.on('pageerror', (err) => console.error('page error:', err));
    try {
      await page.goto(server.url);
      await page.getByTestId('procedure-select').click();
      await page.keyboard.type('ban sao tu ban chinh');
      await expect
        .poll(() => page.locator('.ant-select-item-option').first().textContent())
        .toContain('Chứng thực bản sao từ bản chính');
      await page.keyboard.press('Enter');
      // The catalogue's fee (2.000.908: 2 000 đồng) is what the counter will ask.
      await expect.poll(() => page.getByTestId('procedure-card').textContent()).toContain('2.000');
      await page.getByTestId('applicant-name').fill('TRẦN THỊ BÌNH');
      await page.getByTestId('create-dossier').click();

      await page.getByTestId('dossier-steps').waitFor();
      // No fee step before the dossier is received.
      expect(await page.getByTestId('dossier-fee').count()).toBe(0);
      await page.getByTestId('component-BC').locator('input[type=file]').setInputFiles([scan]);
      await expect
        .poll(() => page.getByTestId('slot-BC').getAttribute('data-state'), { timeout: 20_000 })
        .toBe('done');
      await page.getByTestId('step-receive').click();
      await page.getByTestId('exception-BS').fill('Người nộp chỉ xin chứng thực một bản, bản sao nộp sau');
      // Not signed yet: the clerk says why it is received so (recorded and printed).
      await page.getByTestId('unsigned-reason').fill('Thẻ ký số đang gia hạn, ký bổ sung trong ngày');
      await page.getByTestId('receive-dossier').click();
      // Cash only: no online authorisation, so the clerk confirms the dossier stays on paper.
      await page.getByTestId('receive-paper-ok').click();
      await expect
        .poll(() => page.getByTestId('dossier-code').textContent(), { timeout: 15_000 })
        .toMatch(/-0001$/);

      // The payment step: the fee in VND, not yet taken, both ways offered.
      const fee = page.getByTestId('dossier-fee');
      await expect.poll(() => fee.getAttribute('data-state'), { timeout: 15_000 }).toBe('none');
      expect(await page.getByTestId('fee-amount').textContent()).toBe('2.000\u00a0₫');
      expect(await page.getByTestId('pay-online').textContent()).toContain('Thanh toán trực tuyến');
      expect(await page.getByTestId('pay-cash').textContent()).toContain('Thu tiền mặt');

      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page
        .getByTestId('reception-panel')
        .screenshot({ path: path.join(ARTIFACTS, 'e2e-payment-fee.png') });

      // Cash asks the clerk to confirm the money is in hand before it is recorded.
      await page.getByTestId('pay-cash').click();
      await expect
        .poll(() => page.locator('.ant-popconfirm').textContent())
        .toContain('Đã nhận đủ 2.000\u00a0₫ tiền mặt từ người nộp?');
      expect(await fee.getAttribute('data-state')).toBe('none');
      await page.getByTestId('pay-cash-ok').click();
      // The engine may still be reading the scanned page (OCR) on a busy machine: allow it time.
      await expect.poll(() => fee.getAttribute('data-state'), { timeout: 15_000 }).toBe('paid');
      const paid = await page.getByTestId('fee-paid').textContent();
      expect(paid).toContain('Đã thu 2.000\u00a0₫ (tiền mặt)');
      expect(paid).toMatch(/biên lai TM-000\.00\.00\.H47-\d{6}-0001/);
      expect(await page.getByTestId('pay-cash').count()).toBe(0);
      await page
        .getByTestId('reception-panel')
        .screenshot({ path: path.join(ARTIFACTS, 'e2e-payment-cash.png') });

      // The engine kept it: after a reload the state is read back as paid.
      await page.reload();
      await expect
        .poll(() => page.getByTestId('dossier-fee').getAttribute('data-state'), { timeout: 15_000 })
        .toBe('paid');
    } finally {
      await page.close().catch(() => {});
      await server.stop();
    }
  });

  it('asks for the fee online once the dossier is on the (training) portal: QR and link, the citizen pays, "Kiểm tra" reads it paid', async () => {
    const scan = path.join(tempDir(), 'van-ban.png');
    fs.writeFileSync(scan, await scanImage('png', { dpi: 100, width: 827, height: 1169 }));
    const server = await startWebMode(tempDir());
    const page = await browser.newPage({ viewport: { width: 1366, height: 1000 }, locale: 'vi-VN' });
    page.on('pageerror', (err) => console.error('page error:', err));
    try {
      await page.goto(server.url);
      await page.getByTestId('procedure-select').click();
      await page.keyboard.type('chung thuc chu ky');
      await expect
        .poll(() => page.locator('.ant-select-item-option').first().textContent())
        .toContain('Chứng thực chữ ký trong giấy tờ, văn bản');
      await page.keyboard.press('Enter');
      await page.getByTestId('applicant-name').fill('LÊ VĂN CƯỜNG');
      await page.getByTestId('create-dossier').click();
      await page.getByTestId('component-VB').locator('input[type=file]').setInputFiles([scan]);
      await expect
        .poll(() => page.getByTestId('slot-VB').getAttribute('data-state'), { timeout: 20_000 })
        .toBe('done');
      // Online payment needs the dossier on the portal: the citizen authorises online submission.
      await page.getByTestId('step-receive').click();
      await page.getByTestId('consent-checkbox').click();
      await page.getByTestId('unsigned-reason').fill('Thẻ ký số đang gia hạn, ký bổ sung trong ngày');
      await page.getByTestId('receive-dossier').click();
      const fee = page.getByTestId('dossier-fee');
      await expect.poll(() => fee.getAttribute('data-state'), { timeout: 15_000 }).toBe('none');
      expect(await page.getByTestId('fee-amount').textContent()).toBe('10.000\u00a0₫');

      // Online needs the dossier on the portal: until the outbox has sent it, the clerk is told
      // to wait or take cash; once it is there, the payment link comes back.
      await expect
        .poll(
          async () => {
            if ((await fee.getAttribute('data-state')) === 'none') {
              await page.getByTestId('pay-online').click({ timeout: 10_000 });
              await page
                .locator('[data-testid=dossier-fee][data-state=pending], .ant-message-notice')
                .first()
                .waitFor({ timeout: 10_000 });
            }
            return fee.getAttribute('data-state');
          },
          { timeout: 150_000, interval: 3_000 },
        )
        .toBe('pending');
      await page.getByTestId('pay-qr').waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('fee-pending').textContent()).toContain('Chờ thanh toán 10.000\u00a0₫');
      const payUrl = (await page.getByTestId('pay-link').getAttribute('href')) ?? '';
      expect(payUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sandbox\/pay\//);
      expect(await readQr(await page.getByTestId('pay-qr').screenshot())).toEqual([payUrl]);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page
        .getByTestId('reception-panel')
        .screenshot({ path: path.join(ARTIFACTS, 'e2e-payment-online.png') });

      // Not paid yet: "Kiểm tra" keeps it pending.
      await page.getByTestId('pay-check').click();
      await expect.poll(() => page.getByTestId('pay-check').getAttribute('class')).not.toContain('loading');
      expect(await fee.getAttribute('data-state')).toBe('pending');

      // The citizen opens the link (the sandbox's payment page) and pays.
      const citizen = await browser.newPage();
      try {
        await citizen.goto(payUrl);
        await citizen.getByRole('button', { name: 'Thanh toán' }).click();
        await expect.poll(() => citizen.textContent('body')).toContain('Đã thanh toán');
      } finally {
        await citizen.close();
      }
      await page.getByTestId('pay-check').click();
      await expect.poll(() => fee.getAttribute('data-state'), { timeout: 15_000 }).toBe('paid');
      expect(await page.getByTestId('fee-paid').textContent()).toContain('Đã thu 10.000\u00a0₫ (trực tuyến)');
    } finally {
      await page.close().catch(() => {});
      await server.stop();
    }
    // The upload to the training portal may wait out a retry's backoff on a loaded machine.
  }, 240_000);
});
