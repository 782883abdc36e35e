/**
 * The sandbox's own routes, outside the protocol: its web page of received dossiers
 * (`/`, `/sandbox`), the simulated pay page (`/sandbox/pay/:ref`), and the controls
 * tests and demos use (`/sandbox/dossiers`, `ca.pem`, `stats`, `faults`, `expire-sessions`).
 */
import fs from 'node:fs';
import type http from 'node:http';
import { CreateDossierRequest, ErrorCodes, type EventRequest, type PortalRating } from '../portal/protocol';
import { eventsOf } from './events';
import { dvcqgReceived } from './dvcqg';
import { markPaid, paymentRow } from './payment';
import { advance } from './results';
import { send, sendHtml } from './routes';
import {
  allDossierRows,
  type DossierRow,
  expireSessions,
  type Faults,
  filePath,
  fileRows,
  type PaymentRow,
  type SandboxState,
  sha256,
} from './state';

/** GET /sandbox/dossiers — what the sandbox holds. */
export interface SandboxDossier {
  code: string;
  procedureCode: string;
  applicant: string;
  status: number;
  createdTimes: number;
  /** The dossier's version (1, then each confirmed correction's) and its corrections. */
  version: number;
  corrections: { version: number; reason: string; confirmed: boolean }[];
  /** The citizen's rating as sent with the hand-over (DanhGia); null when none came. */
  rating: PortalRating | null;
  /** NgayHenTra as the portal holds it now (moved by an apology), and the apologies, oldest first. */
  appointment: string | null;
  apologies: { reason: string; cause: string; oldDate: string; newDate: string; apologizedAt: string }[];
  /** The counter events received (su-kien), oldest first. */
  events: EventRequest[];
  /** The current version's files. */
  files: {
    id: string;
    name: string;
    component: string;
    size: number;
    sha256: string;
    received: number;
    complete: boolean;
  }[];
}

function listDossiers(s: SandboxState): SandboxDossier[] {
  const rows = s.db.prepare('SELECT * FROM dossiers ORDER BY received_at').all() as unknown as DossierRow[];
  return rows.map((row) => {
    const req = CreateDossierRequest.parse(JSON.parse(row.request));
    return {
      code: row.code,
      procedureCode: req.MaTTHC,
      applicant: req.ChuHoSo,
      status: row.status,
      createdTimes: row.create_calls,
      version: row.version,
      corrections: (
        s.db
          .prepare('SELECT version, reason, confirmed_at FROM corrections WHERE code = ? ORDER BY version')
          .all(row.code) as { version: number; reason: string; confirmed_at: string | null }[]
      ).map((c) => ({ version: c.version, reason: c.reason, confirmed: c.confirmed_at !== null })),
      rating: row.rating ? (JSON.parse(row.rating) as PortalRating) : null,
      appointment: row.appointment ?? req.NgayHenTra,
      apologies: s.db
        .prepare(
          `SELECT reason, cause, old_date AS oldDate, new_date AS newDate, apologized_at AS apologizedAt
           FROM apologies WHERE code = ? ORDER BY rowid`,
        )
        .all(row.code) as SandboxDossier['apologies'],
      events: eventsOf(s, row.code),
      files: fileRows(s, row.code).map((f) => ({
        id: f.id,
        name: f.name,
        component: f.component,
        size: f.size,
        sha256: f.complete ? sha256(fs.readFileSync(filePath(s, f.id))) : f.sha256,
        received: f.received,
        complete: f.complete === 1,
      })),
    };
  });
}

/** Brings every dossier's status up to date before showing them. */
async function advanceAll(s: SandboxState): Promise<void> {
  for (const r of allDossierRows(s)) await advance(s, r);
}

