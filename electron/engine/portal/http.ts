import crypto from 'node:crypto';
import type { z } from 'zod';
import { type PortalConnector, PortalFailure } from './connector';
import {
  API,
  type ApologyRequest,
  type EventRequest,
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
  type PortalRating,
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
      const res = await fetch(`${this.url}${API}/ping`, {
        signal: AbortSignal.timeout(3000),
        redirect: 'manual',
      });
      await res.body?.cancel();
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

  recordEvent(code: string, req: EventRequest, idempotencyKey: string) {
    return this.call('POST', `/ho-so/${enc(code)}/su-kien`, PortalDossier, {
      json: req,
      headers: { [H.idempotency]: idempotencyKey },
    });
  }

  async fetchResult(code: string, fileId: string): Promise<Buffer> {
    return this.withSession(async () => {
      const res = await this.send('GET', `/ho-so/${enc(code)}/ket-qua/${enc(fileId)}`, {});
      if (!res.ok) throw await failureOf(res);
      return Buffer.from(await this.read(res, MAX_RESULT_BYTES));
    });
  }

  recordReturn(code: string, returnedTo: string, at: Date, rating?: PortalRating) {
    return this.call('POST', `/ho-so/${enc(code)}/tra-ket-qua`, PortalDossier, {
      json: { NgayTra: portalDate(at), NguoiNhan: returnedTo, ...(rating ? { DanhGia: rating } : {}) },
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
    const text = new TextDecoder().decode(await this.read(res, MAX_ANSWER_BYTES));
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
        // Never followed: a 307 would send the secret (or a dossier's files) on to wherever it points.
        redirect: 'manual',
      });
    } catch (err) {
      throw networkFailure(method, route, err);
    }
  }

  /**
   * Reads the whole body under the same time bound (a portal that stalls mid-answer is a
   * timeout, not a hang) and at most `max` bytes (an endless answer is refused, not held).
   */
  private async read(res: Response, max: number): Promise<Uint8Array> {
    try {
      return await readCapped(res, max);
    } catch (err) {
      if (err instanceof PortalFailure) throw err;
      throw networkFailure('read', res.url, err);
    }
  }
}

/** A JSON answer of the protocol is a few kilobytes; this is far beyond any. */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
/** A result file (a signed decision, a certificate) the portal hands back. */
export const MAX_RESULT_BYTES = 200 * 1024 * 1024;
/** An error answer is read this far for its MaLoi. */
const MAX_ERROR_BYTES = 64 * 1024;

/** The body, chunk by chunk, refused as `too_large` once it passes `max` bytes. */
async function readCapped(res: Response, max: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await res.body?.cancel();
    throw new PortalFailure('rejected', 'too_large', `${res.url}: answer of ${declared} bytes`);
  }
  const reader = res.body?.getReader();
  const chunks: Uint8Array[] = [];
  let got = 0;
  for (;;) {
    const next = reader ? await reader.read() : { done: true as const, value: undefined };
    if (next.done) break;
    got += next.value.length;
    if (got > max) {
      await reader?.cancel();
      throw new PortalFailure('rejected', 'too_large', `${res.url}: answer above ${max} bytes`);
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks);
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
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel();
    const to = res.headers.get('location') ?? '(nowhere)';
    return new PortalFailure(
      'rejected',
      'redirect',
      `${res.status}: the portal points elsewhere (${to.slice(0, 200)})`,
    );
  }
  let body: PortalErrorBody | null = null;
  try {
    const text = new TextDecoder().decode(await readCapped(res, MAX_ERROR_BYTES));
    const parsed = PortalErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) body = parsed.data;
  } catch {
    /* no JSON body (or too long, or cut): the status says enough */
  }
  // Both are the portal's words, shown to the clerk: kept to a readable length.
  const code = body?.MaLoi.slice(0, 64) ?? `http_${res.status}`;
  const msg = `${res.status} ${code}${body ? `: ${body.ThongDiep.slice(0, 300)}` : ''}`;
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
