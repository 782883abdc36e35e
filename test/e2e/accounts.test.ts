import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { launchStationBrowser } from '../helpers/browser';
import { b64, scanImage } from '../helpers/images';
import { tempDir } from '../helpers/tmp';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';
import { finishSetupWizard } from '../helpers/setup-wizard';

const ARTIFACTS = fileURLToPath(new URL('../../test-results', import.meta.url));

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

/** A page without the trial flag (browser.newPage() would start in the trial): what a real counter sees. */
async function counterPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'vi-VN' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err));
  return page;
}

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(password);
  await page.keyboard.press('Enter');
  await page.getByTestId('account-name').waitFor({ timeout: 15_000 });
}

async function accountMenu(page: Page, item: string): Promise<void> {
  await page.getByTestId('account-menu').click();
  await page.getByTestId(item).click();
}

async function addAccount(page: Page, name: string, username: string, role: string): Promise<void> {
  await page.getByTestId('account-add').click();
  const modal = page.locator('.ant-modal').filter({ hasText: 'Thêm tài khoản' });
  await page.getByTestId('new-name').fill(name);
  await page.getByTestId('new-username').fill(username);
  if (role !== 'cán bộ tiếp nhận') {
    await modal.locator('.ant-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: role }).click();
  }
  await page.getByTestId('new-password').fill(`matkhau-${username}`);
  await page.getByTestId('new-repeat').fill(`matkhau-${username}`);
  await page.getByTestId('account-add-ok').click();
  await page.getByTestId(`account-${username}`).waitFor({ timeout: 15_000 });
}

describe('accounts and roles at the counter, in Chromium through web mode', () => {
  it('first start makes the administrator; clerk and supervisor sign in, lock, unlock with the PIN and switch shifts', async () => {
    const server = await startWebMode(tempDir());
    const page = await counterPage();
    await page.clock.install();
    await page.goto(server.url);
    fs.mkdirSync(ARTIFACTS, { recursive: true });

    // First start: the administrator, through the UI; no default password, no main screen yet.
    await page.getByTestId('first-start').waitFor({ timeout: 15_000 });
    expect(await text(page, 'first-start')).toContain('Thiết lập trạm');
    expect(await text(page, 'setup-steps')).toContain('Quản trị viên');
    expect(await page.getByTestId('setup-trial').textContent()).toContain(
      'Bỏ qua, dùng thử ở chế độ đào tạo',
    );
    expect(await page.getByTestId('nav-reception').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-accounts-first-start.png') });
    await page.getByTestId('setup-username').fill('quantri');
    await page.getByTestId('setup-name').fill('Phạm Văn Quản');
    await page.getByTestId('setup-password').fill('ngan');
    await page.getByTestId('setup-repeat').fill('ngan');
    await page.getByTestId('setup-submit').click();
    await expect.poll(() => text(page, 'first-start')).toContain('Mật khẩu cần ít nhất 8 ký tự.');
    await page.getByTestId('setup-password').fill('matkhau-quantri');
    await page.getByTestId('setup-repeat').fill('matkhau-quantri');
    await page.getByTestId('setup-submit').click();
    await finishSetupWizard(page);
    await page.getByTestId('account-name').waitFor({ timeout: 15_000 });
    expect(await text(page, 'account-name')).toBe('Phạm Văn Quản');
    expect(await text(page, 'account-role')).toContain('quản trị');

    // The administrator adds a clerk and a supervisor in Cài đặt.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('accounts-card').waitFor();
    await addAccount(page, 'Nguyễn Thị Hoa', 'hoa', 'cán bộ tiếp nhận');
    await addAccount(page, 'Trần Văn Lâm', 'lam', 'lãnh đạo bộ phận');
    expect(await text(page, 'account-hoa')).toContain('Chưa đăng nhập');
    expect(await page.getByTestId('account-lam').locator('.ant-select').textContent()).toContain(
      'lãnh đạo bộ phận',
    );
    await accountMenu(page, 'menu-sign-out');

    // The clerk signs in: no Thống kê, no accounts or portal settings.
    await page.getByTestId('sign-in').waitFor();
    await signIn(page, 'hoa', 'matkhau-hoa');
    expect(await text(page, 'account-name')).toBe('Nguyễn Thị Hoa');
    expect(await text(page, 'account-role')).toContain('cán bộ tiếp nhận');
    expect(await page.getByTestId('nav-figures').count()).toBe(0);
    expect(await page.getByTestId('nav-settings').count()).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-accounts-clerk.png') });
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('language').waitFor();
    expect(await page.getByTestId('accounts-card').count()).toBe(0);
    expect(await page.getByTestId('portal-settings').count()).toBe(0);
    expect(await page.getByTestId('audit-check').count()).toBe(0);

    // She sets her PIN.
    await accountMenu(page, 'menu-pin');
    await page.getByTestId('pin-password').fill('matkhau-hoa');
    await page.getByTestId('pin-new').fill('2468');
    await page.getByTestId('pin-repeat').fill('2468');
    await page.getByTestId('pin-save').click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('Đã đặt mã PIN.');

    // Ctrl+L locks over the screen she was working on; the PIN opens it, the work is still there.
    await page.getByTestId('nav-reception').click();
    await page.getByTestId('applicant-name').fill('Lê Văn Tám');
    await page.keyboard.press('Control+L');
    const lock = page.getByTestId('lock-overlay');
    await lock.waitFor();
    expect(await text(page, 'lock-name')).toBe('Nguyễn Thị Hoa');
    expect(await page.getByTestId('applicant-name').inputValue()).toBe('Lê Văn Tám');
    await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-accounts-lock.png') });
    await page.getByTestId('lock-secret').fill('1357');
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, 'lock-overlay'), { timeout: 15_000 }).toContain('không đúng');
    await page.getByTestId('lock-secret').fill('2468');
    await page.keyboard.press('Enter');
    await expect.poll(() => lock.count(), { timeout: 15_000 }).toBe(0);
    expect(await page.getByTestId('applicant-name').inputValue()).toBe('Lê Văn Tám');

    // Ten idle minutes (the default) lock it too.
    await page.clock.fastForward('09:00');
    expect(await lock.count()).toBe(0);
    await page.clock.fastForward('02:00');
    await lock.waitFor({ timeout: 10_000 });
    await page.getByTestId('lock-secret').fill('2468');
    await page.getByTestId('lock-unlock').click();
    await expect.poll(() => lock.count(), { timeout: 15_000 }).toBe(0);
    expect(await page.getByTestId('applicant-name').inputValue()).toBe('Lê Văn Tám');

    // A reload keeps her signed in (this tab's session).
    await page.reload();
    await page.getByTestId('account-name').waitFor({ timeout: 15_000 });
    expect(await text(page, 'account-name')).toBe('Nguyễn Thị Hoa');

    // Shift change: the supervisor signs in with his password and sees Thống kê.
    await accountMenu(page, 'menu-switch');
    await page.getByTestId('sign-in').waitFor();
    await page.getByTestId('quick-hoa').waitFor();
    expect(await text(page, 'quick-switch')).toContain('Nguyễn Thị Hoa');
    await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-accounts-sign-in.png') });
    await signIn(page, 'lam', 'matkhau-lam');
    const warning = page.getByTestId('audit-problems-ok');
    if (await warning.isVisible()) await warning.click();
    expect(await text(page, 'account-role')).toContain('lãnh đạo bộ phận');
    await page.getByTestId('nav-figures').click();
    await page.getByTestId('count-awaiting').waitFor({ timeout: 15_000 });
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('audit-check').waitFor();
    expect(await page.getByTestId('accounts-card').count()).toBe(0);

    // The clerk comes back with her PIN only (she signed in fully today).
    await accountMenu(page, 'menu-switch');
    await page.getByTestId('quick-hoa').click();
    await page.getByTestId('quick-pin').fill('2468');
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, 'account-name'), { timeout: 15_000 }).toBe('Nguyễn Thị Hoa');
    expect(await page.getByTestId('nav-figures').count()).toBe(0);
  });

  it("the signed-in clerk records the citizen's consent at reception, or confirms a paper dossier", async () => {
    const data = tempDir();
    const ids: string[] = [];
    {
      // Two drafts with their papers scanned, and the station's accounts, made before the counter opens.
      const engine = createEngine({ dataDir: data, imaging: { ocr: false } });
      const c = connectInProcess(engine);
      for (const name of ['Nguyễn Văn An', 'Lê Thị Bình']) {
        const d = await c.call('dossier.create', { procedureCode: '1.001193', applicantName: name });
        ids.push(d.id);
        await c.call('reception.setApplicant', { dossierId: d.id, applicant: { kind: 'person', name } });
        for (const componentCode of ['TK', 'GCS']) {
          const png = await scanImage('png', { dpi: 100, width: 300, height: 420 });
          await c.call('dossier.addPages', {
            dossierId: d.id,
            componentCode,
            files: [{ name: 'a.png', dataBase64: b64(png) }],
          });
        }
      }
      const admin = await c.call('accounts.setup', {
        username: 'quantri',
        name: 'Phạm Văn Quản',
        password: 'matkhau-quantri',
      });
      c.setSession(admin.token);
      await c.call('accounts.add', {
        username: 'hoa',
        name: 'Nguyễn Thị Hoa',
        role: 'clerk',
        password: 'matkhau-hoa',
      });
      c.dispose();
      engine.close();
    }
    const server = await startWebMode(data);
    const page = await counterPage();
    await page.goto(server.url);
    await page.getByTestId('sign-in').waitFor({ timeout: 15_000 });
    await signIn(page, 'hoa', 'matkhau-hoa');

    // The consent is never ticked by default; ticked, it is recorded with the clerk's name.
    await page.evaluate((id) => (window.location.hash = `#/dossier/${id}`), ids[0]!);
    await page.getByTestId('step-receive').click({ timeout: 15_000 });
    const box = page.getByTestId('consent-checkbox');
    await box.waitFor({ timeout: 15_000 });
    expect(await box.isChecked()).toBe(false);
    expect(await text(page, 'consent-choice')).toContain(
      'Công dân đồng ý ủy quyền cho bộ phận một cửa nộp hồ sơ trực tuyến bằng tài khoản của công dân',
    );
    await box.click();
    await page.getByTestId('unsigned-reason').fill('Thẻ ký số đang gia hạn, ký bổ sung trong ngày');
    await page.getByTestId('receive-dossier').click();
    const consent = page.getByTestId('dossier-consent');
    await consent.waitFor({ timeout: 20_000 });
    expect(await consent.getAttribute('data-state')).toBe('checkbox');
    expect(await consent.textContent()).toContain('ghi nhận bởi Nguyễn Thị Hoa');
    expect(await text(page, 'dossier-received-by')).toBe('Nguyễn Thị Hoa');

    // Without it, receiving asks first; "Quay lại" leaves the draft as it was.
    await page.evaluate((id) => (window.location.hash = `#/dossier/${id}`), ids[1]!);
    await page.getByTestId('step-receive').click({ timeout: 15_000 });
    await page.getByTestId('consent-checkbox').waitFor({ timeout: 15_000 });
    await page.getByTestId('unsigned-reason').fill('Thẻ ký số đang gia hạn, ký bổ sung trong ngày');
    await page.getByTestId('receive-dossier').click();
    await expect
      .poll(() => page.locator('.ant-modal').filter({ hasText: 'Tiếp nhận hồ sơ giấy?' }).textContent())
      .toContain('không được gửi lên cổng dịch vụ công');
    await page.getByTestId('receive-paper-cancel').click();
    expect(await page.getByTestId('dossier-consent').count()).toBe(0);
    await page.getByTestId('receive-dossier').click();
    await page.getByTestId('receive-paper-ok').click();
    await expect
      .poll(() => page.getByTestId('dossier-consent').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('paper');
    expect(await text(page, 'dossier-consent')).toBe('Hồ sơ giấy');
    await page
      .getByTestId('reception-panel')
      .screenshot({ path: path.join(ARTIFACTS, 'e2e-accounts-consent.png') });
  });
});
