/**
 * Appointment dates (ngày hẹn trả kết quả): a procedure's processing time, set
 * by its own legal act in working days, counted in working time from the moment
 * the dossier is received; the date is printed on the receipt (form 01 of
 * Circular 01/2018/TT-VPCP, under Decree 61/2018/NĐ-CP on the one-stop mechanism).
 *
 * Everything a province decides — office hours, the holiday table, Saturdays
 * made working days — is a `WorkCalendar` built from the settings. Vietnam
 * keeps UTC+7 all year, so local wall-clock time is the instant plus 7 hours.
 * Pure: no Node imports, the renderer uses it too.
 */

export const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** One session of office hours, "HH:mm" local time. */
export interface OfficeSession {
  start: string;
  end: string;
}

/** A public holiday (ngày nghỉ lễ, Tết) or substitute day off (nghỉ bù): an inclusive range of local dates. */
export interface Holiday {
  from: string;
  to: string;
  name: string;
  /**
   * Someone confirmed this row against the year's decision (typed, edited or imported it);
   * a row the station computed (pre-fill, a year beyond the table) is not.
   */
  confirmed?: boolean;
}

export interface WorkCalendar {
  sessions: OfficeSession[];
  holidays: Holiday[];
  /** Weekend days the government made working days (làm bù), YYYY-MM-DD. */
  extraWorkingDays?: string[];
  /**
   * The statutory holidays of a year the table does not cover (shared/domain/holidays.ts
   * `holidaysOf`): a deadline that reaches such a year still counts its holidays, and says
   * the year is unconfirmed. Without it such a year counts no holiday (and is unconfirmed too).
   */
  fillYear?: (year: number) => Holiday[];
}

/** The years a table has rows for (by the year each row starts in). */
const yearsOf = (holidays: Holiday[]) => new Set(holidays.map((h) => Number(h.from.slice(0, 4))));

/** The calendar with the computed holidays of each year from `from` to `to` that the table lacks. */
export function withYears(cal: WorkCalendar, from: number, to: number): WorkCalendar {
  const have = yearsOf(cal.holidays);
  const added: Holiday[] = [];
  for (let y = from; y <= to; y++)
    if (!have.has(y) && cal.fillYear) added.push(...cal.fillYear(y).map((h) => ({ ...h, confirmed: false })));
  return added.length ? { ...cal, holidays: [...cal.holidays, ...added] } : cal;
}

/** Years from `from` to `to` whose holidays nobody confirmed: no row, or a row not confirmed. */
export function unconfirmedYears(holidays: Holiday[], from: number, to: number): number[] {
  const out: number[] = [];
  for (let y = from; y <= to; y++) {
    const rows = holidays.filter((h) => Number(h.from.slice(0, 4)) === y);
    if (rows.length === 0 || rows.some((h) => h.confirmed !== true)) out.push(y);
  }
  return out;
}

export const DEFAULT_SESSIONS: OfficeSession[] = [
  { start: '07:00', end: '11:30' },
  { start: '13:30', end: '17:00' },
];

