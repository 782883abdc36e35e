import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { logFileName } from '../../shared/domain/log-files';
import { runSohoaSource } from '../helpers/cli';
import { failure, fastStation } from '../helpers/station';
import { tempDir } from '../helpers/tmp';

const PORTAL_SECRET = 'khoa-cong-QNAM-77ab01';
const PAY_SECRET = 'ma-thanh-toan-3e9f40';
const OFFICER = 'Võ Thị Cán Bộ';
const DAY = 86_400_000;

/** `unzip -l`: the names the archive lists, judged by Debian's unzip (python's zipfile if it is absent). */
function zipNames(file: string): string[] {
  let out: string;
  try {
    out = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
    // "  Length  Date  Time  Name" rows between the two dashed lines.
    const rows = out.split('\n');
    const start = rows.findIndex((r) => r.startsWith('---------'));
    const end = rows.findIndex((r, i) => i > start && r.startsWith('---------'));
    return rows.slice(start + 1, end).map((r) => r.trim().split(/\s+/).slice(3).join(' '));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    out = execFileSync('python3', ['-m', 'zipfile', '-l', file], { encoding: 'utf8' });
    return out
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((r) => r.split(/\s{2,}/)[0]!.trim());
  }
}

/** `unzip -p`: every member's bytes (or one member's), as text; python's zipfile if unzip is absent. */
function zipText(file: string, member?: string): string {
  try {
    return execFileSync('unzip', ['-p', file, ...(member ? [member] : [])], { encoding: 'utf8' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const script =
      'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\n' +
      'for n in (sys.argv[2:] or z.namelist()): sys.stdout.buffer.write(z.read(n))';
    return execFileSync('python3', ['-c', script, file, ...(member ? [member] : [])], { encoding: 'utf8' });
  }
}

/** A station with an administrator, a supervisor and a clerk, the portal keys set and a shell log beside the engine's. */
async function station() {
  const dataDir = tempDir('sohoa-support-');
  const s = fastStation(dataDir, { autoStart: false });
  const admin = await s.client.call('accounts.setup', {
    username: 'quantri',
    name: 'Phạm Quản Trị',
    password: 'mat-khau-QT-1',
  });
  s.client.setSession(admin.token);
  await s.client.call('settings.update', {
    portalUrl: 'https://lgsp.quangnam.gov.vn/dvc',
    portalStationId: 'QNAM-01',
    portalSecret: PORTAL_SECRET,
    paymentPartner: 'QNAM',
    paymentSecret: PAY_SECRET,
    officerName: OFFICER,
  });
  for (const [username, role] of [
    ['lanh', 'supervisor'],
    ['binh', 'clerk'],
  ] as const)
    await s.client.call('accounts.add', { username, name: username, password: `${username}-123456`, role });
  const logs = path.join(dataDir, 'logs');
  const now = Date.now();
  // What the Electron shell writes (main-*.log), and an engine log of ten days ago.
  fs.writeFileSync(path.join(logs, logFileName('main', now)), '[info] Trạm Số hóa khởi động\n');
  fs.writeFileSync(path.join(logs, logFileName('engine', now - 10 * DAY)), '{"level":"info","msg":"old"}\n');
  const as = async (username: string) =>
    s.client.setSession(
      (await s.client.call('accounts.signIn', { username, password: `${username}-123456` })).token,
    );
  return { ...s, dataDir, now, as };
}

describe('Gửi nhật ký hỗ trợ: the support bundle (log.exportSupport)', { timeout: 60_000 }, () => {
  it('zips the last 7 days of engine and shell logs with station.json, which holds no secret', async () => {
    const s = await station();
    await s.as('lanh');
    const out = await s.client.call('log.exportSupport', {});
    expect(path.dirname(out.path)).toBe(path.join(s.dataDir, 'support'));
    expect(path.basename(out.path)).toMatch(/^nhat-ky-ho-tro-\d{8}-\d{4}\.zip$/);
    expect(out.size).toBe(fs.statSync(out.path).size);

    const today = [logFileName('engine', s.now), logFileName('main', s.now)].map((f) => `logs/${f}`).sort();
    expect(zipNames(out.path).sort()).toEqual([...today, 'station.json'].sort());
    expect(out.files.sort()).toEqual([...today, 'station.json'].sort());

    const info = JSON.parse(zipText(out.path, 'station.json')) as Record<string, Record<string, unknown>>;
    expect(info.app).toMatchObject({ version: expect.any(String) });
    expect(info.os).toMatchObject({ platform: process.platform, arch: process.arch });
    expect(info.settings).toMatchObject({
      portalUrl: 'https://lgsp.quangnam.gov.vn/dvc',
      portalStationId: 'QNAM-01',
      portalSecretSet: true,
      paymentSecretSet: true,
      officerNameSet: true,
    });
    expect(info.settings).not.toHaveProperty('portalSecret');
    expect(info.settings).not.toHaveProperty('officerName');
    const everything = zipText(out.path);
    for (const secret of [PORTAL_SECRET, PAY_SECRET, OFFICER, 'mat-khau-QT-1', s.dataDir])
      expect(everything, secret).not.toContain(secret);
    // The engine's own lines are there: the calls that set the station up.
    expect(everything).toContain('"method":"settings.update"');

    // Fourteen days take the old engine log too.
    const wide = await s.client.call('log.exportSupport', { days: 14 });
    expect(zipNames(wide.path)).toContain(`logs/${logFileName('engine', s.now - 10 * DAY)}`);
  });

  it('is refused to a clerk, and writes nothing', async () => {
    const s = await station();
    await s.as('binh');
    expect((await failure(s.client.call('log.exportSupport', {}))).code).toBe('auth_forbidden');
    expect(fs.existsSync(path.join(s.dataDir, 'support'))).toBe(false);
  });

  it('`sohoa log export --json` writes the same bundle from the command line', () => {
    const dataDir = tempDir('sohoa-support-cli-');
    const env = { ...process.env, SOHOA_LANG: 'en' };
    const run = runSohoaSource(['--data', dataDir, 'log', 'export', '--days', '3', '--json'], {
      timeout: 60_000,
      env,
    });
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { path: string; size: number; files: string[] };
    expect(zipNames(out.path)).toContain('station.json');
    expect(JSON.parse(zipText(out.path, 'station.json'))).toMatchObject({ logs: { days: 3 } });
    const bad = runSohoaSource(['--data', dataDir, 'log', 'export', '--days', '30'], {
      timeout: 60_000,
      env,
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--days');
  });
});
