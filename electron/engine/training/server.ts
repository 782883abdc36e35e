/**
 * The sandbox portal: a real HTTP server with its own SQLite that implements
 * the station ↔ portal protocol (docs/portal-protocol.md) for tests, training
 * and demos. Dossiers advance on their own (2 received → 4 processing → 9 done
 * with a result file); payments are simulated; fault switches make it slow,
 * failing, cutting connections or hanging.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { DatabaseSync } from '@photostructure/sqlite';
import {
  API,
  AuthRequest,
  CreateDossierRequest,
  ErrorCodes,
  H,
  MAX_CHUNK,
  type Payment,
  paymentCheckCode,
  type PaymentReceipt,
  PaymentRequest,
  type PortalDossier,
  portalDate,
  ReturnRequest,
  Status,
} from '../portal/protocol';
import { transaction } from '../store/db';
import { makeResultPdf } from './result-pdf';
import { SandboxSigner } from './signing';

export interface Faults {
  /** Share of API requests answered 5xx (half before doing anything, half after committing). */
  failRate: number;
  /** Share of API requests whose connection is cut (an upload mid-body, or the answer lost). */
  dropRate: number;
  /** Share of API requests never answered. */
  hangRate: number;
  /** Added before each API answer. */
  latencyMs: number;
}

export interface SandboxOptions {
  dataDir: string;
  port?: number;
  host?: string;
  faults?: Partial<Faults>;
  /** Accepted station secret (any station id). */
  secret?: string;
  paymentSecret?: string;
  sessionTtlMs?: number;
  /** Time a dossier stays in a status before the sandbox advances it. */
  advanceMs?: number;
  /** A payment is marked paid by itself after this long (0: only through the pay page). */
  autoPayMs?: number;
  log?: (line: string) => void;
}

export interface Sandbox {
  readonly url: string;
  readonly port: number;
  setFaults(f: Partial<Faults>): void;
  expireSessions(): void;
  close(): Promise<void>;
}

/** GET /sandbox/dossiers — what the sandbox holds. */
export interface SandboxDossier {
  code: string;
  procedureCode: string;
  applicant: string;
  status: number;
  createdTimes: number;
  files: {
    name: string;
    component: string;
    size: number;
    sha256: string;
    received: number;
    complete: boolean;
  }[];
}

