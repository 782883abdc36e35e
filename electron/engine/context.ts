import type { EventName, EventPayload, Method, Result, ValidParams } from '../../shared/api/contract';
import type { Log } from './log';
import type { Store } from './store';

/** The engine's log (electron/engine/log): `log.warn('event', { code })`, or `log('text')` at info. */
export type Logger = Log;

/** A step run inside the reception transaction; `online`: the citizen consented to online submission. */
export type ReceiveStep = (dossierId: string, opts: { online: boolean }) => void;

/** What every room of the engine is given: the store, a way to tell clients, a log. */
export interface EngineContext {
  readonly dataDir: string;
  readonly store: Store;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  log: Logger;
  /**
   * Steps other rooms add to the reception of a dossier (tiếp nhận), run inside
   * the very transaction that receives it — e.g. the outbox queues the upload,
   * so a received dossier can never miss its queue entry.
   */
  readonly onReceiveInTx: ReceiveStep[];
}

/**
 * Who made a call, as the accounts room vouched for it: the signed-in person, or
 * (`username` null) the station itself on a station without accounts yet, or a
 * caller not signed in reaching a public call.
 */
export interface Caller {
  username: string | null;
  /** Họ tên, for the receipt and the audit trail. */
  name: string;
  role: 'clerk' | 'supervisor' | 'admin' | null;
  /** The session token the call carried (sign-out, unlock and quick switch act on it). */
  session: string | null;
}

/** The handlers a room provides for its part of the contract. Params arrive already validated, the caller already authorized. */
export type RoomHandlers<M extends Method> = {
  [K in M]: (params: ValidParams<K>, caller: Caller) => Promise<Result<K>> | Result<K>;
};
