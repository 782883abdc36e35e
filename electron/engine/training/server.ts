/**
 * The sandbox portal: a real HTTP server with its own SQLite that implements
 * the station ↔ portal protocol (docs/portal-protocol.md) for tests, training
 * and demos. Dossiers advance on their own (2 received → 4 processing → 9 done
 * with a result file); payments are simulated; fault switches make it slow,
 * failing, cutting connections or hanging. This file is the HTTP plumbing (faults,
 * bodies, errors); the routes live one group a file (auth, dossiers, files,
 * results, payment, pages), the state in ./state.ts.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { API, ErrorCodes, MAX_CHUNK } from '../portal/protocol';
import { apologyRoutes } from './apologies';
import { eventRoutes } from './events';
import { dvcqgRoute } from './dvcqg';
import { authRoutes, checkSession } from './auth';
import { correctionRoutes } from './corrections';
import { dossierRoutes } from './dossiers';
import { fileRoutes } from './files';
import { sandboxRoute } from './pages';
import { paymentRoutes } from './payment';
import { resultRoutes } from './results';
import { type ApiRequest, findRoute, noService, type Route, send } from './routes';
import {
  expireSessions,
  type Faults,
  HttpError,
  openState,
  type SandboxOptions,
  type SandboxState,
  takeLostAnswer,
} from './state';

export type { SandboxDossier } from './pages';
export type { Faults, SandboxOptions } from './state';

export interface Sandbox {
  readonly url: string;
  readonly port: number;
  setFaults(f: Partial<Faults>): void;
  expireSessions(): void;
  close(): Promise<void>;
}

/** The routes that need a live session (every protocol route but ping and login). */
const sessionRoutes: Route[] = [
  ...dossierRoutes,
  ...correctionRoutes,
  ...apologyRoutes,
  ...eventRoutes,
  ...fileRoutes,
  ...resultRoutes,
  ...paymentRoutes,
];

/** The protocol's routes. Returns the JSON to answer, or a Buffer for a file. */
async function api(s: SandboxState, r: ApiRequest): Promise<unknown> {
  const open = findRoute(authRoutes, r);
  if (open) return open.route.handle(s, r, open.params);
  checkSession(s, r.req);
  const found = findRoute(sessionRoutes, r);
  if (found) return found.route.handle(s, r, found.params);
  throw noService(r);
}

/** The fault a request meets, drawn from the switches (API requests only, ping aside). */
function rollFault(faults: Faults): 'hang' | 'cut' | 'lost' | 'fail-before' | 'fail-after' | null {
  const roll = Math.random();
  return roll < faults.hangRate
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
}

export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const s = openState(opts);
  const { faults, log } = s;
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    const isDvcqg = method === 'POST' && url.pathname.startsWith('/dvcqg/');
    const isApi = isDvcqg || (url.pathname.startsWith(`${API}/`) && url.pathname !== `${API}/ping`);
    const fault = !isApi ? null : rollFault(faults);
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
        const body = Buffer.concat(chunks);
        if (isDvcqg) {
          // The national portal's dialect: recorded and answered by ./dvcqg.ts, faults included.
          const drawn = fault === 'lost' || fault === 'fail-before' || fault === 'fail-after' ? fault : null;
          const { answer, delivery } = dvcqgRoute(s, url.pathname, body, drawn);
          if (delivery === 'lost') return req.socket.destroy(); // done, but the answer never arrives
          if (!answer)
            return send(res, 503, {
              MaLoi: ErrorCodes.unavailable,
              ThongDiep: 'Hệ thống tạm ngưng (giả lập)',
            });
          if (delivery === 'failed')
            return send(res, 500, { MaLoi: ErrorCodes.unavailable, ThongDiep: 'Lỗi máy chủ (giả lập)' });
          return send(res, 200, answer);
        }
        if (fault === 'fail-before')
          return send(res, 503, { MaLoi: ErrorCodes.unavailable, ThongDiep: 'Hệ thống tạm ngưng (giả lập)' });
        try {
          if (!url.pathname.startsWith(`${API}/`))
            return await sandboxRoute(s, method, url.pathname, res, body);
          const route = url.pathname.slice(API.length);
          const out = await api(s, { method, route, query: url.searchParams, req, body });
          // Lost on purpose (Faults.loseAnswerOf, by the route's last segment) or by the random fault.
          if (takeLostAnswer(s, route.split('/').at(-1) ?? '') || fault === 'lost')
            return req.socket.destroy(); // done, but the answer never arrives
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
  server.on('connection', (c) => {
    sockets.add(c);
    c.once('close', () => sockets.delete(c));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  s.baseUrl = `http://${opts.host ?? '127.0.0.1'}:${port}`;
  return {
    url: s.baseUrl,
    port,
    // A list of answers to lose is copied: the sandbox uses its entries up.
    setFaults: (f) => Object.assign(faults, f, f.loseAnswerOf ? { loseAnswerOf: [...f.loseAnswerOf] } : {}),
    expireSessions: () => expireSessions(s),
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of sockets) c.destroy();
        server.close(() => {
          s.db.close();
          resolve();
        });
      }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
