import { localDate } from './deadline';

/**
 * Nhật ký kỹ thuật — the station's technical log files, one per process and per local day
 * (Asia/Ho_Chi_Minh) in the data folder's `logs/`: `engine-2026-03-02.log` (the engine,
 * pino) and `main-2026-03-02.log` (the Electron shell, electron-log). The engine and the
 * shell name, keep and export them by these rules.
 */

/** The processes that write a log file. */
export const LOG_SOURCES = ['engine', 'main'] as const;
export type LogSource = (typeof LOG_SOURCES)[number];

/** How much is written, least first: `info` by default, `debug` when support asks for it. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const isLogLevel = (v: unknown): v is LogLevel => LOG_LEVELS.includes(v as LogLevel);

/** The folder, inside the data folder. */
export const LOG_DIR = 'logs';
/** Days kept: today and the 13 days before; older files are deleted at start and at each new day. */
export const LOG_KEEP_DAYS = 14;
/** Days a support export takes by default: today and the 6 days before. */
export const LOG_EXPORT_DAYS = 7;

const VN_OFFSET_MS = 7 * 3_600_000;
/** A log line's time, in Vietnam with milliseconds: 2026-03-02T09:15:00.123+07:00. */
export const logTime = (ms: number): string =>
  `${new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 23)}+07:00`;

const NAME = /^(engine|main)-(\d{4}-\d{2}-\d{2})\.log$/;
const DAY_MS = 86_400_000;

/** The file `source` writes into at the instant `ms`: `engine-YYYY-MM-DD.log`, the date in Vietnam. */
export function logFileName(source: LogSource, ms: number): string {
  return `${source}-${localDate(ms)}.log`;
}

/** The source and local day a log file's name says, or null for any other file. */
export function parseLogFileName(name: string): { source: LogSource; day: string } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const day = m[2]!;
  if (Number.isNaN(Date.parse(`${day}T00:00:00Z`))) return null;
  return { source: m[1] as LogSource, day };
}

/** Whole days from local day `day` to the local day at `nowMs` (0: today, 1: yesterday…). */
function ageInDays(day: string, nowMs: number): number {
  const today = Date.parse(`${localDate(nowMs)}T00:00:00Z`);
  return Math.round((today - Date.parse(`${day}T00:00:00Z`)) / DAY_MS);
}

/** The log files among `names` older than the last `keepDays` days (today counts as one): to delete. */
export function expiredLogFiles(names: readonly string[], nowMs: number, keepDays = LOG_KEEP_DAYS): string[] {
  return names.filter((n) => {
    const f = parseLogFileName(n);
    return f !== null && ageInDays(f.day, nowMs) >= keepDays;
  });
}

/** The log files among `names` of the last `days` days (today counts as one), oldest first. */
export function recentLogFiles(names: readonly string[], nowMs: number, days = LOG_EXPORT_DAYS): string[] {
  return names
    .filter((n) => {
      const f = parseLogFileName(n);
      if (!f) return false;
      const age = ageInDays(f.day, nowMs);
      return age >= 0 && age < days;
    })
    .sort((a, b) => parseLogFileName(a)!.day.localeCompare(parseLogFileName(b)!.day) || a.localeCompare(b));
}
