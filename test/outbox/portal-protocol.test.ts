import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PortalFailure } from '../../electron/engine/portal/connector';
import { HttpPortal } from '../../electron/engine/portal/http';
import { parsePortalDate, portalDate } from '../../electron/engine/portal/protocol';
import { type Sandbox, startSandbox } from '../../electron/engine/training';
import { tempDir } from '../helpers/tmp';
import { createRequest } from './fixtures';

const sandboxes: Sandbox[] = [];
afterEach(async () => {
  for (const s of sandboxes.splice(0)) await s.close();
});

const bytes = crypto.randomBytes(70_000);

const request = (code: string) => createRequest(code, [bytes]);

async function setup() {
  const s = await startSandbox({ dataDir: tempDir('sohoa-sandbox-'), autoPayMs: 0 });
  sandboxes.push(s);
  return {
    s,
    portal: new HttpPortal({
      url: s.url,
      stationId: 'T',
      secret: 'sandbox',
      paymentPartner: 'QNAM',
      paymentSecret: 'sandbox-pay',
    }),
  };
}

describe('the portal protocol against the sandbox', () => {
  it('dates go out as yyyyMMddHHmmss in Vietnam time', () => {
    expect(portalDate(new Date('2026-11-27T02:30:05Z'))).toBe('20261127093005');
    expect(parsePortalDate('20261127093005').toISOString()).toBe('2026-11-27T02:30:05.000Z');
  });

  it('creates once per idempotency key, resumes a file from the offset the portal holds, and refuses a wrong chunk', async () => {
    const { portal } = await setup();
    const a = await portal.createDossier(request('X-1'), 'key-1');
    const again = await portal.createDossier(request('X-1'), 'key-1');
    expect(again.TaiLieuNop[0]!.TepId).toBe(a.TaiLieuNop[0]!.TepId);
    await expect(portal.createDossier(request('X-1'), 'key-2')).rejects.toMatchObject({
      kind: 'rejected',
      portalCode: 'TRUNG_MA_HO_SO',
    });
    const id = a.TaiLieuNop[0]!.TepId;
    await portal.uploadChunk('X-1', id, 0, bytes.subarray(0, 30_000));
    // A chunk at the wrong offset: the portal says where it is.
    const wrong = await portal
      .uploadChunk('X-1', id, 50_000, bytes.subarray(50_000))
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(PortalFailure);
    expect(wrong).toMatchObject({ kind: 'offset', received: 30_000 });
    await expect(portal.submit('X-1')).rejects.toMatchObject({ portalCode: 'CHUA_DU_TEP' });
    expect((await portal.fileStatus('X-1', id)).DaNhan).toBe(30_000);
    const done = await portal.uploadChunk('X-1', id, 30_000, bytes.subarray(30_000));
    expect(done).toEqual({ DaNhan: bytes.length, HoanTat: true });
    const submitted = await portal.submit('X-1');
    expect(submitted.TrangThaiHoSo).toBe(2);
    expect((await portal.submit('X-1')).TrangThaiHoSo).toBe(2);
  });

  it('a file whose bytes differ from the declared SHA-256 is refused and starts over', async () => {
    const { portal } = await setup();
    const a = await portal.createDossier(request('X-2'), 'key-x2');
    const bad = Buffer.from(bytes);
    bad[100] = bad[100]! ^ 0xff;
    const err = await portal.uploadChunk('X-2', a.TaiLieuNop[0]!.TepId, 0, bad).catch((e: unknown) => e);
    expect(err).toMatchObject({ portalCode: 'SAI_MA_BAM_TEP', received: 0 });
    expect((await portal.fileStatus('X-2', a.TaiLieuNop[0]!.TepId)).DaNhan).toBe(0);
  });

  it('payment: a request with its SHA-256 check code, a link for the citizen, status polling, then the receipt', async () => {
    const { s, portal } = await setup();
    await portal.createDossier(request('X-3'), 'key-x3');
    const fields = {
      MaDoiTac: 'QNAM',
      MaThamChieu: 'TT-X-3',
      MaHoSo: 'X-3',
      SoTien: 75_000,
      DonViTienTe: 'VND' as const,
      MoTa: 'Lệ phí hồ sơ X-3',
      ThoiGian: portalDate(),
    };
    const p = await portal.createPayment(fields);
    expect(p).toMatchObject({ TrangThai: 'CHO_THANH_TOAN', SoTien: 75_000 });
    expect(p.DuongDanThanhToan).toBe(`${s.url}/sandbox/pay/TT-X-3`);
    await expect(portal.paymentReceipt('TT-X-3')).rejects.toBeInstanceOf(PortalFailure);
    // The citizen pays on the payment page.
    const page = await fetch(p.DuongDanThanhToan, { method: 'POST', signal: AbortSignal.timeout(5000) });
    expect(await page.text()).toContain('Đã thanh toán');
    expect((await portal.getPayment('TT-X-3')).TrangThai).toBe('DA_THANH_TOAN');
    const receipt = await portal.paymentReceipt('TT-X-3');
    expect(receipt).toMatchObject({ MaHoSo: 'X-3', SoTien: 75_000 });
    // A request signed with the wrong secret is refused.
    const forged = new HttpPortal({ url: s.url, stationId: 'T', secret: 'sandbox', paymentSecret: 'wrong' });
    await expect(forged.createPayment({ ...fields, MaThamChieu: 'TT-X-3b' })).rejects.toMatchObject({
      portalCode: 'SAI_MA_KIEM_TRA',
    });
  });
});
