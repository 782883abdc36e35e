import { z } from 'zod';
import { PortalFailure } from '../connector';
import { type DvcqgConfig, Envelope, isSuccess } from './wire';

/** Error codes some LGSP deployments use for an expired or unknown session. */
const SESSION_CODES = new Set(['401', '-1', 'session_expired', 'invalid_session']);
const MAX_ANSWER = 16 * 1024 * 1024;

/**
 * The DVCQG session and calls. An expired session — said by the error code, by a 401, or by an
 * HTML page instead of JSON (the LGSP's login page) — is renewed once and the call repeated;
 * anything that does not prove success is a failure, so nothing is ever marked delivered
 * on a doubtful answer.
 */
export class DvcqgClient {
  private session: string | null = null;
  readonly url: string;

  constructor(private readonly cfg: DvcqgConfig) {
    this.url = cfg.adapterUrl.replace(/\/+$/, '');
  }

  /**
   * Logs in. Refused credentials — a non-zero error_code or no session in the answer, or a 401/403
   * from the LGSP — stop with `dvcqg_credentials` (a clerk must fix the username or password).
   */
  async login(): Promise<void> {
    let env: Envelope;
    try {
      env = await this.post(this.cfg.authEndpoint, {
        username: this.cfg.username,
        password: this.cfg.password,
      });
    } catch (err) {
      if (err instanceof PortalFailure && (err.portalCode === 'http_401' || err.portalCode === 'http_403'))
        throw new PortalFailure('rejected', 'dvcqg_credentials', `DVCQG login refused (${err.portalCode})`);
      throw err;
    }
    if (!isSuccess(env.error_code) || !env.session)
      throw new PortalFailure(
        'rejected',
        'dvcqg_credentials',
        `DVCQG login refused (${String(env.error_code ?? 'no session')}): ${messageOf(env)}`,
      );
    this.session = env.session;
  }

  /** Calls a service; `share`: the dictionaries' endpoint (LayThuTuc). Answers `result`. */
  async call(service: string, fields: Record<string, unknown>, share = false): Promise<unknown> {
    if (!this.session) await this.login();
    try {
      return await this.once(service, fields, share);
    } catch (err) {
      if (!(err instanceof PortalFailure) || err.kind !== 'session') throw err;
      this.session = null;
      await this.login();
      return this.once(service, fields, share);
    }
  }

  /** Calls a service whose `result` must be an array (TraCuuHoSo, LayThuTuc). */
  async list<T extends z.ZodType>(
    service: string,
    fields: Record<string, unknown>,
    row: T,
    share = false,
  ): Promise<z.output<T>[]> {
    const result = await this.call(service, fields, share);
    const parsed = z.array(row).safeParse(result);
    if (!parsed.success)
      throw new PortalFailure('rejected', 'bad_answer', `${service}: result is not the expected list`);
    return parsed.data;
  }

  private async once(service: string, fields: Record<string, unknown>, share: boolean) {
    const endpoint = share ? this.cfg.shareEndpoint : this.cfg.integrationEndpoint;
    const env = await this.post(endpoint, {
      session: this.session,
      madonvi: this.cfg.madonvi,
      service,
      ...fields,
    });
    if (isSuccess(env.error_code)) return env.result;
    const code = String(env.error_code);
    const msg = `${service}: error_code ${code}: ${messageOf(env)}`;
    if (SESSION_CODES.has(code) || /session|phiên/i.test(messageOf(env)))
      throw new PortalFailure('session', code, msg);
    throw new PortalFailure('rejected', code.slice(0, 64), msg);
  }

  private async post(endpoint: string, body: unknown): Promise<Envelope> {
    const where = `${this.url}${endpoint}`;
    let res: Response;
    try {
      res = await fetch(where, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.cfg.timeoutMs ?? 20_000),
        redirect: 'manual',
      });
    } catch (err) {
      const e = err as Error;
      const timeout = e.name === 'TimeoutError' || e.name === 'AbortError';
      throw new PortalFailure('transient', timeout ? 'timeout' : 'network', `${endpoint}: ${e.message}`);
    }
    const text = await readText(res);
    if (res.status === 401 || res.status === 403)
      throw new PortalFailure('session', `http_${res.status}`, text);
    if (res.status >= 300 && res.status < 400)
      throw new PortalFailure('session', 'redirect', `${endpoint}: redirected (a login page)`);
    if (res.status >= 500 || res.status === 429 || res.status === 408)
      throw new PortalFailure('transient', `http_${res.status}`, `${endpoint}: ${res.status}`);
    if (!res.ok) throw new PortalFailure('rejected', `http_${res.status}`, `${endpoint}: ${res.status}`);
    return parseEnvelope(endpoint, text, res.headers.get('content-type') ?? '');
  }
}

function parseEnvelope(endpoint: string, text: string, type: string): Envelope {
  if (text.trim() === '')
    throw new PortalFailure('transient', 'empty_body', `${endpoint}: 200 with an empty body`);
  if (/html/i.test(type) || /^\s*</.test(text))
    throw new PortalFailure('session', 'html_page', `${endpoint}: an HTML page instead of JSON`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PortalFailure('transient', 'bad_json', `${endpoint}: the answer is not JSON`);
  }
  const env = Envelope.safeParse(json);
  if (!env.success) throw new PortalFailure('rejected', 'bad_answer', `${endpoint}: not a DVCQG answer`);
  return env.data;
}

function messageOf(env: Envelope): string {
  return (env.message ?? env.error_message ?? '').slice(0, 300);
}

async function readText(res: Response): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > MAX_ANSWER) {
    await res.body?.cancel();
    throw new PortalFailure('rejected', 'too_large', `${res.url}: answer of ${declared} bytes`);
  }
  try {
    return await res.text();
  } catch (err) {
    throw new PortalFailure('transient', 'network', `${res.url}: ${(err as Error).message}`);
  }
}
