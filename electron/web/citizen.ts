import type http from 'node:http';
import { StationError } from '../../shared/api/errors';
import type { Engine } from '../engine';

/** The pairing request is a six-digit code in a small JSON body. */
const MAX_BODY = 1024;

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

/**
 * `POST /citizen/pair` `{ "code": "123456" }` (docs/architecture.md, "Citizen screen"): from our own
 * origin only, the code shown on the clerk's screen traded for a citizen-scoped token for the
 * `/citizen-api` socket — `{ "token" }`, or 403/429 with the error (wrong, used, expired, locked).
 */
export async function handlePairing(
  engine: Engine,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  headers: Record<string, string>,
  originOk: boolean,
): Promise<void> {
  const json = { ...headers, 'Content-Type': 'application/json; charset=utf-8' };
  if (!originOk) {
    res.writeHead(403, json).end(JSON.stringify({ error: { code: 'auth_forbidden', params: {} } }));
    return;
  }
  const body = await readBody(req);
  let code = '';
  try {
    const parsed = JSON.parse(body ?? '') as { code?: unknown };
    if (typeof parsed.code === 'string') code = parsed.code;
  } catch {
    // not JSON: an empty code, refused below like a wrong one
  }
  try {
    const token = engine.citizen.pair(code);
    res.writeHead(200, json).end(JSON.stringify({ token }));
  } catch (err) {
    const error = err instanceof StationError ? err.toValue() : { code: 'internal', params: {} };
    const status = error.code === 'citizen_pairing_locked' ? 429 : 403;
    res.writeHead(status, json).end(JSON.stringify({ error }));
  }
}
