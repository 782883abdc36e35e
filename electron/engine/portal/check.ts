import { StationError } from '../../../shared/api/errors';
import { API, AuthResponse, parsePortalDate, PortalErrorBody } from './protocol';

export interface PortalCheckInput {
  url: string;
  stationId: string;
  secret: string;
  timeoutMs: number;
}

export interface PortalCheckAnswer {
  url: string;
  latencyMs: number;
  sessionExpiresAt: string;
}

/** TLS failures as Node reports them (OpenSSL and undici codes). */
const TLS = /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME_MISMATCH|ALTNAME/;

/**
 * Kiểm tra kết nối: one login (`POST /xac-thuc`) against a portal, bounded as a
 * whole by `timeoutMs` (sending, waiting and reading). Saves nothing; the key
 * never appears in an error or in the log. Failures are StationErrors with a
 * code that says what the clerk should fix.
 */
export async function checkPortal(input: PortalCheckInput): Promise<PortalCheckAnswer> {
  const url = input.url.replace(/\/+$/, '');
  const signal = AbortSignal.timeout(input.timeoutMs);
  const seconds = Math.round(input.timeoutMs / 1000);
  const started = Date.now();
  let status: number;
  let text: string;
  try {
    const res = await fetch(`${url}${API}/xac-thuc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ MaTram: input.stationId, KhoaBiMat: input.secret }),
      signal,
      redirect: 'manual',
    });
    status = res.status;
    text = await res.text();
  } catch (err) {
    throw networkError(url, err, seconds);
  }
  const latencyMs = Date.now() - started;
  const json = parseJson(text);
  if (status === 401 || status === 403) {
    const body = PortalErrorBody.safeParse(json);
    throw new StationError(
      'portal_check_credentials',
      {},
      `${status}${body.success ? ` ${body.data.MaLoi}` : ''}`,
    );
  }
  if (status >= 500 || status === 429 || status === 408)
    throw new StationError('portal_busy', {}, `login answered HTTP ${status}`);
  if (status >= 300 && status < 400)
    throw new StationError(
      'portal_check_not_portal',
      { url, reason: `chuyển hướng HTTP ${status}` },
      `redirect ${status}`,
    );
  if (status !== 200)
    throw new StationError(
      'portal_check_not_portal',
      { url, reason: `HTTP ${status}` },
      `login answered ${status}`,
    );
  const auth = AuthResponse.safeParse(json);
  if (!auth.success)
    throw new StationError(
      'portal_check_not_portal',
      { url, reason: 'câu trả lời không theo giao thức cổng' },
      `login answer: ${text.slice(0, 120)}`,
    );
  return { url, latencyMs, sessionExpiresAt: parsePortalDate(auth.data.HetHan).toISOString() };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function networkError(url: string, err: unknown, seconds: number): StationError {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError')
    return new StationError('portal_check_timeout', { url, seconds }, `no answer in ${seconds} s`);
  const code = e.cause?.code ?? '';
  const reason = code || e.cause?.message || e.message;
  if (TLS.test(code) || TLS.test(e.cause?.message ?? ''))
    return new StationError('portal_check_tls', { url, reason }, reason);
  return new StationError('portal_check_unreachable', { url, reason }, reason);
}
