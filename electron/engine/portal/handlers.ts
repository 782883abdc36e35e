import type { portalCalls } from '../../../shared/api/rooms/portal';
import { StationError } from '../../../shared/api/errors';
import type { EngineContext, RoomHandlers } from '../context';
import type { Settings } from '../settings';
import { checkPortal } from './check';
import { portalFaultFields } from './errors';

export function portalHandlers(
  ctx: EngineContext,
  settings: Settings,
): RoomHandlers<keyof typeof portalCalls> {
  return {
    'portal.check': async (p) => {
      const secret = p.secret ?? settings.get().portalSecret;
      if (!secret) throw new StationError('portal_check_no_key');
      try {
        const timeoutMs = p.timeoutMs ?? 10_000;
        const answer = await checkPortal({ url: p.url, stationId: p.stationId, secret, timeoutMs });
        ctx.log.info('portal.check', { ok: true, ms: answer.latencyMs });
        return { ok: true as const, ...answer, usedStoredSecret: p.secret === undefined };
      } catch (err) {
        ctx.log.warn('portal.check', { ok: false, ...portalFaultFields(err) });
        throw err;
      }
    },
  };
}
