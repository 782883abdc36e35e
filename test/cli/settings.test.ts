import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

/** `sohoa settings get|set`: a maintainer sets a station up from a script, checked by the UI's own schema. */

const BIN = fileURLToPath(new URL('../../bin/sohoa.mjs', import.meta.url));
const sohoa = (data: string, args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, '--data', data, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SOHOA_LANG: '', SOHOA_DATA_DIR: '', SOHOA_OCR: '0' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const settings = (data: string) =>
  JSON.parse(sohoa(data, ['settings', 'get', '--json']).out) as Record<string, unknown>;

describe('sohoa settings set KEY=VALUE...', { timeout: 180_000 }, () => {
  it('saves several settings at once, text stays text; a bad value, a secret or an unknown key saves nothing', () => {
    const data = tempDir();
    const set = sohoa(data, [
      'settings',
      'set',
      'hotline=1022',
      'retentionFilesDays=7',
      'stationKind=postal',
      'postalPointName=Bưu điện văn hóa xã Tam Anh',
      'postalPrices={"pickupVnd":15000,"returnVnd":22000}',
    ]);
    expect(set.code, set.err).toBe(0);
    expect(set.out).toContain('hotline = "1022"');
    expect(settings(data)).toMatchObject({
      hotline: '1022',
      retentionFilesDays: 7,
      stationKind: 'postal',
      postalPointName: 'Bưu điện văn hóa xã Tam Anh',
      postalPrices: { pickupVnd: 15000, returnVnd: 22000 },
    });

    // A value the schema refuses: named, in Vietnamese when asked, and the whole line is not saved.
    const bad = sohoa(data, ['--lang', 'vi', 'settings', 'set', 'hotline=0235 999', 'retentionFilesDays=-3']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('retentionFilesDays');
    expect(bad.err).toContain('chưa có gì được lưu');
    expect(settings(data)).toMatchObject({ hotline: '1022', retentionFilesDays: 7 });

    // The postal price table keeps its own refusal, naming what to enter.
    const price = sohoa(data, [
      '--lang',
      'vi',
      'settings',
      'set',
      'postalPrices={"pickupVnd":-1,"returnVnd":2}',
    ]);
    expect(price.code).not.toBe(0);
    expect(price.err).toContain('postal_price_negative');

    // Secrets never on the command line; unknown keys and a missing '=' are refused.
    for (const args of [['portalSecret=abc'], ['dvcqgPassword=x'], ['hotlin=1'], ['hotline']]) {
      const r = sohoa(data, ['settings', 'set', ...args, 'officerName=Ai đó']);
      expect(r.code, args.join(' ')).not.toBe(0);
    }
    expect(settings(data).officerName).toBe('');

    // A value holding '=' (a web address with a query) is kept whole.
    const url = sohoa(data, ['settings', 'set', 'lookupUrl=https://dvc.example.vn/tra-cuu?ma=1']);
    expect(url.code, url.err).toBe(0);
    expect(settings(data).lookupUrl).toBe('https://dvc.example.vn/tra-cuu?ma=1');
  });
});
