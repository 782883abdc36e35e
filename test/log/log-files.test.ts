import { describe, expect, it } from 'vitest';
import {
  expiredLogFiles,
  logFileName,
  parseLogFileName,
  recentLogFiles,
} from '../../shared/domain/log-files';

/** An instant given in Vietnam's time. */
const vn = (local: string) => Date.parse(`${local}+07:00`);

describe('log file names (shared/domain/log-files.ts)', () => {
  it('names the file by the local day in Vietnam, not by UTC', () => {
    // 23:59 in Hà Nội is still 16:59 UTC of the same day; 00:01 the next day is 17:01 UTC the day before.
    expect(logFileName('engine', vn('2026-03-02T23:59:59'))).toBe('engine-2026-03-02.log');
    expect(logFileName('engine', vn('2026-03-03T00:00:01'))).toBe('engine-2026-03-03.log');
    expect(logFileName('main', vn('2026-03-03T06:59:00'))).toBe('main-2026-03-03.log');
    expect(new Date(vn('2026-03-03T06:59:00')).toISOString().slice(0, 10)).toBe('2026-03-02');
  });

  it('reads back only its own names', () => {
    expect(parseLogFileName('engine-2026-03-02.log')).toEqual({ source: 'engine', day: '2026-03-02' });
    expect(parseLogFileName('main-2026-12-31.log')).toEqual({ source: 'main', day: '2026-12-31' });
    for (const other of [
      'engine.log',
      'engine-2026-3-2.log',
      'renderer-2026-03-02.log',
      'engine-2026-13-45.log',
    ])
      expect(parseLogFileName(other)).toBeNull();
  });

  it('keeps today and the 13 days before, and never touches other files', () => {
    const now = vn('2026-03-20T08:00:00');
    const names = [
      'engine-2026-03-20.log',
      'engine-2026-03-07.log', // 13 days ago: kept
      'main-2026-03-06.log', // 14 days ago: deleted
      'engine-2026-02-01.log',
      'station.db',
      'notes-2026-01-01.log',
    ];
    expect(expiredLogFiles(names, now).sort()).toEqual(['engine-2026-02-01.log', 'main-2026-03-06.log']);
    expect(expiredLogFiles(names, now, 1).sort()).toEqual([
      'engine-2026-02-01.log',
      'engine-2026-03-07.log',
      'main-2026-03-06.log',
    ]);
  });

  it('picks the last N days for a support export, oldest first, across a month end', () => {
    const now = vn('2026-03-02T00:30:00');
    const names = [
      'main-2026-03-02.log',
      'engine-2026-03-02.log',
      'engine-2026-02-24.log', // 6 days ago
      'engine-2026-02-23.log', // 7 days ago: left out
      'engine-2026-03-03.log', // tomorrow (a clock set wrong): left out
      'engine-2026-02-28.log',
    ];
    expect(recentLogFiles(names, now, 7)).toEqual([
      'engine-2026-02-24.log',
      'engine-2026-02-28.log',
      'engine-2026-03-02.log',
      'main-2026-03-02.log',
    ]);
    expect(recentLogFiles(names, now, 1)).toEqual(['engine-2026-03-02.log', 'main-2026-03-02.log']);
  });
});
