import { describe, expect, it } from 'vitest';
import { settingsHandlers } from '../../electron/engine/settings/handlers';
import type { Caller, EngineContext } from '../../electron/engine/context';
import { calls } from '../../shared/api/contract';
import { StationError } from '../../shared/api/errors';
import { tempDir } from '../helpers/tmp';
import { flat, receivedWith } from './forms-rig';
import { openRig } from './rig';
import {
  CalendarError,
  computeDeadline,
  DEFAULT_SESSIONS,
  holidayProblems,
  type WorkCalendar,
  workingMinutesBetween,
  parseInstant,
} from '../../shared/domain/deadline';
import { holidaysOf, prefillHolidays } from '../../shared/domain/holidays';
import { hungKingsDay, lunarMonths, lunarNewYear } from '../../shared/domain/lunar';

const cal: WorkCalendar = { sessions: DEFAULT_SESSIONS, holidays: prefillHolidays([2026, 2027]) };

describe('the appointment date a clerk prints on the receipt', () => {
  const cases: { story: string; received: string; days?: number; hours?: number; expected: string }[] = [
    {
      story: 'a weekday morning, one working day',
      received: '2026-03-02T09:00',
      days: 1,
      expected: '2026-03-03T09:00:00+07:00',
    },
    {
      story: 'after closing: counts from the next working morning',
      received: '2026-03-02T18:00',
      days: 1,
      expected: '2026-03-03T17:00:00+07:00',
    },
    {
      story: 'before opening: the whole day counts',
      received: '2026-03-02T06:10',
      days: 1,
      expected: '2026-03-02T17:00:00+07:00',
    },
    {
      story: 'during the lunch break, 4 working hours',
      received: '2026-03-02T12:00',
      hours: 4,
      expected: '2026-03-03T07:30:00+07:00',
    },
    {
      story: 'late afternoon, 8 working hours',
      received: '2026-03-02T16:00',
      hours: 8,
      expected: '2026-03-03T16:00:00+07:00',
    },
    {
      story: 'Friday after closing skips the weekend',
      received: '2026-03-06T17:30',
      days: 1,
      expected: '2026-03-09T17:00:00+07:00',
    },
    {
      story: 'received on a Saturday',
      received: '2026-03-07T10:00',
      days: 2,
      expected: '2026-03-10T17:00:00+07:00',
    },
    {
      story: 'Tết 2026 (16–20 Feb) and its weekend',
      received: '2026-02-12T10:00',
      days: 3,
      expected: '2026-02-24T10:00:00+07:00',
    },
    {
      story: "Hùng Kings' day 2026 on a Sunday, substitute Monday",
      received: '2026-04-24T09:00',
      days: 1,
      expected: '2026-04-28T09:00:00+07:00',
    },
    {
      story: '30 April and 1 May 2026',
      received: '2026-04-29T15:00',
      days: 1,
      expected: '2026-05-04T15:00:00+07:00',
    },
    {
      story: 'Tết 2027 on a weekend, substitute 10–11 Feb',
      received: '2027-02-04T09:00',
      days: 2,
      expected: '2027-02-15T09:00:00+07:00',
    },
    {
      story: '1 May 2027 on a Saturday, substitute Monday 3 May',
      received: '2027-04-29T17:00',
      days: 1,
      expected: '2027-05-04T17:00:00+07:00',
    },
    {
      story: 'an instant given in UTC',
      received: '2026-03-02T02:00:00Z',
      days: 1,
      expected: '2026-03-03T09:00:00+07:00',
    },
    {
      story: 'fifteen working days across National Day 2026',
      received: '2026-08-24T08:00',
      days: 15,
      expected: '2026-09-16T08:00:00+07:00',
    },
  ];
  it.each(cases)(
    '$story: $received + $days d / $hours h → $expected',
    ({ received, days, hours, expected }) => {
      expect(computeDeadline(cal, { receivedAt: received, days, hours }).appointmentAt).toBe(expected);
    },
  );

  it('tells when counting starts for a dossier received after closing on a Friday', () => {
    const d = computeDeadline(cal, { receivedAt: '2026-03-06T17:30', days: 1 });
    expect(d.countingFrom).toBe('2026-03-09T07:00:00+07:00');
    expect(d.workingMinutes).toBe(480);
  });

  it('moves the appointment by the working time the dossier waited for completion (clock stop)', () => {
    const base = computeDeadline(cal, { receivedAt: '2026-03-02T09:00', days: 3 });
    expect(base.appointmentAt).toBe('2026-03-05T09:00:00+07:00');
    const stopped = computeDeadline(cal, {
      receivedAt: '2026-03-02T09:00',
      days: 3,
      stops: [{ from: '2026-03-03T09:00', to: '2026-03-05T09:00' }],
    });
    expect(stopped.stoppedMinutes).toBe(2 * 480);
    expect(stopped.appointmentAt).toBe('2026-03-09T09:00:00+07:00');
    // A wait over a weekend costs only its office hours: Fri 16:00–17:00 and nothing on Mon before 08:00 but 07:00–08:00.
    const overWeekend = computeDeadline(cal, {
      receivedAt: '2026-03-02T09:00',
      days: 3,
      stops: [{ from: '2026-03-06T16:00', to: '2026-03-09T08:00' }],
    });
    expect(overWeekend.stoppedMinutes).toBe(120);
    // Still waiting: the appointment is provisional and counts the wait up to now.
    const open = computeDeadline(cal, {
      receivedAt: '2026-03-02T09:00',
      days: 3,
      stops: [{ from: '2026-03-03T09:00' }],
      now: '2026-03-03T11:00',
    });
    expect(open.clockStopped).toBe(true);
    expect(open.stoppedMinutes).toBe(120);
    expect(open.appointmentAt).toBe('2026-03-05T11:00:00+07:00');
  });

  it('counts a Saturday the government made a working day (làm bù)', () => {
    const withSaturday: WorkCalendar = { ...cal, extraWorkingDays: ['2026-03-07'] };
    expect(computeDeadline(withSaturday, { receivedAt: '2026-03-06T17:30', days: 1 }).appointmentAt).toBe(
      '2026-03-07T17:00:00+07:00',
    );
  });

  it('follows the unit’s own office hours', () => {
    const short: WorkCalendar = { sessions: [{ start: '08:00', end: '12:00' }], holidays: [] };
    expect(computeDeadline(short, { receivedAt: '2026-03-02T11:00', days: 1 }).appointmentAt).toBe(
      '2026-03-03T11:00:00+07:00',
    );
    expect(
      workingMinutesBetween(short, parseInstant('2026-03-02T00:00'), parseInstant('2026-03-03T00:00')),
    ).toBe(240);
  });

  it('refuses a holiday table with overlapping ranges, naming both', () => {
    const bad = [
      { from: '2026-02-14', to: '2026-02-22', name: 'Tết' },
      { from: '2026-02-20', to: '2026-02-23', name: 'Nghỉ bù' },
      { from: '2026-02-30', to: '2026-03-01', name: 'Ngày sai' },
    ];
    const problems = holidayProblems(bad);
    expect(
      problems.some((p) => p.includes('"Tết"') && p.includes('overlaps') && p.includes('"Nghỉ bù"')),
    ).toBe(true);
    expect(problems.some((p) => p.includes('2026-02-30'))).toBe(true);
    expect(() =>
      computeDeadline(
        { sessions: DEFAULT_SESSIONS, holidays: bad },
        { receivedAt: '2026-03-02T09:00', days: 1 },
      ),
    ).toThrow(CalendarError);
  });

  it('refuses a date-time that is not one', () => {
    expect(() => computeDeadline(cal, { receivedAt: 'hôm qua', days: 1 })).toThrow(/not a date-time/);
    expect(() => computeDeadline(cal, { receivedAt: '2026-02-29T09:00', days: 1 })).toThrow(
      /not a real date/,
    );
  });
});

