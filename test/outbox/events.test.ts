import path from 'node:path';
import { DatabaseSync } from '@photostructure/sqlite';
import { describe, expect, it } from 'vitest';
import { portalDate } from '../../electron/engine/portal/protocol';
import { formatInstant, parseInstant } from '../../shared/domain/deadline';
import { fastStation as station, testSandbox as sandbox } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import { makeBatch, sandboxDossiers } from './fixtures';

const wire = (instant: string) => portalDate(new Date(parseInstant(instant)));

describe(
  'every counter event reaches the portal as its own item, in order, once',
  { timeout: 240_000 },
  () => {
    it('completion requests, resumptions and two apologies queued before the submission arrive after it, in order, through 30% faults', async () => {
      const dir = tempDir();
      await makeBatch(path.join(dir, 'batch'), 3);
      const s = await sandbox({ advanceMs: 0, faults: { failRate: 0.3, dropRate: 0.15 } });
      const st = station(path.join(dir, 'station'), { concurrency: 3 });
      const c = st.client;
      await c.call('batch.import', { dir: path.join(dir, 'batch') });
      const ids = [...new Set((await c.call('outbox.overview', {})).items.map((i) => i.dossierId))];
      expect(ids).toHaveLength(3);

      // At the counter, before anything reached the portal: each dossier waits for a paper, then gets it.
      const appointments = new Map<string, { before: string; after: string }>();
      for (const id of ids) {
        const before = (await c.call('dossier.get', { dossierId: id })).appointmentAt!;
        await c.call('reception.requestCompletion', {
          dossierId: id,
          reason: 'Bổ sung giấy chứng sinh bản chính',
        });
        const resumed = await c.call('reception.resumeProcessing', { dossierId: id });
        appointments.set(id, { before, after: resumed.appointmentAt! });
      }
      // The first dossier is late: two apologies, the second one's date after the first's.
      // Each apology comes when its appointment has passed: the first new date is missed too.
      const late = ids[0]!;
      const missed = () => {
        const db = new DatabaseSync(path.join(dir, 'station', 'station.db'));
        db.prepare('UPDATE dossiers SET appointment_at = received_at WHERE id = ?').run(late);
        db.close();
      };
      const first = formatInstant(Date.now() + 2 * 86_400_000);
      const second = formatInstant(Date.now() + 3 * 86_400_000);
      for (const [reason, date] of [
        ['Cán bộ thụ lý nghỉ ốm.', first],
        ['Chờ ý kiến cơ quan phối hợp.', second],
      ] as const) {
        missed();
        await c.call('reception.apologize', {
          dossierId: late,
          reason,
          cause: 'subjective',
          newAppointmentAt: date,
        });
      }
      const queued = (await c.call('outbox.overview', {})).items.filter((i) => i.dossierId === late);
      expect(queued.map((i) => i.kind).sort()).toEqual(['apology', 'apology', 'event', 'event', 'submit']);

      const sync = await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 120_000 });
      expect(sync).toMatchObject({ submitted: 3, pending: 0, failed: 0 });
      expect(
        sync.items.filter((i) => i.kind === 'event' || i.kind === 'apology').every((i) => i.state === 'done'),
      ).toBe(true);
      // Once more: nothing is sent twice.
      await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 30_000 });
      s.setFaults({ failRate: 0, dropRate: 0 });

      const held = await sandboxDossiers(s.url);
      expect(held).toHaveLength(3);
      const codes = new Map(sync.items.filter((i) => i.kind === 'submit').map((i) => [i.code, i.dossierId]));
      for (const h of held) {
        const a = appointments.get(codes.get(h.code)!)!;
        expect(h.events.map((e) => e.LoaiSuKien)).toEqual(['YEU_CAU_BO_SUNG', 'TIEP_NHAN_BO_SUNG']);
        expect(h.events[0]).toMatchObject({ TrangThaiHoSo: 5, NgayHenTraCu: wire(a.before) });
        expect(h.events[1]).toMatchObject({
          TrangThaiHoSo: 4,
          NgayHenTraCu: wire(a.before),
          NgayHenTraMoi: wire(a.after),
        });
        expect(h.status).toBe(4);
      }
      const lateHeld = held.find((h) => codes.get(h.code) === late)!;
      // The second apology did not overwrite the first: both arrived, in the order given.
      expect(lateHeld.apologies.map((x) => [x.reason, x.newDate])).toEqual([
        ['Cán bộ thụ lý nghỉ ốm.', wire(first)],
        ['Chờ ý kiến cơ quan phối hợp.', wire(second)],
      ]);
      expect(lateHeld.appointment).toBe(wire(second));
    });
  },
);

describe('the upload window holds the queue back until it opens', { timeout: 120_000 }, () => {
  it('sends nothing before 17:30 but what the clerk sends now, and everything once the window opens', async () => {
    const dir = tempDir();
    await makeBatch(path.join(dir, 'batch'), 2);
    const s = await sandbox({ advanceMs: 0 });
    let clock = parseInstant('2026-12-04T10:00:00+07:00');
    const st = station(path.join(dir, 'station'), { now: () => new Date(clock) });
    const c = st.client;
    await c.call('settings.update', { uploadWindowFrom: '17:30' });
    await c.call('batch.import', { dir: path.join(dir, 'batch') });
    const ids = [...new Set((await c.call('outbox.overview', {})).items.map((i) => i.dossierId))];

    const held = await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 1500 });
    expect(held).toMatchObject({ submitted: 0, pending: 2 });
    expect(await sandboxDossiers(s.url)).toHaveLength(0);
    expect(await c.call('outbox.overview', {})).toMatchObject({
      uploadWindowFrom: '17:30',
      windowClosed: true,
    });

    // "Gửi ngay" for one dossier: it goes through the closed window; the other still waits.
    await c.call('outbox.sendNow', { dossierId: ids[0]! });
    const one = await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 3000 });
    expect(one).toMatchObject({ submitted: 1, pending: 1 });
    expect(one.items.find((i) => i.state === 'submitted')?.dossierId).toBe(ids[0]);

    clock = parseInstant('2026-12-04T17:31:00+07:00');
    const all = await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 30_000 });
    expect(all).toMatchObject({ submitted: 2, pending: 0, failed: 0 });
    expect((await c.call('outbox.overview', {})).windowClosed).toBe(false);
    expect(await sandboxDossiers(s.url)).toHaveLength(2);
  });
});
