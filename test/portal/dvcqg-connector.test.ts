import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PortalFailure } from '../../electron/engine/portal/connector';
import { DvcqgPortal } from '../../electron/engine/portal/dvcqg/connector';
import { HttpPortal } from '../../electron/engine/portal/http';
import { type Sandbox, startSandbox } from '../../electron/engine/training';
import { createRequest } from '../outbox/fixtures';
import { tempDir } from '../helpers/tmp';
import { received, startStandin } from './standin-process';

const children: ChildProcess[] = [];
const sandboxes: Sandbox[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const s of sandboxes.splice(0)) await s.close();
});

async function setup(args: string[] = []) {
  const s = await startSandbox({ dataDir: tempDir('sohoa-dvcqg-'), autoPayMs: 0 });
  sandboxes.push(s);
  const { url } = await startStandin(children, args);
  const files = new HttpPortal({ url: s.url, stationId: 'T', secret: 'sandbox' });
  const portal = new DvcqgPortal(
    {
      adapterUrl: url,
      authEndpoint: '/auth',
      integrationEndpoint: '/integration',
      shareEndpoint: '/share',
      username: 'donvi',
      password: 'matkhau',
      madonvi: '000.00.00.H01',
    },
    files,
  );
  return { url, portal, files };
}

/** A dossier on the file service with its one file complete. */
async function uploaded(files: HttpPortal, code: string) {
  const bytes = crypto.randomBytes(5000);
  const d = await files.createDossier(createRequest(code, [bytes]), `k-${code}`);
  await files.uploadChunk(code, d.TaiLieuNop[0]!.TepId, 0, bytes);
  return d;
}

