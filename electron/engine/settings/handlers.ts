import { roleRank } from '../../../shared/api/define';
import { StationError } from '../../../shared/api/errors';
import { SETTING_ROLES, type settingsCalls } from '../../../shared/api/rooms/settings';
import { ROLE_LABEL } from '../../../shared/i18n/roles';
import type { EngineContext, RoomHandlers } from '../context';
import type { Settings } from './index';

/** `afterUpdate`: what other rooms redo when settings change (the outbox's portal connection). */
export function settingsHandlers(
  ctx: EngineContext,
  settings: Settings,
  afterUpdate: () => void,
  /** What other rooms refuse before anything is saved (the forms' texts' placeholders). */
  check: (patch: Parameters<Settings['update']>[0]) => void = () => {},
): RoomHandlers<keyof typeof settingsCalls> {
  return {
    'settings.get': () => settings.view(),
    'settings.update': (p, caller) => {
      for (const key of Object.keys(p) as (keyof typeof SETTING_ROLES)[]) {
        const needs = SETTING_ROLES[key];
        if (needs && caller.role && roleRank(caller.role) < roleRank(needs))
          throw new StationError('auth_forbidden', { role: ROLE_LABEL[needs] });
      }
      check(p);
      settings.update(p);
      afterUpdate();
      const view = settings.view();
      ctx.emit('settings.changed', view);
      return view;
    },
  };
}
