import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CallFailed, type Client } from '../../shared/api/client';
import { createEngine } from '../../electron/engine';
import { Accounts } from '../../electron/engine/accounts';
import { EditLeases } from '../../electron/engine/dossier/leases';
import { Settings } from '../../electron/engine/settings';
import { openStore } from '../../electron/engine/store';
import { ALL_MIGRATIONS } from '../../electron/engine/schema';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { b64, scanImage } from '../helpers/images';
import { tempDir } from '../helpers/tmp';

const CLI = path.resolve('electron/cli/main.ts');
const TSX = path.resolve('node_modules/.bin/tsx');

async function failure(p: Promise<unknown>): Promise<{ code: string; params?: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CallFailed) return err.error as { code: string; params?: Record<string, unknown> };
    throw err;
  }
  throw new Error('the call succeeded');
}

function station(dir: string) {
  const engine = createEngine({ dataDir: dir, imaging: { ocr: false } });
  const client = connectInProcess(engine);
  return {
    engine,
    client,
    close() {
      client.dispose();
      engine.close();
    },
  };
}

/** The same engine, a second caller with a session of its own. */
function as(s: ReturnType<typeof station>, token: string | null): Client {
  const c = connectInProcess(s.engine);
  c.setSession(token);
  return c;
}

describe('people and roles at the counter', () => {
  it('a new station works without accounts until the first start makes the administrator; then every call needs the right person', async () => {
    const s = station(tempDir());
    try {
      expect(await s.client.call('accounts.status', {})).toMatchObject({ hasAccounts: false, me: null });
      // Scripts and the first-start wizard work before any account exists.
      await s.client.call('dossier.create', {
        procedureCode: '1.001193',
        applicantName: 'Trước khi có tài khoản',
      });

      const admin = await s.client.call('accounts.setup', {
        username: 'quantri',
        name: 'Phạm Quản Trị',
        password: 'mat-khau-quan-tri',
      });
      expect(admin.account).toMatchObject({ username: 'quantri', role: 'admin' });
      expect(
        (
          await failure(
            s.client.call('accounts.setup', { username: 'x2', name: 'Kẻ khác', password: '12345678' }),
          )
        ).code,
      ).toBe('accounts_exist');
      // No session: refused, public calls still answer.
      expect((await failure(s.client.call('dossier.list', {}))).code).toBe('auth_required');
      expect((await s.client.call('accounts.status', {})).hasAccounts).toBe(true);

      const adminClient = as(s, admin.token);
      await adminClient.call('accounts.add', {
        username: 'binh',
        name: 'Trần Thị Bình',
        role: 'clerk',
        password: 'binh-12345',
      });
      await adminClient.call('accounts.add', {
        username: 'lanh',
        name: 'Lê Lãnh Đạo',
        role: 'supervisor',
        password: 'lanh-12345',
      });
      expect((await adminClient.call('accounts.list', {})).map((a) => a.username).sort()).toEqual([
        'binh',
        'lanh',
        'quantri',
      ]);

      const clerk = await s.client.call('accounts.signIn', { username: 'binh', password: 'binh-12345' });
      const clerkClient = as(s, clerk.token);
      await clerkClient.call('dossier.list', {});
      // A clerk reaching supervisor and administrator calls through the raw API: refused by the engine.
      for (const [method, params] of [
        ['reports.figures', {}],
        ['audit.verify', {}],
        ['accounts.list', {}],
        ['portal.check', { url: 'http://127.0.0.1:9/', stationId: 'x', secret: 'y' }],
      ] as const) {
        const reply = await s.engine.dispatch({ kind: 'call', id: 1, method, params, session: clerk.token });
        expect(reply).toMatchObject({ ok: false, error: { code: 'auth_forbidden' } });
      }
      // Settings: the counter's equipment is the clerk's, the portal the administrator's.
      await clerkClient.call('settings.update', { scanFolderIdleSeconds: 45 });
      expect(
        (await failure(clerkClient.call('settings.update', { portalUrl: 'http://127.0.0.1:1/' }))).code,
      ).toBe('auth_forbidden');
      const supervisor = await s.client.call('accounts.signIn', { username: 'lanh', password: 'lanh-12345' });
      await as(s, supervisor.token).call('reports.figures', {});
      expect((await failure(as(s, supervisor.token).call('accounts.list', {}))).code).toBe('auth_forbidden');

      // A disabled clerk is out at once, and cannot sign in again.
      await adminClient.call('accounts.update', { username: 'binh', disabled: true });
      expect((await failure(clerkClient.call('dossier.list', {}))).code).toBe('auth_required');
      expect(
        (await failure(s.client.call('accounts.signIn', { username: 'binh', password: 'binh-12345' }))).code,
      ).toBe('auth_disabled');
      // The last administrator cannot lock themselves out.
      expect(
        (await failure(adminClient.call('accounts.update', { username: 'quantri', role: 'clerk' }))).code,
      ).toBe('account_last_admin');
    } finally {
      s.close();
    }
  });

  it("wrong passwords slow down after five tries; the idle lock keeps the session and a PIN opens it; a quick switch needs the day's full sign-in", async () => {
    const dir = tempDir();
    const store = openStore(dir, ALL_MIGRATIONS);
    try {
      const clock = { t: Date.parse('2026-12-03T01:00:00Z') };
      const settings = new Settings(store.db, store.key);
      const accounts = new Accounts(
        store.db,
        settings,
        () => [],
        () => clock.t,
      );
      await accounts.setup('quantri', 'Phạm Quản Trị', 'mat-khau-quan-tri');
      await accounts.add('binh', 'Trần Thị Bình', 'clerk', 'binh-12345');
      await accounts.add('an', 'Nguyễn Văn An', 'clerk', 'an-123456');

      const codes: string[] = [];
      for (let i = 0; i < 5; i++)
        codes.push(
          await accounts.signIn('binh', 'sai-mat-khau').then(
            () => 'ok',
            (e: { code: string }) => e.code,
          ),
        );
      expect(codes).toEqual(['auth_failed', 'auth_failed', 'auth_failed', 'auth_failed', 'auth_throttled']);
      // Even the right password waits until the delay has run; each further wrong try doubles it.
      await expect(accounts.signIn('binh', 'binh-12345')).rejects.toMatchObject({
        code: 'auth_throttled',
        params: { seconds: 30 },
      });
      clock.t += 31_000;
      await expect(accounts.signIn('binh', 'sai-nua')).rejects.toMatchObject({
        code: 'auth_throttled',
        params: { seconds: 60 },
      });
      clock.t += 61_000;
      const s = await accounts.signIn('binh', 'binh-12345');
      expect(s.account.name).toBe('Trần Thị Bình');
      expect(s.idleLockMinutes).toBe(10);

      // Ten idle minutes: the session is locked, not lost; the PIN opens the same session.
      await accounts.setPin('binh', 'binh-12345', '2468');
      expect(accounts.authorize('clerk', s.token).name).toBe('Trần Thị Bình');
      clock.t += 11 * 60_000;
      expect(() => accounts.authorize('clerk', s.token)).toThrow(
        expect.objectContaining({ code: 'auth_locked' }),
      );
      expect(accounts.status(s.token)).toMatchObject({ locked: true, me: null });
      await expect(accounts.unlock(s.token, '1111')).rejects.toMatchObject({ code: 'auth_failed' });
      expect((await accounts.unlock(s.token, '2468')).token).toBe(s.token);
      expect(accounts.authorize('clerk', s.token).username).toBe('binh');
      // Ctrl+L: locked at once, in the engine too.
      accounts.lock(s.token);
      expect(() => accounts.authorize('clerk', s.token)).toThrow(
        expect.objectContaining({ code: 'auth_locked' }),
      );
      await accounts.unlock(s.token, 'binh-12345');

      // An signs in (full); Bình comes back to the counter with her PIN alone.
      const an = await accounts.signIn('an', 'an-123456');
      expect(accounts.status(an.token).quickSwitch.map((q) => q.username)).toEqual(['binh']);
      const back = await accounts.quickSwitch('binh', '2468', an.token);
      expect(accounts.authorize('clerk', back.token).name).toBe('Trần Thị Bình');
      expect(() => accounts.authorize('clerk', an.token)).toThrow(
        expect.objectContaining({ code: 'auth_required' }),
      );
      // The next day the PIN alone is not enough: a full sign-in first.
      clock.t += 24 * 3600_000;
      await expect(accounts.quickSwitch('binh', '2468', null)).rejects.toMatchObject({
        code: 'auth_pin_unavailable',
      });
      // Passwords are stored only as salted scrypt records.
      const rows = store.db.prepare('SELECT password, pin FROM accounts').all() as {
        password: string;
        pin: string | null;
      }[];
      expect(JSON.stringify(rows)).not.toContain('binh-12345');
      expect(new Set(rows.map((r) => (JSON.parse(r.password) as { salt: string }).salt)).size).toBe(3);
      expect(JSON.parse(rows[0]!.password)).toMatchObject({ alg: 'scrypt', N: 32768, r: 8, p: 1 });
    } finally {
      store.close();
    }
  });

  it('the signed-in clerk receives the dossier, is its receiving officer on the receipt and the actor in the audit; the consent is recorded and printed', async () => {
    const dir = tempDir();
    const s = station(dir);
    try {
      const admin = await s.client.call('accounts.setup', {
        username: 'quantri',
        name: 'Phạm Quản Trị',
        password: 'mat-khau-quan-tri',
      });
      await as(s, admin.token).call('accounts.add', {
        username: 'binh',
        name: 'Trần Thị Bình',
        role: 'clerk',
        password: 'binh-12345',
      });
      const clerk = as(
        s,
        (await s.client.call('accounts.signIn', { username: 'binh', password: 'binh-12345' })).token,
      );
      // Someone set another name at the station: the signed-in clerk wins.
      await as(s, admin.token).call('settings.update', { officerName: 'Tên cũ ở trạm' });
      const d = await clerk.call('dossier.create', {
        procedureCode: '1.001193',
        applicantName: 'Lê Văn Hùng',
      });
      const png = await scanImage('png', { dpi: 100, width: 300, height: 420 });
      for (const c of d.components.filter((x) => x.required))
        await clerk.call('dossier.addPages', {
          dossierId: d.id,
          componentCode: c.code,
          files: [{ name: 'p.png', dataBase64: b64(png) }],
        });
      const received = await clerk.call('reception.receive', {
        dossierId: d.id,
        consent: { how: 'checkbox' },
        unsignedReason: 'Ký số bổ sung sau khi tiếp nhận',
      });
      expect(received.receivedBy).toBe('Trần Thị Bình');
      expect(received.consent).toMatchObject({ how: 'checkbox', by: 'Trần Thị Bình' });

      const receipt = await clerk.call('reception.receipt', { dossierId: d.id, form: '01' });
      const file = path.join(dir, 'receipt.pdf');
      fs.writeFileSync(file, Buffer.from(receipt.dataBase64, 'base64'));
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Trần Thị Bình');
      expect(text).not.toContain('Tên cũ ở trạm');
      expect(text).toMatch(/Ủy quyền nộp hồ sơ trực tuyến: Có/);

      const log = await as(s, admin.token).call('audit.list', { dossierId: d.id });
      expect(log.find((e) => e.action === 'reception.receive')?.actor).toBe('Trần Thị Bình (binh)');

      // A second dossier without consent: received for paper processing, and the receipt says so.
      const paper = await clerk.call('dossier.create', {
        procedureCode: '1.001193',
        applicantName: 'Hồ sơ giấy',
      });
      for (const c of paper.components.filter((x) => x.required))
        await clerk.call('dossier.addPages', {
          dossierId: paper.id,
          componentCode: c.code,
          files: [{ name: 'p.png', dataBase64: b64(png) }],
        });
      expect(
        (
          await clerk.call('reception.receive', {
            dossierId: paper.id,
            unsignedReason: 'Ký số bổ sung sau khi tiếp nhận',
          })
        ).consent,
      ).toBeNull();
      const paperReceipt = await clerk.call('reception.receipt', { dossierId: paper.id, form: '01' });
      fs.writeFileSync(file, Buffer.from(paperReceipt.dataBase64, 'base64'));
      expect(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })).toMatch(
        /trực tuyến: Không/,
      );
    } finally {
      s.close();
    }
  });

  it('two clerks on one draft: the second is told who is working on it, nothing changes, and it frees up after idling', async () => {
    const s = station(tempDir());
    try {
      const admin = await s.client.call('accounts.setup', {
        username: 'quantri',
        name: 'Phạm Quản Trị',
        password: 'mat-khau-quan-tri',
      });
      for (const [u, n] of [
        ['binh', 'Trần Thị Bình'],
        ['an', 'Nguyễn Văn An'],
      ] as const)
        await as(s, admin.token).call('accounts.add', {
          username: u,
          name: n,
          role: 'clerk',
          password: `${u}-123456`,
        });
      const binh = as(
        s,
        (await s.client.call('accounts.signIn', { username: 'binh', password: 'binh-123456' })).token,
      );
      const an = as(
        s,
        (await s.client.call('accounts.signIn', { username: 'an', password: 'an-123456' })).token,
      );
      const d = await binh.call('dossier.create', {
        procedureCode: '1.001193',
        applicantName: 'Lê Văn Hùng',
      });
      const png = await scanImage('png', { dpi: 100, width: 300, height: 420 });
      const added = await binh.call('dossier.addPages', {
        dossierId: d.id,
        componentCode: 'TK',
        files: [{ name: 'p.png', dataBase64: b64(png) }],
      });
      const refused = await failure(an.call('dossier.rotatePage', { pageId: added.added[0]!.id, by: 90 }));
      expect(refused).toMatchObject({ code: 'dossier_in_use', params: { name: 'Trần Thị Bình' } });
      expect((await binh.call('dossier.get', { dossierId: d.id })).components[0]!.pages[0]!.rotation).toBe(0);
      // Bình goes on as before.
      await binh.call('dossier.rotatePage', { pageId: added.added[0]!.id, by: 90 });

      // Each clerk's own certificate is remembered with their account.
      const choice = (who: string) => ({
        modulePath: '/usr/lib/softhsm/libsofthsm2.so',
        tokenSerial: `serial-${who}`,
        tokenLabel: `Token ${who}`,
        keyId: who === 'binh' ? '01' : '02',
        certSerialHex: who === 'binh' ? '0a' : '0b',
        commonName: who,
      });
      await binh.call('sign.choose', choice('binh'));
      await an.call('sign.choose', choice('an'));
      expect((await binh.call('sign.config.get', {})).choice?.tokenSerial).toBe('serial-binh');
      expect((await an.call('sign.config.get', {})).choice?.tokenSerial).toBe('serial-an');
    } finally {
      s.close();
    }
    const clock = { t: 0 };
    const leases = new EditLeases(10 * 60_000, () => clock.t);
    const who = (username: string) => ({ username, name: username, role: 'clerk' as const, session: null });
    leases.take('d1', who('binh'));
    expect(() => leases.take('d1', who('an'))).toThrow(expect.objectContaining({ code: 'dossier_in_use' }));
    clock.t += 11 * 60_000;
    leases.take('d1', who('an'));
    expect(() => leases.take('d1', who('binh'))).toThrow(expect.objectContaining({ code: 'dossier_in_use' }));
  });

  it('cutting the newest audit rows, putting an older station.db back, or editing a row is found and named', async () => {
    const dir = tempDir();
    let s = station(dir);
    const work = async (n: number) => {
      for (let i = 0; i < n; i++)
        await s.client.call('dossier.create', { procedureCode: '1.001193', applicantName: `Hồ sơ ${i}` });
    };
    await work(3);
    s.close();
    s = station(dir);
    await work(2);
    expect(await s.client.call('audit.verify', {})).toMatchObject({ entries: 5, intact: true, problems: [] });
    s.close();

    // The newest two entries cut off: the chain itself still links, but no longer reaches the sealed head.
    let store = openStore(dir, ALL_MIGRATIONS);
    store.db.prepare('DELETE FROM audit_log WHERE seq > 3').run();
    store.close();
    const cli = (...args: string[]) =>
      spawnSync(TSX, [CLI, '--data', dir, '--lang', 'vi', 'audit', 'verify', ...args], {
        encoding: 'utf8',
        timeout: 60_000,
      });
    const cut = cli('--json');
    expect(cut.status).toBe(1);
    const report = JSON.parse(cut.stdout) as {
      intact: boolean;
      problems: { kind: string; expected: number; found: number }[];
    };
    expect(report.intact).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'cut', expected: 5, found: 3 }));
    // It stays on the record: the next start does not forget it.
    const again = cli();
    expect(again.status).toBe(1);
    expect(again.stdout).toMatch(/không còn khớp mốc đối chiếu: chỉ còn 3\/5 mục/);

    // An older copy of the whole database put back: found the same way.
    const dir2 = tempDir();
    const backup = tempDir();
    const DB_FILES = ['station.db', 'station.db-wal'];
    s = station(dir2);
    await work(3);
    s.close();
    for (const f of DB_FILES)
      if (fs.existsSync(path.join(dir2, f))) fs.copyFileSync(path.join(dir2, f), path.join(backup, f));
    s = station(dir2);
    await work(1);
    s.close();
    for (const f of [...DB_FILES, 'station.db-shm']) fs.rmSync(path.join(dir2, f), { force: true });
    for (const f of DB_FILES)
      if (fs.existsSync(path.join(backup, f))) fs.copyFileSync(path.join(backup, f), path.join(dir2, f));
    s = station(dir2);
    const restored = await s.client.call('audit.verify', {});
    expect(restored.intact).toBe(false);
    expect(restored.problems).toContainEqual(expect.objectContaining({ kind: 'cut', expected: 4, found: 3 }));
    s.close();

    // An edited row: named by its number.
    store = openStore(dir2, ALL_MIGRATIONS);
    store.db.prepare("UPDATE audit_log SET actor = 'người khác' WHERE seq = 2").run();
    store.close();
    s = station(dir2);
    const edited = await s.client.call('audit.verify', {});
    expect(edited.problems[0]).toMatchObject({ kind: 'edited', seq: 2 });
    s.close();
  });

  it('from the command line: the first account, then every change runs as a user (password from the environment, never argv)', () => {
    const dir = tempDir();
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(TSX, [CLI, '--data', dir, '--lang', 'vi', ...args], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, SOHOA_PASSWORD: '', SOHOA_PASSWORD_NEW: '', ...env },
      });
    // Before any account: scripts work as before.
    expect(run(['dossier', 'new', '--procedure', '1.001193', '--applicant-name', 'Trước']).status).toBe(0);
    const add = run(['user', 'add', '--username', 'quantri', '--name', 'Phạm Quản Trị', '--role', 'admin'], {
      SOHOA_PASSWORD_NEW: 'mat-khau-quan-tri',
    });
    expect(add.status, add.stderr).toBe(0);
    const refused = run(['dossier', 'new', '--procedure', '1.001193', '--applicant-name', 'Sau']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('auth_required');
    const asAdmin = { SOHOA_PASSWORD: 'mat-khau-quan-tri' };
    expect(
      run(
        [
          '--user',
          'quantri',
          'user',
          'add',
          '--username',
          'binh',
          '--name',
          'Trần Thị Bình',
          '--role',
          'clerk',
        ],
        {
          ...asAdmin,
          SOHOA_PASSWORD_NEW: 'binh-12345',
        },
      ).status,
    ).toBe(0);
    const list = run(['--user', 'quantri', 'user', 'list', '--json'], asAdmin);
    expect(
      JSON.parse(list.stdout)
        .map((a: { username: string }) => a.username)
        .sort(),
    ).toEqual(['binh', 'quantri']);
    const ok = run(
      ['--user', 'binh', 'dossier', 'new', '--procedure', '1.001193', '--applicant-name', 'Sau'],
      {
        SOHOA_PASSWORD: 'binh-12345',
      },
    );
    expect(ok.status, ok.stderr).toBe(0);
    const wrong = run(['--user', 'binh', 'user', 'list'], { SOHOA_PASSWORD: 'binh-12345' });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/không có quyền/);
    expect(run(['--user', 'quantri', 'user', 'disable', 'binh'], asAdmin).status).toBe(0);
    expect(run(['--user', 'binh', 'dossier', 'list'], { SOHOA_PASSWORD: 'binh-12345' }).stderr).toContain(
      'auth_disabled',
    );
  });
});
