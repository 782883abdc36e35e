import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PURGED_NAME } from '../../shared/api/rooms/privacy';
import { fileSafe } from '../../shared/domain/text';
import { ALL_MIGRATIONS } from '../../electron/engine/schema';
import { openStore } from '../../electron/engine/store';
import { openDb } from '../../electron/engine/store/db';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { page, PROCEDURE, waitFor } from '../outbox/fixtures';
import { handOver, portal, receive, station } from './fixtures';
import { tempDir } from '../helpers/tmp';

/**
 * The personal data lifecycle (docs/architecture.md, privacy): dossiers received with the
 * citizen's consent, sent to the built-in training portal, handed over, then purged after
 * the retention — the details and the files gone, the record kept.
 */

const BIN = fileURLToPath(new URL('../../bin/sohoa.mjs', import.meta.url));
const DAY = 86_400_000;
const CCCD_A = '049190001234';
const CCCD_B = '049185007777';
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

const blobFile = (dir: string, id: string) => path.join(dir, 'blobs', id.slice(0, 2), id.slice(2));

function rows(dir: string, dossierId: string) {
  const db = openDb(path.join(dir, 'station.db'), ALL_MIGRATIONS);
  try {
    const one = (sql: string) => db.prepare(sql).get(dossierId) as Record<string, unknown> | undefined;
    return {
      dossier: one('SELECT * FROM dossiers WHERE id = ?')!,
      pages: (one('SELECT COUNT(*) AS n FROM pages WHERE dossier_id = ?')!.n as number) ?? 0,
      pdfs: one('SELECT COUNT(*) AS n FROM component_pdfs WHERE dossier_id = ?')!.n as number,
      results: db
        .prepare('SELECT blob, size, sha256 FROM outbox_results WHERE dossier_id = ?')
        .all(dossierId) as { blob: string; size: number; sha256: string }[],
      returnedTo: db
        .prepare('SELECT returned_to FROM outbox_items WHERE dossier_id = ? AND kind = ?')
        .all(dossierId, 'return') as { returned_to: string | null }[],
      sent: db
        .prepare(
          'SELECT f.sha256, f.size, f.blob FROM outbox_files f JOIN outbox_items i ON i.id = f.item_id WHERE i.dossier_id = ?',
        )
        .all(dossierId) as { sha256: string; size: number; blob: string }[],
    };
  } finally {
    db.close();
  }
}

