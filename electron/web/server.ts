import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../shared/api/wire';
import type { Engine } from '../engine';
import { handlePairing } from './citizen';
import { handleUpload } from './upload';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/**
 * The largest frame a page may send (`MAX_MESSAGE_BYTES`, 64 MB, shared/api/wire.ts): ws
 * refuses a longer one as it arrives, before holding it, and closes that socket alone
 * (1009, "message too big"); the page reconnects and every other socket goes on.
 */
const MAX_FRAME_BYTES = MAX_MESSAGE_BYTES;

export interface WebServerOptions {
  engine: Engine;
  rendererDir: string;
  port?: number;
  /** Defaults to a fresh random secret for this run. */
  token?: string;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Web mode: the same renderer and the same engine, in a browser. It listens on
 * 127.0.0.1 only; the API socket needs this run's secret token and our own
 * origin, so neither another site in the browser nor another user's process
 * on a shared machine without the token can drive the engine.
 */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const root = path.resolve(opts.rendererDir);
  let origins: string[] = [];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // The citizen screen is the same page at its own route.
    const rel =
      url.pathname === '/citizen'
        ? 'index.html'
        : decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(root, rel);
    const headers = {
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    };
    if (req.method === 'POST' && url.pathname === '/citizen/pair') {
      void handlePairing(opts.engine, req, res, headers, origins.includes(req.headers.origin ?? ''));
      return;
    }
    if (req.method === 'PUT' && url.pathname === '/upload') {
      const auth = req.headers.authorization ?? '';
      void handleUpload(opts.engine, req, res, headers, {
        token: auth.startsWith('Bearer ') && safeEqual(auth.slice(7), token),
        origin: origins.includes(req.headers.origin ?? ''),
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403, headers).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        if (!fs.existsSync(path.join(root, 'index.html'))) {
          res
            .writeHead(503, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
            .end(
              'Giao diện chưa được dựng. Hãy chạy: npm run build:renderer\nThe UI is not built yet. Run: npm run build:renderer\n',
            );
          return;
        }
        res.writeHead(404, headers).end();
        return;
      }
      res.writeHead(200, {
        ...headers,
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const given = url.searchParams.get('token') ?? '';
    const originOk = origins.includes(req.headers.origin ?? '');
    // /api: this run's token; /citizen-api: a token from pairing, for the citizen screen's channel only.
    const station = url.pathname === '/api' && safeEqual(given, token);
    const citizen = url.pathname === '/citizen-api' && opts.engine.citizen.validToken(given);
    if (!(station || citizen) || !originOk) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) =>
      serveSocket(station ? opts.engine : opts.engine.citizen, ws),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** One socket on one side of the engine: the station's, or a citizen screen's (its own dispatcher and events). */
function serveSocket(engine: Pick<Engine, 'dispatch' | 'onEvent'>, ws: WebSocket): void {
  const send = (m: unknown) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  };
  const off = engine.onEvent(send);
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    void engine.dispatch(message).then((reply) => reply && send(reply));
  });
  // A frame above maxPayload (or a broken frame) is an error of this socket only: ws closes
  // it (1009 / 1002). Without a listener the error would be thrown and stop the whole engine.
  ws.on('error', (err) => process.stderr.write(`web: socket closed: ${err.message}\n`));
  ws.on('close', off);
}
