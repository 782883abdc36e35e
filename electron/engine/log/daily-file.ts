import fs from 'node:fs';
import path from 'node:path';
import {
  expiredLogFiles,
  LOG_KEEP_DAYS,
  logFileName,
  type LogSource,
} from '../../../shared/domain/log-files';

export interface DailyLogFileOptions {
  /** `<data>/logs`. */
  dir: string;
  source: LogSource;
  now: () => number;
  keepDays?: number;
}

/**
 * The destination pino writes into: one file per local day (`engine-YYYY-MM-DD.log`),
 * switched at midnight in Vietnam, each line appended with a synchronous write so a crash
 * loses nothing already logged. Files past the retention are deleted when it opens and at
 * every new day. A log that cannot be written (disk full, folder removed) never stops the
 * engine: the line is dropped and the next one tries again.
 */
export class DailyLogFile {
  private fd: number | null = null;
  private name: string | null = null;

  constructor(private readonly opts: DailyLogFileOptions) {}

  /** The file being written, if one is open. */
  get current(): string | null {
    return this.name ? path.join(this.opts.dir, this.name) : null;
  }

  write(line: string): boolean {
    try {
      const name = logFileName(this.opts.source, this.opts.now());
      if (name !== this.name || this.fd === null) this.open(name);
      fs.writeSync(this.fd!, line);
    } catch {
      this.close();
    }
    return true;
  }

  /** Deletes the files past the retention (any source: the shell keeps the same rule). */
  prune(): string[] {
    const gone: string[] = [];
    let names: string[];
    try {
      names = fs.readdirSync(this.opts.dir);
    } catch {
      return gone;
    }
    for (const name of expiredLogFiles(names, this.opts.now(), this.opts.keepDays ?? LOG_KEEP_DAYS)) {
      try {
        fs.rmSync(path.join(this.opts.dir, name), { force: true });
        gone.push(name);
      } catch {
        // Kept for the next day's try (e.g. open in a viewer on Windows).
      }
    }
    return gone;
  }

  close(): void {
    if (this.fd !== null) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // Already gone.
      }
    }
    this.fd = null;
    this.name = null;
  }

  private open(name: string): void {
    this.close();
    fs.mkdirSync(this.opts.dir, { recursive: true });
    this.fd = fs.openSync(path.join(this.opts.dir, name), 'a', 0o600);
    this.name = name;
    this.prune();
  }
}
