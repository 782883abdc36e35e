import type http from 'node:http';
import type { AppError } from '../../shared/api';
import { StationError } from '../../shared/api/errors';
import type { Engine } from '../engine';

/** The header naming the file (URI-encoded), so a refusal can name it as the other paths do. */
export const UPLOAD_NAME_HEADER = 'x-upload-name';

const STATUS: Partial<Record<AppError['code'], number>> = {
  file_too_large: 413,
  message_too_large: 413,
  upload_incomplete: 400,
  disk_full: 507,
};

/**
 * `PUT /upload` (web mode, issue 18): one file's raw bytes, `Content-Length` long, streamed to a
 * staging file as they arrive (engine/scan/staged.ts) and answered `201 { uploadId, size }`; the
 * page then imports it with `scan.importStaged`. The same guard as the `/api` socket: this run's
 * token (`Authorization: Bearer …`) and our own origin. A refusal is `{ error }` in the contract's
 * error shape (its Vietnamese words are the renderer's, like every error's).
 */
export async function handleUpload(
  engine: Engine,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  headers: Record<string, string>,
  allowed: { token: boolean; origin: boolean },
): Promise<void> {
  const json = { ...headers, 'Content-Type': 'application/json; charset=utf-8' };
  const refuse = (status: number, error: AppError) => {
    // The body is not read: the socket is closed once the answer is out.
    res.writeHead(status, { ...json, Connection: 'close' }).end(JSON.stringify({ error }));
  };
  if (!allowed.token || !allowed.origin) {
    refuse(allowed.token ? 403 : 401, { code: 'auth_forbidden', params: {} });
    return;
  }
  let name = 'tệp';
  try {
    const given = req.headers[UPLOAD_NAME_HEADER];
    if (typeof given === 'string' && given) name = decodeURIComponent(given).slice(0, 255);
  } catch {
    // a badly encoded name: the file is still taken, under a plain word
  }
  const length = Number(req.headers['content-length']);
  if (!Number.isSafeInteger(length) || length <= 0) {
    refuse(411, { code: 'invalid_request', params: {}, detail: 'Content-Length required' });
    return;
  }
  try {
    const staged = await engine.uploads.receive(req, length, name);
    res.writeHead(201, json).end(JSON.stringify(staged));
  } catch (err) {
    if (res.headersSent || req.destroyed) return;
    const error: AppError = err instanceof StationError ? err.toValue() : { code: 'internal', params: {} };
    refuse(STATUS[error.code] ?? 500, { code: error.code, params: error.params });
  }
}
