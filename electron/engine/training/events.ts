/**
 * Sự kiện tại quầy (docs/portal-protocol.md, "Events"): POST /ho-so/:code/su-kien records one
 * counter event of a dossier — completion request and resumption, refusal, withdrawal, result
 * by post, rating — once per Idempotency-Key, in the order received; the dossier takes the
 * status the event carries (and the new appointment, when it moves).
 */
import { ErrorCodes, EventRequest, H } from '../portal/protocol';
import { parseBody, type Route } from './routes';
import { dossierRow, HttpError, type SandboxState, tx } from './state';
import { dossierView } from './views';

/** The events a dossier received, oldest first, as the sandbox shows them. */
export function eventsOf(s: SandboxState, code: string): EventRequest[] {
  const rows = s.db.prepare('SELECT body FROM events WHERE code = ? ORDER BY rowid').all(code) as {
    body: string;
  }[];
  return rows.map((r) => EventRequest.parse(JSON.parse(r.body)));
}

export const eventRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/ho-so\/([^/]+)\/su-kien$/,
    handle: (s, r, [code]) => {
      const key = r.req.headers[H.idempotency];
      if (typeof key !== 'string' || !key)
        throw new HttpError(400, ErrorCodes.badRequest, 'Thiếu Idempotency-Key');
      const e = parseBody(r, EventRequest);
      tx(s, () => {
        dossierRow(s, code!);
        const byKey = s.db.prepare('SELECT code FROM events WHERE idem_key = ?').get(key) as
          { code: string } | undefined;
        if (byKey) {
          if (byKey.code !== code)
            throw new HttpError(409, ErrorCodes.conflict, 'Khóa đã dùng cho hồ sơ khác');
          return; // the same event again: the same answer
        }
        const now = new Date().toISOString();
        s.db
          .prepare('INSERT INTO events (code, idem_key, kind, body, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(code!, key, e.LoaiSuKien, JSON.stringify(e), now);
        if (e.TrangThaiHoSo !== undefined)
          s.db
            .prepare('UPDATE dossiers SET status = ?, status_at = ?, updated_at = ? WHERE code = ?')
            .run(e.TrangThaiHoSo, Date.now(), now, code!);
        if (e.NgayHenTraMoi)
          s.db.prepare('UPDATE dossiers SET appointment = ? WHERE code = ?').run(e.NgayHenTraMoi, code!);
      });
      s.log(`event ${code!}: ${e.LoaiSuKien}`);
      return dossierView(s, dossierRow(s, code!));
    },
  },
];
