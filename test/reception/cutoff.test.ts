import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CallFailed } from '../../shared/api/client';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
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

  it(
    'is set in the catalogue by a supervisor (catalog.setCutoff, not a clerk): a dossier received after it is due a working day later',
    { timeout: 120_000 },
    async () => {
      const dir = tempDir();
      const engine = createEngine({ dataDir: dir, imaging: { ocr: false } });
      const c = connectInProcess(engine);
      const as = (token: string) => {
        const x = connectInProcess(engine);
        x.setSession(token);
        return x;
      };
      try {
        const admin = await c.call('accounts.setup', {
          username: 'quantri',
          name: 'Phạm Quản Trị',
          password: 'mat-khau-quan-tri',
        });
        const adminClient = as(admin.token);
        for (const [username, name, role] of [
          ['binh', 'Trần Thị Bình', 'clerk'],
          ['lanh', 'Lê Lãnh Đạo', 'supervisor'],
        ] as const)
          await adminClient.call('accounts.add', { username, name, role, password: `${username}-12345` });
        const signIn = async (u: string) =>
          as((await c.call('accounts.signIn', { username: u, password: `${u}-12345` })).token);
        const clerk = await signIn('binh');
        const lead = await signIn('lanh');
        const refused = await clerk.call('catalog.setCutoff', { code: '2.000908', cutoffTime: '15:00' }).then(
          () => null,
          (err: unknown) => (err instanceof CallFailed ? err.error.code : err),
        );
        expect(refused).toBe('auth_forbidden');
        // Not a time: refused by the contract.
        const bad = await lead.call('catalog.setCutoff', { code: '2.000908', cutoffTime: '25:00' }).then(
          () => null,
          (err: unknown) => (err instanceof CallFailed ? err.error.code : err),
        );
        expect(bad).toBe('invalid_request');
        const set = await lead.call('catalog.setCutoff', { code: '2.000908', cutoffTime: '15:00' });
        expect(set).toMatchObject({ code: '2.000908', cutoffTime: '15:00', processingDays: 1 });
        const listed = (await clerk.call('catalog.list', {})).find((p) => p.code === '2.000908');
        expect(listed?.cutoffTime).toBe('15:00');
        // The rest of the procedure is as it was, and it is still the shipped sample.
        expect(listed?.sample).toBe(true);
        expect(listed?.components.length).toBeGreaterThan(0);
      } finally {
        c.dispose();
        engine.close();
      }

      // Monday 15:30, after the 15:00 cut-off, and 14:30, before it.
      const receiveAt = async (instant: string) => {
        const rig = openRig(dir, new Date(instant));
        try {
          const d = rig.dossiers.create('2.000908', 'Nguyễn Văn An');
          rig.reception.setApplicant(d.id, {
            kind: 'person',
            name: 'Nguyễn Văn An',
            idNumber: '049090001234',
          });
          return rig.reception.receive(d.id, {
            exceptions: d.components
              .filter((x) => x.required)
              .map((x) => ({ componentCode: x.code, reason: 'Bản giấy, quét sau' })),
          }).appointmentAt!;
        } finally {
          rig.store.close();
        }
      };
      const before = await receiveAt('2026-03-02T07:30:00Z'); // 14:30
      const after = await receiveAt('2026-03-02T08:30:00Z'); // 15:30
      // One working day (8 working hours). Before the cut-off the count starts at once: Tuesday 14:30.
      expect(before).toBe('2026-03-03T14:30:00+07:00');
      // After it the count starts with Tuesday's first session, a day later: the whole of Tuesday, due at 17:00 —
      // as for a dossier received on Tuesday at opening time.
      expect(after).toBe('2026-03-03T17:00:00+07:00');
      expect(after).toBe(
        computeDeadline(cal, { receivedAt: '2026-03-03T07:00:00+07:00', days: 1 }).appointmentAt,
      );

      // Removed again: a dossier received at 15:30 counts at once: due Tuesday 15:30.
      {
        const engine2 = createEngine({ dataDir: dir, imaging: { ocr: false } });
        const c2 = connectInProcess(engine2);
        try {
          const s = await c2.call('accounts.signIn', { username: 'lanh', password: 'lanh-12345' });
          c2.setSession(s.token);
          expect(
            (await c2.call('catalog.setCutoff', { code: '2.000908', cutoffTime: null })).cutoffTime,
          ).toBeUndefined();
        } finally {
          c2.dispose();
          engine2.close();
        }
      }
      expect(await receiveAt('2026-03-02T08:30:00Z')).toBe('2026-03-03T15:30:00+07:00');
    },
  );
});
