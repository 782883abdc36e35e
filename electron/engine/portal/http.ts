import crypto from 'node:crypto';
import type { z } from 'zod';
import { type PortalConnector, PortalFailure } from './connector';
import {
  API,
  type ApologyRequest,
  AuthResponse,
  ChunkAck,
  type CorrectionRequest,
  type CreateDossierRequest,
  ErrorCodes,
  H,
  Payment,
  paymentCheckCode,
  PaymentReceipt,
  type PaymentRequest,
  PortalDossier,
  PortalErrorBody,
  portalDate,
  PortalFile,
} from './protocol';

export interface HttpPortalOptions {
  url: string;
  stationId: string;
  secret: string;
  /** Partner code and secret for the payment platform (MaDoiTac, MaKiemTra). */
  paymentPartner?: string;
  paymentSecret?: string;
  /** Every request is bounded: a portal that hangs becomes a transient failure. */
  timeoutMs?: number;
}

/** The portal protocol over HTTP (docs/portal-protocol.md). */
export class HttpPortal implements PortalConnector {
  readonly url: string;
  private token: string | null = null;
  private readonly timeoutMs: number;

  constructor(private readonly opts: HttpPortalOptions) {
    this.url = opts.url.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 20_000;
  }

  async ping(): Promise<boolean> {
    try {
      const res = await fetch(`${this.url}${API}/ping`, { signal: AbortSignal.timeout(3000) });
      await res.arrayBuffer();
      return res.ok;
    } catch {
      return false;
    }
  }

  async authenticate(): Promise<void> {
    try {
      const out = await this.raw('POST', '/xac-thuc', AuthResponse, {
        json: { MaTram: this.opts.stationId, KhoaBiMat: this.opts.secret },
        auth: false,
      });
      this.token = out.AccessToken;
    } catch (err) {
      // Refused credentials are not a passing state: a person must fix the settings.
      if (err instanceof PortalFailure && err.kind === 'session')
        throw new PortalFailure('rejected', 'bad_credentials', err.message);
      throw err;
    }
  }

  createDossier(req: CreateDossierRequest, idempotencyKey: string) {
    return this.call('POST', '/ho-so', PortalDossier, {
      json: req,
      headers: { [H.idempotency]: idempotencyKey },
    });
  }

  getDossier(code: string) {
    return this.call('GET', `/ho-so/${enc(code)}`, PortalDossier);
  }

  fileStatus(code: string, fileId: string) {
    return this.call('GET', `/ho-so/${enc(code)}/tep/${enc(fileId)}`, PortalFile);
  }

  uploadChunk(code: string, fileId: string, offset: number, chunk: Uint8Array) {
    const sha = crypto.createHash('sha256').update(chunk).digest('hex');
    return this.call('PUT', `/ho-so/${enc(code)}/tep/${enc(fileId)}?viTri=${offset}`, ChunkAck, {
      body: chunk,
      headers: { [H.chunkSha]: sha, 'content-type': 'application/octet-stream' },
    });
  }

  submit(code: string) {
    return this.call('POST', `/ho-so/${enc(code)}/nop`, PortalDossier, { json: {} });
  }

  correctDossier(code: string, req: CorrectionRequest, idempotencyKey: string) {
    return this.call('POST', `/ho-so/${enc(code)}/dinh-chinh`, PortalDossier, {
      json: req,
      headers: { [H.idempotency]: idempotencyKey },
    });
  }

  confirmCorrection(code: string, version: number) {
    return this.call('POST', `/ho-so/${enc(code)}/dinh-chinh/${version}/xac-nhan`, PortalDossier, {
      json: {},
    });
  }

  apologize(code: string, req: ApologyRequest, idempotencyKey: string) {
    return this.call('POST', `/ho-so/${enc(code)}/xin-loi`, PortalDossier, {
      json: req,
      headers: { [H.idempotency]: idempotencyKey },
    });
  }

  async fetchResult(code: string, fileId: string): Promise<Buffer> {
    return this.withSession(async () => {
      const res = await this.send('GET', `/ho-so/${enc(code)}/ket-qua/${enc(fileId)}`, {});
      if (!res.ok) throw await failureOf(res);
      return Buffer.from(await this.read(res));
    });
  }