describe('the DVCQG dialect against a stand-in written from the issue', () => {
  it('a dossier goes by DongBoHoSoMC with its file URLs; replayed, it goes as isUpdating "True" and is never doubled', async () => {
    const { url, portal, files } = await setup();
    const d = await uploaded(files, 'DV-1');
    await portal.submit('DV-1');
    expect(await portal.syncDossier(await files.getDossier('DV-1'), 2)).toBe('updated');
    const got = await received(url);
    expect(Object.keys(got.dossiers)).toEqual(['DV-1']);
    expect(got.dossiers['DV-1']!.syncs.map((s) => s.isUpdating)).toEqual(['False', 'True']);
    const file = (got.dossiers['DV-1']!.dossier.TaiLieuNop as Record<string, string>[])[0]!;
    expect(file.TepDinhKemId).toBe(d.TaiLieuNop[0]!.TepId);
    expect(file.DuongDanTaiTepTin?.startsWith(files.url)).toBe(true);
    expect(got.dossiers['DV-1']!.dossier.NgayTiepNhan).toMatch(/^\d{14}$/);
  });

  it('a completion request and its resumption reach the portal with status 5 then 4 and both appointments', async () => {
    const { url, portal, files } = await setup();
    await uploaded(files, 'DV-2');
    await portal.submit('DV-2');
    const old = new Date('2026-12-10T03:00:00Z');
    const renewed = new Date('2026-12-17T03:00:00Z');
    const base = { actor: 'Nguyễn Thị Cán Bộ', content: 'Bổ sung giấy chứng sinh bản chính' };
    await portal.sendEvent('DV-2', {
      ...base,
      kind: 'completion_request',
      at: new Date('2026-12-04T02:00:00Z'),
      oldAppointment: old,
    });
    await portal.sendEvent('DV-2', {
      ...base,
      kind: 'completion_resume',
      at: new Date('2026-12-08T02:00:00Z'),
      oldAppointment: old,
      newAppointment: renewed,
    });
    const got = await received(url);
    expect(got.progress.map((p) => p.TrangThai)).toEqual(['5', '4']);
    const held = got.dossiers['DV-2']!.dossier;
    const extra = (held.DanhSachHoSoBoSung as Record<string, unknown>[])[0]!;
    expect(extra).toMatchObject({
      NgayHenTraTruoc: '20261210100000',
      NgayHenTraMoi: '20261217100000',
      TrangThaiBoSung: 1,
    });
    expect(held.NgayHenTra).toBe('20261217100000');
    expect(got.dossiers['DV-2']!.syncs.map((s) => s.isUpdating)).toEqual(['False', 'True', 'True']);
  });

  it('LayThuTuc gives the procedure name and field', async () => {
    const { portal } = await setup();
    expect(await portal.procedure('1.000656')).toEqual({
      name: 'Đăng ký khai tử',
      fieldCode: 'G09-TP04',
      fieldName: 'Hộ tịch',
    });
    expect(await portal.procedure('9.999999')).toBeNull();
  });

  it('a session that expires mid-batch is renewed once and the call repeated', async () => {
    const { url, portal, files } = await setup(['--session-calls', '2']);
    for (const code of ['DV-3', 'DV-4', 'DV-5']) {
      await uploaded(files, code);
      await portal.submit(code);
    }
    expect(Object.keys((await received(url)).dossiers).sort()).toEqual(['DV-3', 'DV-4', 'DV-5']);
  });

  it('a dossier the portal holds with other data is stopped with a conflict, not overwritten', async () => {
    const { url, portal, files } = await setup(['--conflict', 'DV-6']);
    await uploaded(files, 'DV-6');
    await expect(portal.submit('DV-6')).rejects.toMatchObject({
      kind: 'rejected',
      portalCode: 'dossier_conflict',
    });
    expect((await received(url)).dossiers['DV-6']).toBeUndefined();
  });

  it('under 30 % faults (500, empty body, HTML page, error_code, a result not a list, a lost answer) every failure is a failure, and retrying ends with each dossier once', async () => {
    const { url, portal, files } = await setup(['--faults', '0.3']);
    const codes = ['DV-10', 'DV-11', 'DV-12', 'DV-13', 'DV-14', 'DV-15'];
    const kinds = new Set<string>();
    for (const code of codes) await uploaded(files, code);
    for (const code of codes) {
      for (let attempt = 0; ; attempt++) {
        expect(attempt).toBeLessThan(60);
        try {
          await portal.syncDossier(await files.getDossier(code), 2);
          break;
        } catch (err) {
          kinds.add((err as { portalCode: string }).portalCode);
        }
      }
    }
    const got = await received(url);
    expect(Object.keys(got.dossiers).sort()).toEqual([...codes].sort());
    for (const code of codes) expect(got.dossiers[code]!.syncs[0]!.isUpdating).toBe('False');
    expect(kinds.size).toBeGreaterThan(1);
  });

  it('each bad answer alone (500, empty body, HTML login page, error_code with a message, a result not a list) fails as what it is and nothing is taken as delivered', async () => {
    const seen: Record<string, [string, string, string]> = {};
    for (const kind of ['500', 'empty', 'html', 'error', 'notlist']) {
      const { url, portal, files } = await setup(['--faults', '1', '--fault-kinds', kind]);
      await uploaded(files, `DV-${kind}`);
      const err = await portal.submit(`DV-${kind}`).then(
        () => expect.fail(`${kind}: the submission should have failed`),
        (e: unknown) => e,
      );
      expect(err, kind).toBeInstanceOf(PortalFailure);
      const f = err as PortalFailure;
      seen[kind] = [f.kind, f.portalCode, f.message];
      expect((await received(url)).dossiers[`DV-${kind}`], kind).toBeUndefined();
    }
    expect(seen['500']!.slice(0, 2)).toEqual(['transient', 'http_500']);
    expect(seen.empty!.slice(0, 2)).toEqual(['transient', 'empty_body']);
    // An LGSP login page where JSON was expected is taken as a lost session, not as an answer.
    expect(seen.html!.slice(0, 2)).toEqual(['session', 'html_page']);
    // A non-zero error_code stops with the portal's own words, for a clerk to read.
    expect(seen.error!.slice(0, 2)).toEqual(['rejected', '99']);
    expect(seen.error![2]).toContain('Hệ thống bận');
    expect(seen.notlist!.slice(0, 2)).toEqual(['rejected', 'bad_answer']);
  }, 60_000);
});
