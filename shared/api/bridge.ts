/**
 * What the Electron preload exposes as `window.station`: a typed message pipe to the
 * engine. The renderer wraps it in the same `Client` as every other transport, so
 * results and events are validated in the renderer, and calls again in the engine.
 */
import type { CallMessage } from './wire';

export interface StationBridge {
  send(message: CallMessage): void;
  onMessage(listener: (message: unknown) => void): () => void;
  /**
   * Electron only: opens a PDF (a receipt, a dossier file) in the system's PDF viewer,
   * where the clerk prints it. Absent in web mode, where the renderer downloads the file.
   */
  openPdf?(fileName: string, bytes: Uint8Array): Promise<void>;
}
