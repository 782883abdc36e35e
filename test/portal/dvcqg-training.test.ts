import crypto from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PortalFailure } from '../../electron/engine/portal/connector';
import { DvcqgPortal } from '../../electron/engine/portal/dvcqg/connector';
import { portalError } from '../../electron/engine/portal/errors';
import { eventRequest, type PortalEvent, type WireEventKind } from '../../electron/engine/portal/events';
import { HttpPortal } from '../../electron/engine/portal/http';
import { type Sandbox, startSandbox } from '../../electron/engine/training';
import { DVCQG_PATHS, type DvcqgReceived } from '../../electron/engine/training/dvcqg';
import { errorMessage } from '../../shared/i18n/errors';
import { fastStation, testSandbox } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import { createRequest, makeBatch } from '../outbox/fixtures';

/**
 * The training portal in the DVCQG dialect, over real HTTP on 127.0.0.1: the station's DVCQG
 * connector against it, as a clerk's station in training mode would talk to it.
 */
const sandboxes: Sandbox[] = [];
afterEach(async () => {
  for (const s of sandboxes.splice(0)) await s.close();
});

const PASSWORD = 'mat-khau-tich-hop';

/** The station's DVCQG connector to the training portal at `url`, logging in with `password`. */
function connectorFor(url: string, password: string) {
  const files = new HttpPortal({ url, stationId: 'T01', secret: PASSWORD });
  const portal = new DvcqgPortal(
    {
      adapterUrl: url,
      authEndpoint: DVCQG_PATHS.auth,
      integrationEndpoint: DVCQG_PATHS.integration,
      shareEndpoint: DVCQG_PATHS.share,
      username: 'donvi-h47',
      password,
      madonvi: '000.00.00.H47',
      timeoutMs: 5000,
    },
    files,
  );
  return { files, portal };
}

async function setup(password = PASSWORD, sessionTtlMs?: number) {
  const s = await startSandbox({
    dataDir: tempDir('sohoa-dvcqg-training-'),
    secret: PASSWORD,
    ...(sessionTtlMs ? { sessionTtlMs } : {}),
    advanceMs: 60_000,
    dvcqgProcedures: [
      { code: '1.000656', name: 'Đăng ký khai tử', fieldCode: 'G09-TP01', fieldName: 'Hộ tịch' },
    ],
  });
  sandboxes.push(s);
  const { files, portal } = connectorFor(s.url, password);
  return { s, files, portal };
}

async function got(url: string): Promise<DvcqgReceived> {
  const res = await fetch(`${url}/sandbox/dvcqg`, { signal: AbortSignal.timeout(5000) });
  expect(res.status).toBe(200);
  return (await res.json()) as DvcqgReceived;
}

/** A dossier created on the file service with its one file complete, ready to submit. */
async function uploaded(files: HttpPortal, code: string) {
  const bytes = crypto.randomBytes(3000);
  const d = await files.createDossier(createRequest(code, [bytes]), `k-${code}`);
  await files.uploadChunk(code, d.TaiLieuNop[0]!.TepId, 0, bytes);
  return d;
}

/** The failure of a call expected to fail. */
async function failureOf(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.fail('the call should have failed'),
    (e: unknown) => e,
  );
}

const event = (kind: WireEventKind, content: string, extra: Partial<Omit<PortalEvent, 'kind'>> = {}) =>
  eventRequest({ kind, at: new Date('2026-12-07T03:15:00Z'), actor: 'Lê Thị Cán Bộ', content, ...extra });

