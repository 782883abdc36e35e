import type { EventName, EventPayload, Method, Params, Result } from '../../shared/api/contract';
import type { Store } from './store';

export type Logger = (line: string) => void;

/** What every room of the engine is given: the store, a way to tell clients, a log. */
export interface EngineContext {
  readonly dataDir: string;
  readonly store: Store;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  log: Logger;
}

/** The handlers a room provides for its part of the contract. Params arrive already validated. */
export type RoomHandlers<M extends Method> = {
  [K in M]: (params: Params<K>) => Promise<Result<K>> | Result<K>;
};
