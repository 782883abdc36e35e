import type { logCalls } from '../../../shared/api/rooms/log';
import type { PublicSettings } from '../../../shared/api/rooms/settings';
import type { RoomHandlers } from '../context';
import { exportSupport } from './support';

export function logHandlers(station: {
  dataDir: string;
  version: string;
  settings: () => PublicSettings;
}): RoomHandlers<keyof typeof logCalls> {
  return {
    'log.exportSupport': (p) =>
      exportSupport({
        dataDir: station.dataDir,
        version: station.version,
        settings: station.settings(),
        days: p.days,
      }),
  };
}
