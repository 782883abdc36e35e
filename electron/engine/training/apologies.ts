/**
 * Xin lỗi và hẹn lại ngày trả kết quả (docs/portal-protocol.md): POST /ho-so/:code/xin-loi
 * records a late dossier's apology — reason, cause, the old and the new appointment — once
 * per Idempotency-Key, and the dossier's NgayHenTra is the new appointment from then on.
 */
import { ApologyRequest, ErrorCodes, H } from '../portal/protocol';
import { parseBody, type Route } from './routes';
import { dossierRow, HttpError, tx } from './state';
import { dossierView } from './views';

export const apologyRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/ho-so\/([^/]+)\/xin-loi$/,
    handle: (s, r, [code]) => {
      const key = r.req.headers[H.idempotency];
      if (typeof key !== 'string' || !key)
        throw new HttpError(400, ErrorCodes.badRequest, 'Thiếu Idempotency-Key');
      const a = parseBody(r, ApologyRequest);
      tx(s, () => {
        dossierRow(s, code!);
        const byKey = s.db.prepare('SELECT code FROM apologies WHERE idem_key = ?').get(key) as
          { code: string } | undefined;
        if (byKey) {
          if (byKey.code !== code)
            throw new HttpError(409, ErrorCodes.conflict, 'Khóa đã dùng cho hồ sơ khác');
          return; // the same apology again: the same answer
        }
        const now = new Date().toISOString();
        s.db
          .prepare(
            `INSERT INTO apologies (code, idem_key, reason, cause, old_date, new_date, apologized_at, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(code!, key, a.LyDo, a.NguyenNhan, a.NgayHenTraCu, a.NgayHenTraMoi, a.NgayXinLoi, now);
        s.db
          .prepare('UPDATE dossiers SET appointment = ?, updated_at = ? WHERE code = ?')
          .run(a.NgayHenTraMoi, now, code!);
      });
      s.log(`apology ${code!}: new appointment ${a.NgayHenTraMoi}`);
      return dossierView(s, dossierRow(s, code!));
    },
  },
];
