import type { privacyCalls } from '../../../shared/api/rooms/privacy';
import type { Caller, RoomHandlers } from '../context';
import type { Privacy } from './service';

/** The privacy room's calls (docs/architecture.md, privacy); every one needs a supervisor (shared/api/rooms/privacy.ts). */
export function privacyHandlers(
  privacy: Privacy,
  exportOf: (applicantId: string) => ReturnType<RoomHandlers<'privacy.export'>['privacy.export']>,
  actorOf: (caller: Caller) => string,
): RoomHandlers<keyof typeof privacyCalls> {
  return {
    'privacy.plan': () => privacy.plan(),
    'privacy.purge': (p, caller) => privacy.purge(p.dryRun, actorOf(caller)),
    'privacy.export': (p) => exportOf(p.applicantId),
  };
}
