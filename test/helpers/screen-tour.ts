import type { Browser, Page } from 'playwright-core';
import { UNIT } from './unit';
import { tempDir } from './tmp';
import { startWebMode } from './web-mode';

/** Called on every main screen once it is shown; `name` says which one (for the failure message). */
export type ScreenCheck = (page: Page, name: string) => Promise<void>;

async function walkWizard(page: Page, check: ScreenCheck): Promise<void> {
  await page.getByTestId('first-start').waitFor({ timeout: 20_000 });
  await check(page, 'wizard: administrator');
  await page.getByTestId('setup-username').fill('quantri');
  await page.getByTestId('setup-name').fill('Phạm Văn Quản');
  await page.getByTestId('setup-password').fill('matkhau-quantri');
  await page.getByTestId('setup-repeat').fill('matkhau-quantri');
  await page.keyboard.press('Enter');
  await page.getByTestId('setup-unitName').waitFor();
  await check(page, 'wizard: unit');
  await page.getByTestId('setup-unitName').fill(UNIT.unitName);
  await page.getByTestId('setup-governingAgency').fill(UNIT.governingAgency);
  await page.getByTestId('setup-agencyCode').fill(UNIT.agencyCode);
  await page.keyboard.press('Enter');
  await page.getByTestId('setup-hotline').waitFor();
  await check(page, 'wizard: contact');
  await page.getByTestId('setup-hotline').fill(UNIT.hotline);
  await page.getByTestId('setup-lookupUrl').fill(UNIT.lookupUrl);
  await page.keyboard.press('Enter');
  await page.getByTestId('setup-scanner').waitFor();
  // A network scanner that does not answer: the failure is what leaked English before.
  await page.getByTestId('setup-escl').fill('http://127.0.0.1:9/eSCL');
  await page.getByTestId('setup-escl-test').click();
  await page.getByTestId('setup-escl-result').waitFor({ timeout: 20_000 });
  await check(page, 'wizard: scanner');
  await page.getByTestId('setup-submit').click();
  await page.getByTestId('setup-token').waitFor();
  await tokensListed(page);
  await check(page, 'wizard: token');
  await page.getByTestId('setup-finish').click();
  await page.getByTestId('account-name').waitFor({ timeout: 15_000 });
}

/** The screen's first queries have answered: no request in flight, no spinner turning. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'), undefined, {
    timeout: 15_000,
  });
}

/** The token picker has its answer: the tokens with their certificates, or why there are none. */
async function tokensListed(page: Page): Promise<void> {
  await page
    .locator('[data-testid=token-picker] :is(.ant-list, .ant-alert)')
    .first()
    .waitFor({ timeout: 30_000 });
}

async function visit(page: Page, place: string, check: ScreenCheck, name: string): Promise<void> {
  await page.getByTestId(`nav-${place}`).click();
  await settled(page);
  await check(page, name);
}

/**
 * Every main screen a clerk meets on a new station, at 1280×720: the first-run wizard's steps,
 * Tiếp nhận, a dossier, Hồ sơ, Hộp thư đi, Thống kê, Cài đặt, the sign-in screen and the
 * citizen screen, each handed to `check`.
 */
export async function tourMainScreens(browser: Browser, check: ScreenCheck): Promise<void> {
  const server = await startWebMode(tempDir('sohoa-tour-'));
  const context = await browser.newContext({
    viewport: { width: 1280, height: 720 },
    locale: 'vi-VN',
    reducedMotion: 'reduce', // no colour read half-way through a transition
  });
  try {
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('page error:', err));
    await page.goto(server.url);
    await walkWizard(page, check);

    await page.getByTestId('procedure-select').waitFor();
    await page.waitForLoadState('networkidle');
    await check(page, 'Tiếp nhận');
    await page.getByTestId('procedure-select').click();
    await page.keyboard.type('khai sinh');
    await page.locator('.ant-select-item-option').filter({ hasText: 'Đăng ký khai sinh' }).first().click();
    await page.getByTestId('applicant-name').fill('Nguyễn Thị Hoa');
    await page.getByTestId('create-dossier').click();
    await page.getByTestId('dossier-workspace').waitFor();
    await settled(page);
    await check(page, 'a dossier');
    // Only the current step's panel shows: every step of the dossier is a screen of its own.
    for (const step of ['review', 'sign', 'receive', 'receipt']) {
      await page.getByTestId(`step-${step}`).click();
      if (step === 'sign') await tokensListed(page);
      await settled(page);
      await check(page, `a dossier, step ${step}`);
    }

    await visit(page, 'dossiers', check, 'Hồ sơ');
    await visit(page, 'outbox', check, 'Hộp thư đi');
    await visit(page, 'figures', check, 'Thống kê');
    await visit(page, 'settings', check, 'Cài đặt');

    await page.getByTestId('account-menu').click();
    await page.getByTestId('menu-sign-out').click();
    await page.getByTestId('sign-in').waitFor();
    await check(page, 'sign-in');

    const citizen = await context.newPage();
    await citizen.bringToFront();
    await citizen.goto(`${new URL(server.url).origin}/citizen`);
    await citizen.getByTestId('citizen-pairing').waitFor({ timeout: 15_000 });
    await check(citizen, 'citizen screen');
  } finally {
    await context.close().catch(() => {});
    await server.stop();
  }
}
