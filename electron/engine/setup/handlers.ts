import { StationError } from '../../../shared/api/errors';
import type { setupCalls } from '../../../shared/api/rooms/setup';
import type { Accounts } from '../accounts';
import type { EngineContext, RoomHandlers } from '../context';
import type { Settings } from '../settings';

/**
 * Thiết lập trạm (first-run setup): what is still a sample, and the wizard's last step, which
 * saves the unit's settings and makes the first administrator together.
 */
export function setupHandlers(
  ctx: EngineContext,
  settings: Settings,
  accounts: Accounts,
): RoomHandlers<keyof typeof setupCalls> {
  return {
    'setup.status': () => {
      const samples = settings.samples();
      const trainingMode = settings.trainingMode();
      return {
        hasAccounts: accounts.hasAccounts(),
        trainingMode,
        samples,
        receptionBlocked: !trainingMode && samples.length > 0,
      };
    },
    'setup.complete': async (p) => {
      if (accounts.hasAccounts()) throw new StationError('accounts_exist');
      const { esclUrls, ...unit } = p.settings;
      settings.update(esclUrls ? { ...unit, esclUrls } : unit);
      ctx.emit('settings.changed', settings.view());
      return accounts.setup(p.admin.username, p.admin.name, p.admin.password);
    },
  };
}
