/**
 * Dossiers: create (POST /ho-so, idempotent on the Idempotency-Key header),
 * read (GET /ho-so/:code, advancing its status when its time is up) and
 * submit once every file is complete (POST /ho-so/:code/nop).
 */
import crypto from 'node:crypto';
import { CreateDossierRequest, ErrorCodes, H, Status } from '../portal/protocol';
import { advance } from './results';
import { parseBody, type Route } from './routes';
import { dossierRow, HttpError, tx } from './state';
import { dossierView } from './views';

export const dossierRoutes: Route[] = [
  {
    method: 'POST',
    path: '/ho-so',
    handle: (s, r) => {
      const key = r.req.headers[H.idempotency];
      if (typeof key !== 'string' || !key)
        throw new HttpError(400, ErrorCodes.badRequest, 'Thiếu Idempotency-Key');
      const d = parseBody(r, CreateDossierRequest);
      const code = tx(s, () => {
        const byKey = s.db.prepare('SELECT code FROM dossiers WHERE idem_key = ?').get(key) as
          { code: string } | undefined;
        if (byKey) {
          s.db.prepare('UPDATE dossiers SET create_calls = create_calls + 1 WHERE code = ?').run(byKey.code);
          return byKey.code;
        }
        if (s.db.prepare('SELECT 1 FROM dossiers WHERE code = ?').get(d.MaHoSo))
          throw new HttpError(409, ErrorCodes.conflict, `Mã hồ sơ ${d.MaHoSo} đã có với một khóa khác`);
        const now = new Date().toISOString();
        s.db
          .prepare(
            'INSERT INTO dossiers (code, idem_key, request, status, received_at, status_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(d.MaHoSo, key, JSON.stringify(d), Status.registered, now, Date.now(), now);
        const ins = s.db.prepare(
          'INSERT INTO files (id, code, position, component, name, size, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)',
        );
        d.TaiLieuNop.forEach((f, i) =>
          ins.run(crypto.randomUUID(), d.MaHoSo, i, f.MaThanhPhanHoSo, f.TenTep, f.KichThuoc, f.SHA256),
        );
        return d.MaHoSo;
      });
      return dossierView(s, dossierRow(s, code));
    },
  },
  {
    method: 'GET',
    path: /^\/ho-so\/([^/]+)$/,
    handle: async (s, _r, [code]) => dossierView(s, await advance(s, dossierRow(s, code!))),
  },
  {
    method: 'POST',
    path: /^\/ho-so\/([^/]+)\/nop$/,
    handle: (s, _r, [code]) => {
      tx(s, () => {
        const row = dossierRow(s, code!);
        if (row.status !== Status.registered) return; // already submitted: the same answer again
        const missing = (
          s.db
            .prepare('SELECT name FROM files WHERE code = ? AND version = ? AND complete = 0')
            .all(code!, row.version) as { name: string }[]
        ).map((f) => f.name);
        if (missing.length)
          throw new HttpError(409, ErrorCodes.incomplete, `Chưa nhận đủ tệp: ${missing.join(', ')}`);
        const now = new Date().toISOString();
        s.db
          .prepare(
            'UPDATE dossiers SET status = ?, submitted_at = ?, status_at = ?, updated_at = ? WHERE code = ?',
          )
          .run(Status.received, now, Date.now(), now, code!);
      });
      s.log(`submitted ${code!}`);
      return dossierView(s, dossierRow(s, code!));
    },
  },
];
