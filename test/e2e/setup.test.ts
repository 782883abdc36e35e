import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { launchStationBrowser } from '../helpers/browser';
import { tempDir } from '../helpers/tmp';
import { UNIT } from '../helpers/unit';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchStationBrowser();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
  await stopAllWebModes();
});
afterAll(async () => {
  await browser?.close();
});

/** A new tab at 1280×720 without the trial flag: what a counter sees on a new station. */
async function counterPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'vi-VN' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err));
  return page;
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent()) ?? '';

/** The step's main button is on screen without scrolling (the wizard fits 1280×720). */
async function fits(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y + box!.height).toBeLessThanOrEqual(720);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(720);
}

/** A station prepared through the engine (accounts, settings), then closed for web mode to open it. */
async function preparedStation(
  prepare: (c: ReturnType<typeof connectInProcess>) => Promise<void>,
): Promise<string> {
  const dataDir = tempDir('sohoa-setup-e2e-');
  const engine = createEngine({ dataDir, imaging: { ocr: false } });
  const client = connectInProcess(engine);
  try {
    await prepare(client);
  } finally {
    client.dispose();
    engine.close();
  }
  return dataDir;
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(password);
  await page.keyboard.press('Enter');
  await page.getByTestId('account-name').waitFor({ timeout: 15_000 });
  const warning = page.getByTestId('audit-problems-ok');
  if (await warning.isVisible()) await warning.click();
}

