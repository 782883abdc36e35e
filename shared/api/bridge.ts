/**
 * What the Electron preload exposes as `window.station`: a typed message pipe to the
 * engine. The renderer wraps it in the same `Client` as every other transport, so
 * results and events are validated in the renderer, and calls again in the engine.
 */
import type { CallMessage } from './wire';

export interface StationBridge {
  send(message: CallMessage): void;
  onMessage(listener: (message: unknown) => void): () => void;
}
