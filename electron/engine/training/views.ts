/**
 * How the sandbox shows a dossier and its files to the station (PortalDossier,
 * docs/portal-protocol.md): the same view after create, read, submit and hand-over.
 */
import { CreateDossierRequest, type PortalDossier, portalDate } from '../portal/protocol';
import { type DossierRow, type FileRow, fileRows, type ResultRow, type SandboxState } from './state';

export const fileView = (f: FileRow) => ({
  TepId: f.id,
  MaThanhPhanHoSo: f.component,
  TenTep: f.name,
  KichThuoc: f.size,
  SHA256: f.sha256,
  DaNhan: f.received,
  HoanTat: f.complete === 1,
});

export function dossierView(s: SandboxState, row: DossierRow): PortalDossier {
  const req = CreateDossierRequest.parse(JSON.parse(row.request));
  const files = fileRows(s, row.code);
  const results = s.db
    .prepare('SELECT * FROM results WHERE code = ?')
    .all(row.code) as unknown as ResultRow[];
  return {
    MaHoSo: row.code,
    MaTTHC: req.MaTTHC,
    ChuHoSo: req.ChuHoSo,
    TrangThaiHoSo: row.status,
    NgayTiepNhan: req.NgayTiepNhan,
    NgayHenTra: req.NgayHenTra,
    NgayNop: row.submitted_at ? portalDate(new Date(row.submitted_at)) : null,
    NgayCapNhat: portalDate(new Date(row.updated_at)),
    TaiLieuNop: files.map(fileView),
    KetQua: results.map((r) => ({
      TepId: r.id,
      TenTep: r.name,
      KichThuoc: r.size,
      SHA256: r.sha256,
      DaKy: r.signed === 1,
    })),
  };
}
