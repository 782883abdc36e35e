/**
 * Serves the built renderer from app://station/ instead of file://, so the UI has a
 * real origin (CSP 'self', no access to the file system) and nothing outside
 * dist/renderer can be read.
 */
import { protocol } from 'electron';
import { readFile, realpath } from 'node:fs/promises';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, appUrlToPath, contentType, isInside } from './app-url';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveApp(rootDir: string): void {
  protocol.handle(APP_SCHEME, (request) => respond(request, rootDir));
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

async function respond(request: Request, rootDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return status(405);
  const file = appUrlToPath(rootDir, request.url);
  if (!file) return status(404);
  try {
    // Resolve symlinks too: a link inside dist/renderer must not lead outside it.
    const [realRoot, realFile] = await Promise.all([realpath(rootDir), realpath(file)]);
    if (!isInside(realRoot, realFile)) return status(404);
    const body = await readFile(realFile);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentType(realFile), 'Cache-Control': 'no-cache' },
    });
  } catch {
    return status(404);
  }
}

function status(code: 404 | 405): Response {
  return new Response(code === 404 ? 'Not found' : 'Method not allowed', {
    status: code,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
