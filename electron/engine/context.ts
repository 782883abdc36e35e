import type { EventName, EventPayload, Method, Params, Result } from '../../shared/api/contract';
import type { Store } from './store';

export type Logger = (line: string) => void;

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
  readonly onReceiveInTx: ((dossierId: string) => void)[];
}

/** The handlers a room provides for its part of the contract. Params arrive already validated. */
export type RoomHandlers<M extends Method> = {
  [K in M]: (params: Params<K>) => Promise<Result<K>> | Result<K>;
};
