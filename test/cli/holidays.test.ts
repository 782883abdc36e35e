import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

const BIN = fileURLToPath(new URL('../../bin/sohoa.mjs', import.meta.url));
const sohoa = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SOHOA_LANG: '', SOHOA_DATA_DIR: '' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('sohoa holidays and deadline: a calendar for any year, and a word when it is unconfirmed', () => {
  it('shows a year beyond the table as computed, imports the decided days as confirmed, and the deadline follows', () => {
    const data = tempDir();
    const shown = JSON.parse(sohoa(['--data', data, 'holidays', 'show', '--year', '2029', '--json']).out) as {
      computed: boolean;
      confirmed: boolean;
      holidays: { from: string; to: string; confirmed: boolean }[];
    };
    expect(shown).toMatchObject({ computed: true, confirmed: false });
    // Sunday 2/9: Monday 3/9 beside it, and Tuesday 4/9 in lieu of the Sunday.
    expect(shown.holidays.map((h) => `${h.from}..${h.to}`)).toEqual(
      expect.arrayContaining(['2029-09-02..2029-09-03', '2029-09-04..2029-09-04']),
    );
    expect(shown.holidays.every((h) => !h.confirmed)).toBe(true);

    const before = JSON.parse(
      sohoa(['--data', data, 'deadline', '--received', '2029-04-27T09:00', '--days', '3', '--json']).out,
    ) as { appointmentAt: string; unconfirmed_years: number[] };
    expect(before.unconfirmed_years).toEqual([2029]);

    // The decision for 2029 as the unit types it: 30/4 and 1/5, plus 2/5 given as an extra day.
    const file = path.join(tempDir(), 'nghi-le-2029.json');
    fs.writeFileSync(
      file,
      JSON.stringify([
        { from: '2029-01-01', to: '2029-01-01', name: 'Tết Dương lịch' },
        { from: '2029-04-30', to: '2029-05-02', name: '30/4, 1/5 và ngày nghỉ thêm' },
      ]),
    );
    expect(sohoa(['--data', data, 'holidays', 'import', file]).code).toBe(0);
    const after = JSON.parse(
      sohoa(['--data', data, 'deadline', '--received', '2029-04-27T09:00', '--days', '3', '--json']).out,
    ) as { appointmentAt: string; unconfirmed_years: number[] };
    expect(after.unconfirmed_years).toEqual([]);
    // Friday 27/4 + 3 working days: with 30/4–2/5 off, Monday 7/5 (computed, 30/4–1/5 only: Friday 4/5).
    expect(after.appointmentAt).toBe('2029-05-07T09:00:00+07:00');
    expect(before.appointmentAt).toBe('2029-05-04T09:00:00+07:00');

    const bad = path.join(tempDir(), 'sai.json');
    fs.writeFileSync(bad, JSON.stringify([{ from: '2029-02-30', to: '2029-02-30', name: 'Ngày không có' }]));
    const refused = sohoa(['--data', data, '--lang', 'vi', 'holidays', 'import', bad]);
    expect(refused.code).not.toBe(0);
    expect(
      JSON.parse(sohoa(['--data', data, 'holidays', 'show', '--year', '2029', '--json']).out),
    ).toMatchObject({
      confirmed: true,
    });
  });
});
