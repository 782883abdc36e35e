import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PortalFailure } from '../../electron/engine/portal/connector';
import { HttpPortal } from '../../electron/engine/portal/http';
import { type Sandbox, startSandbox } from '../../electron/engine/training';
import { tempDir } from '../helpers/tmp';
import { createRequest } from './fixtures';

/** Đính chính on the wire (docs/portal-protocol.md, "Correction"), against the training portal. */

const sandboxes: Sandbox[] = [];
afterEach(async () => {
  for (const s of sandboxes.splice(0)) await s.close();
});

const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
const first = crypto.randomBytes(40_000);
const second = crypto.randomBytes(50_000);
const declared = (b: Buffer) => ({
  MaThanhPhanHoSo: 'TK',
  TenTep: 'TK.pdf',
  KichThuoc: b.length,
  SHA256: sha(b),
});

const request = (code: string) => createRequest(code, [first]);

async function rejected(p: Promise<unknown>): Promise<PortalFailure> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PortalFailure);
  return err as PortalFailure;
}

describe('the correction call of the portal protocol', () => {
  it('declares a new version once per key, takes its chunks, confirms it only when complete, and keeps the first version', async () => {
    const s = await startSandbox({ dataDir: tempDir('sohoa-sandbox-'), advanceMs: 600_000 });
    sandboxes.push(s);
    const portal = new HttpPortal({ url: s.url, stationId: 'T', secret: 'sandbox' });
    const created = await portal.createDossier(request('C-1'), 'create-key');
    expect(created.PhienBan).toBe(1);
    const v1 = created.TaiLieuNop[0]!.TepId;
    await portal.uploadChunk('C-1', v1, 0, first);
    await portal.submit('C-1');

    const body = { PhienBan: 2, LyDo: 'Tờ khai thiếu trang 2', TaiLieuNop: [declared(second)] };
    const a = await portal.correctDossier('C-1', body, 'fix-key');
    const again = await portal.correctDossier('C-1', body, 'fix-key');
    // The same key: the same files, never a second correction.
    expect(again.TaiLieuNop.map((f) => f.TepId)).toEqual(a.TaiLieuNop.map((f) => f.TepId));
    expect(a.TaiLieuNop).toMatchObject([{ SHA256: sha(second), DaNhan: 0, HoanTat: false }]);
    expect(a.TaiLieuNop[0]!.TepId).not.toBe(v1);
    expect(a.PhienBan).toBe(1); // not confirmed yet
    // The same version under another key, or an older one: refused.
    expect((await rejected(portal.correctDossier('C-1', body, 'other-key'))).portalCode).toBe('PHIEN_BAN_CU');
    expect(
      (await rejected(portal.correctDossier('C-1', { ...body, PhienBan: 1 } as never, 'k3'))).portalCode,
    ).toBe('YEU_CAU_SAI');
    // Confirmed only once every file of the version is complete.
    expect((await rejected(portal.confirmCorrection('C-1', 2))).portalCode).toBe('CHUA_DU_TEP');
    const id = a.TaiLieuNop[0]!.TepId;
    await portal.uploadChunk('C-1', id, 0, second.subarray(0, 20_000));
    expect((await portal.fileStatus('C-1', id)).DaNhan).toBe(20_000);
    expect((await portal.uploadChunk('C-1', id, 20_000, second.subarray(20_000))).HoanTat).toBe(true);
    const done = await portal.confirmCorrection('C-1', 2);
    expect(done).toMatchObject({
      PhienBan: 2,
      TaiLieuNop: [{ TepId: id, SHA256: sha(second), HoanTat: true }],
    });
    expect(await portal.confirmCorrection('C-1', 2)).toMatchObject({ PhienBan: 2 });
    expect((await portal.getDossier('C-1')).PhienBan).toBe(2);
    // The first version's file is still on the portal as it was.
    expect(await portal.fileStatus('C-1', v1)).toMatchObject({ SHA256: sha(first), HoanTat: true });
  });
});
