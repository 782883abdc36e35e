import type { Transferable, Worker } from 'node:worker_threads';
import { spawnSourceWorker } from './worker-spawn';

/** What every request and reply between the engine and one of its worker threads carries. */
interface Tagged {
  id: number;
}
type Failure = { id: number; ok: false; error: string };

export interface WorkerClientOptions<Req extends Tagged & { op: string }> {
  /** The worker's TypeScript source and its bundle in the packaged app (see `spawnSourceWorker`). */
  source: URL;
  bundled: URL;
  /** An idle worker is stopped after this long (a worker thread keeps its process alive). */
  idleMs: number;
  /** Bound on one request; a worker that passes it is replaced (a crafted file that hangs it). */
  timeoutMs: (op: Req['op']) => number;
  /** What the worker does, for messages: "PDF rendering", "page cleanup". */
  name: string;
  /** The error a caller gets: the worker's own message, a timeout, or the worker gone. */
  error: (message: string) => Error;
}

/**
 * The engine's side of one worker thread that answers requests by id
 * (the PDF renderer, the page cleanup): started on first use or `warm()`,
 * stopped when idle, replaced when it fails or a request times out.
 */
export class WorkerClient<Req extends Tagged & { op: string }, Rep extends Tagged & { ok: boolean }> {
  private worker: Worker | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private closed = false;
  private readonly pending = new Map<
    number,
    { resolve: (r: Rep) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();

  constructor(private readonly opts: WorkerClientOptions<Req>) {}

  /** Starts the thread ahead of its first request. */
  warm(): void {
    if (!this.closed) this.ensure();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clearIdle();
    const w = this.worker;
    this.worker = null;
    this.fail(this.opts.error(`${this.opts.name}: worker closed`));
    if (w) await w.terminate();
  }

  /** Sends one request (its `transfer` list handed over without a copy) and waits for its answer. */
  async request(
    body: Req extends unknown ? Omit<Req, 'id'> : never,
    transfer: readonly Transferable[] = [],
  ): Promise<Exclude<Rep, Failure>> {
    if (this.closed) throw this.opts.error(`${this.opts.name}: worker closed`);
    this.clearIdle();
    const w = this.ensure();
    const id = this.nextId++;
    const limit = this.opts.timeoutMs((body as { op: Req['op'] }).op);
    const reply = await new Promise<Rep>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(this.opts.error(`${this.opts.name} took longer than ${limit / 1000} s`));
        if (this.worker === w) {
          this.worker = null;
          void w.terminate();
        }
      }, limit);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      w.postMessage({ ...body, id }, transfer);
    });
    if (!reply.ok) throw this.opts.error((reply as unknown as Failure).error);
    return reply as Exclude<Rep, Failure>;
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = spawnSourceWorker(this.opts.source, this.opts.bundled);
    w.unref();
    w.on('message', (reply: Rep) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      clearTimeout(p.timer);
      p.resolve(reply);
      if (this.pending.size === 0) this.stopWhenIdle(w);
    });
    const lost = (err: Error) => {
      if (this.worker !== w) return;
      this.worker = null;
      this.fail(err);
    };
    w.on('error', (err) => lost(err));
    w.on('exit', (code) => lost(this.opts.error(`${this.opts.name}: worker stopped (${code})`)));
    this.worker = w;
    return w;
  }

  private fail(err: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(err);
      this.pending.delete(id);
    }
  }

  private clearIdle(): void {
    if (!this.idleTimer) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private stopWhenIdle(w: Worker): void {
    this.clearIdle();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.worker !== w || this.pending.size > 0) return;
      this.worker = null;
      void w.terminate();
    }, this.opts.idleMs);
    this.idleTimer.unref();
  }
}
