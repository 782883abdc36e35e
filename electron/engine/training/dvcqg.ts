/**
 * The sandbox portal in the national portal's dialect (`--dialect dvcqg`; docs/portal-protocol.md,
 * "DVCQG dialect"): a login on `/dvcqg/auth`, then `{session, madonvi, service, …}` posted to
 * `/dvcqg/integration` (DongBoHoSoMC, CapNhatTienDoHoSoMC, TraCuuHoSo) or `/dvcqg/share`
 * (LayThuTuc). It keeps each dossier once by MaHoSo (isUpdating "True" replaces it, "False" for a
 * code it holds is refused), every progress line in order, and shows them at `/sandbox/dvcqg`.
 * The files stay on the same sandbox's resumable upload, which the dossier's URLs point at.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import type { SandboxState } from './state';

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

/** What `/sandbox/dvcqg` shows: the dossiers held and the progress lines received. */
export interface DvcqgReceived {
  dossiers: { MaHoSo: string; created: number; updates: number; dossier: Record<string, unknown> }[];
  progress: Record<string, unknown>[];
  calls: { service: string; isUpdating?: string }[];
}

export function dvcqgReceived(s: SandboxState): DvcqgReceived {
  const rows = s.db.prepare('SELECT * FROM dvcqg_dossiers ORDER BY rowid').all() as {
    mahoso: string;
    data: string;
    created: number;
    updates: number;
  }[];
  const lines = s.db.prepare('SELECT data FROM dvcqg_progress ORDER BY rowid').all() as { data: string }[];
  const calls = s.db.prepare('SELECT service, is_updating FROM dvcqg_calls ORDER BY rowid').all() as {
    service: string;
    is_updating: string | null;
  }[];
  return {
    dossiers: rows.map((r) => ({
      MaHoSo: r.mahoso,
      created: r.created,
      updates: r.updates,
      dossier: JSON.parse(r.data) as Record<string, unknown>,
    })),
    progress: lines.map((l) => JSON.parse(l.data) as Record<string, unknown>),
    calls: calls.map((c) => ({
      service: c.service,
      ...(c.is_updating ? { isUpdating: c.is_updating } : {}),
    })),
  };
}

/** One POST to a DVCQG path; the answer is always 200 JSON, success or not, as the LGSP answers. */
export function dvcqgRoute(
  s: SandboxState,
  path: string,
  body: Buffer,
  procedures: DvcqgProcedure[],
): Answer {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return fail('400', 'Dữ liệu không phải JSON');
  }
  if (path === DVCQG_PATHS.auth) return login(s, json);
  const call = Call.safeParse(json);
  if (!call.success) return fail('400', 'Thiếu service');
  if (!liveSession(s, call.data.session)) return fail('401', 'Phiên làm việc không hợp lệ hoặc đã hết hạn');
  const c = call.data as Record<string, unknown> & { service: string };
  if (path === DVCQG_PATHS.share && c.service === 'LayThuTuc') return layThuTuc(c, procedures);
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

function record(s: SandboxState, service: string, isUpdating?: string): void {
  s.db
    .prepare('INSERT INTO dvcqg_calls (service, is_updating) VALUES (?, ?)')
    .run(service, isUpdating ?? null);
}

function traCuu(s: SandboxState, c: Record<string, unknown>): Answer {
  record(s, 'TraCuuHoSo');
  const code = typeof c.mahoso === 'string' ? c.mahoso : '';
  const row = s.db.prepare('SELECT data FROM dvcqg_dossiers WHERE mahoso = ?').get(code) as
    { data: string } | undefined;
  if (!row) return ok([]);
  const d = JSON.parse(row.data) as Record<string, unknown>;
  return ok([{ MaHoSo: code, MaTTHC: d.MaTTHC, ChuHoSo: d.ChuHoSo, TrangThaiHoSo: d.TrangThaiHoSo }]);
}

function dongBo(s: SandboxState, c: Record<string, unknown>): Answer {
  const updating = c.isUpdating === 'True';
  const data = z.array(Item).safeParse(c.data);
  if ((!updating && c.isUpdating !== 'False') || !data.success || data.data.length === 0)
    return fail('400', 'DongBoHoSoMC cần isUpdating "True"/"False" và data là danh sách hồ sơ');
  record(s, 'DongBoHoSoMC', String(c.isUpdating));
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
  record(s, 'CapNhatTienDoHoSoMC');
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
