import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeDeadline, DEFAULT_SESSIONS } from '../../shared/domain/deadline';
import { tempDir } from '../helpers/tmp';
import { flat } from './forms-rig';
import { openRig } from './rig';

const cal = { sessions: DEFAULT_SESSIONS, holidays: [] };
const BIN = fileURLToPath(new URL('../../bin/sohoa.mjs', import.meta.url));

describe('the procedure’s cut-off time (giờ chốt nhận hồ sơ)', () => {
  it('counts a dossier received after the cut-off from the next working day', () => {
    const at = (receivedAt: string, cutoff?: string) =>
      computeDeadline(cal, { receivedAt, hours: 4, cutoff }).appointmentAt;
    // Before 15:00 the count starts at once: 2 h 01 today, 1 h 59 tomorrow.
    expect(at('2026-03-02T14:59', '15:00')).toBe('2026-03-03T08:59:00+07:00');
    // After 15:00 the count starts at 07:00 of the next working day.
    expect(at('2026-03-02T15:01', '15:00')).toBe('2026-03-03T11:00:00+07:00');
    expect(at('2026-03-02T15:01')).toBe('2026-03-03T09:01:00+07:00');
    // Friday after the cut-off: Monday morning.
    const friday = computeDeadline(cal, { receivedAt: '2026-03-06T16:00', hours: 4, cutoff: '15:00' });
    expect(friday).toMatchObject({
      countingFrom: '2026-03-09T07:00:00+07:00',
      appointmentAt: '2026-03-09T11:00:00+07:00',
    });
  });

  it('is a catalogue field reception applies, kept through a completion request, and shown by sohoa deadline', async () => {
    const dir = tempDir();
    const rig = openRig(dir, new Date('2026-03-02T08:30:00Z')); // Monday 15:30
    const p = rig.catalog.get('2.000815');
    await rig.catalog.import(
      'cutoff.json',
      Buffer.from(JSON.stringify({ procedures: [{ ...p, cutoffTime: '15:00' }] })),
    );
    expect(rig.catalog.get('2.000815').cutoffTime).toBe('15:00');
    const xlsx = await rig.catalog.export('xlsx');
    await rig.catalog.import('back.xlsx', xlsx.bytes);
    expect(rig.catalog.get('2.000815').cutoffTime).toBe('15:00');
    const d = rig.dossiers.create('2.000815', 'Công ty TNHH Sông Thu');
    rig.reception.setApplicant(d.id, { kind: 'organisation', name: 'Công ty TNHH Sông Thu' });
    const r = rig.reception.receive(d.id, {
      exceptions: [{ componentCode: 'VB', reason: 'Bản giấy, quét sau' }],
    });
    expect(r.appointmentAt).toBe('2026-03-03T11:00:00+07:00');
    const text = flat(Buffer.from((await rig.forms.pdf(d.id, '01')).dataBase64, 'base64'), dir);
    expect(text).toContain(
      '5. Thời gian trả kết quả giải quyết hồ sơ: 11 giờ 00 phút, ngày 03 tháng 03 năm 2026',
    );
    rig.clock.now = new Date('2026-03-03T01:00:00Z');
    rig.reception.requestCompletion(d.id, 'Thiếu giấy giới thiệu của công ty.');
    rig.clock.now = new Date('2026-03-03T02:00:00Z'); // an hour stopped (08:00 → 09:00): 11:00 + 1 h over lunch
    expect(rig.reception.resumeProcessing(d.id).appointmentAt).toBe('2026-03-03T14:00:00+07:00');
    rig.store.close();

    const holidays = `${dir}/none.json`;
    fs.writeFileSync(holidays, '[]');
    const cli = spawnSync(
      process.execPath,
      [
        BIN,
        'deadline',
        '--received',
        '2026-03-02T15:30',
        '--hours',
        '4',
        '--cutoff',
        '15:00',
        '--holidays',
        holidays,
      ],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(cli.stdout.trim() || cli.stderr).toBe('2026-03-03T11:00:00+07:00');
  });
});
