import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { EventMessage } from '../../shared/api/wire';
import { createDispatcher, type Dispatch, type Logger } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { Catalog } from './catalog';
import { DossierService } from './dossier/service';
import { openStore } from './store';

export { resolveDataDir } from './store';
export type { Dispatch } from './api/dispatch';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
export const VERSION = pkg.version;

export interface EngineOptions {
  dataDir: string;
  log?: Logger;
}

export interface Engine {
  readonly dataDir: string;
  dispatch: Dispatch;
  /** Every event the engine emits, as wire messages ready for any transport. */
  onEvent(listener: (event: EventMessage) => void): () => void;
  close(): void;
}

/** Opens the data directory and builds the engine that every transport serves. */
export function createEngine(opts: EngineOptions): Engine {
  const dataDir = path.resolve(opts.dataDir);
  const store = openStore(dataDir);
  const bus = new EventEmitter();
  let closed = false;
  try {
    const catalog = new Catalog(store.db);
    catalog.seedIfEmpty();
    const dossiers = new DossierService(store, catalog, (dossierId) => {
      const event: EventMessage = { kind: 'event', name: 'dossier.changed', payload: { dossierId } };
      bus.emit('event', event);
    });
    const handlers = createHandlers({ version: VERSION, dataDir, trainingMode: true, catalog, dossiers });
    return {
      dataDir,
      dispatch: createDispatcher(handlers, opts.log),
      onEvent(listener) {
        bus.on('event', listener);
        return () => bus.off('event', listener);
      },
      close() {
        if (closed) return;
        closed = true;
        bus.removeAllListeners();
        store.close();
      },
    };
  } catch (err) {
    store.close();
    throw err;
  }
}
