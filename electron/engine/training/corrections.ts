/**
 * Đính chính (docs/portal-protocol.md): POST /ho-so/:code/dinh-chinh declares the
 * files of a new version (idempotent on the Idempotency-Key header, like creation)
 * and answers the dossier with their TepIds; the files are uploaded in chunks as for a
 * new dossier (./files.ts); POST /ho-so/:code/dinh-chinh/:version/xac-nhan confirms
 * once every file is complete, and the dossier is at that version from then on.
 */
import crypto from 'node:crypto';
import { CorrectionRequest, ErrorCodes, H } from '../portal/protocol';
import { parseBody, type Route } from './routes';
import { dossierRow, HttpError, tx } from './state';
import { dossierView } from './views';

export const correctionRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/ho-so\/([^/]+)\/dinh-chinh$/,
    handle: (s, r, [code]) => {
      const key = r.req.headers[H.idempotency];
      if (typeof key !== 'string' || !key)
        throw new HttpError(400, ErrorCodes.badRequest, 'Thiếu Idempotency-Key');
      const c = parseBody(r, CorrectionRequest);
      const version = tx(s, () => {
        const row = dossierRow(s, code!);
        const byKey = s.db.prepare('SELECT code, version FROM corrections WHERE idem_key = ?').get(key) as
          { code: string; version: number } | undefined;
        if (byKey) {
          if (byKey.code !== code)
            throw new HttpError(409, ErrorCodes.conflict, 'Khóa đã dùng cho hồ sơ khác');
          return byKey.version;
        }
        const taken = s.db
          .prepare('SELECT 1 FROM corrections WHERE code = ? AND version = ?')
          .get(code!, c.PhienBan);
        if (c.PhienBan <= row.version || taken)
          throw new HttpError(
            409,
            ErrorCodes.staleVersion,
            `Hồ sơ ${code!} đã ở phiên bản ${row.version}; phiên bản ${c.PhienBan} không hợp lệ`,
          );
        const now = new Date().toISOString();
        s.db
          .prepare(
            'INSERT INTO corrections (code, version, idem_key, reason, created_at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(code!, c.PhienBan, key, c.LyDo, now);
        const ins = s.db.prepare(
          'INSERT INTO files (id, code, position, component, name, size, sha256, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        );
        c.TaiLieuNop.forEach((f, i) =>
          ins.run(
            crypto.randomUUID(),
            code!,
            i,
            f.MaThanhPhanHoSo,
            f.TenTep,
            f.KichThuoc,
            f.SHA256,
            c.PhienBan,
          ),
        );
        return c.PhienBan;
      });
      s.log(`correction ${code!} v${version} declared`);
      return dossierView(s, dossierRow(s, code!), version);
    },
  },
  {
    method: 'POST',
    path: /^\/ho-so\/([^/]+)\/dinh-chinh\/(\d+)\/xac-nhan$/,
    handle: (s, _r, [code, v]) => {
      const version = Number(v);
      tx(s, () => {
        const c = s.db
          .prepare('SELECT confirmed_at FROM corrections WHERE code = ? AND version = ?')
          .get(code!, version) as { confirmed_at: string | null } | undefined;
        if (!c) throw new HttpError(404, ErrorCodes.notFound, `Không có đính chính ${version} của ${code!}`);
        if (c.confirmed_at) return; // already confirmed: the same answer again
        const missing = (
          s.db
            .prepare('SELECT name FROM files WHERE code = ? AND version = ? AND complete = 0')
            .all(code!, version) as { name: string }[]
        ).map((f) => f.name);
        if (missing.length)
          throw new HttpError(409, ErrorCodes.incomplete, `Chưa nhận đủ tệp: ${missing.join(', ')}`);
        const now = new Date().toISOString();
        s.db
          .prepare('UPDATE corrections SET confirmed_at = ? WHERE code = ? AND version = ?')
          .run(now, code!, version);
        s.db
          .prepare('UPDATE dossiers SET version = MAX(version, ?), updated_at = ? WHERE code = ?')
          .run(version, now, code!);
      });
      s.log(`correction ${code!} v${version} confirmed`);
      return dossierView(s, dossierRow(s, code!));
    },
  },
];
