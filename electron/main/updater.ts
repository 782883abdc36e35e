/**
 * The Electron glue of app updates: electron-updater's `autoUpdater` (the updater for this
 * platform, Electron's network stack) driven by UpdateService (main/update-service.ts),
 * which gets its feed from the engine (EngineHost's onUpdateFeed).
 */
import { autoUpdater } from 'electron-updater';
import { UpdateService } from './update-service';

export function startUpdates(): UpdateService {
  autoUpdater.logger = { info: () => {}, warn: console.warn, error: console.error };
  return new UpdateService(autoUpdater);
}
