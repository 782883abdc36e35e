import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { openStore } from '../../electron/engine/store';
import { ALL_MIGRATIONS } from '../../electron/engine/schema';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { runSohoaSource } from '../helpers/cli';
import { b64, scanImage } from '../helpers/images';
import { tempDir } from '../helpers/tmp';

const SECRET = 'khoa-cong-QNAM-audit-55';

describe('the audit trail (nhật ký thao tác)', () => {
  it("records who did what to which dossier, never a key or the applicant's details, and sees an edit or a cut", async () => {
    const dir = tempDir();
    const engine = createEngine({ dataDir: dir, imaging: { ocr: false } });
    const client = connectInProcess(engine);
    let dossierId: string;
    try {
      await client.call('settings.update', { officerName: 'Trần Thị Bình', portalSecret: SECRET });
      const d = await client.call('dossier.create', { procedureCode: '1.001193', applicantName: 'tạm' });
      dossierId = d.id;
      await client.call('reception.setApplicant', {
        dossierId,
        applicant: { kind: 'person', name: 'Lê Văn Hùng', idNumber: '049190009876', phone: '0905111222' },
      });
      const png = await scanImage('png', { dpi: 100, width: 300, height: 420 });
      const added = await client.call('dossier.addPages', {
        dossierId,
        componentCode: 'TK',
        files: [{ name: 'tk.png', dataBase64: b64(png) }],
      });
      await client.call('dossier.rotatePage', { pageId: added.added[0]!.id, by: 90 });
      await client.call('dossier.get', { dossierId }); // a read: not recorded

      const mine = await client.call('audit.list', { dossierId });
      expect(mine.map((e) => e.action)).toEqual([
        'dossier.rotatePage',
        'dossier.addPages',
        'reception.setApplicant',
        'dossier.create',
      ]);
      expect(mine.every((e) => e.actor === 'Trần Thị Bình')).toBe(true);
      expect(JSON.parse(mine[1]!.detail)).toMatchObject({
        added: 1,
        params: { componentCode: 'TK', files: 1 },
      });
      const all = JSON.stringify(await client.call('audit.list', {}));
      for (const secret of [SECRET, '049190009876', '0905111222', 'Lê Văn Hùng', b64(png).slice(0, 40)])
        expect(all).not.toContain(secret);
      expect(await client.call('audit.verify', {})).toEqual({
        entries: 5,
        broken: null,
        intact: true,
        problems: [],
      });
    } finally {
      client.dispose();
      engine.close();
    }

    // Someone with the database file edits an entry: the chain says where.
    let store = openStore(dir, ALL_MIGRATIONS);
    store.db.prepare("UPDATE audit_log SET actor = 'người khác' WHERE action = 'dossier.addPages'").run();
    store.close();
    const cli = (...args: string[]) =>
      runSohoaSource(['--data', dir, '--lang', 'vi', 'audit', ...args], { timeout: 60_000 });
    const edited = cli('verify');
    expect(edited.status).toBe(1);
    expect(edited.stdout).toMatch(/Nhật ký đã bị sửa tại mục 4/);

    // Put it back, then cut an entry out of the middle: the next one no longer links.
    store = openStore(dir, ALL_MIGRATIONS);
    store.db.prepare("UPDATE audit_log SET actor = 'Trần Thị Bình' WHERE action = 'dossier.addPages'").run();
    store.close();
    expect(cli('verify').status).toBe(0);
    store = openStore(dir, ALL_MIGRATIONS);
    store.db.prepare("DELETE FROM audit_log WHERE action = 'reception.setApplicant'").run();
    store.close();
    const cut = cli('verify', '--json');
    expect(cut.status).toBe(1);
    expect(JSON.parse(cut.stdout)).toMatchObject({ broken: { seq: 4, reason: 'link' } });
    const listed = cli('list', '--dossier', dossierId);
    expect(listed.stdout).toContain('dossier.rotatePage');
  });
});
