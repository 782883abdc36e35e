/**
 * A dossier's files: GET /ho-so/:code/tep/:id tells how much the portal holds;
 * PUT …?viTri=N takes the next chunk at exactly the offset confirmed so far,
 * each chunk checked by its SHA-256 header and the whole file by its declared one.
 */
import fs from 'node:fs';
import { ErrorCodes, H } from '../portal/protocol';
import { type ApiRequest, noService, type Route } from './routes';
import { fileRow, filePath, HttpError, type SandboxState, sha256, tx } from './state';
import { fileView } from './views';

export const fileRoutes: Route[] = [
  {
    method: '*',
    path: /^\/ho-so\/([^/]+)\/tep\/([^/]+)$/,
    handle: (s, r, [code, id]) => {
      if (r.method === 'GET') return fileView(fileRow(s, code!, id!));
      if (r.method === 'PUT') return putChunk(s, code!, id!, r);
      throw noService(r);
    },
  },
];

function putChunk(s: SandboxState, code: string, id: string, r: ApiRequest) {
  const offset = Number(r.query.get('viTri'));
  if (!Number.isInteger(offset) || offset < 0)
    throw new HttpError(400, ErrorCodes.badRequest, 'viTri không hợp lệ');
  const sha = r.req.headers[H.chunkSha];
  const body = r.body;
  return tx(s, () => {
    const f = fileRow(s, code, id);
    if (f.complete) return { DaNhan: f.received, HoanTat: true };
    if (offset !== f.received)
      throw new HttpError(409, ErrorCodes.offsetMismatch, `Cổng đã nhận ${f.received} byte`, {
        DaNhan: f.received,
      });
    if (body.length === 0 || sha !== sha256(body))
      throw new HttpError(400, ErrorCodes.chunkCorrupt, 'Đoạn tệp hỏng trên đường truyền', {
        DaNhan: f.received,
      });
    if (offset + body.length > f.size)
      throw new HttpError(400, ErrorCodes.badRequest, 'Đoạn tệp vượt quá kích thước đã khai');
    const fd = fs.openSync(filePath(s, id), offset === 0 ? 'w' : 'r+');
    try {
      fs.writeSync(fd, body, 0, body.length, offset);
      if (offset === 0) fs.ftruncateSync(fd, body.length);
    } finally {
      fs.closeSync(fd);
    }
    const received = offset + body.length;
    if (received === f.size) {
      const whole = fs.readFileSync(filePath(s, id)).subarray(0, f.size);
      if (sha256(whole) !== f.sha256) {
        s.db.prepare('UPDATE files SET received = 0 WHERE id = ?').run(id);
        throw new HttpError(
          422,
          ErrorCodes.fileCorrupt,
          'Mã băm SHA-256 của tệp không khớp; gửi lại từ đầu',
          {
            DaNhan: 0,
          },
        );
      }
      s.db.prepare('UPDATE files SET received = ?, complete = 1 WHERE id = ?').run(received, id);
      return { DaNhan: received, HoanTat: true };
    }
    s.db.prepare('UPDATE files SET received = ? WHERE id = ?').run(received, id);
    return { DaNhan: received, HoanTat: false };
  });
}
