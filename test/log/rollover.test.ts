import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLog } from '../../electron/engine/log';
import { tempDir } from '../helpers/tmp';

const vn = (local: string) => Date.parse(`${local}+07:00`);
const lines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the engine log, one file a day (electron/engine/log)', () => {
  it('switches file at midnight in Vietnam and deletes files past 14 days at start and at the new day', () => {
    const dataDir = tempDir('sohoa-log-');
    const logs = path.join(dataDir, 'logs');
    fs.mkdirSync(logs);
    const old = {
      gone: 'engine-2026-02-01.log', // long past: deleted at start
      atMidnight: 'main-2026-02-18.log', // 13 days old on 3 March, 14 on 4 March: deleted at the rollover
      other: 'ghi-chu.txt', // not a log file: never touched
    };
    for (const f of Object.values(old)) fs.writeFileSync(path.join(logs, f), 'x\n');

    let clock = vn('2026-03-03T23:59:59.500');
    const log = createLog({ dataDir, now: () => clock });
    expect(fs.existsSync(path.join(logs, old.gone))).toBe(false);
    expect(fs.existsSync(path.join(logs, old.atMidnight))).toBe(true);

    log.info('before', { count: 1 });
    clock = vn('2026-03-04T00:00:00.200');
    log.warn('after', { count: 2 });
    log.close();

    const before = lines(path.join(logs, 'engine-2026-03-03.log'));
    const after = lines(path.join(logs, 'engine-2026-03-04.log'));
    expect(before.map((l) => l.msg)).toEqual(['before']);
    expect(after.map((l) => l.msg)).toEqual(['after']);
    expect(before[0]).toMatchObject({ level: 'info', time: '2026-03-03T23:59:59.500+07:00', count: 1 });
    expect(after[0]).toMatchObject({ level: 'warn', time: '2026-03-04T00:00:00.200+07:00', count: 2 });
    expect(fs.existsSync(path.join(logs, old.atMidnight))).toBe(false);
    expect(fs.readdirSync(logs).sort()).toEqual([
      'engine-2026-03-03.log',
      'engine-2026-03-04.log',
      old.other,
    ]);
  });

  it('writes each line before the call returns, so a crash loses nothing already logged', () => {
    const dataDir = tempDir('sohoa-log-');
    const log = createLog({ dataDir, now: () => vn('2026-03-03T10:00:00') });
    log.error('worker.fault', { worker: 'raster-worker', exitCode: 7 });
    // No close(), no flush: read at once, as after a crash.
    const file = path.join(dataDir, 'logs', 'engine-2026-03-03.log');
    expect(lines(file)).toEqual([
      expect.objectContaining({ msg: 'worker.fault', worker: 'raster-worker', exitCode: 7 }),
    ]);
    log.close();
  });

  it('keeps only the allowed fields (no name, no PIN, no params) and follows the level', () => {
    const dataDir = tempDir('sohoa-log-');
    const log = createLog({ dataDir, now: () => vn('2026-03-03T10:00:00'), env: {} });
    const sneaky = {
      method: 'reception.save',
      applicantName: 'Nguyễn Văn An',
      pin: '123456',
      params: { a: 1 },
    };
    log.info('call', sneaky as never);
    log.debug('not at info');
    log.setLevel('debug');
    log.debug('now at debug');
    log.close();
    const got = lines(path.join(dataDir, 'logs', 'engine-2026-03-03.log'));
    expect(got.map((l) => l.msg)).toEqual(['call', 'now at debug']);
    expect(Object.keys(got[0]!).sort()).toEqual(['level', 'method', 'msg', 'pid', 'time']);
  });

  it('SOHOA_LOG_LEVEL wins over the settings', () => {
    const dataDir = tempDir('sohoa-log-');
    const log = createLog({ dataDir, env: { SOHOA_LOG_LEVEL: 'warn' } });
    log.setLevel('debug');
    expect(log.level).toBe('warn');
    log.info('dropped');
    log.warn('kept');
    log.close();
    const [file] = fs.readdirSync(path.join(dataDir, 'logs'));
    expect(lines(path.join(dataDir, 'logs', file!)).map((l) => l.msg)).toEqual(['kept']);
  });
});
