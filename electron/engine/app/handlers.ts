import type { appCalls } from '../../../shared/api/rooms/app';
import type { RoomHandlers } from '../context';
import type { Settings } from '../settings';

export function appHandlers(
  info: { version: string; dataDir: string },
  settings: Settings,
): RoomHandlers<keyof typeof appCalls> {
  return {
    'app.info': () => ({
      version: info.version,
      dataDir: info.dataDir,
      trainingMode: !settings.get().portalUrl,
    }),
  };
}