describe('the training portal speaks DVCQG', { timeout: 60_000 }, () => {
  it('records every call it receives at /sandbox/dvcqg — login, TraCuuHoSo, DongBoHoSoMC — never the password or session', async () => {
    const { s, files, portal } = await setup();
    const d = await uploaded(files, 'H47-DV-0001');
    const submitted = await portal.submit('H47-DV-0001');
    expect(submitted.TrangThaiHoSo).toBe(2);
    expect(await portal.procedure('1.000656')).toEqual({
      name: 'Đăng ký khai tử',
      fieldCode: 'G09-TP01',
      fieldName: 'Hộ tịch',
    });
    expect(await portal.procedure('9.999999')).toBeNull();

    const r = await got(s.url);
    expect(r.calls.map((c) => [c.service, c.isUpdating ?? null, c.answer])).toEqual([
      ['login', null, 'sent'],
      ['TraCuuHoSo', null, 'sent'],
      ['DongBoHoSoMC', 'False', 'sent'],
      ['LayThuTuc', null, 'sent'],
      ['LayThuTuc', null, 'sent'],
    ]);
    expect(r.calls.every((c) => c.errorCode === '0' || c.errorCode === '00')).toBe(true);
    expect(r.calls[0]!.body).toEqual({ username: 'donvi-h47' });
    expect(r.calls[1]!.body).toMatchObject({ madonvi: '000.00.00.H47', mahoso: 'H47-DV-0001' });
    expect(r.calls[3]!.path).toBe(DVCQG_PATHS.share);
    const text = JSON.stringify(r);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('"session"');

    // The dossier as the national portal holds it: the files by the URL it downloads them from.
    expect(r.dossiers).toHaveLength(1);
    const held = r.dossiers[0]!.dossier;
    expect(held).toMatchObject({ MaHoSo: 'H47-DV-0001', MaTTHC: '1.000656', TrangThaiHoSo: '2' });
    const tep = (held.TaiLieuNop as Record<string, string>[])[0]!;
    expect(tep.TepDinhKemId).toBe(d.TaiLieuNop[0]!.TepId);
    expect(tep.DuongDanTaiTepTin).toBe(`${s.url}/api/v1/ho-so/H47-DV-0001/tep/${d.TaiLieuNop[0]!.TepId}`);
    // The URL serves what the station uploaded.
    expect((await files.fileStatus('H47-DV-0001', tep.TepDinhKemId!)).HoanTat).toBe(true);
  });

  it('loseAnswerOf: the portal keeps the dossier but the answer is lost; the retry finds it and updates, never a second copy', async () => {
    const { s, files, portal } = await setup();
    await uploaded(files, 'H47-DV-0002');
    s.setFaults({ loseAnswerOf: ['DongBoHoSoMC'] });
    const lost = await failureOf(portal.submit('H47-DV-0002'));
    expect(lost).toBeInstanceOf(PortalFailure);
    // Not delivered as far as the station knows: a transient failure, retried later.
    expect((lost as PortalFailure).kind).toBe('transient');
    const before = await got(s.url);
    expect(before.dossiers.map((x) => x.MaHoSo)).toEqual(['H47-DV-0002']);
    expect(before.calls.at(-1)).toMatchObject({
      service: 'DongBoHoSoMC',
      isUpdating: 'False',
      answer: 'lost',
    });

    // The fault is used up: the retry goes through, as an update.
    await portal.submit('H47-DV-0002');
    const after = await got(s.url);
    expect(after.dossiers).toHaveLength(1);
    expect(after.dossiers[0]).toMatchObject({ created: 1, updates: 1 });
    expect(
      after.calls.filter((c) => c.service === 'DongBoHoSoMC').map((c) => [c.isUpdating, c.answer]),
    ).toEqual([
      ['False', 'lost'],
      ['True', 'sent'],
    ]);
  });

  it('wrong credentials get a DVCQG error the station shows as portal_dvcqg_credentials, in Vietnamese', async () => {
    const { s } = await setup();
    const { portal } = connectorFor(s.url, 'khong-dung');
    const err = await failureOf(portal.authenticate());
    expect(err).toBeInstanceOf(PortalFailure);
    expect((err as PortalFailure).kind).toBe('rejected');
    const e = portalError(err).toValue();
    expect(e.code).toBe('portal_dvcqg_credentials');
    const vi = errorMessage(e, 'vi');
    expect(vi).toContain('từ chối tên đăng nhập hoặc mật khẩu');
    expect(vi).toContain('Cài đặt › Kết nối');
    // Any service call logs in first and stops the same way; nothing reaches the integration endpoint.
    expect(portalError(await failureOf(portal.procedure('1.000656'))).code).toBe('portal_dvcqg_credentials');
    const r = await got(s.url);
    expect(r.calls.map((c) => c.service)).toEqual(['login', 'login']);
    // The answer was DVCQG-shaped: a non-zero error_code, no session.
    expect(r.calls.every((c) => c.errorCode !== '0' && c.errorCode !== '00' && c.answer === 'sent')).toBe(
      true,
    );
    expect(JSON.stringify(r)).not.toContain('khong-dung');
  });

  it('at the station, a refused DVCQG login stops the dossier with portal_dvcqg_credentials, nothing marked sent', async () => {
    // The sandbox's own default key, which the station's file service side uses; only the DVCQG password is wrong.
    const s = await testSandbox({ advanceMs: 60_000 });
    const dir = tempDir();
    await makeBatch(path.join(dir, 'batch'), 1);
    const st = fastStation(path.join(dir, 'station'));
    await st.client.call('batch.import', { dir: path.join(dir, 'batch') });
    const sync = await st.client.call('outbox.sync', {
      portalUrl: s.url,
      dvcqg: {
        adapterUrl: s.url,
        authEndpoint: DVCQG_PATHS.auth,
        integrationEndpoint: DVCQG_PATHS.integration,
        shareEndpoint: DVCQG_PATHS.share,
        username: 'donvi-h47',
        madonvi: '000.00.00.H47',
        password: 'khong-dung',
      },
      untilEmpty: true,
      timeoutMs: 15_000,
    });
    expect(sync.submitted).toBe(0);
    const item = sync.items.find((i) => i.kind === 'submit')!;
    expect(item.state).toBe('failed');
    expect(item.lastError?.code).toBe('portal_dvcqg_credentials');
    expect(errorMessage(item.lastError!, 'vi')).toContain('Cài đặt › Kết nối');
    expect((await got(s.url)).dossiers).toHaveLength(0);
  });

  it('a completion request and its resumption reach the portal with both appointments; a progress line whose answer was lost is not sent again', async () => {
    const { s, files, portal } = await setup();
    await uploaded(files, 'H47-DV-0003');
    await portal.submit('H47-DV-0003');

    // A completion request: DongBoHoSoMC (status 5, the request listed), then its progress line.
    const ask = event('completion_request', 'Bổ sung giấy chứng tử bản chính', {
      oldAppointment: new Date('2026-12-10T09:00:00Z'),
    });
    s.setFaults({ loseAnswerOf: ['CapNhatTienDoHoSoMC'] });
    expect(await failureOf(portal.recordEvent('H47-DV-0003', ask, 'ev-1'))).toBeInstanceOf(PortalFailure);
    // The outbox retries the same item: the file service's event is keyed, the line already there.
    await portal.recordEvent('H47-DV-0003', ask, 'ev-1');
    // Then the citizen's rating, its answer lost too, retried twice.
    const rate = event('rating', 'Cán bộ hướng dẫn tận tình', { rating: 1 });
    s.setFaults({ loseAnswerOf: ['CapNhatTienDoHoSoMC'] });
    expect(await failureOf(portal.recordEvent('H47-DV-0003', rate, 'ev-2'))).toBeInstanceOf(PortalFailure);
    await portal.recordEvent('H47-DV-0003', rate, 'ev-2');
    await portal.recordEvent('H47-DV-0003', rate, 'ev-2');

    const r = await got(s.url);
    const lines = r.progress.filter((l) => l.MaHoSo === 'H47-DV-0003');
    expect(lines.map((l) => [l.TrangThai, l.NoiDungXuLy])).toEqual([
      ['5', 'Bổ sung giấy chứng tử bản chính'],
      ['10', 'Đánh giá của người dân: mức 1. Cán bộ hướng dẫn tận tình'],
    ]);
    expect(lines[0]).toMatchObject({ PhongBanXuLy: '000.00.00.H47', ThoiDiemXuLy: '20261207101500' });
    // Each progress line was posted once (the lost one); every retry asked TraCuuHoSo and stopped there.
    const progressCalls = r.calls.filter((c) => c.service === 'CapNhatTienDoHoSoMC');
    expect(progressCalls.map((c) => c.answer)).toEqual(['lost', 'lost']);
    // The completion request reached the dossier itself, with the appointment it stops.
    const held = r.dossiers.find((x) => x.MaHoSo === 'H47-DV-0003')!.dossier;
    expect(held.TrangThaiHoSo).toBe('5');
    expect(held.DanhSachHoSoBoSung).toEqual([
      expect.objectContaining({ TrangThaiBoSung: 0, NgayHenTraTruoc: '20261210160000' }),
    ]);
    // The file service kept each event once, its status following.
    expect((await files.getDossier('H47-DV-0003')).TrangThaiHoSo).toBe(5);

    // A new line (a different step) still goes.
    const resumed = event('completion_resume', 'Đã nhận giấy chứng tử bản chính', {
      at: new Date('2026-12-08T02:00:00Z'),
      oldAppointment: new Date('2026-12-10T09:00:00Z'),
      newAppointment: new Date('2026-12-11T09:00:00Z'),
    });
    await portal.recordEvent('H47-DV-0003', resumed, 'ev-3');
    const last = (await got(s.url)).progress.filter((l) => l.MaHoSo === 'H47-DV-0003');
    expect(last.map((l) => l.TrangThai)).toEqual(['5', '10', '4']);
    expect(last[2]).toMatchObject({ NgayKetThucTheoQuyDinh: '20261211160000' });
    // The resumption reached the dossier too, with both appointments: the one stopped and the new one.
    const after = (await got(s.url)).dossiers.find((x) => x.MaHoSo === 'H47-DV-0003')!;
    expect(after.created).toBe(1);
    expect(after.dossier).toMatchObject({ TrangThaiHoSo: '4', NgayHenTra: '20261211160000' });
    expect(after.dossier.DanhSachHoSoBoSung).toEqual([
      expect.objectContaining({
        TrangThaiBoSung: 1,
        NgayHenTraTruoc: '20261210160000',
        NgayHenTraMoi: '20261211160000',
      }),
    ]);
  });

  it('a session that expires mid-batch is renewed and the call repeated: every dossier arrives once', async () => {
    const { s, files, portal } = await setup(PASSWORD, 400);
    const codes = ['H47-DV-0011', 'H47-DV-0012', 'H47-DV-0013'];
    for (const code of codes) await uploaded(files, code);
    for (const code of codes) {
      await portal.submit(code);
      // Longer than the session lives: the next call meets "Phiên làm việc … đã hết hạn".
      await new Promise((r) => setTimeout(r, 600));
    }
    const r = await got(s.url);
    expect(r.dossiers.map((d) => [d.MaHoSo, d.created, d.updates])).toEqual(codes.map((c) => [c, 1, 0]));
    // Each expired session was answered 401 once and a new login made; nothing went twice.
    const expired = r.calls.filter((c) => c.errorCode === '401');
    expect(expired.length).toBeGreaterThanOrEqual(2);
    expect(r.calls.filter((c) => c.service === 'login').length).toBe(expired.length + 1);
    expect(r.calls.filter((c) => c.service === 'DongBoHoSoMC' && c.errorCode === '00')).toHaveLength(3);
  });
});
