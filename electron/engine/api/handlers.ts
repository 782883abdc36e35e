import type { Method } from '../../../shared/api/contract';
import type { RoomHandlers } from '../context';

/** Every call of the contract bound to the engine's rooms; the compiler checks none is missing. */
export type Handlers = RoomHandlers<Method>;
