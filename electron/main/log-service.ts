/**
 * The shell's log (docs/architecture.md, log room): electron-log writing
 * `<data>/logs/main-YYYY-MM-DD.log`, one file per local day in Vietnam, kept 14 days by the
 * same rules as the engine's (shared/domain/log-files.ts). Plain TypeScript: the logger is
 * handed in (electron-log/main in the app, electron-log/node in the tests).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { NodeLogger } from 'electron-log';
import {
  expiredLogFiles,
  isLogLevel,
  LOG_DIR,
  LOG_KEEP_DAYS,
  type LogLevel,
  logFileName,
  logTime,
} from '../../shared/domain/log-files';

export interface ShellLogOptions {
  keepDays?: number;
  /** The clock of the first pruning (a line's own date decides its file). */
  now?: () => number;
  env?: NodeJS.ProcessEnv;
}

/** Deletes the log files past the retention (both processes keep the same rule). */
export function pruneLogs(dir: string, nowMs: number, keepDays = LOG_KEEP_DAYS): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const gone = expiredLogFiles(names, nowMs, keepDays);
  for (const name of gone) fs.rmSync(path.join(dir, name), { force: true });
  return gone;
}

/** Points electron-log's file at `<dataDir>/logs/main-<day>.log`, switching and pruning at midnight. */
export function setupShellLog(log: NodeLogger, dataDir: string, opts: ShellLogOptions = {}): void {
  const dir = path.join(dataDir, LOG_DIR);
  const env = opts.env ?? process.env;
  const level: LogLevel = isLogLevel(env.SOHOA_LOG_LEVEL) ? env.SOHOA_LOG_LEVEL : 'info';
  const file = log.transports.file;
  let current = '';
  file.level = level;
  file.sync = true; // every line on disk before the call returns: a crash loses nothing already logged
  file.maxSize = 0; // one file a day, never cut by size
  file.format = ({ data, level: l, message }) => [`[${logTime(message.date.getTime())}] [${l}]`, ...data];
  file.resolvePathFn = (_vars, message) => {
    const ms = message?.date?.getTime() ?? Date.now();
    const name = logFileName('main', ms);
    if (name !== current) {
      current = name;
      fs.mkdirSync(dir, { recursive: true });
      pruneLogs(dir, ms, opts.keepDays);
    }
    return path.join(dir, name);
  };
  pruneLogs(dir, (opts.now ?? Date.now)(), opts.keepDays);
}
