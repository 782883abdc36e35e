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

/** The version whose files the dossier shows: an open correction's (đính chính), else the current one. */
function shownVersion(s: SandboxState, row: DossierRow): number {
  const open = s.db
    .prepare(
      'SELECT MAX(version) AS v FROM corrections WHERE code = ? AND confirmed_at IS NULL AND version > ?',
    )
    .get(row.code, row.version) as { v: number | null };
  return open.v ?? row.version;
}

export function dossierView(s: SandboxState, row: DossierRow, version?: number): PortalDossier {
  const req = CreateDossierRequest.parse(JSON.parse(row.request));
  const files = fileRows(s, row.code, version ?? shownVersion(s, row));
  const results = s.db
    .prepare('SELECT * FROM results WHERE code = ?')
    .all(row.code) as unknown as ResultRow[];
  return {
    MaHoSo: row.code,
    PhienBan: row.version,
    MaTTHC: req.MaTTHC,
    ChuHoSo: req.ChuHoSo,
    TrangThaiHoSo: row.status,
    NgayTiepNhan: req.NgayTiepNhan,
    NgayHenTra: row.appointment ?? req.NgayHenTra,
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
