import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { CallFailed } from '../../shared/api/client';
import { errorMessage } from '../../shared/i18n/errors';
import { launchStationBrowser } from '../helpers/browser';
import { tempDir } from '../helpers/tmp';
import { startWebMode, stopAllWebModes } from '../helpers/web-mode';
import { flat } from '../reception/forms-rig';
import { openRig } from '../reception/rig';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = path.join(ROOT, 'test-results');
const TITLE = 'GIẤY BIÊN NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ';
const CITATION = '(Theo Phụ lục I ban hành kèm Thông tư số 03/2025/TT-VPCP)';
let browser: Browser;

beforeAll(async () => {
  process.env.SOHOA_OCR = '0'; // web mode inherits it: OCR is not what this test is about
  browser = await launchStationBrowser();
});
afterEach(async () => {
  await stopAllWebModes();
});
afterAll(async () => {
  await browser?.close();
});

describe('the forms’ wording edited in Settings, in Chromium through web mode', { timeout: 300_000 }, () => {
  it('the administrator changes form 01’s title and citation, an unknown fill-in is caught, and the printed receipt reads the new words', async () => {
    const dir = tempDir();
    // A dossier received at the counter, before the wording changes.
    const rig = openRig(dir, new Date());
    const d = rig.dossiers.create('1.001193', 'tạm');
    rig.reception.setApplicant(d.id, { kind: 'person', name: 'Võ Thị Hạnh', idNumber: '049190004321' });
    const received = rig.reception.receive(d.id, {
      exceptions: d.components
        .filter((c) => c.required)
        .map((c) => ({ componentCode: c.code, reason: 'Bản giấy, quét sau' })),
    });
    const before = flat(Buffer.from((await rig.forms.pdf(d.id, '01')).dataBase64, 'base64'), dir);
    expect(before).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(before).not.toContain(TITLE);
    rig.store.close();

    const server = await startWebMode(dir, 120_000);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'vi-VN' });
    page.on('pageerror', (err) => console.error('page error:', err));
    await page.goto(server.url);
    await page.getByTestId('nav-settings').click({ timeout: 30_000 });
    const card = page.getByTestId('form-texts-card');
    await card.waitFor({ timeout: 30_000 });
    await expect(card.getByTestId('form-texts-basis').textContent()).resolves.toContain(
      'Thông tư số 03/2025/TT-VPCP',
    );
    await card.getByTestId('form-texts-tab-01').click();
    const title = card.getByTestId('form-text-01-title');
    await title.waitFor();
    await expect(title.inputValue()).resolves.toBe('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    await title.fill(TITLE);
    await card.getByTestId('form-text-01-citation').fill(CITATION);

    // A fill-in from another template language: shown at once, and nothing can be saved.
    const sets = card.getByTestId('form-text-01-sets');
    await sets.fill('2. Số lượng hồ sơ: {{so_bo}} bộ');
    const problem = card.getByTestId('form-text-problem');
    await expect.poll(() => problem.textContent(), { timeout: 5_000 }).toContain('{so_bo}');
    await expect(problem.textContent()).resolves.toContain('Chỉ được dùng: {sets}');
    await expect(card.getByTestId('form-texts-save').isDisabled()).resolves.toBe(true);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await card.screenshot({ path: path.join(ARTIFACTS, 'form-texts-unknown-fill.png') });
    await sets.fill('2. Số lượng hồ sơ: {sets} bộ (bản giấy)');
    await expect.poll(() => problem.count(), { timeout: 5_000 }).toBe(0);

    await card.getByTestId('form-texts-save').click();
    await expect
      .poll(() => page.getByText('Đã lưu lời văn các mẫu phiếu.').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    // Saved and read back: the card shows it edited, with the original beside it.
    await expect
      .poll(() => card.getByTestId('form-texts-01').textContent(), { timeout: 10_000 })
      .toContain('Lời văn gốc: GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    await page.close();
    await server.stop();

    // The engine refuses an unknown fill-in itself (a script, the CLI), naming it; nothing is saved.
    const engine = createEngine({ dataDir: dir, imaging: { ocr: false } });
    const c = connectInProcess(engine);
    try {
      const refused = await c
        .call('reception.setFormTexts', { changes: { '04': { late: 'Quá hạn {{ngay_hen}}.' } } })
        .then(
          () => null,
          (err: unknown) => (err instanceof CallFailed ? err.error : null),
        );
      expect(refused?.code).toBe('form_text_placeholder');
      expect(errorMessage(refused!)).toContain('{{ngay_hen}}');
      expect(errorMessage(refused!)).toContain('Chỉ được dùng: {unit}');
      const viaSettings = await c
        .call('settings.update', { formTexts: { '01': { title: 'GIẤY {ten} TIẾP NHẬN' } } })
        .then(
          () => null,
          (err: unknown) => (err instanceof CallFailed ? err.error.code : null),
        );
      expect(viaSettings).toBe('form_text_placeholder');
      const view = await c.call('reception.formTexts', {});
      const f01 = view.parts.find((p) => p.part === '01')!;
      expect(f01.texts.find((x) => x.key === 'title')).toMatchObject({ value: TITLE, changed: true });

      // The receipt printed now reads the new words, where the old ones were.
      const f = await c.call('reception.receipt', { dossierId: d.id, form: '01' });
      const text = flat(Buffer.from(f.dataBase64, 'base64'), dir);
      expect(text).toContain(TITLE);
      expect(text).toContain(CITATION);
      expect(text).toContain('2. Số lượng hồ sơ: 01 bộ (bản giấy)');
      expect(text).not.toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
      expect(text).toContain(`Mã hồ sơ: ${received.code}`);
    } finally {
      c.dispose();
      engine.close();
    }
  });
});
