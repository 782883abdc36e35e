import type { settingsCalls } from '../../../shared/api/rooms/settings';
import type { EngineContext, RoomHandlers } from '../context';
import type { Settings } from './index';

/** `afterUpdate`: what other rooms redo when settings change (the outbox's portal connection). */
export function settingsHandlers(
  ctx: EngineContext,
  settings: Settings,
  afterUpdate: () => void,
): RoomHandlers<keyof typeof settingsCalls> {
  return {
    'settings.get': () => settings.view(),
    'settings.update': (p) => {
      settings.update(p);
      afterUpdate();
      const view = settings.view();
      ctx.emit('settings.changed', view);
      return view;
    },
  };
}
