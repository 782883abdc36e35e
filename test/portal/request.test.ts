import { describe, expect, it } from 'vitest';
import type { Dossier } from '../../shared/api/contract';
import { StationError } from '../../shared/api/errors';
import { PortalFailure } from '../../electron/engine/portal/connector';
import { portalError } from '../../electron/engine/portal/errors';
import { dossierRequest, portalCode } from '../../electron/engine/portal/request';

const dossier: Dossier = {
  id: '0f0e0d0c-0000-4000-8000-000000000001',
  procedureCode: '1.000656',
  procedureName: 'Đăng ký khai tử',
  applicantName: 'Công ty TNHH Thử',
  status: 'received',
  pageCount: 2,
  createdAt: '2024-05-02T08:00:00.000Z',
  updatedAt: '2024-05-02T08:10:00.000Z',
  code: '000.00.01.H01-240502-0001',
  receivedAt: '2024-05-02T15:10:00+07:00',
  appointmentAt: '2024-05-06T17:00:00+07:00',
  components: [],
  applicant: { kind: 'organisation', name: 'Công ty TNHH Thử', taxCode: '0101234567' },
};
const files = [{ MaThanhPhanHoSo: 'TK', TenTep: 'TK-to-khai.pdf', KichThuoc: 10, SHA256: 'a'.repeat(64) }];

describe('the portal request for a received dossier', () => {
  it('comes from the dossier as the dossier and reception rooms give it, with the consent as given', () => {
    const r = dossierRequest({
      dossier,
      code: portalCode(dossier, 'H01'),
      files,
      consent: { given: true, at: '2024-05-02T15:09:00+07:00' },
    });
    expect(r).toMatchObject({
      MaHoSo: '000.00.01.H01-240502-0001',
      LoaiDoiTuong: 2,
      NgayTiepNhan: '20240502151000',
      NgayHenTra: '20240506170000',
      UyQuyen: { TaiKhoan: '0101234567', DongY: true, ThoiDiemDongY: '20240502150900', HinhThuc: 'TAI_QUAY' },
      TaiLieuNop: files,
    });
    expect(portalCode({ id: dossier.id, code: null }, 'H01')).toBe('H01-0f0e0d0c');
  });

  it('is never built without the citizen’s consent', () => {
    expect(() => dossierRequest({ dossier, code: 'X', files, consent: { given: false, at: null } })).toThrow(
      StationError,
    );
  });

  it('one mapping of portal failures to what the clerk reads', () => {
    const code = (e: unknown) => portalError(e).code;
    expect(code(new PortalFailure('rejected', 'bad_credentials', 'no'))).toBe('portal_credentials');
    expect(code(new PortalFailure('rejected', 'bad_request', 'no'))).toBe('portal_rejected');
    expect(code(new PortalFailure('transient', 'network', 'down'))).toBe('portal_unreachable');
    expect(code(new PortalFailure('transient', 'timeout', 'slow'))).toBe('portal_timeout');
    expect(code(new PortalFailure('transient', 'http_503', 'busy'))).toBe('portal_busy');
    expect(code(new StationError('disk_full'))).toBe('disk_full');
    expect(code(new Error('boom'))).toBe('internal');
  });
});
