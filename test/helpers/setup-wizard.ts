import type { Page } from 'playwright-core';
import { UNIT } from './unit';

/** Walks the first-run wizard's steps after the administrator's, with the unit of test/helpers/unit.ts. */
export async function finishSetupWizard(page: Page, opts: { stationCode?: string } = {}): Promise<void> {
  await page.getByTestId('setup-unitName').fill(UNIT.unitName);
  await page.getByTestId('setup-governingAgency').fill(UNIT.governingAgency);
  await page.getByTestId('setup-agencyCode').fill(UNIT.agencyCode);
  if (opts.stationCode) await page.getByTestId('setup-stationCode').fill(opts.stationCode);
  await page.keyboard.press('Enter');
  await page.getByTestId('setup-hotline').fill(UNIT.hotline);
  await page.getByTestId('setup-lookupUrl').fill(UNIT.lookupUrl);
  await page.keyboard.press('Enter');
  await page.getByTestId('setup-scanner').waitFor();
  await page.getByTestId('setup-submit').click();
  await page.getByTestId('setup-token').waitFor();
  await page.getByTestId('setup-finish').click();
}
