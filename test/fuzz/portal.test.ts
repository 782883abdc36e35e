import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortalFailure } from '../../electron/engine/portal/connector';
import { HttpPortal, MAX_ANSWER_BYTES } from '../../electron/engine/portal/http';
import { anyText, fuzz, mutated, timed } from './kit';

/** How the hostile portal answers one request. */
interface Answer {
  status: number;
  body: string;
  /** endless: a body that never ends; drip: a byte now and then, past the timeout; cut: less than Content-Length. */
  shape: 'plain' | 'endless' | 'drip' | 'cut';
  /** Where a 3xx points: the other host. */
  redirect: boolean;
}

const TIMEOUT_MS = 400;
const TOKEN = JSON.stringify({ AccessToken: 'tok', HetHan: '20991231235959' });
const DOSSIER = JSON.stringify({
  MaHoSo: 'H49.01-261127-0001',
  PhienBan: 1,
  MaTTHC: '1.001193',
  ChuHoSo: 'Lê Văn An',
  TrangThaiHoSo: 2,
  NgayTiepNhan: '20261127090000',
  NgayHenTra: null,
  NgayNop: '20261127090100',
  NgayCapNhat: '20261127090100',
  TaiLieuNop: [],
  KetQua: [],
});
const PAYMENT = JSON.stringify({
  MaThamChieu: 'R1',
  MaGiaoDich: 'G1',
  MaHoSo: 'H1',
  SoTien: 50000,
  TrangThai: 'DA_THANH_TOAN',
  DuongDanThanhToan: 'https://pay.example/1',
  NgayThanhToan: '20261127090000',
});
const ERROR = JSON.stringify({ MaLoi: 'PHIEN_HET_HAN', ThongDiep: 'Phiên đã hết hạn', DaNhan: 0 });

const answer = fc.record<Answer>({
  status: fc.constantFrom(
    200,
    200,
    200,
    201,
    204,
    301,
    302,
    303,
    307,
    308,
    400,
    401,
    404,
    409,
    413,
    429,
    500,
    503,
  ),
  body: fc.oneof(
    fc.constantFrom(TOKEN, DOSSIER, PAYMENT, ERROR, '', 'null', '[]', '{}'),
    mutated(DOSSIER),
    mutated(PAYMENT),
    mutated(ERROR),
    fc.json({ maxDepth: 4 }),
    anyText(300),
    fc.constant(`{"MaLoi":"X","ThongDiep":"${'Ồ'.repeat(100_000)}"}`),
  ),
  shape: fc.constantFrom('plain', 'plain', 'plain', 'plain', 'endless', 'drip', 'cut'),
  redirect: fc.boolean(),
});

/** Every call of the connector, both protocols (the dossier API and the payment platform). */
const CALLS: Record<string, (p: HttpPortal) => Promise<unknown>> = {
  authenticate: (p) => p.authenticate(),
  getDossier: (p) => p.getDossier('H49.01-261127-0001'),
  fileStatus: (p) => p.fileStatus('H1', 'T1'),
  uploadChunk: (p) => p.uploadChunk('H1', 'T1', 0, new Uint8Array(16)),
  submit: (p) => p.submit('H1'),
  fetchResult: (p) => p.fetchResult('H1', 'K1'),
  recordReturn: (p) => p.recordReturn('H1', 'Lê Văn An', new Date()),
  getPayment: (p) => p.getPayment('R1'),
  paymentReceipt: (p) => p.paymentReceipt('R1'),
  createPayment: (p) =>
    p.createPayment({
      MaDoiTac: 'DT',
      MaThamChieu: 'R1',
      MaHoSo: 'H1',
      SoTien: 50000,
      DonViTienTe: 'VND',
      MoTa: 'Lệ phí',
      ThoiGian: '20261127090000',
    }),
};

let current: Answer = { status: 200, body: TOKEN, shape: 'plain', redirect: false };
/** Whether sign-in gets the hostile answer too (the case is about authenticate). */
let hostileSignIn = true;
/** Requests that reached the other host: every one would carry what was meant for the portal. */
const elsewhere: { method: string; url: string; body: string }[] = [];
let portal: http.Server;
let other: http.Server;
let portalUrl = '';
let otherUrl = '';