  recordReturn(code: string, returnedTo: string, at: Date) {
    return this.call('POST', `/ho-so/${enc(code)}/tra-ket-qua`, PortalDossier, {
      json: { NgayTra: portalDate(at), NguoiNhan: returnedTo },
    });
  }

  createPayment(req: Omit<PaymentRequest, 'MaKiemTra'>) {
    const body: PaymentRequest = { ...req, MaKiemTra: paymentCheckCode(req, this.opts.paymentSecret ?? '') };
    return this.call('POST', '/thanh-toan', Payment, { json: body });
  }

  getPayment(reference: string) {
    return this.call('GET', `/thanh-toan/${enc(reference)}`, Payment);
  }

  paymentReceipt(reference: string) {
    return this.call('GET', `/thanh-toan/${enc(reference)}/bien-lai`, PaymentReceipt);
  }

  private call<T extends z.ZodType>(method: string, route: string, schema: T, init: Init = {}) {
    return this.withSession(() => this.raw(method, route, schema, init));
  }

  /** Runs fn with a session; an expired session is renewed once and fn repeated. */
  private async withSession<R>(fn: () => Promise<R>): Promise<R> {
    if (!this.token) await this.authenticate();
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof PortalFailure) || err.kind !== 'session') throw err;
      this.token = null;
      await this.authenticate();
      return fn();
    }
  }

  private async raw<T extends z.ZodType>(
    method: string,
    route: string,
    schema: T,
    init: Init,
  ): Promise<z.output<T>> {
    const res = await this.send(method, route, init);
    if (!res.ok) throw await failureOf(res);
    const text = new TextDecoder().decode(await this.read(res));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new PortalFailure('transient', 'bad_json', `${method} ${route}: the portal answered no JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new PortalFailure(
        'rejected',
        'bad_answer',
        `${method} ${route}: unexpected answer: ${parsed.error.message}`,
      );
    return parsed.data;
  }

  private async send(method: string, route: string, init: Init): Promise<Response> {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.auth !== false && this.token) headers.authorization = `Bearer ${this.token}`;
    let body: Uint8Array<ArrayBuffer> | string | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8';
      body = JSON.stringify(init.json);
    } else if (init.body) body = new Uint8Array(init.body); // a copy on its own ArrayBuffer, as fetch wants
    try {
      return await fetch(`${this.url}${API}${route}`, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw networkFailure(method, route, err);
    }
  }

  /** Reads the whole body under the same bound: a portal that stalls mid-answer is a timeout, not a hang. */
  private async read(res: Response): Promise<ArrayBuffer> {
    try {
      return await res.arrayBuffer();
    } catch (err) {
      throw networkFailure('read', res.url, err);
    }
  }
}

interface Init {
  json?: unknown;
  body?: Uint8Array;
  headers?: Record<string, string>;
  auth?: boolean;
}

const enc = encodeURIComponent;

function networkFailure(method: string, route: string, err: unknown): PortalFailure {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  const timeout = e.name === 'TimeoutError' || e.name === 'AbortError';
  return new PortalFailure(
    'transient',
    timeout ? 'timeout' : 'network',
    `${method} ${route}: ${timeout ? 'no answer in time' : (e.cause?.code ?? e.cause?.message ?? e.message)}`,
  );
}

async function failureOf(res: Response): Promise<PortalFailure> {
  let body: PortalErrorBody | null = null;
  try {
    const parsed = PortalErrorBody.safeParse(JSON.parse(await res.text()));
    if (parsed.success) body = parsed.data;
  } catch {
    /* no JSON body */
  }
  const code = body?.MaLoi ?? `http_${res.status}`;
  const msg = `${res.status} ${code}${body ? `: ${body.ThongDiep}` : ''}`;
  if (res.status === 401 && code === ErrorCodes.sessionExpired)
    return new PortalFailure('session', code, msg);
  if (res.status === 401) return new PortalFailure('session', code, msg);
  if (res.status === 409 && code === ErrorCodes.offsetMismatch)
    return new PortalFailure('offset', code, msg, body?.DaNhan ?? 0);
  if (res.status >= 500 || res.status === 429 || res.status === 408)
    return new PortalFailure('transient', code, msg);
  // A chunk damaged on the way is simply sent again.
  if (code === ErrorCodes.chunkCorrupt || code === ErrorCodes.fileCorrupt)
    return new PortalFailure('offset', code, msg, body?.DaNhan ?? 0);
  return new PortalFailure('rejected', code, msg);
}