describe('first-run setup, in Chromium at 1280×720 through web mode', { timeout: 120_000 }, () => {
  it('a new station opens on the wizard, walked from the keyboard to the reception screen, sample procedures marked “mẫu”', async () => {
    const server = await startWebMode(tempDir('sohoa-setup-e2e-'));
    const page = await counterPage();
    await page.goto(server.url);
    await page.getByTestId('first-start').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('nav-reception').count()).toBe(0);
    expect(await text(page, 'setup-trial')).toContain('chế độ đào tạo');

    // 1. The administrator.
    await page.getByTestId('setup-username').fill('quantri');
    await page.getByTestId('setup-name').fill('Phạm Văn Quản');
    await page.getByTestId('setup-password').fill('matkhau-quantri');
    await page.getByTestId('setup-repeat').fill('matkhau-quantri');
    await fits(page, 'setup-submit');
    await page.screenshot({ path: '/tmp/setup-1-admin.png' });
    await page.keyboard.press('Enter');

    // 2. The unit: the shipped sample agency code is refused, the unit's own goes on.
    await page.getByTestId('setup-unitName').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'setup-unitName',
    );
    await page.keyboard.type(UNIT.unitName);
    await page.getByTestId('setup-governingAgency').fill(UNIT.governingAgency);
    await page.getByTestId('setup-agencyCode').fill('000.00.00.H47');
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, 'first-start')).toContain('Đây vẫn là giá trị mẫu');
    await page.screenshot({ path: '/tmp/setup-2-unit.png' });
    await page.getByTestId('setup-agencyCode').fill(UNIT.agencyCode);
    await page.getByTestId('setup-stationCode').fill('03');
    await fits(page, 'setup-submit');
    await page.keyboard.press('Enter');

    // 3. Hotline, look-up address, office hours (prefilled with the usual hours).
    await page.getByTestId('setup-hotline').waitFor();
    expect(await page.getByTestId('setup-morningStart').inputValue()).toBe('07:00');
    await page.getByTestId('setup-hotline').fill(UNIT.hotline);
    await page.getByTestId('setup-lookupUrl').fill(UNIT.lookupUrl);
    await page.getByTestId('setup-afternoonEnd').fill('17:30');
    await fits(page, 'setup-submit');
    await page.screenshot({ path: '/tmp/setup-3-contact.png' });
    await page.keyboard.press('Enter');

    // 4. The scanner: a network scanner that does not answer is said so, in Vietnamese.
    await page.getByTestId('setup-scanner').waitFor();
    await page.getByTestId('setup-escl').fill('http://127.0.0.1:9/eSCL');
    await page.getByTestId('setup-escl-test').click();
    await expect
      .poll(() => text(page, 'setup-escl-result'), { timeout: 20_000 })
      .toContain('Không thấy máy quét');
    await fits(page, 'setup-submit');
    await page.screenshot({ path: '/tmp/setup-4-scanner.png' });
    await page.getByTestId('setup-submit').click();

    // 5. The token, then done: signed in as the administrator, on the reception screen.
    await page.getByTestId('setup-token').waitFor();
    await fits(page, 'setup-finish');
    await page.screenshot({ path: '/tmp/setup-5-token.png' });
    await page.getByTestId('setup-finish').click();
    await page.getByTestId('account-name').waitFor({ timeout: 15_000 });
    expect(await text(page, 'account-name')).toBe('Phạm Văn Quản');
    expect(await text(page, 'on-duty')).toContain('Cán bộ trực: Phạm Văn Quản');
    await page.getByTestId('procedure-select').waitFor();
    expect(await page.getByTestId('reception-blocked').count()).toBe(0);
    await page.getByTestId('procedure-select').click();
    await page.getByTestId('procedure-sample').first().waitFor();
    expect(await page.getByTestId('procedure-sample').first().textContent()).toMatch(/— .+ mẫu$/);
    await page.screenshot({ path: '/tmp/setup-6-reception.png' });

    // What the wizard saved is what Cài đặt shows.
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-settings').click();
    const desk = page.getByTestId('reception-settings');
    await desk.waitFor();
    await expect.poll(() => desk.locator('input[id="agencyCode"]').inputValue()).toBe(UNIT.agencyCode);
    expect(await desk.locator('input[id="stationCode"]').inputValue()).toBe('03');
    expect(await desk.locator('input[id="hotline"]').inputValue()).toBe(UNIT.hotline);
  });

  it('outside training mode, with sample values left, the reception screen says reception is blocked and what to set where', async () => {
    const dataDir = await preparedStation(async (c) => {
      const admin = await c.call('accounts.setup', {
        username: 'quantri',
        name: 'Phạm Văn Quản',
        password: 'matkhau-quantri',
      });
      c.setSession(admin.token);
      await c.call('settings.update', { portalUrl: 'http://127.0.0.1:9/', hotline: UNIT.hotline });
    });
    const server = await startWebMode(dataDir);
    const page = await counterPage();
    await page.goto(server.url);
    await signIn(page, 'quantri', 'matkhau-quantri');
    const blocked = page.getByTestId('reception-blocked');
    await blocked.waitFor({ timeout: 15_000 });
    const said = (await blocked.textContent()) ?? '';
    expect(said).toContain('Chưa tiếp nhận được hồ sơ');
    expect(said).toContain(
      'tên đơn vị tiếp nhận, cơ quan chủ quản, mã định danh đơn vị, địa chỉ tra cứu hồ sơ',
    );
    expect(said).not.toContain('đường dây nóng');
    expect(said).toContain('Cài đặt, mục "Tiếp nhận: đơn vị, giấy tiếp nhận"');
    await page.screenshot({ path: '/tmp/setup-7-blocked.png' });
  });

  it('the header’s “Cán bộ trực” switches to another clerk by PIN', async () => {
    const dataDir = await preparedStation(async (c) => {
      const admin = await c.call('accounts.setup', {
        username: 'quantri',
        name: 'Phạm Văn Quản',
        password: 'matkhau-quantri',
      });
      c.setSession(admin.token);
      await c.call('accounts.add', {
        username: 'hoa',
        name: 'Nguyễn Thị Hoa',
        password: 'matkhau-hoa',
        role: 'clerk',
      });
      const hoa = await c.call('accounts.signIn', { username: 'hoa', password: 'matkhau-hoa' });
      c.setSession(hoa.token);
      await c.call('accounts.setPin', { password: 'matkhau-hoa', pin: '2468' });
    });
    const server = await startWebMode(dataDir);
    const page = await counterPage();
    await page.goto(server.url);
    await signIn(page, 'quantri', 'matkhau-quantri');
    expect(await text(page, 'on-duty-name')).toBe('Phạm Văn Quản');
    await page.getByTestId('on-duty').click();
    await page.getByRole('menuitem', { name: 'Nguyễn Thị Hoa' }).click();
    await page.getByTestId('on-duty-pin').fill('1357');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('không đúng');
    await page.getByTestId('on-duty-pin').fill('2468');
    await page.screenshot({ path: '/tmp/setup-8-on-duty.png' });
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, 'on-duty-name')).toBe('Nguyễn Thị Hoa');
    expect(await text(page, 'account-name')).toBe('Nguyễn Thị Hoa');
    expect(await text(page, 'account-role')).toContain('cán bộ');
  });
});

describe('web mode coming back, in Chromium', { timeout: 60_000 }, () => {
  it('a tab reopened without its token says how to get back, and picks the pasted link up without a reload', async () => {
    const server = await startWebMode(tempDir('sohoa-setup-e2e-'));
    const page = await counterPage();
    const origin = new URL(server.url).origin;
    await page.goto(`${origin}/`);
    const banner = page.getByTestId('connection-banner');
    await banner.waitFor({ timeout: 15_000 });
    const said = (await banner.textContent()) ?? '';
    expect(said).toContain('Thiếu mã truy cập');
    expect(said).toContain('Mở trong trình duyệt');
    expect(said).toContain('không cần tải lại');
    await page.screenshot({ path: '/tmp/setup-9-no-token.png' });

    // The clerk pastes the printed link into the address bar: only the hash changes, the page stays.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await page.evaluate((hash) => (location.hash = hash), new URL(server.url).hash);
    await page.getByTestId('first-start').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await page.getByTestId('connection-banner').count()).toBe(0);
    expect(page.url()).not.toContain('token=');
  });
});