describe('the personal data lifecycle', { timeout: 180_000 }, () => {
  it('purges the files, then the details, after their retention; keeps the record; a dry run changes nothing', async () => {
    const dir = tempDir();
    const clock = { now: new Date() };
    const st = station(dir, { now: () => clock.now });
    try {
      const c = st.client;
      const a = await receive(c, CCCD_A, 'Nguyễn Thị Lan', 1);
      const b = await receive(c, CCCD_B, 'Trần Văn Bảy', 2);
      await handOver(c, a.id);

      // A is handed over: due at hand-over + 30 days (files) and + 90 days (details). B waits for its citizen.
      const plan = await c.call('privacy.plan', {});
      const pa = plan.dossiers.find((d) => d.dossierId === a.id)!;
      const pb = plan.dossiers.find((d) => d.dossierId === b.id)!;
      expect(pa.held).toBeNull();
      const handed = Date.parse(pa.handedOverAt!);
      expect(pa.due).toEqual([
        { kind: 'applicant', at: new Date(handed + 90 * DAY).toISOString() },
        { kind: 'files', at: new Date(handed + 30 * DAY).toISOString() },
      ]);
      expect(pb).toMatchObject({ held: 'not_handed_over', due: [] });
      expect((await c.call('privacy.purge', {})).purged).toEqual([]);

      const before = rows(dir, a.id);
      expect(before.pages).toBe(2);
      expect(before.pdfs).toBe(2);
      const sentBlobs = before.sent.map((f) => f.blob);
      expect(before.results).toHaveLength(1);
      const aBlobs = [...a.scans.map(sha), ...sentBlobs, before.results[0]!.blob];
      for (const id of aBlobs) expect(fs.existsSync(blobFile(dir, id))).toBe(true);

      // 31 days on: the files are due, the details not yet. A dry run says so and changes nothing.
      clock.now = new Date(handed + 31 * DAY);
      const dry = await c.call('privacy.purge', { dryRun: true });
      expect(dry.purged).toEqual([
        expect.objectContaining({ dossierId: a.id, kinds: ['files'], pages: 2, pdfs: 2 }),
      ]);
      expect(rows(dir, a.id)).toEqual(before);
      for (const id of aBlobs) expect(fs.existsSync(blobFile(dir, id))).toBe(true);

      const files = await c.call('privacy.purge', {});
      expect(files.purged).toEqual([
        expect.objectContaining({ dossierId: a.id, kinds: ['files'], pages: 2, pdfs: 2, results: 1 }),
      ]);
      expect(files.held).toContainEqual({ dossierId: b.id, code: b.code, reason: 'not_handed_over' });
      const mid = rows(dir, a.id);
      expect([mid.pages, mid.pdfs]).toEqual([0, 0]);
      for (const id of aBlobs) expect(fs.existsSync(blobFile(dir, id))).toBe(false);
      // B's scans and PDFs are untouched; A's details are still there.
      for (const id of b.scans.map(sha)) expect(fs.existsSync(blobFile(dir, id))).toBe(true);
      expect((await c.call('dossier.get', { dossierId: a.id })).applicant).toMatchObject({
        idNumber: CCCD_A,
      });
      // The portal's result went with the files; its row stays on the record.
      const result = (await c.call('outbox.overview', {})).items.find(
        (i) => i.dossierId === a.id && i.kind === 'submit',
      )!.results[0]!;
      expect(result.size).toBeGreaterThan(0);
      await expect(
        c.call('outbox.resultFile', { dossierId: a.id, fileId: result.fileId }),
      ).rejects.toMatchObject({
        error: { code: 'data_purged' },
      });
      expect(mid.returnedTo).toEqual([{ returned_to: 'Người nhận' }]);

      // 91 days on: the details go too.
      clock.now = new Date(handed + 91 * DAY);
      const details = await c.call('privacy.purge', {});
      expect(details.purged).toEqual([expect.objectContaining({ dossierId: a.id, kinds: ['applicant'] })]);
      const after = rows(dir, a.id);
      expect(after.dossier.applicant).toBeNull();
      expect(after.dossier.applicant_name).toBe(PURGED_NAME);
      // The record stays: code, dates, status, and the hashes and sizes of what was sent.
      for (const k of ['code', 'received_at', 'appointment_at', 'status', 'created_at'])
        expect(after.dossier[k]).toEqual(before.dossier[k]);
      expect(after.sent).toEqual(before.sent);
      expect(after.results).toEqual(before.results);
      expect(after.returnedTo).toEqual([{ returned_to: null }]); // who received the result: a name, gone too

      // A purged dossier reads fine everywhere, and says what was removed.
      const d = await c.call('dossier.get', { dossierId: a.id });
      expect(d).toMatchObject({ code: a.code, applicant: null, applicantName: PURGED_NAME, pageCount: 0 });
      expect(d.purged?.applicantAt).toBeTruthy();
      expect(d.purged?.filesAt).toBeTruthy();
      expect(d.components.every((x) => x.pages.length === 0 && x.pdf === null)).toBe(true);
      expect((await c.call('dossier.list', {})).find((x) => x.id === a.id)?.applicantName).toBe(PURGED_NAME);
      const receipt = await c.call('reception.receipt', { dossierId: a.id });
      expect(Buffer.from(receipt.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      await c.call('reports.figures', {});
      const overview = await c.call('outbox.overview', {});
      expect(overview.items.find((i) => i.dossierId === a.id && i.kind === 'submit')?.files).toHaveLength(2);

      // The audit trail: one entry per purge of the dossier, counts only; the trail still verifies.
      const trail = await c.call('audit.list', { dossierId: a.id });
      const purges = trail.filter((e) => e.action === 'privacy.purge');
      expect(purges).toHaveLength(2);
      expect(JSON.parse(purges[1]!.detail)).toMatchObject({ kinds: ['files'], pages: 2, pdfs: 2 });
      for (const e of trail) expect(e.detail).not.toContain(CCCD_A);
      const calls = (await c.call('audit.list', {})).filter(
        (e) => e.action === 'privacy.purge' && e.dossierId === null,
      );
      expect(calls.length).toBe(3); // the three purges, not the dry run
      expect((await c.call('audit.verify', {})).intact).toBe(true);

      // The export: B's dossier and PDFs, nothing of A (whose details are gone).
      const ex = await c.call('privacy.export', { applicantId: CCCD_B });
      expect(ex.dossiers).toBe(1);
      const json = Buffer.from(ex.files[0]!.dataBase64, 'base64').toString('utf8');
      expect(ex.files[0]!.name).toBe('dossiers.json');
      expect(json).toContain(CCCD_B);
      expect(json).not.toContain(CCCD_A);
      expect(json).not.toContain(a.id);
      // One PDF per component (the result, once fetched back, comes as a file of its own).
      const pdfs = ex.files.slice(1).filter((f) => !f.name.includes('_ket-qua_'));
      expect(pdfs).toHaveLength(2);
      for (const f of pdfs) {
        expect(f.name.startsWith(fileSafe(b.code))).toBe(true);
        expect(Buffer.from(f.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      }
      expect((await c.call('privacy.export', { applicantId: CCCD_A })).dossiers).toBe(0);
      // The exports are on the record, without the ID they were asked for.
      const exports = (await c.call('audit.list', {})).filter((e) => e.action === 'privacy.export');
      expect(exports).toHaveLength(2);
      for (const e of exports) expect(e.detail).not.toMatch(/049190001234|049185007777/);
      expect(JSON.parse(exports[1]!.detail)).toMatchObject({ result: { dossiers: 1 } });
    } finally {
      st.close();
    }
  });

  it('holds back a dossier still in the outbox, not acknowledged by the portal, or not handed over — and purges by itself at start', async () => {
    // A portal that never finishes: the dossier stays submitted (status not final).
    const slow = await portal(600_000);
    const one = station(tempDir());
    try {
      const c = one.client;
      await c.call('settings.update', { retentionApplicantDays: 0, retentionFilesDays: 0 });
      const queued = await receive(c, CCCD_A, 'Nguyễn Thị Lan', 3);
      const draft = await c.call('dossier.create', { procedureCode: PROCEDURE, applicantName: 'Nháp' });
      const held = async () =>
        new Map((await c.call('privacy.plan', {})).dossiers.map((d) => [d.dossierId, d.held]));
      expect((await held()).get(queued.id)).toBe('in_outbox');
      expect((await held()).get(draft.id)).toBe('not_handed_over');
      await c.call('outbox.sync', { portalUrl: slow.url, untilEmpty: true, timeoutMs: 30_000 });
      expect((await held()).get(queued.id)).toBe('portal_not_final');
      const report = await c.call('privacy.purge', {});
      expect(report.purged).toEqual([]);
      expect(report.held).toEqual(
        expect.arrayContaining([
          { dossierId: queued.id, code: queued.code, reason: 'portal_not_final' },
          { dossierId: draft.id, code: null, reason: 'not_handed_over' },
        ]),
      );
      expect((await c.call('dossier.get', { dossierId: queued.id })).applicant).toMatchObject({
        idNumber: CCCD_A,
      });
    } finally {
      one.close();
    }

    // Retention 0: purged at the engine's first run after the hand-over, by itself.
    const dir = tempDir();
    const first = station(dir);
    const done = await receive(first.client, CCCD_B, 'Trần Văn Bảy', 4);
    await handOver(first.client, done.id);
    await first.client.call('settings.update', { retentionApplicantDays: 0, retentionFilesDays: 0 });
    first.close();
    const again = station(dir, { autoPurge: true });
    try {
      const c = again.client;
      const d = await waitFor('the purge at start', async () => {
        const x = await c.call('dossier.get', { dossierId: done.id });
        return x.purged?.applicantAt && x.purged.filesAt ? x : null;
      });
      expect(d).toMatchObject({ applicant: null, applicantName: PURGED_NAME, code: done.code });
      for (const id of done.scans.map(sha)) expect(fs.existsSync(blobFile(dir, id))).toBe(false);
      const entry = (await c.call('audit.list', { dossierId: done.id })).find(
        (e) => e.action === 'privacy.purge',
      );
      expect(entry?.actor).toContain('tự xóa');
      expect(JSON.parse(entry!.detail)).toMatchObject({ kinds: ['applicant', 'files'], pages: 2, pdfs: 2 });
      // Received now, with no portal to send it to: it stays in the outbox, and so does its data.
      const waiting = await receive(c, CCCD_A, 'Nguyễn Thị Lan', 5);
      const report = await c.call('privacy.purge', {});
      expect(report.purged).toEqual([]);
      expect(report.held).toContainEqual({ dossierId: waiting.id, code: waiting.code, reason: 'in_outbox' });
    } finally {
      again.close();
    }

    // A crash between the purge's transaction and the files' removal: the files are still listed
    // as pending, and the next run removes them.
    const store = openStore(dir, ALL_MIGRATIONS);
    const scan = store.blobs.put(done.scans[0]!);
    store.db
      .prepare('UPDATE privacy_purges SET pending = ? WHERE dossier_id = ?')
      .run(JSON.stringify([scan]), done.id);
    store.close();
    expect(fs.existsSync(blobFile(dir, scan))).toBe(true);
    const third = station(dir, { autoPurge: true });
    try {
      await waitFor('the left-over file removed', () => !fs.existsSync(blobFile(dir, scan)));
    } finally {
      third.close();
    }
  });

  it('only a supervisor plans, purges and exports — even through the raw dispatch; only an administrator sets the retention', async () => {
    const s = station(tempDir());
    try {
      const admin = await s.client.call('accounts.setup', {
        username: 'quantri',
        name: 'Phạm Quản Trị',
        password: 'mat-khau-quan-tri',
      });
      const as = (token: string) => {
        const c = connectInProcess(s.engine);
        c.setSession(token);
        return c;
      };
      const adminClient = as(admin.token);
      for (const [username, role] of [
        ['binh', 'clerk'],
        ['lanh', 'supervisor'],
      ] as const)
        await adminClient.call('accounts.add', {
          username,
          name: username,
          role,
          password: `${username}-12345`,
        });
      const clerk = await s.client.call('accounts.signIn', { username: 'binh', password: 'binh-12345' });
      for (const [method, params] of [
        ['privacy.purge', { dryRun: false }],
        ['privacy.purge', {}],
        ['privacy.plan', {}],
        ['privacy.export', { applicantId: CCCD_A }],
      ] as const) {
        const reply = await s.engine.dispatch({ kind: 'call', id: 1, method, params, session: clerk.token });
        expect(reply).toMatchObject({ ok: false, error: { code: 'auth_forbidden' } });
      }
      const supervisor = await s.client.call('accounts.signIn', { username: 'lanh', password: 'lanh-12345' });
      const sup = as(supervisor.token);
      expect((await sup.call('privacy.purge', { dryRun: true })).purged).toEqual([]);
      const refused = await s.engine.dispatch({
        kind: 'call',
        id: 2,
        method: 'settings.update',
        params: { retentionFilesDays: 0 },
        session: supervisor.token,
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'auth_forbidden' } });
      expect((await adminClient.call('settings.update', { retentionFilesDays: 7 })).retentionFilesDays).toBe(
        7,
      );
    } finally {
      s.close();
    }
  });

  it('from the command line: plan, dry run, export of one citizen to a folder, purge', async () => {
    const dir = tempDir();
    const st = station(dir);
    const a = await receive(st.client, CCCD_A, 'Nguyễn Thị Lan', 6);
    const b = await receive(st.client, CCCD_B, 'Trần Văn Bảy', 7);
    await handOver(st.client, a.id);
    await st.client.call('settings.update', { retentionApplicantDays: 0, retentionFilesDays: 0 });
    st.close();
    const sohoa = (...args: string[]) => {
      const r = spawnSync(process.execPath, [BIN, ...args, '--data', dir], {
        encoding: 'utf8',
        env: { ...process.env, SOHOA_LANG: '', SOHOA_DATA_DIR: '' },
        timeout: 60_000,
      });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    const plan = JSON.parse(sohoa('privacy', 'plan', '--json')) as {
      dossiers: { dossierId: string; held: string | null; due: unknown[] }[];
    };
    expect(plan.dossiers.find((d) => d.dossierId === a.id)).toMatchObject({ held: null });
    // B was not handed over: held back, whether its result has come back from the portal yet or not.
    expect(['not_handed_over', 'portal_not_final']).toContain(
      plan.dossiers.find((d) => d.dossierId === b.id)?.held,
    );
    const dry = JSON.parse(sohoa('privacy', 'purge', '--dry-run', '--json')) as {
      dryRun: boolean;
      purged: { dossierId: string }[];
    };
    expect(dry).toMatchObject({ dryRun: true, purged: [{ dossierId: a.id }] });
    expect(rows(dir, a.id).pages).toBe(2);

    const out = path.join(dir, 'xuat');
    sohoa('privacy', 'export', '--applicant', CCCD_A, '--out', out);
    const names = fs.readdirSync(out).sort();
    expect(names).toContain('dossiers.json');
    expect(names.filter((n) => n.endsWith('.pdf') && !n.includes('_ket-qua_'))).toHaveLength(2);
    expect(names.filter((n) => n.includes('_ket-qua_'))).toHaveLength(1); // the portal's result, handed over
    const json = fs.readFileSync(path.join(out, 'dossiers.json'), 'utf8');
    expect(json).toContain(CCCD_A);
    expect(json).not.toContain(CCCD_B);

    const purged = JSON.parse(sohoa('privacy', 'purge', '--json')) as {
      purged: { dossierId: string; kinds: string[] }[];
    };
    expect(purged.purged).toEqual([
      expect.objectContaining({ dossierId: a.id, kinds: ['applicant', 'files'] }),
    ]);
    expect(rows(dir, a.id)).toMatchObject({ pages: 0, pdfs: 0, dossier: { applicant: null, code: a.code } });
    expect(rows(dir, b.id).pages).toBe(2);
  });
});

describe('a paper dossier', { timeout: 120_000 }, () => {
  it('is never sent; its hand-over at the counter is recorded, and its data is purged after the retention like any other', async () => {
    const dir = tempDir();
    const st = station(dir);
    try {
      const c = st.client;
      await c.call('settings.update', { retentionFilesDays: 0, retentionApplicantDays: 0 });
      const d = await c.call('dossier.create', { procedureCode: PROCEDURE, applicantName: 'tạm' });
      await c.call('reception.setApplicant', {
        dossierId: d.id,
        applicant: { kind: 'person', name: 'Phan Thị Giấy', idNumber: '049190005555' },
      });
      for (const code of ['TK', 'GBT'])
        await c.call('dossier.addPages', {
          dossierId: d.id,
          componentCode: code,
          files: [{ name: `${code}.png`, dataBase64: (await page(7)).toString('base64') }],
        });
      // No consent: processed on paper, never queued for the portal.
      expect(
        (
          await c.call('reception.receive', {
            dossierId: d.id,
            unsignedReason: 'Ký số bổ sung sau khi tiếp nhận',
          })
        ).consent,
      ).toBeNull();
      expect((await c.call('outbox.overview', {})).items.filter((i) => i.dossierId === d.id)).toEqual([]);
      expect((await c.call('privacy.plan', {})).dossiers.find((x) => x.dossierId === d.id)?.held).toBe(
        'not_handed_over',
      );
      await c.call('outbox.recordReturn', { dossierId: d.id, returnedTo: 'Phan Thị Giấy' });
      const purged = await c.call('privacy.purge', {});
      expect(purged.purged.map((p) => p.dossierId)).toContain(d.id);
      const after = await c.call('dossier.get', { dossierId: d.id });
      expect(after.applicantName).toBe(PURGED_NAME);
      expect(after.components.every((x) => x.pages.length === 0)).toBe(true);
      expect(after.code).toBeTruthy();
    } finally {
      st.close();
    }
  });
});
