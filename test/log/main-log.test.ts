import fs from 'node:fs';
import path from 'node:path';
import log from 'electron-log/node';
import { describe, expect, it } from 'vitest';
import { setupShellLog } from '../../electron/main/log-service';
import { tempDir } from '../helpers/tmp';

const vn = (local: string) => new Date(`${local}+07:00`);

describe('the shell log (electron/main/log-service.ts, electron-log)', () => {
  it('writes main-YYYY-MM-DD.log in the data folder, switches at midnight in Vietnam and keeps 14 days', () => {
    const dataDir = tempDir('sohoa-shell-log-');
    const logs = path.join(dataDir, 'logs');
    fs.mkdirSync(logs);
    for (const f of ['main-2026-01-05.log', 'engine-2026-01-05.log', 'main-2026-02-18.log'])
      fs.writeFileSync(path.join(logs, f), 'old\n');
    setupShellLog(log, dataDir, { env: {}, now: () => vn('2026-03-03T23:50:00').getTime() });
    log.transports.console.level = false;
    // At start: the long-past files go, whatever their process.
    expect(fs.readdirSync(logs)).toEqual(['main-2026-02-18.log']);
    // The file transport as electron-log calls it, with messages dated either side of midnight.
    const write = (date: Date, level: 'info' | 'warn', text: string) =>
      log.transports.file({ data: [text], date, level, variables: {} } as never);
    write(vn('2026-03-03T23:59:59.900'), 'info', 'engine: exited unexpectedly (code 9), restarting');
    expect(fs.existsSync(path.join(logs, 'main-2026-02-18.log'))).toBe(true); // 13 days before 3 March
    write(vn('2026-03-04T00:00:00.100'), 'warn', 'shell.stop');

    const read = (f: string) => fs.readFileSync(path.join(logs, f), 'utf8');
    expect(read('main-2026-03-03.log')).toBe(
      '[2026-03-03T23:59:59.900+07:00] [info] engine: exited unexpectedly (code 9), restarting\n',
    );
    expect(read('main-2026-03-04.log')).toBe('[2026-03-04T00:00:00.100+07:00] [warn] shell.stop\n');
    expect(fs.readdirSync(logs).sort()).toEqual(['main-2026-03-03.log', 'main-2026-03-04.log']);
  });

  it('follows SOHOA_LOG_LEVEL', () => {
    const dataDir = tempDir('sohoa-shell-log-');
    setupShellLog(log, dataDir, { env: { SOHOA_LOG_LEVEL: 'warn' } });
    expect(log.transports.file.level).toBe('warn');
    setupShellLog(log, dataDir, { env: {} });
    expect(log.transports.file.level).toBe('info');
  });
});
