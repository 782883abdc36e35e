import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { launchStationBrowser } from '../helpers/browser';
import { tempDir } from '../helpers/tmp';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = path.join(ROOT, 'test-results');
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  process.env.SOHOA_OCR = '0';
  browser = await launchStationBrowser();
});
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
  await stopAllWebModes();
});
afterAll(async () => {
  await browser?.close();
});

/** A station with a supervisor and a clerk, made through the engine before web mode opens it. */
async function stationWithAccounts(): Promise<string> {
  const dataDir = tempDir('sohoa-e2e-log-');
  const engine = createEngine({ dataDir, imaging: { ocr: false } });
  const client = connectInProcess(engine);
  try {
    const admin = await client.call('accounts.setup', {
      username: 'qt',
      name: 'Quản Trị',
      password: 'matkhau-qt',
    });
    client.setSession(admin.token);
    await client.call('accounts.add', {
      username: 'lam',
      name: 'Lê Lâm',
      password: 'matkhau-lam',
      role: 'supervisor',
    });
    await client.call('accounts.add', {
      username: 'hoa',
      name: 'Nguyễn Thị Hoa',
      password: 'matkhau-hoa',
      role: 'clerk',
    });
  } finally {
    client.dispose();
    engine.close();
  }
  return dataDir;
}

async function signedIn(url: string, username: string, password: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err));
  await page.goto(url);
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(password);
  await page.keyboard.press('Enter');
  await page.getByTestId('account-name').waitFor({ timeout: 15_000 });
  const warning = page.getByTestId('audit-problems-ok');
  if (await warning.isVisible()) await warning.click();
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('app-info').waitFor();
  return page;
}

describe('Gửi nhật ký hỗ trợ in Cài đặt, in Chromium through web mode', () => {
  it('a supervisor makes the bundle and sees its path with a copy button; a clerk does not see the card', async () => {
    const dataDir = await stationWithAccounts();
    const server = await startWebMode(dataDir);

    const lam = await signedIn(server.url, 'lam', 'matkhau-lam');
    const card = lam.getByTestId('support-log');
    await card.waitFor();
    expect(await card.textContent()).toContain('không chứa thông tin công dân, mã PIN, mật khẩu hay khóa');
    await lam.getByTestId('support-log-export').click();
    const shown = lam.getByTestId('support-log-path');
    await shown.waitFor({ timeout: 15_000 });
    const zip = (await shown.textContent())!.trim();
    expect(path.dirname(zip)).toBe(path.join(dataDir, 'support'));
    expect(await card.textContent()).toMatch(/Đã tạo gói nhật ký \(\d+ KB, \d+ tệp\)/);
    expect(execFileSync('unzip', ['-l', zip], { encoding: 'utf8' })).toContain('station.json');
    expect(await card.locator('.ant-typography-copy').count()).toBe(1);
    // Only the administrator sets the level.
    expect(await lam.getByTestId('log-level').count()).toBe(0);
    fs.mkdirSync(ARTIFACTS, { recursive: true });

    const hoa = await signedIn(server.url, 'hoa', 'matkhau-hoa');
    expect(await hoa.getByTestId('support-log').count()).toBe(0);

    // The administrator turns on detailed logging when support asks: the engine logs debug from then on.
    const qt = await signedIn(server.url, 'qt', 'matkhau-qt');
    await qt.getByTestId('log-level').click();
    await qt.getByTitle('Chi tiết').click();
    await qt.getByText('Đã lưu mức ghi nhật ký.').waitFor({ timeout: 10_000 });
    await qt.getByTestId('support-log').screenshot({ path: path.join(ARTIFACTS, 'support-log-card.png') });
    const logs = path.join(dataDir, 'logs');
    const text = fs
      .readdirSync(logs)
      .map((f) => fs.readFileSync(path.join(logs, f), 'utf8'))
      .join('');
    expect(text).toMatch(/"level":"debug".*"kind":"settings.changed"/);
  });
});
