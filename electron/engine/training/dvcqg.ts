/**
 * The sandbox portal in the national portal's dialect (`--dialect dvcqg`; docs/portal-protocol.md,
 * "DVCQG dialect"): a login on `/dvcqg/auth`, then `{session, madonvi, service, …}` posted to
 * `/dvcqg/integration` (DongBoHoSoMC, CapNhatTienDoHoSoMC, TraCuuHoSo) or `/dvcqg/share`
 * (LayThuTuc). It keeps each dossier once by MaHoSo (isUpdating "True" replaces it, "False" for a
 * code it holds is refused), every progress line in order (TraCuuHoSo lists them as
 * `QuaTrinhXuLy`), and shows them with every call it received (session and password left out) at
 * `/sandbox/dvcqg`. Faults.loseAnswerOf names services whose next answer is lost after the work.
 * The files stay on the same sandbox's resumable upload, which the dossier's URLs point at.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { type SandboxState, takeLostAnswer } from './state';

export const DVCQG_PATHS = { auth: '/dvcqg/auth', integration: '/dvcqg/integration', share: '/dvcqg/share' };

/** A procedure the sandbox's LayThuTuc knows (the sample catalogue's, as the national database names it). */
export interface DvcqgProcedure {
  code: string;
  name: string;
  fieldCode: string;
  fieldName: string;
}

const Call = z
  .object({ session: z.string().nullish(), madonvi: z.string().nullish(), service: z.string() })
  .passthrough();
const Item = z.object({ MaHoSo: z.string().min(1) }).passthrough();

type Answer = Record<string, unknown>;
const ok = (result: unknown): Answer => ({ error_code: '00', message: 'Thành công', result });
const fail = (code: string, message: string): Answer => ({ error_code: code, message });

/** How a call's answer went: sent, lost on purpose (the work done), or failed (simulated 5xx). */
export type DvcqgDelivery = 'sent' | 'lost' | 'failed';

/** One DVCQG call as the sandbox received it (`/sandbox/dvcqg`); session and password never kept. */
export interface DvcqgCall {
  at: string;
  path: string;
  /** The service named, `login` for the auth endpoint, `?` when the body named none. */
  service: string;
  isUpdating?: string;
  body: Record<string, unknown>;
  /** The answer's error_code (null: nothing was done, the call failed before). */
  errorCode: string | null;
  answer: DvcqgDelivery;
}

/** What `/sandbox/dvcqg` shows: the dossiers held, the progress lines received, every call in order. */
export interface DvcqgReceived {
  dossiers: { MaHoSo: string; created: number; updates: number; dossier: Record<string, unknown> }[];
  progress: Record<string, unknown>[];
  calls: DvcqgCall[];
}

export function dvcqgReceived(s: SandboxState): DvcqgReceived {
  const rows = s.db.prepare('SELECT * FROM dvcqg_dossiers ORDER BY rowid').all() as {
    mahoso: string;
    data: string;
    created: number;
    updates: number;
  }[];
  const lines = s.db.prepare('SELECT data FROM dvcqg_progress ORDER BY rowid').all() as { data: string }[];
  const calls = s.db.prepare('SELECT * FROM dvcqg_log ORDER BY rowid').all() as {
    at: string;
    path: string;
    service: string;
    body: string;
    error_code: string | null;
    answer: DvcqgDelivery;
  }[];
  return {
    dossiers: rows.map((r) => ({
      MaHoSo: r.mahoso,
      created: r.created,
      updates: r.updates,
      dossier: JSON.parse(r.data) as Record<string, unknown>,
    })),
    progress: lines.map((l) => JSON.parse(l.data) as Record<string, unknown>),
    calls: calls.map((c) => {
      const body = JSON.parse(c.body) as Record<string, unknown>;
      return {
        at: c.at,
        path: c.path,
        service: c.service,
        ...(typeof body.isUpdating === 'string' ? { isUpdating: body.isUpdating } : {}),
        body,
        errorCode: c.error_code,
        answer: c.answer,
      };
    }),
  };
}

/**
 * One POST to a DVCQG path, recorded whatever becomes of it. `fault`: the random fault the server
 * drew — `fail-before` does nothing (the server answers 503), `lost` and `fail-after` do the work
 * and lose or spoil the answer. A call Faults.loseAnswerOf names is done and its answer lost.
 * The answer otherwise is always 200 JSON, success or not, as the LGSP answers.
 */
export function dvcqgRoute(
  s: SandboxState,
  path: string,
  body: Buffer,
  fault: 'lost' | 'fail-before' | 'fail-after' | null = null,
): { answer: Answer | null; delivery: DvcqgDelivery } {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    json = undefined;
  }
  const fields = json && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  const service =
    path === DVCQG_PATHS.auth ? 'login' : typeof fields.service === 'string' ? fields.service : '?';
  const { session: _session, password: _password, ...kept } = fields;
  const log = (errorCode: string | null, delivery: DvcqgDelivery) =>
    s.db
      .prepare(
        'INSERT INTO dvcqg_log (at, path, service, body, error_code, answer) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(new Date().toISOString(), path, service, JSON.stringify(kept), errorCode, delivery);
  if (fault === 'fail-before') {
    log(null, 'failed');
    return { answer: null, delivery: 'failed' };
  }
  const answer = json === undefined ? fail('400', 'Dữ liệu không phải JSON') : handle(s, path, json);
  const delivery: DvcqgDelivery =
    takeLostAnswer(s, service) || fault === 'lost' ? 'lost' : fault === 'fail-after' ? 'failed' : 'sent';
  log(String(answer.error_code ?? ''), delivery);
  return { answer, delivery };
}

