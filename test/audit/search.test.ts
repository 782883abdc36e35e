import { describe, expect, it } from 'vitest';
import type { Client } from '../../shared/api/client';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { failure } from '../helpers/station';
import { tempDir } from '../helpers/tmp';

/** The counter's calendar day (+07:00), `days` from today. */
const counterDay = (days = 0) =>
  new Date(Date.now() + 7 * 3600_000 + days * 24 * 3600_000).toISOString().slice(0, 10);

describe('Nhật ký hoạt động: the supervisor browses the whole station’s trail', () => {
  it('filters by day, by person without marks and by kind of action, a page at a time; a clerk is refused', async () => {
    const engine = createEngine({ dataDir: tempDir(), imaging: { ocr: false } });
    const station = connectInProcess(engine);
    const as = (token: string): Client => {
      const c = connectInProcess(engine);
      c.setSession(token);
      return c;
    };
    try {
      const admin = await station.call('accounts.setup', {
        username: 'quantri',
        name: 'Phạm Quản Trị',
        password: 'mat-khau-quan-tri',
      });
      const adminClient = as(admin.token);
      for (const [username, name, role] of [
        ['binh', 'Trần Thị Bình', 'clerk'],
        ['an', 'Nguyễn Văn An', 'clerk'],
        ['lanh', 'Lê Lãnh Đạo', 'supervisor'],
      ] as const)
        await adminClient.call('accounts.add', { username, name, role, password: `${username}-12345` });
      const signIn = async (username: string) =>
        as((await station.call('accounts.signIn', { username, password: `${username}-12345` })).token);
      const binh = await signIn('binh');
      const an = await signIn('an');
      const lanh = await signIn('lanh');

      // Bình makes three dossiers, An one, and An changes a counter setting.
      for (const n of [1, 2, 3])
        await binh.call('dossier.create', { procedureCode: '1.001193', applicantName: `Người nộp ${n}` });
      const mine = await an.call('dossier.create', {
        procedureCode: '1.001193',
        applicantName: 'Người nộp 4',
      });
      await an.call('settings.update', { scanFolderIdleSeconds: 45 });

      // A clerk cannot read the station's trail; the supervisor can.
      expect((await failure(binh.call('audit.search', {}))).code).toBe('auth_forbidden');
      const all = await lanh.call('audit.search', {});
      expect(all.total).toBe(all.entries.length);
      expect(all.actions).toEqual(expect.arrayContaining(['dossier.create', 'settings.update']));
      expect(all.actors.some((a) => a.includes('Trần Thị Bình'))).toBe(true);

      // By person, typed without marks.
      const ofBinh = await lanh.call('audit.search', { actor: 'tran thi binh' });
      expect(ofBinh.total).toBe(3);
      expect(ofBinh.entries.every((e) => e.actor.includes('Trần Thị Bình'))).toBe(true);
      const ofAn = await lanh.call('audit.search', { actor: 'NGUYEN VAN AN' });
      expect(ofAn.entries.map((e) => e.action)).toEqual(['settings.update', 'dossier.create']);
      expect(ofAn.entries[1]!.dossierId).toBe(mine.id);
      expect((await lanh.call('audit.search', { actor: 'không có ai' })).total).toBe(0);

      // By kind: one call, or every call of a room ("dossier" is not "dossier.create" only).
      const created = await lanh.call('audit.search', { action: 'dossier.create' });
      expect(created.total).toBe(4);
      expect((await lanh.call('audit.search', { action: 'dossier' })).total).toBe(4);
      expect((await lanh.call('audit.search', { action: 'dossi' })).total).toBe(0);
      expect((await lanh.call('audit.search', { action: 'settings', actor: 'an' })).total).toBe(1);

      // By day at the counter: today holds them all, yesterday none, tomorrow none.
      const today = await lanh.call('audit.search', { from: counterDay(), to: counterDay() });
      expect(today.total).toBe(all.total);
      expect((await lanh.call('audit.search', { to: counterDay(-1) })).total).toBe(0);
      expect((await lanh.call('audit.search', { from: counterDay(1) })).total).toBe(0);

      // A page at a time, newest first, pages that do not overlap.
      const first = await lanh.call('audit.search', { action: 'dossier.create', limit: 3 });
      const second = await lanh.call('audit.search', { action: 'dossier.create', limit: 3, offset: 3 });
      expect(first.entries).toHaveLength(3);
      expect(second.entries).toHaveLength(1);
      expect(first.total).toBe(4);
      const seqs = [...first.entries, ...second.entries].map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      expect(new Set(seqs).size).toBe(4);
    } finally {
      station.dispose();
      engine.close();
    }
  });
});
