import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { type Sandbox, startSandbox } from '../../electron/engine/training';
import { b64, scanImage } from '../helpers/images';
import { launchStationBrowser } from '../helpers/browser';
import { tempDir } from '../helpers/tmp';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = path.join(ROOT, 'test-results');
/** The key the province issued to this station. */
const SECRET = 'khoa-tram-QNAM-01-9d2e';
let browser: Browser;
let portal: Sandbox | undefined;

beforeAll(async () => {
  process.env.SOHOA_OCR = '0'; // web mode inherits it: OCR is not what this test is about
  browser = await launchStationBrowser();
});
afterEach(async () => {
  await stopAllWebModes();
  await portal?.close();
  portal = undefined;
});
afterAll(async () => {
  await browser?.close();
});

describe('connecting the station to the real portal from the Settings screen, in Chromium through web mode', () => {
  it('tests the connection (wrong key: the Vietnamese reason; right key: ok), saves it — the training tag goes — and switches back to training', async () => {
    portal = await startSandbox({ dataDir: tempDir('sohoa-portal-'), secret: SECRET });
    const server = await startWebMode(tempDir());
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'vi-VN' });
    page.on('pageerror', (err) => console.error('page error:', err));
    await page.goto(server.url);
    const trainingTag = page.getByTestId('training-mode');
    await trainingTag.waitFor({ timeout: 30_000 }); // a new station starts in training mode

    await page.getByTestId('nav-settings').click();
    const card = page.getByTestId('portal-settings');
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain(
      'Chế độ đào tạo: hồ sơ chỉ được gửi tới cổng hộp cát',
    );
    await card.getByText('Cổng thật', { exact: true }).click();

    // An address that is not one is caught before anything is sent.
    await page.getByTestId('portal-url').fill('cong-tinh-quang-nam');
    await page.getByTestId('portal-test').click();
    await expect
      .poll(() => card.textContent(), { timeout: 5_000 })
      .toContain('Địa chỉ phải bắt đầu bằng http:// hoặc https://');

    await page.getByTestId('portal-url').fill(portal.url);
    await page.getByTestId('portal-station-id').fill('QNAM-01');
    await page.getByTestId('portal-secret').fill('khoa-cu-da-thu-hoi');
    // From the keyboard: Tab moves on from the key field to the button, Enter presses it.
    await page.getByTestId('portal-test').focus();
    await page.keyboard.press('Enter');
    const result = page.getByTestId('portal-test-result');
    await expect
      .poll(() => result.textContent(), { timeout: 15_000 })
      .toContain('Cổng dịch vụ công từ chối mã trạm hoặc khóa truy cập');

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await card.screenshot({ path: path.join(ARTIFACTS, 'portal-settings-refused.png') });

    await page.getByTestId('portal-secret').fill(SECRET);
    await page.getByTestId('portal-test').click();
    await expect.poll(() => result.textContent(), { timeout: 15_000 }).toContain('Kết nối được');
    await expect(trainingTag.count()).resolves.toBe(1); // tested, not saved: still training

    await page.getByTestId('portal-save').click();
    await expect.poll(() => trainingTag.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('app-info').textContent(), { timeout: 10_000 }).toContain('Tắt');

    // After a reload the key is "đã lưu" — and nowhere in the page.
    await page.reload();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('portal-secret-saved').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('portal-secret').inputValue()).resolves.toBe('');
    await expect(page.getByTestId('portal-url').inputValue()).resolves.toBe(portal.url);
    expect(await page.content()).not.toContain(SECRET);
    // The saved key is used when none is typed.
    await page.getByTestId('portal-test').click();
    await expect
      .poll(() => page.getByTestId('portal-test-result').textContent(), { timeout: 15_000 })
      .toContain('Đã dùng khóa đã lưu');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page
      .getByTestId('portal-settings')
      .screenshot({ path: path.join(ARTIFACTS, 'portal-settings.png') });

    // The key can be removed on purpose: "Xóa khóa đã lưu", then Lưu.
    await page.getByRole('button', { name: 'Xóa khóa đã lưu' }).click();
    await expect(page.getByTestId('portal-settings').textContent()).resolves.toContain(
      'Khóa đã lưu sẽ bị xóa khi bấm Lưu.',
    );
    await page.getByTestId('portal-save').click();
    await expect.poll(() => page.getByTestId('portal-secret-saved').count(), { timeout: 10_000 }).toBe(0);
    await page.getByTestId('portal-test').click();
    await expect
      .poll(() => page.getByTestId('portal-test-result').textContent(), { timeout: 15_000 })
      .toContain('Chưa có khóa truy cập cổng');

    // Back to training mode: the tag returns at once.
    await page.getByTestId('portal-settings').getByText('Đào tạo (cổng hộp cát có sẵn)').click();
    await page.getByTestId('portal-save').click();
    await expect.poll(() => page.getByTestId('training-mode').count(), { timeout: 10_000 }).toBe(1);
    await page.close();
  });

  it('the clerk on duty, entered in the reception settings, is recorded on the dossier received and shown in its panel', async () => {
    const data = tempDir();
    let dossierId: string;
    {
      // A draft with its papers scanned, waiting at the counter.
      const engine = createEngine({ dataDir: data, imaging: { ocr: false } });
      const c = connectInProcess(engine);
      const d = await c.call('dossier.create', { procedureCode: '1.001193', applicantName: 'Nguyễn Văn An' });
      dossierId = d.id;
      await c.call('reception.setApplicant', {
        dossierId,
        applicant: { kind: 'person', name: 'Nguyễn Văn An' },
      });
      for (const componentCode of ['TK', 'GCS']) {
        const png = await scanImage('png', { dpi: 100, width: 300, height: 420 });
        await c.call('dossier.addPages', {
          dossierId,
          componentCode,
          files: [{ name: 'a.png', dataBase64: b64(png) }],
        });
      }
      c.dispose();
      engine.close();
    }
    const server = await startWebMode(data);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'vi-VN' });
    page.on('pageerror', (err) => console.error('page error:', err));
    await page.goto(server.url);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-officer').fill('Trần Thị Bình');
    await page.getByRole('button', { name: 'Lưu cài đặt tiếp nhận' }).click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('Đã lưu cài đặt tiếp nhận');

    await page.evaluate((id) => (window.location.hash = `#/dossier/${id}`), dossierId);
    await page.getByTestId('step-receive').click({ timeout: 15_000 });
    await page.getByTestId('unsigned-reason').fill('Thẻ ký số đang gia hạn, ký bổ sung trong ngày');
    await page.getByTestId('receive-dossier').click();
    await page.getByTestId('receive-paper-ok').click();
    await expect
      .poll(() => page.getByTestId('dossier-received-by').textContent(), { timeout: 20_000 })
      .toBe('Trần Thị Bình');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.getByTestId('reception-panel').screenshot({ path: path.join(ARTIFACTS, 'received-by.png') });
    await page.close();
  });

  it("the administrator points the station at the province's update folder and picks the beta channel; the engine keeps them for the shell", async () => {
    const data = tempDir();
    const server = await startWebMode(data);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'vi-VN' });
    page.on('pageerror', (err) => console.error('page error:', err));
    await page.goto(server.url);
    await page.getByTestId('nav-settings').click();
    const card = page.getByTestId('update-settings');
    await card.waitFor({ timeout: 30_000 });
    // A new station has no update address: it says so, in Vietnamese.
    await expect
      .poll(() => card.textContent(), { timeout: 10_000 })
      .toContain('Chưa đặt địa chỉ: trạm không tự cập nhật');

    await page.getByTestId('update-url').fill('capnhat.quangnam');
    await page.getByTestId('update-save').click();
    await expect
      .poll(() => card.textContent(), { timeout: 5_000 })
      .toContain('Địa chỉ phải bắt đầu bằng http:// hoặc https://, hoặc để trống.');

    await page.getByTestId('update-url').fill('https://capnhat.quangnam.gov.vn/tram-so-hoa/');
    await card.getByText('Bản thử nghiệm (trạm thí điểm)').click();
    await page.getByTestId('update-save').click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('Đã lưu cài đặt cập nhật');
    await expect(card.textContent()).resolves.not.toContain('Chưa đặt địa chỉ');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await card.screenshot({ path: path.join(ARTIFACTS, 'update-settings.png') });

    await page.reload();
    await page.getByTestId('nav-settings').click();
    await expect
      .poll(() => page.getByTestId('update-url').inputValue(), { timeout: 15_000 })
      .toBe('https://capnhat.quangnam.gov.vn/tram-so-hoa/');
    await page.close();
    await stopAllWebModes();

    // What the engine hands the Electron shell at the next start.
    const engine = createEngine({ dataDir: data, imaging: { ocr: false } });
    expect(engine.updateFeed()).toEqual({
      url: 'https://capnhat.quangnam.gov.vn/tram-so-hoa/',
      channel: 'beta',
    });
    engine.close();
  });
});
