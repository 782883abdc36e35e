/**
 * Status and results: the sandbox's clock moves a dossier 2 received → 4 processing →
 * 9 done (issuing a signed result PDF) once `advanceMs` has passed in a status; the
 * station fetches the result (GET /ho-so/:code/ket-qua/:id) and reports the hand-over
 * (POST /ho-so/:code/tra-ket-qua → 10 returned).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { CreateDossierRequest, ErrorCodes, ReturnRequest, Status } from '../portal/protocol';
import { makeResultPdf } from './result-pdf';
import { parseBody, type Route } from './routes';
import {
  type DossierRow,
  dossierRow,
  HttpError,
  type ResultRow,
  resultPath,
  type SandboxState,
  sha256,
  tx,
} from './state';
import { dossierView } from './views';

/** Advances a dossier whose time in its status is up: 2 → 4 → 9 (with a result file). */
export async function advance(s: SandboxState, row: DossierRow): Promise<DossierRow> {
  if (s.advanceMs <= 0 || Date.now() - row.status_at < s.advanceMs) return row;
  if (row.status === Status.received) {
    s.db
      .prepare('UPDATE dossiers SET status = ?, status_at = ?, updated_at = ? WHERE code = ? AND status = ?')
      .run(Status.processing, Date.now(), new Date().toISOString(), row.code, Status.received);
  } else if (row.status === Status.processing) {
    const req = CreateDossierRequest.parse(JSON.parse(row.request));
    const unsigned = await makeResultPdf(req);
    let pdf = unsigned;
    let signed = 0;
    try {
      pdf = await s.signer.sign(unsigned);
      signed = 1;
    } catch (err) {
      s.log(`result of ${row.code} left unsigned: ${(err as Error).message}`);
    }
    const id = crypto.randomUUID();
    fs.writeFileSync(resultPath(s, id), pdf);
    tx(s, () => {
      const again = dossierRow(s, row.code);
      if (again.status !== Status.processing) return;
      s.db
        .prepare('INSERT INTO results (id, code, name, size, sha256, signed) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, row.code, `KetQua_${row.code}.pdf`, pdf.length, sha256(pdf), signed);
      s.db
        .prepare('UPDATE dossiers SET status = ?, status_at = ?, updated_at = ? WHERE code = ?')
        .run(Status.done, Date.now(), new Date().toISOString(), row.code);
    });
  } else return row;
  return dossierRow(s, row.code);
}

export const resultRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/ho-so\/([^/]+)\/ket-qua\/([^/]+)$/,
    handle: (s, _r, [code, id]) => {
      const r = s.db.prepare('SELECT * FROM results WHERE id = ? AND code = ?').get(id!, code!) as
        ResultRow | undefined;
      if (!r) throw new HttpError(404, ErrorCodes.notFound, 'Không tìm thấy tệp kết quả');
      return fs.readFileSync(resultPath(s, r.id));
    },
  },
  {
    method: 'POST',
    path: /^\/ho-so\/([^/]+)\/tra-ket-qua$/,
    handle: (s, r, [code]) => {
      const ret = parseBody(r, ReturnRequest);
      tx(s, () => {
        const row = dossierRow(s, code!);
        if (row.status === Status.returned) return;
        if (row.status !== Status.done)
          throw new HttpError(
            409,
            ErrorCodes.badRequest,
            `Hồ sơ đang ở trạng thái ${row.status}, chưa có kết quả để trả`,
          );
        s.db
          .prepare(
            'UPDATE dossiers SET status = ?, returned_to = ?, rating = ?, status_at = ?, updated_at = ? WHERE code = ?',
          )
          .run(
            Status.returned,
            ret.NguoiNhan,
            ret.DanhGia ? JSON.stringify(ret.DanhGia) : null,
            Date.now(),
            new Date().toISOString(),
            code!,
          );
      });
      return dossierView(s, dossierRow(s, code!));
    },
  },
];