function handle(s: SandboxState, path: string, json: unknown): Answer {
  if (path === DVCQG_PATHS.auth) return login(s, json);
  const call = Call.safeParse(json);
  if (!call.success) return fail('400', 'Thiếu service');
  if (!liveSession(s, call.data.session)) return fail('401', 'Phiên làm việc không hợp lệ hoặc đã hết hạn');
  const c = call.data as Record<string, unknown> & { service: string };
  if (path === DVCQG_PATHS.share && c.service === 'LayThuTuc') return layThuTuc(c, s.procedures);
  if (path !== DVCQG_PATHS.integration) return fail('404', `Không có dịch vụ ${c.service} tại ${path}`);
  switch (c.service) {
    case 'TraCuuHoSo':
      return traCuu(s, c);
    case 'DongBoHoSoMC':
      return dongBo(s, c);
    case 'CapNhatTienDoHoSoMC':
      return tienDo(s, c);
    default:
      return fail('404', `Không có dịch vụ ${c.service}`);
  }
}

function login(s: SandboxState, json: unknown): Answer {
  const a = z.object({ username: z.string().min(1), password: z.string() }).safeParse(json);
  if (!a.success || a.data.password !== s.secret) return fail('401', 'Sai tên đăng nhập hoặc mật khẩu');
  const token = crypto.randomBytes(24).toString('base64url');
  s.db
    .prepare('INSERT INTO sessions (token, station, expires_at) VALUES (?, ?, ?)')
    .run(token, `dvcqg:${a.data.username}`, Date.now() + s.ttl);
  return { session: token, error_code: 0 };
}

function liveSession(s: SandboxState, token: string | null | undefined): boolean {
  if (!token) return false;
  const row = s.db.prepare('SELECT expires_at FROM sessions WHERE token = ?').get(token) as
    { expires_at: number } | undefined;
  return !!row && row.expires_at > Date.now();
}

function traCuu(s: SandboxState, c: Record<string, unknown>): Answer {
  const code = typeof c.mahoso === 'string' ? c.mahoso : '';
  const row = s.db.prepare('SELECT data FROM dvcqg_dossiers WHERE mahoso = ?').get(code) as
    { data: string } | undefined;
  if (!row) return ok([]);
  const d = JSON.parse(row.data) as Record<string, unknown>;
  const lines = s.db.prepare('SELECT data FROM dvcqg_progress WHERE mahoso = ? ORDER BY rowid').all(code) as {
    data: string;
  }[];
  return ok([
    {
      MaHoSo: code,
      MaTTHC: d.MaTTHC,
      ChuHoSo: d.ChuHoSo,
      TrangThaiHoSo: d.TrangThaiHoSo,
      NgayHenTra: d.NgayHenTra,
      // The progress lines held (oldest first): a station checks them before sending one again.
      QuaTrinhXuLy: lines.map((l) => JSON.parse(l.data) as unknown),
    },
  ]);
}

function dongBo(s: SandboxState, c: Record<string, unknown>): Answer {
  const updating = c.isUpdating === 'True';
  const data = z.array(Item).safeParse(c.data);
  if ((!updating && c.isUpdating !== 'False') || !data.success || data.data.length === 0)
    return fail('400', 'DongBoHoSoMC cần isUpdating "True"/"False" và data là danh sách hồ sơ');
  const held = s.db.prepare('SELECT 1 FROM dvcqg_dossiers WHERE mahoso = ?');
  for (const d of data.data) {
    const exists = !!held.get(d.MaHoSo);
    if (exists && !updating) return fail('409', `Hồ sơ ${d.MaHoSo} đã có trên Cổng, cần isUpdating "True"`);
    if (!exists && updating) return fail('404', `Không có hồ sơ ${d.MaHoSo} để cập nhật`);
  }
  const now = new Date().toISOString();
  for (const d of data.data)
    s.db
      .prepare(
        `INSERT INTO dvcqg_dossiers (mahoso, data, created, updates, updated_at) VALUES (?, ?, 1, 0, ?)
         ON CONFLICT (mahoso) DO UPDATE SET data = excluded.data, updates = updates + 1, updated_at = excluded.updated_at`,
      )
      .run(d.MaHoSo, JSON.stringify(d), now);
  s.log(
    `dvcqg DongBoHoSoMC isUpdating ${String(c.isUpdating)}: ${data.data.map((d) => d.MaHoSo).join(', ')}`,
  );
  return ok(data.data.map((d) => ({ MaHoSo: d.MaHoSo, KetQua: 'Thành công' })));
}

function tienDo(s: SandboxState, c: Record<string, unknown>): Answer {
  const data = z.array(Item).safeParse(c.data);
  if (!data.success || data.data.length === 0)
    return fail('400', 'CapNhatTienDoHoSoMC cần data là danh sách');
  const held = s.db.prepare('SELECT 1 FROM dvcqg_dossiers WHERE mahoso = ?');
  const unknown = data.data.find((d) => !held.get(d.MaHoSo));
  if (unknown) return fail('404', `Không có hồ sơ ${unknown.MaHoSo}`);
  for (const d of data.data)
    s.db.prepare('INSERT INTO dvcqg_progress (mahoso, data) VALUES (?, ?)').run(d.MaHoSo, JSON.stringify(d));
  return ok(data.data.map((d) => ({ MaHoSo: d.MaHoSo, KetQua: 'Thành công' })));
}

function layThuTuc(c: Record<string, unknown>, procedures: DvcqgProcedure[]): Answer {
  const p = procedures.find((x) => x.code === c.maTTHC);
  return ok(
    p
      ? [
          {
            MATTHC: p.code,
            TENTTHC: p.name,
            LINHVUCTHUCHIEN: [{ MALINHVUC: p.fieldCode, TENLINHVUC: p.fieldName }],
          },
        ]
      : [],
  );
}