interface DossierRow {
  code: string;
  idem_key: string;
  request: string;
  status: number;
  received_at: string;
  submitted_at: string | null;
  status_at: number;
  updated_at: string;
  returned_to: string | null;
  create_calls: number;
}
interface FileRow {
  id: string;
  code: string;
  position: number;
  component: string;
  name: string;
  size: number;
  sha256: string;
  received: number;
  complete: number;
}
interface ResultRow {
  id: string;
  code: string;
  name: string;
  size: number;
  sha256: string;
  signed: number;
}
interface PaymentRow {
  ref: string;
  txn: string;
  code: string;
  amount: number;
  description: string;
  state: 'CHO_THANH_TOAN' | 'DA_THANH_TOAN' | 'HUY';
  created_at: number;
  paid_at: number | null;
  receipt_no: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (token TEXT PRIMARY KEY, station TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS dossiers (
  code TEXT PRIMARY KEY, idem_key TEXT NOT NULL UNIQUE, request TEXT NOT NULL, status INTEGER NOT NULL,
  received_at TEXT NOT NULL, submitted_at TEXT, status_at INTEGER NOT NULL, updated_at TEXT NOT NULL,
  returned_to TEXT, create_calls INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS files (
  id TEXT PRIMARY KEY, code TEXT NOT NULL REFERENCES dossiers(code), position INTEGER NOT NULL,
  component TEXT NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,
  received INTEGER NOT NULL DEFAULT 0, complete INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS results (
  id TEXT PRIMARY KEY, code TEXT NOT NULL REFERENCES dossiers(code), name TEXT NOT NULL,
  size INTEGER NOT NULL, sha256 TEXT NOT NULL, signed INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS payments (
  ref TEXT PRIMARY KEY, txn TEXT NOT NULL, code TEXT NOT NULL, amount INTEGER NOT NULL,
  description TEXT NOT NULL, state TEXT NOT NULL, created_at INTEGER NOT NULL, paid_at INTEGER, receipt_no TEXT);
`;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  fs.mkdirSync(path.join(opts.dataDir, 'files'), { recursive: true });
  fs.mkdirSync(path.join(opts.dataDir, 'results'), { recursive: true });
  const db = new DatabaseSync(path.join(opts.dataDir, 'sandbox.db'), { timeout: 5000 });
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  db.exec(SCHEMA);
  const faults: Faults = { failRate: 0, dropRate: 0, hangRate: 0, latencyMs: 0, ...opts.faults };
  const secret = opts.secret ?? 'sandbox';
  const paymentSecret = opts.paymentSecret ?? 'sandbox-pay';
  const ttl = opts.sessionTtlMs ?? 30 * 60_000;
  const advanceMs = opts.advanceMs ?? 5000;
  const autoPayMs = opts.autoPayMs ?? 0;
  const log = opts.log ?? (() => {});
  const sockets = new Set<Socket>();
  const signer = new SandboxSigner(opts.dataDir);
  let baseUrl = '';

  const tx = <T>(fn: () => T): T => transaction(db, fn);
  const filePath = (id: string) => path.join(opts.dataDir, 'files', `${id}.bin`);
  const resultPath = (id: string) => path.join(opts.dataDir, 'results', `${id}.pdf`);

  const dossierRow = (code: string): DossierRow => {
    const row = db.prepare('SELECT * FROM dossiers WHERE code = ?').get(code) as DossierRow | undefined;
    if (!row) throw new HttpError(404, ErrorCodes.notFound, `Không tìm thấy hồ sơ ${code}`);
    return row;
  };

  /** Advances a dossier whose time in its status is up: 2 → 4 → 9 (with a result file). */
  const advance = async (row: DossierRow): Promise<DossierRow> => {
    if (advanceMs <= 0 || Date.now() - row.status_at < advanceMs) return row;
    if (row.status === Status.received) {
      db.prepare(
        'UPDATE dossiers SET status = ?, status_at = ?, updated_at = ? WHERE code = ? AND status = ?',
      ).run(Status.processing, Date.now(), new Date().toISOString(), row.code, Status.received);
    } else if (row.status === Status.processing) {
      const req = CreateDossierRequest.parse(JSON.parse(row.request));
      const unsigned = await makeResultPdf(req);
      let pdf = unsigned;
      let signed = 0;
      try {
        pdf = await signer.sign(unsigned);
        signed = 1;
      } catch (err) {
        log(`result of ${row.code} left unsigned: ${(err as Error).message}`);
      }
      const id = crypto.randomUUID();
      fs.writeFileSync(resultPath(id), pdf);
      tx(() => {
        const again = dossierRow(row.code);
        if (again.status !== Status.processing) return;
        db.prepare(
          'INSERT INTO results (id, code, name, size, sha256, signed) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(id, row.code, `KetQua_${row.code}.pdf`, pdf.length, sha256(pdf), signed);
        db.prepare('UPDATE dossiers SET status = ?, status_at = ?, updated_at = ? WHERE code = ?').run(
          Status.done,
          Date.now(),
          new Date().toISOString(),
          row.code,
        );
      });
    } else return row;
    return dossierRow(row.code);
  };

  const view = (row: DossierRow): PortalDossier => {
    const req = CreateDossierRequest.parse(JSON.parse(row.request));
    const files = db
      .prepare('SELECT * FROM files WHERE code = ? ORDER BY position')
      .all(row.code) as unknown as FileRow[];
    const results = db
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
  };

  const fileView = (f: FileRow) => ({
    TepId: f.id,
    MaThanhPhanHoSo: f.component,
    TenTep: f.name,
    KichThuoc: f.size,
    SHA256: f.sha256,
    DaNhan: f.received,
    HoanTat: f.complete === 1,
  });

  const fileRow = (code: string, id: string): FileRow => {
    const f = db.prepare('SELECT * FROM files WHERE id = ? AND code = ?').get(id, code) as
      FileRow | undefined;
    if (!f) throw new HttpError(404, ErrorCodes.notFound, `Không tìm thấy tệp ${id}`);
    return f;
  };

  const paymentView = (p: PaymentRow): Payment => ({
    MaThamChieu: p.ref,
    MaGiaoDich: p.txn,
    MaHoSo: p.code,
    SoTien: p.amount,
    TrangThai: p.state,
    DuongDanThanhToan: `${baseUrl}/sandbox/pay/${encodeURIComponent(p.ref)}`,
    NgayThanhToan: p.paid_at ? portalDate(new Date(p.paid_at)) : null,
  });

  const paymentRow = (ref: string): PaymentRow => {
    let p = db.prepare('SELECT * FROM payments WHERE ref = ?').get(ref) as PaymentRow | undefined;
    if (!p) throw new HttpError(404, ErrorCodes.notFound, `Không tìm thấy giao dịch ${ref}`);
    if (p.state === 'CHO_THANH_TOAN' && autoPayMs > 0 && Date.now() - p.created_at >= autoPayMs) {
      markPaid(ref);
      p = db.prepare('SELECT * FROM payments WHERE ref = ?').get(ref) as unknown as PaymentRow;
    }
    return p;
  };

  const markPaid = (ref: string) => {
    const no = `BL-${String(Date.now()).slice(-8)}-${crypto.randomInt(1000, 9999)}`;
    db.prepare(
      "UPDATE payments SET state = 'DA_THANH_TOAN', paid_at = ?, receipt_no = ? WHERE ref = ? AND state = 'CHO_THANH_TOAN'",
    ).run(Date.now(), no, ref);
  };

  const checkSession = (req: http.IncomingMessage) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) throw new HttpError(401, ErrorCodes.unauthorized, 'Chưa xác thực trạm');
    const s = db.prepare('SELECT expires_at FROM sessions WHERE token = ?').get(token) as
      { expires_at: number } | undefined;
    if (!s || s.expires_at <= Date.now())
      throw new HttpError(401, ErrorCodes.sessionExpired, 'Phiên làm việc đã hết hạn');
  };

  /** The protocol's routes. Returns the JSON to answer, or a Buffer for a file. */
  async function api(
    method: string,
    route: string,
    query: URLSearchParams,
    req: http.IncomingMessage,
    body: Buffer,
  ) {
    const json = () => {
      try {
        return JSON.parse(body.toString('utf8')) as unknown;
      } catch {
        throw new HttpError(400, ErrorCodes.badRequest, 'Nội dung không phải JSON');
      }
    };
    const parse = <T>(schema: {
      safeParse(v: unknown): { success: true; data: T } | { success: false; error: Error };
    }) => {
      const r = schema.safeParse(json());
      if (!r.success) throw new HttpError(400, ErrorCodes.badRequest, r.error.message);
      return r.data;
    };
    if (method === 'GET' && route === '/ping') return { ok: true };
    if (method === 'POST' && route === '/xac-thuc') {
      const a = parse(AuthRequest);
      if (a.KhoaBiMat !== secret) throw new HttpError(401, ErrorCodes.unauthorized, 'Sai mã trạm hoặc khóa');
      const token = crypto.randomBytes(24).toString('base64url');
      const expires = Date.now() + ttl;
      db.prepare('INSERT INTO sessions (token, station, expires_at) VALUES (?, ?, ?)').run(
        token,
        a.MaTram,
        expires,
      );
      return { AccessToken: token, HetHan: portalDate(new Date(expires)) };
    }
    checkSession(req);
    let m: RegExpExecArray | null;
    if (method === 'POST' && route === '/ho-so') {
      const key = req.headers[H.idempotency];
      if (typeof key !== 'string' || !key)
        throw new HttpError(400, ErrorCodes.badRequest, 'Thiếu Idempotency-Key');
      const r = parse(CreateDossierRequest);
      const code = tx(() => {
        const byKey = db.prepare('SELECT code FROM dossiers WHERE idem_key = ?').get(key) as
          { code: string } | undefined;
        if (byKey) {
          db.prepare('UPDATE dossiers SET create_calls = create_calls + 1 WHERE code = ?').run(byKey.code);
          return byKey.code;
        }
        if (db.prepare('SELECT 1 FROM dossiers WHERE code = ?').get(r.MaHoSo))
          throw new HttpError(409, ErrorCodes.conflict, `Mã hồ sơ ${r.MaHoSo} đã có với một khóa khác`);
        const now = new Date().toISOString();
        db.prepare(
          'INSERT INTO dossiers (code, idem_key, request, status, received_at, status_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(r.MaHoSo, key, JSON.stringify(r), Status.registered, now, Date.now(), now);
        const ins = db.prepare(
          'INSERT INTO files (id, code, position, component, name, size, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)',
        );
        r.TaiLieuNop.forEach((f, i) =>
          ins.run(crypto.randomUUID(), r.MaHoSo, i, f.MaThanhPhanHoSo, f.TenTep, f.KichThuoc, f.SHA256),
        );
        return r.MaHoSo;
      });
      return view(dossierRow(code));
    }
    if ((m = /^\/ho-so\/([^/]+)$/.exec(route)) && method === 'GET') {
      return view(await advance(dossierRow(decodeURIComponent(m[1]!))));
    }
    if ((m = /^\/ho-so\/([^/]+)\/tep\/([^/]+)$/.exec(route))) {
      const code = decodeURIComponent(m[1]!);
      const id = decodeURIComponent(m[2]!);
      if (method === 'GET') return fileView(fileRow(code, id));
      if (method === 'PUT') return putChunk(code, id, query, req, body);
    }
    if ((m = /^\/ho-so\/([^/]+)\/nop$/.exec(route)) && method === 'POST') {
      const code = decodeURIComponent(m[1]!);
      tx(() => {
        const row = dossierRow(code);
        if (row.status !== Status.registered) return; // already submitted: the same answer again
        const missing = (
          db.prepare('SELECT name FROM files WHERE code = ? AND complete = 0').all(code) as { name: string }[]
        ).map((f) => f.name);
        if (missing.length)
          throw new HttpError(409, ErrorCodes.incomplete, `Chưa nhận đủ tệp: ${missing.join(', ')}`);
        const now = new Date().toISOString();
        db.prepare(
          'UPDATE dossiers SET status = ?, submitted_at = ?, status_at = ?, updated_at = ? WHERE code = ?',
        ).run(Status.received, now, Date.now(), now, code);
      });
      log(`submitted ${code}`);
      return view(dossierRow(code));
    }
    if ((m = /^\/ho-so\/([^/]+)\/ket-qua\/([^/]+)$/.exec(route)) && method === 'GET') {
      const code = decodeURIComponent(m[1]!);
      const r = db
        .prepare('SELECT * FROM results WHERE id = ? AND code = ?')
        .get(decodeURIComponent(m[2]!), code) as ResultRow | undefined;
      if (!r) throw new HttpError(404, ErrorCodes.notFound, 'Không tìm thấy tệp kết quả');
      return fs.readFileSync(resultPath(r.id));
    }
    if ((m = /^\/ho-so\/([^/]+)\/tra-ket-qua$/.exec(route)) && method === 'POST') {
      const code = decodeURIComponent(m[1]!);
      const r = parse(ReturnRequest);
      tx(() => {
        const row = dossierRow(code);
        if (row.status === Status.returned) return;
        if (row.status !== Status.done)
          throw new HttpError(
            409,
            ErrorCodes.badRequest,
            `Hồ sơ đang ở trạng thái ${row.status}, chưa có kết quả để trả`,
          );
        db.prepare(
          'UPDATE dossiers SET status = ?, returned_to = ?, status_at = ?, updated_at = ? WHERE code = ?',
        ).run(Status.returned, r.NguoiNhan, Date.now(), new Date().toISOString(), code);
      });
      return view(dossierRow(code));
    }
    if (method === 'POST' && route === '/thanh-toan') {
      const p = parse(PaymentRequest);
      const { MaKiemTra, ...fields } = p;
      if (paymentCheckCode(fields, paymentSecret) !== MaKiemTra)
        throw new HttpError(400, ErrorCodes.badCheckCode, 'Mã kiểm tra không đúng');
      dossierRow(p.MaHoSo);
      db.prepare(
        `INSERT INTO payments (ref, txn, code, amount, description, state, created_at) VALUES (?, ?, ?, ?, ?, 'CHO_THANH_TOAN', ?)
         ON CONFLICT (ref) DO NOTHING`,
      ).run(
        p.MaThamChieu,
        `GD${Date.now()}${crypto.randomInt(100, 999)}`,
        p.MaHoSo,
        p.SoTien,
        p.MoTa,
        Date.now(),
      );
      return paymentView(paymentRow(p.MaThamChieu));
    }
    if ((m = /^\/thanh-toan\/([^/]+)$/.exec(route)) && method === 'GET') {
      return paymentView(paymentRow(decodeURIComponent(m[1]!)));
    }
    if ((m = /^\/thanh-toan\/([^/]+)\/bien-lai$/.exec(route)) && method === 'GET') {
      const p = paymentRow(decodeURIComponent(m[1]!));
      if (p.state !== 'DA_THANH_TOAN' || !p.paid_at || !p.receipt_no)
        throw new HttpError(409, ErrorCodes.badRequest, 'Giao dịch chưa được thanh toán');
      const receipt: PaymentReceipt = {
        SoBienLai: p.receipt_no,
        MaThamChieu: p.ref,
        MaHoSo: p.code,
        SoTien: p.amount,
        NgayThanhToan: portalDate(new Date(p.paid_at)),
        NoiDung: p.description,
      };
      return receipt;
    }
    throw new HttpError(404, ErrorCodes.notFound, `Không có dịch vụ ${method} ${route}`);
  }

  function putChunk(
    code: string,
    id: string,
    query: URLSearchParams,
    req: http.IncomingMessage,
    body: Buffer,
  ) {
    const offset = Number(query.get('viTri'));
    if (!Number.isInteger(offset) || offset < 0)
      throw new HttpError(400, ErrorCodes.badRequest, 'viTri không hợp lệ');
    const sha = req.headers[H.chunkSha];
    return tx(() => {
      const f = fileRow(code, id);
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
      const fd = fs.openSync(filePath(id), offset === 0 ? 'w' : 'r+');
      try {
        fs.writeSync(fd, body, 0, body.length, offset);
        if (offset === 0) fs.ftruncateSync(fd, body.length);
      } finally {
        fs.closeSync(fd);
      }
      const received = offset + body.length;
      if (received === f.size) {
        const whole = fs.readFileSync(filePath(id)).subarray(0, f.size);
        if (sha256(whole) !== f.sha256) {
          db.prepare('UPDATE files SET received = 0 WHERE id = ?').run(id);
          throw new HttpError(
            422,
            ErrorCodes.fileCorrupt,
            'Mã băm SHA-256 của tệp không khớp; gửi lại từ đầu',
            { DaNhan: 0 },
          );
        }
        db.prepare('UPDATE files SET received = ?, complete = 1 WHERE id = ?').run(received, id);
        return { DaNhan: received, HoanTat: true };
      }
      db.prepare('UPDATE files SET received = ? WHERE id = ?').run(received, id);
      return { DaNhan: received, HoanTat: false };
    });
  }

  function listDossiers(): SandboxDossier[] {
    const rows = db.prepare('SELECT * FROM dossiers ORDER BY received_at').all() as unknown as DossierRow[];
    return rows.map((row) => {
      const req = CreateDossierRequest.parse(JSON.parse(row.request));
      const files = db
        .prepare('SELECT * FROM files WHERE code = ? ORDER BY position')
        .all(row.code) as unknown as FileRow[];
      return {
        code: row.code,
        procedureCode: req.MaTTHC,
        applicant: req.ChuHoSo,
        status: row.status,
        createdTimes: row.create_calls,
        files: files.map((f) => ({
          name: f.name,
          component: f.component,
          size: f.size,
          sha256: f.complete ? sha256(fs.readFileSync(filePath(f.id))) : f.sha256,
          received: f.received,
          complete: f.complete === 1,
        })),
      };
    });
  }

  async function sandboxRoute(method: string, route: string, res: http.ServerResponse, body: Buffer) {
    if (method === 'GET' && route === '/sandbox/dossiers') {
      for (const r of db.prepare('SELECT * FROM dossiers').all() as unknown as DossierRow[]) await advance(r);
      return send(res, 200, listDossiers());
    }
    if (method === 'GET' && route === '/sandbox/ca.pem') {
      res.writeHead(200, { 'content-type': 'application/x-pem-file' });
      return res.end(signer.certPem);
    }
    if (method === 'GET' && route === '/sandbox/stats') {
      const r = db
        .prepare(
          `SELECT (SELECT COUNT(*) FROM dossiers) AS dossiers, (SELECT COUNT(*) FROM dossiers WHERE status >= 2) AS submitted,
           (SELECT COALESCE(SUM(received), 0) FROM files) AS bytes`,
        )
        .get() as { dossiers: number; submitted: number; bytes: number };
      return send(res, 200, r);
    }
    if (method === 'POST' && route === '/sandbox/faults') {
      Object.assign(faults, JSON.parse(body.toString('utf8') || '{}') as Partial<Faults>);
      return send(res, 200, faults);
    }
    if (method === 'POST' && route === '/sandbox/expire-sessions') {
      db.prepare('UPDATE sessions SET expires_at = 0').run();
      return send(res, 200, { ok: true });
    }
    const pay = /^\/sandbox\/pay\/([^/]+)$/.exec(route);
    if (pay) {
      const ref = decodeURIComponent(pay[1]!);
      if (method === 'POST') markPaid(ref);
      let p: PaymentRow;
      try {
        p = paymentRow(ref);
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
      for (const r of db.prepare('SELECT * FROM dossiers').all() as unknown as DossierRow[]) await advance(r);
      const rows = listDossiers()
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
          `<p>Máy chủ thử nghiệm, không phải cổng thật. Lỗi giả lập: ${esc(JSON.stringify(faults))}</p>
<table><thead><tr><th>Mã hồ sơ</th><th>Chủ hồ sơ</th><th>Mã TTHC</th><th>Trạng thái</th><th>Tài liệu nộp</th></tr></thead><tbody>${rows}</tbody></table>`,
        ),
      );
    }
    return send(res, 404, { MaLoi: ErrorCodes.notFound, ThongDiep: 'Không có trang này' });
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    const isApi = url.pathname.startsWith(`${API}/`) && url.pathname !== `${API}/ping`;
    const roll = Math.random();
    const fault = !isApi
      ? null
      : roll < faults.hangRate
        ? 'hang'
        : roll < faults.hangRate + faults.dropRate
          ? Math.random() < 0.5
            ? 'cut'
            : 'lost'
          : roll < faults.hangRate + faults.dropRate + faults.failRate
            ? Math.random() < 0.5
              ? 'fail-before'
              : 'fail-after'
            : null;
    if (fault === 'hang') return; // never answered; the socket stays until the client gives up
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      if (fault === 'cut') {
        req.socket.destroy(); // the line drops in the middle of the upload
        return;
      }
      size += c.length;
      if (size > MAX_CHUNK + 65536) {
        send(res, 413, { MaLoi: ErrorCodes.badRequest, ThongDiep: 'Đoạn quá lớn' });
        req.socket.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      void (async () => {
        if (fault === 'cut') return req.socket.destroy();
        if (faults.latencyMs > 0) await sleep(faults.latencyMs);
        if (fault === 'fail-before')
          return send(res, 503, { MaLoi: ErrorCodes.unavailable, ThongDiep: 'Hệ thống tạm ngưng (giả lập)' });
        const body = Buffer.concat(chunks);
        try {
          if (!url.pathname.startsWith(`${API}/`)) return await sandboxRoute(method, url.pathname, res, body);
          const out = await api(method, url.pathname.slice(API.length), url.searchParams, req, body);
          if (fault === 'lost') return req.socket.destroy(); // done, but the answer never arrives
          if (fault === 'fail-after')
            return send(res, 500, { MaLoi: ErrorCodes.unavailable, ThongDiep: 'Lỗi máy chủ (giả lập)' });
          if (Buffer.isBuffer(out)) {
            res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': out.length });
            return res.end(out);
          }
          send(res, 200, out);
        } catch (err) {
          if (err instanceof HttpError)
            return send(res, err.status, { MaLoi: err.code, ThongDiep: err.message, ...err.extra });
          log(`error ${method} ${url.pathname}: ${(err as Error).stack ?? String(err)}`);
          send(res, 500, { MaLoi: 'LOI_HE_THONG', ThongDiep: (err as Error).message });
        }
      })();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${opts.host ?? '127.0.0.1'}:${port}`;
  return {
    url: baseUrl,
    port,
    setFaults: (f) => Object.assign(faults, f),
    expireSessions: () => db.prepare('UPDATE sessions SET expires_at = 0').run(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => {
          db.close();
          resolve();
        });
      }),
  };
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

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function send(res: http.ServerResponse, status: number, body: unknown) {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
function sendHtml(res: http.ServerResponse, status: number, html: string) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  });
  res.end(html);
}
function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}.ok{color:green}</style>
</head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}
