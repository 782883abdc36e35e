/**
 * What a route group of the sandbox portal is (auth, dossiers, files, results,
 * payment: one file each), how a protocol route reads its JSON body, and how
 * answers are written. The protocol: docs/portal-protocol.md.
 */
import type http from 'node:http';
import { ErrorCodes } from '../portal/protocol';
import { HttpError, type SandboxState } from './state';

/** A protocol request, its path taken after the API prefix (`/ho-so/…`). */
export interface ApiRequest {
  readonly method: string;
  readonly route: string;
  readonly query: URLSearchParams;
  readonly req: http.IncomingMessage;
  readonly body: Buffer;
}

/**
 * One protocol route. `path` is the exact route or a pattern whose groups come to
 * `handle` URI-decoded; `method: '*'` lets the handler tell the methods apart.
 * A route returns the JSON to answer, or a Buffer for a file.
 */
export interface Route {
  readonly method: string;
  readonly path: string | RegExp;
  handle(s: SandboxState, r: ApiRequest, params: string[]): unknown;
}

/** The first route of `routes` that takes the request, with its decoded path parameters. */
export function findRoute(
  routes: readonly Route[],
  r: ApiRequest,
): { route: Route; params: string[] } | null {
  for (const route of routes) {
    if (route.method !== '*' && route.method !== r.method) continue;
    if (typeof route.path === 'string') {
      if (route.path === r.route) return { route, params: [] };
      continue;
    }
    const m = route.path.exec(r.route);
    if (m) return { route, params: m.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return null;
}

/** The answer when no route takes the request. */
export const noService = (r: ApiRequest) =>
  new HttpError(404, ErrorCodes.notFound, `Không có dịch vụ ${r.method} ${r.route}`);

/** The request body checked against a protocol schema (400 if it is not JSON or does not fit). */
export function parseBody<T>(
  r: ApiRequest,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: Error } },
): T {
  let json: unknown;
  try {
    json = JSON.parse(r.body.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, ErrorCodes.badRequest, 'Nội dung không phải JSON');
  }
  const out = schema.safeParse(json);
  if (!out.success) throw new HttpError(400, ErrorCodes.badRequest, out.error.message);
  return out.data;
}

export function send(res: http.ServerResponse, status: number, body: unknown) {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendHtml(res: http.ServerResponse, status: number, html: string) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  });
  res.end(html);
}