/** Answers a request outside the protocol's API prefix. */
export async function sandboxRoute(
  s: SandboxState,
  method: string,
  route: string,
  res: http.ServerResponse,
  body: Buffer,
) {
  if (method === 'GET' && route === '/sandbox/dossiers') {
    await advanceAll(s);
    return send(res, 200, listDossiers(s));
  }
  if (method === 'GET' && route === '/sandbox/dvcqg') return send(res, 200, dvcqgReceived(s));
  if (method === 'GET' && route === '/sandbox/ca.pem') {
    res.writeHead(200, { 'content-type': 'application/x-pem-file' });
    return res.end(s.signer.certPem);
  }
  if (method === 'GET' && route === '/sandbox/stats') {
    const r = s.db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM dossiers) AS dossiers, (SELECT COUNT(*) FROM dossiers WHERE status >= 2) AS submitted,
           (SELECT COALESCE(SUM(received), 0) FROM files) AS bytes`,
      )
      .get() as { dossiers: number; submitted: number; bytes: number };
    return send(res, 200, r);
  }
  if (method === 'POST' && route === '/sandbox/faults') {
    const f = JSON.parse(body.toString('utf8') || '{}') as Partial<Faults>;
    if (
      f.loseAnswerOf !== undefined &&
      !(Array.isArray(f.loseAnswerOf) && f.loseAnswerOf.every((x) => typeof x === 'string'))
    )
      return send(res, 400, {
        MaLoi: ErrorCodes.badRequest,
        ThongDiep: 'loseAnswerOf là danh sách tên dịch vụ',
      });
    Object.assign(s.faults, f);
    return send(res, 200, s.faults);
  }
  if (method === 'POST' && route === '/sandbox/expire-sessions') {
    expireSessions(s);
    return send(res, 200, { ok: true });
  }
  const pay = /^\/sandbox\/pay\/([^/]+)$/.exec(route);
  if (pay) {
    const ref = decodeURIComponent(pay[1]!);
    if (method === 'POST') markPaid(s, ref);
    let p: PaymentRow;
    try {
      p = paymentRow(s, ref);
    } catch {
      return sendHtml(res, 404, page('Không tìm thấy giao dịch', `<p>${esc(ref)}</p>`));
    }
    const paid = p.state === 'DA_THANH_TOAN';
    return sendHtml(
      res,
      200,
      page(
        'Cổng thanh toán (mô phỏng)',
        `<p>Hồ sơ <b>${esc(p.code)}</b> — ${esc(p.description)}</p><p>Số tiền: <b>${p.amount.toLocaleString('vi-VN')} VND</b></p>` +
          (paid
            ? `<p class="ok">Đã thanh toán. Biên lai ${esc(p.receipt_no ?? '')}</p>`
            : `<form method="post"><button>Thanh toán</button></form>`),
      ),
    );
  }
  if (method === 'GET' && (route === '/' || route === '/sandbox')) {
    await advanceAll(s);
    const rows = listDossiers(s)
      .map(
        (d) =>
          `<tr><td>${esc(d.code)}</td><td>${esc(d.applicant)}</td><td>${esc(d.procedureCode)}</td><td>${d.status} ${esc(STATUS_VI[d.status] ?? '')}</td><td>${d.files
            .map((f) => `${esc(f.name)} (${f.size} B${f.complete ? '' : `, ${f.received} B nhận`})`)
            .join('<br>')}</td></tr>`,
      )
      .join('');
    return sendHtml(
      res,
      200,
      page(
        'Cổng dịch vụ công — hộp cát (sandbox)',
        `<p>Máy chủ thử nghiệm, không phải cổng thật. Lỗi giả lập: ${esc(JSON.stringify(s.faults))}</p>
<table><thead><tr><th>Mã hồ sơ</th><th>Chủ hồ sơ</th><th>Mã TTHC</th><th>Trạng thái</th><th>Tài liệu nộp</th></tr></thead><tbody>${rows}</tbody></table>`,
      ),
    );
  }
  return send(res, 404, { MaLoi: ErrorCodes.notFound, ThongDiep: 'Không có trang này' });
}

const STATUS_VI: Record<number, string> = {
  1: 'mới đăng ký',
  2: 'đã tiếp nhận',
  3: 'từ chối',
  4: 'đang xử lý',
  5: 'yêu cầu bổ sung',
  6: 'yêu cầu nghĩa vụ tài chính',
  7: 'rút hồ sơ',
  8: 'dừng xử lý',
  9: 'đã có kết quả',
  10: 'đã trả kết quả',
};

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}.ok{color:green}</style>
</head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}