describe('the lunar calendar that pre-fills the holiday table', () => {
  it.each([
    [1985, '1985-01-21'], // Vietnam (UTC+7) differs from China (UTC+8) this year
    [2007, '2007-02-17'],
    [2020, '2020-01-25'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
  ])('Tết %i falls on %s', (year, date) => {
    expect(lunarNewYear(year)).toBe(date);
  });

  it.each([
    [2020, '2020-04-02'],
    [2023, '2023-04-29'], // after a leap 2nd month
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
  ])("Hùng Kings' day %i falls on %s", (year, date) => {
    expect(hungKingsDay(year)).toBe(date);
  });

  it('finds the leap month of 2023 (tháng 2 nhuận)', () => {
    expect(
      lunarMonths(2023)
        .map((m) => `${m.month}${m.leap ? 'n' : ''}`)
        .join(' '),
    ).toBe('11 12 1 2 2n 3 4 5 6 7 8 9 10');
  });

  it('pre-fills 2026 with Tết, a substitute Monday for Hùng Kings’ day, and no overlaps', () => {
    const h = holidaysOf(2026);
    expect(h).toContainEqual(expect.objectContaining({ from: '2026-02-16', to: '2026-02-20' }));
    expect(h).toContainEqual(
      expect.objectContaining({
        from: '2026-04-27',
        to: '2026-04-27',
        name: expect.stringMatching(/^Nghỉ bù/),
      }),
    );
    expect(holidayProblems(prefillHolidays([2026, 2027]))).toEqual([]);
  });

  it.each([
    [2021, '2021-09-02', '2021-09-03'], // Thursday 2/9: Friday 3/9 (the Prime Minister's decision)
    [2022, '2022-09-01', '2022-09-02'], // Friday: Thursday 1/9
    [2023, '2023-09-01', '2023-09-02'], // Saturday: Friday 1/9, and Monday 4/9 in lieu
    [2024, '2024-09-02', '2024-09-03'], // Monday: Tuesday 3/9
    [2025, '2025-09-01', '2025-09-02'], // Tuesday: Monday 1/9
  ])('the day beside National Day %i is the one the government chose', (year, from, to) => {
    expect(holidaysOf(year)).toContainEqual(expect.objectContaining({ from, to }));
    if (year === 2023)
      expect(holidaysOf(year)).toContainEqual(
        expect.objectContaining({ from: '2023-09-04', to: '2023-09-04' }),
      );
  });

  it('24 November (Ngày Văn hóa Việt Nam) is a row of its own from 2026, not before', () => {
    expect(holidaysOf(2026)).toContainEqual(
      expect.objectContaining({ from: '2026-11-24', to: '2026-11-24' }),
    );
    // Its note names the basis found, and that no amended Labour Code was found.
    const row = holidaysOf(2026).find((h) => h.from === '2026-11-24');
    expect(row?.name).toContain('Nghị quyết 80-NQ/TW');
    expect(row?.name).toContain('chưa thấy văn bản luật sửa đổi');
    expect(holidaysOf(2025).some((h) => h.from === '2025-11-24')).toBe(false);
  });
});

describe('a calendar for every year a deadline reaches', () => {
  const table: WorkCalendar = {
    sessions: DEFAULT_SESSIONS,
    holidays: prefillHolidays([2026, 2027]).map((h) => ({ ...h, confirmed: true })),
  };

  it('a year beyond the table still counts its holidays (computed) and says it is unconfirmed', () => {
    // Received Friday 28/12/2029, five working days: 1/1/2030 is a holiday even though no table row says so.
    const input = { receivedAt: '2029-12-28T09:00', days: 5 };
    const withFill = computeDeadline({ ...table, fillYear: holidaysOf }, input);
    expect(withFill.appointmentAt).toBe('2030-01-07T09:00:00+07:00');
    expect(withFill.unconfirmedYears).toEqual([2029, 2030]);
    // Without the computed year the same count would skip no holiday: the appointment a day early.
    const bare = computeDeadline(table, input);
    expect(bare.appointmentAt).toBe('2030-01-04T09:00:00+07:00');
    expect(bare.unconfirmedYears).toEqual([2029, 2030]);
  });

  it('a count inside confirmed years carries no warning; a pre-filled, unconfirmed year does', () => {
    const input = { receivedAt: '2026-03-02T09:00', days: 1 };
    expect(computeDeadline({ ...table, fillYear: holidaysOf }, input).unconfirmedYears).toEqual([]);
    expect(computeDeadline({ ...cal, fillYear: holidaysOf }, input).unconfirmedYears).toEqual([2026]);
    // Into a year the table holds but with a row still unconfirmed.
    const mixed = table.holidays.map((h) => (h.from === '2027-01-01' ? { ...h, confirmed: false } : h));
    const late = { receivedAt: '2026-12-30T09:00', days: 3 };
    expect(computeDeadline({ ...table, holidays: mixed }, late).unconfirmedYears).toEqual([2027]);
  });

  it('a make-up Saturday counts as a working day', () => {
    // Friday 9/1/2026 16:00 + 4 working hours: Monday morning, or Saturday 10/1 when it is worked.
    const input = { receivedAt: '2026-01-09T16:00', hours: 4 };
    expect(computeDeadline(table, input).appointmentAt).toBe('2026-01-12T10:00:00+07:00');
    expect(computeDeadline({ ...table, extraWorkingDays: ['2026-01-10'] }, input).appointmentAt).toBe(
      '2026-01-10T10:00:00+07:00',
    );
  });
});

describe('make-up Saturdays saved in Settings', () => {
  const as = (role: Caller['role']): Caller => ({ username: 'u', name: 'Lê Thị Hoa', role, session: null });

  it('the card’s call saves one; a dossier received after counts it as a working day, and not once it is removed', async () => {
    const rig = openRig(tempDir(), new Date('2026-03-06T03:00:00Z')); // Friday 6/3/2026 10:00
    const ctx = { emit: () => {} } as unknown as EngineContext;
    const h = settingsHandlers(ctx, rig.settings, () => {});
    // What the Settings card sends (ReceptionSettings.tsx: `settings.update` with `extraWorkingDays`), as the contract reads it.
    const update = async (patch: unknown, role: Caller['role']) =>
      h['settings.update'](calls['settings.update'].params.parse(patch) as never, as(role));
    const receive = () =>
      receivedWith(rig, '1.001193', { kind: 'person', name: 'Phạm Thị Dung', idNumber: '049090001234' });

    const before = await receive(); // one working day: over the weekend, to Monday
    expect(before.appointmentAt).toBe('2026-03-09T10:00:00+07:00');

    // A half-typed date is refused by the contract; a clerk may not set the calendar.
    expect(() => calls['settings.update'].params.parse({ extraWorkingDays: ['2026-03-7'] })).toThrow();
    const forbidden = await update({ extraWorkingDays: ['2026-03-07'] }, 'clerk').catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(StationError);
    expect((forbidden as StationError).code).toBe('auth_forbidden');
    expect(rig.settings.get().extraWorkingDays).toEqual([]);

    const saved = await update({ extraWorkingDays: ['2026-03-07'] }, 'supervisor');
    expect(saved.extraWorkingDays).toEqual(['2026-03-07']);
    expect(h['settings.get']({} as never, as('clerk'))).toMatchObject({ extraWorkingDays: ['2026-03-07'] });
    const after = await receive();
    expect(after.appointmentAt).toBe('2026-03-07T10:00:00+07:00');
    const receipt = Buffer.from((await rig.forms.pdf(after.id, '01')).dataBase64, 'base64');
    expect(flat(receipt, tempDir())).toContain(
      'Thời gian trả kết quả giải quyết hồ sơ: 10 giờ 00 phút, ngày 07 tháng 03 năm 2026',
    );
    // The dossier received before keeps the date printed on its receipt.
    expect(rig.dossiers.get(before.id).appointmentAt).toBe('2026-03-09T10:00:00+07:00');

    await update({ extraWorkingDays: [] }, 'supervisor');
    expect((await receive()).appointmentAt).toBe('2026-03-09T10:00:00+07:00');
    rig.store.close();
  });
});
