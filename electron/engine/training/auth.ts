/**
 * Station login (POST /xac-thuc): the station id and its secret give a bearer
 * token valid for the session TTL; every route but these two checks it.
 */
import crypto from 'node:crypto';
import type http from 'node:http';
import { AuthRequest, ErrorCodes, portalDate } from '../portal/protocol';
import { parseBody, type Route } from './routes';
import { HttpError, type SandboxState } from './state';

/** The routes open without a session. */
export const authRoutes: Route[] = [
  { method: 'GET', path: '/ping', handle: () => ({ ok: true }) },
  {
    method: 'POST',
    path: '/xac-thuc',
    handle: (s, r) => {
      const a = parseBody(r, AuthRequest);
      if (a.KhoaBiMat !== s.secret)
        throw new HttpError(401, ErrorCodes.unauthorized, 'Sai mã trạm hoặc khóa');
      const token = crypto.randomBytes(24).toString('base64url');
      const expires = Date.now() + s.ttl;
      s.db
        .prepare('INSERT INTO sessions (token, station, expires_at) VALUES (?, ?, ?)')
        .run(token, a.MaTram, expires);
      return { AccessToken: token, HetHan: portalDate(new Date(expires)) };
    },
  },
];

/** 401 unless the request carries a live session token. */
export function checkSession(s: SandboxState, req: http.IncomingMessage): void {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!token) throw new HttpError(401, ErrorCodes.unauthorized, 'Chưa xác thực trạm');
  const row = s.db.prepare('SELECT expires_at FROM sessions WHERE token = ?').get(token) as
    { expires_at: number } | undefined;
  if (!row || row.expires_at <= Date.now())
    throw new HttpError(401, ErrorCodes.sessionExpired, 'Phiên làm việc đã hết hạn');
}
