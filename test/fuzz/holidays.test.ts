import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SettingsPatch } from '../../shared/api/rooms/settings';
import {
  CalendarError,
  computeDeadline,
  DEFAULT_SESSIONS,
  type Holiday,
  holidayIssues,
  holidayProblems,
} from '../../shared/domain/deadline';
import { prefillHolidays } from '../../shared/domain/holidays';
import { anyText, fuzz, timed } from './kit';

/** Dates as a supervisor (or a pasted spreadsheet) may type them: real ones, near misses, far years, junk. */
const date = fc.oneof(
  fc
    .date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc
    .date({ min: new Date('2024-01-01'), max: new Date('2028-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', '2026-1-1', '', '9999-12-31', '0001-01-01'),
  anyText(12),
);

const holiday = fc.record({ from: date, to: date, name: anyText(60) });
const table = fc.array(holiday, { maxLength: 30 });

/** Each answer of the calendar: an appointment, or a CalendarError — within a bound. */
async function deadlineAnswers(holidays: Holiday[]): Promise<void> {
  const { ms } = await timed(() => {
    try {
      const d = computeDeadline(
        { sessions: DEFAULT_SESSIONS, holidays },
        { receivedAt: '2026-03-02T09:00:00+07:00', days: 15 },
      );
      expect(d.appointmentAt >= d.receivedAt).toBe(true);
    } catch (err) {
      expect(err).toBeInstanceOf(CalendarError);
    }
  });
  expect(ms).toBeLessThan(500);
}

describe('fuzz: the holiday table (settings, the reception desk settings screen)', () => {
  it('checks any table without throwing, each problem named by its row', () => {
    fc.assert(
      fc.property(table, (t) => {
        const issues = holidayIssues(t);
        expect(holidayProblems(t)).toHaveLength(issues.length);
        for (const i of issues) expect(i.row).toBeGreaterThanOrEqual(1);
      }),
      fuzz(500),
    );
  });

  it('every table the settings accept gives an appointment (or a calendar error) quickly', async () => {
    await fc.assert(
      fc.asyncProperty(table, async (t) => {
        const patch = SettingsPatch.safeParse({ holidays: t });
        if (!patch.success) return;
        await deadlineAnswers(patch.data.holidays ?? []);
      }),
      fuzz(300),
    );
  });

  it('the pre-filled years are a table the settings accept', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), (year) => {
        const t = prefillHolidays([year]);
        expect(holidayProblems(t)).toEqual([]);
        expect(SettingsPatch.safeParse({ holidays: t }).success).toBe(true);
      }),
      fuzz(100),
    );
  });

  it('a holiday spanning the whole calendar is refused by the settings, not counted day by day', async () => {
    const whole = [{ from: '0001-01-01', to: '9999-12-31', name: 'mọi ngày' }];
    expect(SettingsPatch.safeParse({ holidays: whole }).success).toBe(false);
    await deadlineAnswers(whole);
  });
});