function serve(res: http.ServerResponse, a: Answer): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (a.status >= 300 && a.status < 400 && a.redirect) headers.location = `${otherUrl}/api/v1/xac-thuc`;
  if (a.shape === 'plain') {
    res.writeHead(a.status, headers).end(a.body);
    return;
  }
  if (a.shape === 'cut') {
    res.writeHead(a.status, { ...headers, 'content-length': String(Buffer.byteLength(a.body) + 1000) });
    res.write(a.body, () => res.destroy());
    return;
  }
  res.writeHead(a.status, headers);
  const chunk = Buffer.alloc(a.shape === 'endless' ? 256 * 1024 : 1, 0x20);
  const pump = () => {
    if (res.destroyed) return;
    if (a.shape === 'drip') return void setTimeout(() => (res.write(chunk), pump()), 100);
    if (res.write(chunk)) setImmediate(pump);
    else res.once('drain', pump);
  };
  res.write('{"AccessToken":"');
  pump();
}

beforeAll(async () => {
  portal = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      // Sign-in answers well unless the case is about it, so the other calls get to their parser.
      const signIn = req.url?.endsWith('/xac-thuc') && !hostileSignIn;
      serve(res, signIn ? { status: 200, body: TOKEN, shape: 'plain', redirect: false } : current);
    });
  });
  other = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      elsewhere.push({ method: req.method ?? '', url: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' }).end(TOKEN);
    });
  });
  for (const s of [portal, other]) await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
  // Another origin: another port, reached by another name.
  otherUrl = `http://localhost:${(other.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of [portal, other]) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

const connector = () =>
  new HttpPortal({
    url: portalUrl,
    stationId: 'TRAM-01',
    secret: 'khoa-bi-mat',
    paymentSecret: 'k',
    timeoutMs: TIMEOUT_MS,
  });

describe('fuzz: portal answers (malformed, huge, endless, slow, cut, redirected elsewhere)', () => {
  it('every call answers with a valid value or a PortalFailure, in bounded time, and nothing goes to another host', async () => {
    await fc.assert(
      fc.asyncProperty(answer, fc.constantFrom(...Object.keys(CALLS)), async (a, name) => {
        current = a;
        hostileSignIn = name === 'authenticate';
        elsewhere.length = 0;
        const { ms, value } = await timed(() =>
          CALLS[name]!(connector()).then(
            (v) => ({ ok: true as const, v }),
            (e: unknown) => ({ ok: false as const, e }),
          ),
        );
        if (!value.ok) expect(value.e, String(value.e)).toBeInstanceOf(PortalFailure);
        // Two exchanges at most (a session renewed once), each under the timeout.
        expect(ms).toBeLessThan(4 * TIMEOUT_MS + 1500);
        expect(elsewhere).toEqual([]);
      }),
      fuzz(120, 15_000),
    );
  });

  it('a 307 on sign-in is a refusal, never a second POST of the secret to where it points', async () => {
    current = { status: 307, body: '', shape: 'plain', redirect: true };
    hostileSignIn = true;
    const err = await connector()
      .authenticate()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortalFailure);
    expect((err as PortalFailure).kind).toBe('rejected');
    expect((err as PortalFailure).message).toMatch(/redirect|points elsewhere/);
    expect(elsewhere).toEqual([]);
  });

  it('an endless answer is cut at the bound, not held', async () => {
    current = { status: 200, body: DOSSIER, shape: 'endless', redirect: false };
    hostileSignIn = false;
    const p = new HttpPortal({ url: portalUrl, stationId: 'T', secret: 's', timeoutMs: 30_000 });
    const { ms, value } = await timed(() => p.getDossier('H1').catch((e: unknown) => e));
    expect(value).toMatchObject({ kind: 'rejected', portalCode: 'too_large' });
    expect(String((value as Error).message)).toContain(String(MAX_ANSWER_BYTES));
    expect(ms).toBeLessThan(10_000);
  });
});