export class CalendarError extends Error {
  constructor(
    readonly issue: 'bad_time' | 'bad_session' | 'bad_holiday' | 'holiday_overlap' | 'too_far' | 'bad_date',
    message: string,
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight (as a UTC-shifted ms value) of a YYYY-MM-DD date; throws on an impossible date. */
export function dateToDay(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new CalendarError('bad_date', `"${date}" is not a date YYYY-MM-DD`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (dayToDate(ms) !== date) throw new CalendarError('bad_date', `"${date}" is not a real date`);
  return ms;
}

export function dayToDate(dayMs: number): string {
  return new Date(dayMs).toISOString().slice(0, 10);
}

/** The date `n` days after `date` (before it for a negative `n`), both YYYY-MM-DD. */
export const addDays = (date: string, n: number): string => dayToDate(dateToDay(date) + n * DAY_MS);

/** The Monday of the week that holds `date` (a Sunday belongs to the week before it). */
export const mondayOf = (date: string): string =>
  addDays(date, -((new Date(dateToDay(date)).getUTCDay() + 6) % 7));

function hhmm(s: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59)
    throw new CalendarError('bad_session', `"${s}" is not a time HH:mm`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Parses an instant: ISO 8601 with an offset, or without one meaning Vietnam's local time. */
export function parseInstant(s: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    s.trim(),
  );
  if (!m) throw new CalendarError('bad_time', `"${s}" is not a date-time like 2026-03-02T09:15+07:00`);
  const day = dateToDay(m[1]!);
  const h = Number(m[2]);
  const min = Number(m[3]);
  const sec = Number(m[4] ?? 0);
  if (h > 23 || min > 59 || sec > 59) throw new CalendarError('bad_time', `"${s}" has an impossible time`);
  const local = day + ((h * 60 + min) * 60 + sec) * 1000;
  const tz = m[5];
  if (!tz) return local - VN_OFFSET_MS;
  if (tz === 'Z') return local;
  const sign = tz[0] === '-' ? -1 : 1;
  const digits = tz.slice(1).replace(':', '');
  const off = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * MINUTE_MS;
  return local - sign * off;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as ISO 8601 in Vietnam's time: 2026-03-02T09:15:00+07:00. */
export function formatInstant(ms: number): string {
  const d = new Date(ms + VN_OFFSET_MS);
  return `${d.toISOString().slice(0, 19)}+07:00`;
}

/** The date in Vietnam (YYYY-MM-DD) at an instant. */
export const localDate = (ms: number): string => formatInstant(ms).slice(0, 10);

/** Local parts of an instant, for printing "… giờ … phút, ngày …/…/…". */
export function localParts(ms: number): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
} {
  const d = new Date(ms + VN_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  };
}

export function formatLocalDate(ms: number): string {
  const p = localParts(ms);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** One problem of a holiday table; rows are 1-based as the clerk sees them. */
export type HolidayIssue =
  | { kind: 'bad_date'; row: number; name: string; value: string }
  | { kind: 'reversed'; row: number; name: string; from: string; to: string }
  | { kind: 'too_long'; row: number; name: string; from: string; to: string; days: number; max: number }
  | {
      kind: 'overlap';
      row: number;
      name: string;
      other: number;
      otherName: string;
      from: string;
      to: string;
      otherFrom: string;
      otherTo: string;
    };

/**
 * The longest one holiday range may be. Tết, the longest, is 7–9 days; a range of months
 * is a typo (2027 for 2026), and every day of a range is counted one by one.
 */
export const MAX_HOLIDAY_DAYS = 31;

const spanDays = (h: Holiday) => Math.round((dateToDay(h.to) - dateToDay(h.from)) / DAY_MS) + 1;

/** Checks a holiday table: real dates, from ≤ to, ranges of at most MAX_HOLIDAY_DAYS, no two overlapping. */
export function holidayIssues(holidays: Holiday[]): HolidayIssue[] {
  const issues: HolidayIssue[] = [];
  const spans: { i: number; from: number; to: number }[] = [];
  holidays.forEach((h, i) => {
    const bad = [h.from, h.to].find((d) => {
      try {
        dateToDay(d);
        return false;
      } catch {
        return true;
      }
    });
    if (bad !== undefined) issues.push({ kind: 'bad_date', row: i + 1, name: h.name, value: bad });
    else if (h.to < h.from)
      issues.push({ kind: 'reversed', row: i + 1, name: h.name, from: h.from, to: h.to });
    else if (spanDays(h) > MAX_HOLIDAY_DAYS)
      issues.push({ ...h, kind: 'too_long', row: i + 1, days: spanDays(h), max: MAX_HOLIDAY_DAYS });
    else spans.push({ i, from: dateToDay(h.from), to: dateToDay(h.to) });
  });
  spans.sort((a, b) => a.from - b.from);
  for (let k = 1; k < spans.length; k++) {
    const prev = spans[k - 1]!;
    const cur = spans[k]!;
    if (cur.from > prev.to) continue;
    const a = holidays[prev.i]!;
    const b = holidays[cur.i]!;
    issues.push({
      kind: 'overlap',
      row: prev.i + 1,
      name: a.name,
      from: a.from,
      to: a.to,
      other: cur.i + 1,
      otherName: b.name,
      otherFrom: b.from,
      otherTo: b.to,
    });
  }
  return issues;
}

/** The same problems as English sentences, for logs and the command line. */
export function holidayProblems(holidays: Holiday[]): string[] {
  return holidayIssues(holidays).map((p) =>
    p.kind === 'bad_date'
      ? `#${p.row} "${p.name}": "${p.value}" is not a real date YYYY-MM-DD`
      : p.kind === 'reversed'
        ? `#${p.row} "${p.name}": ends ${p.to} before it starts ${p.from}`
        : p.kind === 'too_long'
          ? `#${p.row} "${p.name}": ${p.days} days (${p.from}…${p.to}), more than ${p.max}`
          : `#${p.row} "${p.name}" (${p.from}…${p.to}) overlaps #${p.other} "${p.otherName}" (${p.otherFrom}…${p.otherTo})`,
  );
}

interface Compiled {
  sessions: [number, number][];
  holidayDays: Set<number>;
  extra: Set<number>;
  minutesPerDay: number;
}

function compile(cal: WorkCalendar): Compiled {
  const sessions = cal.sessions.map((s) => [hhmm(s.start), hhmm(s.end)] as [number, number]);
  sessions.sort((a, b) => a[0] - b[0]);
  sessions.forEach(([s, e], i) => {
    if (e <= s) throw new CalendarError('bad_session', `office session ${i + 1} ends before it starts`);
    if (i > 0 && s < sessions[i - 1]![1])
      throw new CalendarError('bad_session', `office sessions ${i} and ${i + 1} overlap`);
  });
  if (sessions.length === 0) throw new CalendarError('bad_session', 'no office hours');
  const problems = holidayProblems(cal.holidays);
  if (problems.length) throw new CalendarError('holiday_overlap', problems.join('; '));
  const holidayDays = new Set<number>();
  for (const h of cal.holidays)
    for (let d = dateToDay(h.from); d <= dateToDay(h.to); d += DAY_MS) holidayDays.add(d);
  const extra = new Set((cal.extraWorkingDays ?? []).map(dateToDay));
  const minutesPerDay = sessions.reduce((n, [s, e]) => n + e - s, 0);
  return { sessions, holidayDays, extra, minutesPerDay };
}

function isWorking(c: Compiled, dayMs: number): boolean {
  if (c.holidayDays.has(dayMs)) return false;
  if (c.extra.has(dayMs)) return true;
  const wd = new Date(dayMs).getUTCDay();
  return wd !== 0 && wd !== 6;
}

export function isWorkingDay(cal: WorkCalendar, date: string): boolean {
  return isWorking(compile(cal), dateToDay(date));
}

/** Minutes of one working day: 480 (8 h) with the default office hours. */
export function minutesPerDay(cal: WorkCalendar): number {
  return compile(cal).minutesPerDay;
}

const MAX_DAYS = 3 * 366;

function addMinutes(c: Compiled, start: number, minutes: number): number {
  if (minutes <= 0) return start;
  let remaining = minutes * MINUTE_MS;
  const local = start + VN_OFFSET_MS;
  let day = Math.floor(local / DAY_MS) * DAY_MS;
  let cursor = local;
  for (let n = 0; n < MAX_DAYS; n++, day += DAY_MS, cursor = day) {
    if (!isWorking(c, day)) continue;
    for (const [s, e] of c.sessions) {
      const sessionEnd = day + e * MINUTE_MS;
      if (cursor >= sessionEnd) continue;
      const from = Math.max(cursor, day + s * MINUTE_MS);
      const avail = sessionEnd - from;
      if (remaining <= avail) return from + remaining - VN_OFFSET_MS;
      remaining -= avail;
      cursor = sessionEnd;
    }
  }
  throw new CalendarError('too_far', 'the appointment falls more than three years ahead');
}

function minutesBetween(c: Compiled, a: number, b: number): number {
  if (b <= a) return 0;
  let total = 0;
  const la = a + VN_OFFSET_MS;
  const lb = b + VN_OFFSET_MS;
  for (let day = Math.floor(la / DAY_MS) * DAY_MS, n = 0; day < lb && n < MAX_DAYS; day += DAY_MS, n++) {
    if (!isWorking(c, day)) continue;
    for (const [s, e] of c.sessions) {
      const from = Math.max(la, day + s * MINUTE_MS);
      const to = Math.min(lb, day + e * MINUTE_MS);
      if (to > from) total += to - from;
    }
  }
  return total / MINUTE_MS;
}

/** Working minutes between two instants (only office hours on working days count). */
export function workingMinutesBetween(cal: WorkCalendar, a: number, b: number): number {
  return minutesBetween(compile(cal), a, b);
}

/** The same, the calendar checked once: for counting many dossiers against one calendar. */
export function workingMinutesCounter(cal: WorkCalendar): (a: number, b: number) => number {
  const c = compile(cal);
  return (a, b) => minutesBetween(c, a, b);
}

/** A period the dossier waited for the applicant to complete it (bổ sung): the clock stops. */
export interface ClockStop {
  from: string;
  /** Absent while still waiting. */
  to?: string | null;
}

export interface DeadlineInput {
  receivedAt: string;
  /** Processing time in working days (1 day = the office hours of one day, 8 h by default). */
  days?: number;
  /** Or in working hours. */
  hours?: number;
  stops?: ClockStop[];
  /** For an open clock stop: until when it counts. Defaults to the end of the stop being unknown (not counted). */
  now?: string;
  /**
   * Giờ chốt nhận hồ sơ (the procedure's catalogue field `cutoffTime`, "HH:mm"): a dossier received
   * after it counts from the start of the next working day (e.g. same-day procedures after 15:00).
   */
  cutoff?: string;
}

export interface Deadline {
  receivedAt: string;
  /** When counting starts: the received time, or the next working morning after closing. */
  countingFrom: string;
  appointmentAt: string;
  workingMinutes: number;
  stoppedMinutes: number;
  /** True while the dossier waits for completion: the appointment is provisional. */
  clockStopped: boolean;
  /**
   * Years the count went through whose holidays nobody confirmed (computed or pre-filled):
   * the appointment may move once the year's decision is known.
   */
  unconfirmedYears: number[];
}

/**
 * The appointment: the processing time added in working time to the time received,
 * moved on by the working time the clock stood still while waiting for completion.
 */
export function computeDeadline(table: WorkCalendar, input: DeadlineInput): Deadline {
  const received = parseInstant(input.receivedAt);
  const firstYear = Number(formatInstant(received).slice(0, 4));
  // Holidays for every year the count may reach (it stops at three years), computed where the table has none.
  const cal = withYears(table, firstYear, firstYear + 3);
  const c = compile(cal);
  const minutes =
    input.hours !== undefined
      ? Math.round(input.hours * 60)
      : Math.round((input.days ?? 0) * c.minutesPerDay);
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new CalendarError('bad_time', 'the processing time must be zero or more');
  let stopped = 0;
  let open = false;
  for (const s of input.stops ?? []) {
    const from = parseInstant(s.from);
    const to = s.to ? parseInstant(s.to) : input.now ? parseInstant(input.now) : from;
    if (!s.to) open = true;
    stopped += minutesBetween(c, Math.max(from, received), to);
  }
  const start = afterCutoff(received, input.cutoff);
  const startMinute = addMinutes(c, start, 0);
  // The first working instant at or after receipt: "after closing counts from the next working morning".
  const countingFrom = firstWorkingInstant(c, startMinute);
  const appointment = addMinutes(c, start, minutes + stopped);
  return {
    receivedAt: formatInstant(received),
    countingFrom: formatInstant(countingFrom),
    appointmentAt: formatInstant(appointment),
    workingMinutes: minutes,
    stoppedMinutes: Math.round(stopped),
    clockStopped: open,
    unconfirmedYears: unconfirmedYears(
      cal.holidays,
      firstYear,
      Number(formatInstant(appointment).slice(0, 4)),
    ),
  };
}

/** After the procedure's cut-off time of the day, the count starts at the next day's first minute. */
function afterCutoff(received: number, cutoff: string | undefined): number {
  if (!cutoff) return received;
  const local = received + VN_OFFSET_MS;
  const day = Math.floor(local / DAY_MS) * DAY_MS;
  if (local - day <= hhmm(cutoff) * MINUTE_MS) return received;
  return day + DAY_MS - VN_OFFSET_MS; // midnight: the count resumes with the next working session
}

function firstWorkingInstant(c: Compiled, at: number): number {
  const local = at + VN_OFFSET_MS;
  let day = Math.floor(local / DAY_MS) * DAY_MS;
  for (let n = 0; n < MAX_DAYS; n++, day += DAY_MS) {
    if (!isWorking(c, day)) continue;
    for (const [s, e] of c.sessions) {
      const from = Math.max(n === 0 ? local : day, day + s * MINUTE_MS);
      if (from < day + e * MINUTE_MS) return from - VN_OFFSET_MS;
    }
  }
  throw new CalendarError('too_far', 'no working time within three years');
}
