import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../shared/i18n';
import { runSohoa } from '../helpers/cli';
import { failure, fastStation as station } from '../helpers/station';
import { tempDir } from '../helpers/tmp';

describe('the postal price table', { timeout: 120_000 }, () => {
  it('refuses a missing or negative amount naming the line and what to enter, on the card and the command line', async () => {
    const dir = tempDir();
    const st = station(path.join(dir, 'station'));
    const c = st.client;

    // The Settings card sends a negative charge: the line is named, in Vietnamese, with what to enter.
    const negative = await failure(
      c.call('settings.update', { postalPrices: { pickupVnd: -5000, returnVnd: 22000 } }),
    );
    expect(negative).toMatchObject({
      code: 'postal_price_negative',
      params: { field: 'pickupVnd', value: -5000 },
    });
    const negText = errorMessage(negative, 'vi');
    expect(negText).toContain('Cước thu gom hồ sơ');
    expect(negText).toContain('-5000');
    expect(negText).toContain('từ 0 trở lên');

    // An emptied field (the card sends null) or a line left out of an imported table.
    const emptied = await failure(
      c.call('settings.update', { postalPrices: { pickupVnd: 15000, returnVnd: null as never } }),
    );
    expect(emptied).toMatchObject({ code: 'postal_price_missing', params: { field: 'returnVnd' } });
    expect(errorMessage(emptied, 'vi')).toContain('Cước chuyển trả kết quả');
    expect(errorMessage(emptied, 'vi')).toContain('chưa có số tiền');
    const leftOut = await failure(c.call('settings.update', { postalPrices: { pickupVnd: 15000 } as never }));
    expect(leftOut).toMatchObject({ code: 'postal_price_missing', params: { field: 'returnVnd' } });
    const fraction = await failure(
      c.call('settings.update', { postalPrices: { pickupVnd: 1500.5, returnVnd: 0 } }),
    );
    expect(fraction).toMatchObject({ code: 'postal_price_invalid', params: { field: 'pickupVnd' } });
    // Nothing refused was kept; a right table is.
    expect((await c.call('settings.get', {})).postalPrices).toEqual({ pickupVnd: 0, returnVnd: 0 });
    await c.call('settings.update', { postalPrices: { pickupVnd: 15000, returnVnd: 0 } });
    expect((await c.call('settings.get', {})).postalPrices).toEqual({ pickupVnd: 15000, returnVnd: 0 });
    // Another bad setting still reads as a bad request.
    expect((await failure(c.call('settings.update', { idleLockMinutes: -1 }))).code).toBe('invalid_request');
    st.close();

    // The same refusals from `sohoa settings set`, in Vietnamese.
    const env = { ...process.env, SOHOA_DATA_DIR: path.join(dir, 'station'), SOHOA_OCR: '0' };
    const neg = await runSohoa(
      ['settings', 'set', 'postalPrices={"pickupVnd":15000,"returnVnd":-1}', '--lang', 'vi'],
      env,
    );
    expect(neg.code).not.toBe(0);
    expect(neg.err).toContain('Cước chuyển trả kết quả');
    expect(neg.err).toContain('số âm (-1)');
    const missing = await runSohoa(
      ['settings', 'set', 'postalPrices={"returnVnd":22000}', '--lang', 'vi'],
      env,
    );
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('Cước thu gom hồ sơ');
    expect(missing.err).toContain('chưa có số tiền');
    const got = await runSohoa(['settings', 'get', 'postalPrices', '--json'], env);
    expect(JSON.parse(got.out)).toEqual({ pickupVnd: 15000, returnVnd: 0 });
  });
});
