import { createHash } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { spawnSourceWorker } from '../worker-spawn';
import { type CertInfo, parseCert } from './certs';
import { ecdsaRawToDer } from './cms';
import type { Signer } from './signer';
import type { PinState, TokenFailure, TokenReply, TokenRequest, TokenSlot } from './token-protocol';

export type { PinState, TokenFailure, TokenSlot } from './token-protocol';

/** A token call that failed, with the token's own word on the PIN when it gave one. */
export class TokenError extends Error {
  constructor(
    readonly failure: TokenFailure,
    readonly detail: string,
    readonly pin?: PinState,
  ) {
    super(`${failure}: ${detail}`);
    this.name = 'TokenError';
  }
}

const TIMEOUT_MS: Record<TokenRequest['op'], number> = {
  list: 30_000,
  open: 60_000,
  sign: 60_000,
  logout: 10_000,
  close: 10_000,
};

function spawnWorker(): Worker {
  const own = new URL(import.meta.url);
  // Packaged app: no TypeScript sources, the worker is bundled as dist/electron/token-worker.cjs.
  return spawnSourceWorker(
    new URL('./token-worker.ts', own),
    new URL('../../../dist/electron/token-worker.cjs', own),
  );
}

/**
 * The engine's side of the PKCS#11 worker thread. One request at a time, each
 * bounded by a timeout; a worker that hangs is terminated and replaced.
 */
export class TokenClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  private ensure(): Worker {
    if (!this.worker) {
      const w = spawnWorker();
      w.unref();
      w.on('error', () => this.reset());
      w.on('exit', () => {
        if (this.worker === w) this.worker = null;
      });
      this.worker = w;
    }
    return this.worker;
  }

  private reset(): void {
    const w = this.worker;
    this.worker = null;
    void w?.terminate();
  }

  request(req: TokenRequest): Promise<Extract<TokenReply, { ok: true }>> {
    const run = () =>
      new Promise<Extract<TokenReply, { ok: true }>>((resolve, reject) => {
        const w = this.ensure();
        const id = this.nextId++;
        const timer = setTimeout(() => {
          cleanup();
          this.reset();
          reject(
            new TokenError('device_error', `token did not answer ${req.op} in ${TIMEOUT_MS[req.op]} ms`),
          );
        }, TIMEOUT_MS[req.op]);
        const onMessage = (msg: { id: number; reply: TokenReply }) => {
          if (msg.id !== id) return;
          cleanup();
          if (msg.reply.ok) resolve(msg.reply);
          else reject(new TokenError(msg.reply.failure, msg.reply.detail, msg.reply.pin));
        };
        const onExit = () => {
          cleanup();
          reject(new TokenError('device_error', 'token worker stopped'));
        };
        const cleanup = () => {
          clearTimeout(timer);
          w.off('message', onMessage);
          w.off('exit', onExit);
        };
        w.on('message', onMessage);
        w.on('exit', onExit);
        w.postMessage({ id, req });
      });
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  async list(modulePath: string): Promise<TokenSlot[]> {
    return (await this.request({ op: 'list', modulePath })).slots ?? [];
  }

  /** Logs in and returns a signer for the chosen key; `close()` ends the batch and forgets the login. */
  async open(opts: {
    modulePath: string;
    tokenSerial?: string;
    tokenLabel?: string;
    keyId?: string;
    pin: string;
    extraCerts?: CertInfo[];
  }): Promise<TokenSigner> {
    const reply = await this.request({ op: 'open', ...opts });
    const opened = reply.opened;
    if (!opened) throw new TokenError('device_error', 'no session');
    const certificate = parseCert(Buffer.from(opened.certDer));
    const onToken = opened.slot.certificates.map((c) => parseCert(Buffer.from(c.der)));
    return new TokenSigner(
      this,
      opened.session,
      certificate,
      [...onToken, ...(opts.extraCerts ?? [])],
      opened.slot,
      opened.keyId,
    );
  }

  async close(): Promise<void> {
    if (!this.worker) return;
    await this.request({ op: 'close' }).catch(() => undefined);
  }

  async terminate(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }
}

export class TokenSigner implements Signer {
  /** Total time inside C_SignInit + C_Sign, for the benchmark. */
  signMs = 0;
  readonly chain: CertInfo[];

  constructor(
    private readonly client: TokenClient,
    private readonly session: number,
    readonly certificate: CertInfo,
    pool: CertInfo[],
    readonly slot: TokenSlot,
    readonly keyId: string,
  ) {
    // Issuer certificates found on the token or given; CMS carries them so validators can build the chain.
    this.chain = pool.filter((c) => c.isCA && certificate.x509.checkIssued(c.x509));
    for (let top = this.chain[0]; top && !top.x509.checkIssued(top.x509);) {
      const below = top;
      const next = pool.find((c) => c.isCA && !this.chain.includes(c) && below.x509.checkIssued(c.x509));
      if (!next) break;
      this.chain.push(next);
      top = next;
    }
  }

  async sign(data: Buffer): Promise<Buffer> {
    const ec = this.certificate.keyType === 'ec';
    const payload = ec ? createHash('sha256').update(data).digest() : data;
    const reply = await this.client.request({
      op: 'sign',
      session: this.session,
      mechanism: ec ? 'ecdsa' : 'rsa-sha256',
      data: payload,
    });
    if (!reply.signature) throw new TokenError('device_error', 'empty signature');
    this.signMs += reply.signMs ?? 0;
    const sig = Buffer.from(reply.signature);
    return ec ? ecdsaRawToDer(sig) : sig;
  }

  /** Ends this batch: logs out (unless another batch still signs) and forgets the session. */
  async close(): Promise<void> {
    await this.client.request({ op: 'logout', session: this.session }).catch(() => undefined);
  }
}
