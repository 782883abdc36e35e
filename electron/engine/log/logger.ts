import path from 'node:path';
import pino from 'pino';
import { isLogLevel, LOG_DIR, type LogLevel, logTime } from '../../../shared/domain/log-files';
import { DailyLogFile } from './daily-file';
import { type LogFields, pickFields } from './fields';

/**
 * The engine's log (docs/architecture.md, log room): `log.info('engine.start', { version })`
 * writes one JSON line with the level, the time in Vietnam, the event and only the allowed
 * fields (fields.ts). Called as a function, `log('text')` writes a line of text at `info`:
 * what the rooms wrote before the log had levels.
 */
export interface Log {
  (line: string): void;
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** The level the settings ask for; `SOHOA_LOG_LEVEL`, when set, wins. */
  setLevel(level: LogLevel): void;
  readonly level: LogLevel;
  /** The file being written (null: none yet, or no file). */
  readonly file: string | null;
  close(): void;
}

export interface LogOptions {
  /** The data folder: the log goes to `<dataDir>/logs/engine-YYYY-MM-DD.log`; null: no file. */
  dataDir: string | null;
  /** The clock (tests move it across midnight). */
  now?: () => number;
  level?: LogLevel;
  keepDays?: number;
  /** A copy as text of the warnings, errors and text lines (stderr in web mode, a test's array). */
  tee?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

/** The keys pino censors wherever they appear, should a field ever slip past the allow-list. */
const REDACT = ['pin', 'password', 'secret', 'key', 'token', 'applicant', 'name', 'cccd', 'phone', 'address'];
const REDACT_PATHS = REDACT.flatMap((k) => [k, `*.${k}`]);

/** The level `SOHOA_LOG_LEVEL` sets, if it names one. */
export function envLogLevel(env: NodeJS.ProcessEnv = process.env): LogLevel | null {
  const v = env.SOHOA_LOG_LEVEL?.trim().toLowerCase();
  return isLogLevel(v) ? v : null;
}

function textLine(level: string, event: string, fields: Record<string, unknown>): string {
  const rest = Object.entries(fields).map(
    ([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`,
  );
  return [level, event, ...rest].join(' ');
}

export function createLog(opts: LogOptions): Log {
  const now = opts.now ?? Date.now;
  const forced = envLogLevel(opts.env);
  const file = opts.dataDir
    ? new DailyLogFile({
        dir: path.join(opts.dataDir, LOG_DIR),
        source: 'engine',
        now,
        keepDays: opts.keepDays,
      })
    : null;
  file?.prune();
  // After close() nothing is written (a late line would reopen the file and hold it open).
  const sink = {
    closed: false,
    write(line: string) {
      if (!this.closed) file?.write(line);
    },
  };
  const pinoLog = pino(
    {
      level: forced ?? opts.level ?? 'info',
      base: { pid: process.pid },
      timestamp: () => `,"time":"${logTime(now())}"`,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[đã ẩn]' },
    },
    sink,
  );
  /** `tee`: the lines a console should show — warnings, errors and the rooms' text lines, not every call. */
  const write = (level: LogLevel, event: string, fields: LogFields | undefined, tee: boolean): void => {
    const picked = pickFields(fields);
    pinoLog[level](picked, event);
    if (tee && opts.tee && pinoLog.isLevelEnabled(level)) opts.tee(textLine(level, event, picked));
  };
  const at =
    (level: LogLevel) =>
    (event: string, fields?: LogFields): void =>
      write(level, event, fields, level === 'warn' || level === 'error');
  const info = at('info');
  const log = Object.assign((line: string) => write('info', line, undefined, true), {
    debug: at('debug'),
    info,
    warn: at('warn'),
    error: at('error'),
    setLevel(level: LogLevel) {
      pinoLog.level = forced ?? level;
    },
    close() {
      pinoLog.flush();
      file?.close();
      sink.closed = true;
    },
  });
  return Object.defineProperties(log, {
    level: { get: () => pinoLog.level as LogLevel },
    file: { get: () => file?.current ?? null },
  }) as Log;
}

/** A log that writes nothing (tests that build a room by hand). */
export const silentLog = (): Log => createLog({ dataDir: null });
