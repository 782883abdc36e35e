import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { launchStationBrowser } from '../helpers/browser';
import { b64, scanImage } from '../helpers/images';
import { tempDir } from '../helpers/tmp';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';
import { makeTestPki, pdfsig, startTsa, type TestPki, type TestTsa, USER_PIN } from '../sign/fixture';

const ARTIFACTS = fileURLToPath(new URL('../../test-results', import.meta.url));
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

/** A dossier with two assembled components, made through the engine before web mode opens the data. */
async function prepare(dataDir: string): Promise<string> {
  const engine = createEngine({ dataDir, outbox: { autoStart: false } });
  const client = connectInProcess(engine);
  try {
    const d = await client.call('dossier.create', {
      procedureCode: '1.001193',
      applicantName: 'Trần Văn Bảo',
    });
    for (const code of ['TK', 'GCS']) {
      await client.call('dossier.addPages', {
        dossierId: d.id,
        componentCode: code,
        files: [
          { name: `${code}.jpg`, dataBase64: b64(await scanImage('jpeg', { width: 600, height: 848 })) },
        ],
      });
      await client.call('documents.assemble', { dossierId: d.id, componentCode: code });
    }
    await client.call('sign.config.update', { tsaUrl: tsa.url, trustPems: [pki.caPem] });
    return d.id;
  } finally {
    client.dispose();
    engine.close();
  }
}

describe('the clerk signs a whole dossier from the browser (web mode)', () => {
  it('picks the certificate on the test token, enters the PIN once, and every file is signed and verified valid', async () => {
    const data = tempDir();
    const dossierId = await prepare(data);
    const server = await startWebMode(data);
    const page = await browser.newPage({ viewport: { width: 1366, height: 1400 }, locale: 'vi-VN' });
    page.on('pageerror', (err) => console.error('page error:', err));
    await page.goto(server.url);
    await page.getByTestId('nav-reception').waitFor();
    await page.evaluate((id) => {
      location.hash = `#/dossier/${id}`;
    }, dossierId);
    // Both PDFs are assembled and unsigned: the clerk opens the Ký số step.
    await page.getByTestId('step-sign').click({ timeout: 20_000 });
    const panel = page.getByTestId('sign-panel');
    await panel.waitFor({ timeout: 20_000 });
    // Training: SoftHSM is offered and labelled as a test token.
    await expect.poll(() => panel.textContent(), { timeout: 20_000 }).toContain('THỬ NGHIỆM');
    const cert = page.getByTestId('cert-01');
    await expect.poll(() => cert.textContent(), { timeout: 20_000 }).toContain('Nguyễn Văn An');
    // The expired certificate cannot be chosen.
    expect(await page.getByTestId('cert-03').textContent()).toContain('Đã hết hạn');
    await cert.getByRole('radio').click();
    await expect.poll(() => cert.textContent()).toContain('Đang dùng');

    await page.getByTestId('sign-all').click();
    // A wrong PIN first: the dialog says so and stays open.
    await page.getByTestId('pin-input').fill('000000');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('pin-error').textContent(), { timeout: 20_000 })
      .toContain('Mã PIN không đúng');
    await page.getByTestId('pin-input').fill(USER_PIN);
    await page.keyboard.press('Enter');
    await page.getByTestId('signed-TK').waitFor({ timeout: 60_000 });
    await page.getByTestId('signed-GCS').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('sign-result').textContent()).toContain('Đã ký 2 tệp');

    await page.getByTestId('verify-TK').click();
    const report = page.getByTestId('verify-report');
    await report.waitFor();
    expect(await report.getAttribute('data-verdict')).toBe('valid');
    expect(await report.textContent()).toContain('Dấu thời gian hợp lệ');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'sign-report.png'), fullPage: true });
    await page.keyboard.press('Escape');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải bản đã ký' }).first().click();
    const file = path.join(data, 'signed.pdf');
    await (await download).saveAs(file);
    expect(pdfsig(pki, file)).toContain('Signature is Valid');
    await page.screenshot({ path: path.join(ARTIFACTS, 'sign-panel.png'), fullPage: true });
    await page.close();
  });
});
