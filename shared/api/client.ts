/**
 * The typed client every caller uses (renderer, preload, CLI, tests). It knows
 * nothing of the transport: give it a way to send and feed it what arrives.
 * Results and events are validated on arrival against the contract.
 */
import {
  type AppError,
  calls,
  events,
  type EventName,
  type EventPayload,
  type Method,
  type Params,
  type Result,
} from './contract';
import { nfcDeep } from './nfc';
import { type CallMessage, ServerMessage } from './wire';

export class CallFailed extends Error {
  constructor(readonly error: AppError) {
    super(error.detail ? `${error.code}: ${error.detail}` : error.code);
    this.name = 'CallFailed';
  }
}

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void; method: Method };
type Listener = (payload: unknown) => void;

export interface StationClient {
  call<M extends Method>(method: M, params: Params<M>): Promise<Result<M>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export class Client implements StationClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private session: string | undefined;

  constructor(private readonly send: (message: CallMessage) => void) {}

  /** The session every following call carries (after accounts.signIn); null to drop it. */
  setSession(token: string | null): void {
    this.session = token ?? undefined;
  }

  call<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
    const id = this.nextId++;
    return new Promise<Result<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
      try {
        this.send({ kind: 'call', id, method, params, ...(this.session ? { session: this.session } : {}) });
      } catch (err) {
        this.pending.delete(id);
        reject(new CallFailed({ code: 'transport_closed', detail: String(err) }));
      }
    });
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener as Listener);
    this.listeners.set(name, set);
    return () => set.delete(listener as Listener);
  }

  /** Feed one message from the engine. Malformed messages are dropped. */
  receive(raw: unknown): void {
    const parsed = ServerMessage.safeParse(raw);
    if (!parsed.success) return;
    const msg = parsed.data;
    if (msg.kind === 'event') {
      if (!Object.hasOwn(events, msg.name)) return;
      const payload = events[msg.name as EventName].safeParse(nfcDeep(msg.payload));
      if (!payload.success) return;
      for (const l of this.listeners.get(msg.name) ?? []) l(payload.data);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (!msg.ok) {
      p.reject(new CallFailed(msg.error));
      return;
    }
    const result = calls[p.method].result.safeParse(nfcDeep(msg.result));
    if (result.success) p.resolve(result.data);
    else
      p.reject(
        new CallFailed({
          code: 'invalid_request',
          detail: `bad result for ${p.method}: ${result.error.message}`,
        }),
      );
  }

  /** The transport went away: fail everything still waiting. */
  close(): void {
    for (const p of this.pending.values()) p.reject(new CallFailed({ code: 'transport_closed' }));
    this.pending.clear();
  }
}
