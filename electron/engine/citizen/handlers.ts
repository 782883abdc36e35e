import type { citizenCalls } from '../../../shared/api/rooms/citizen';
import type { RoomHandlers } from '../context';
import type { CitizenScreen } from './service';

export function citizenHandlers(c: CitizenScreen): RoomHandlers<keyof typeof citizenCalls> {
  return {
    'citizen.show': (p, caller) => c.show(p.dossierId, caller.username),
    'citizen.idle': () => c.idle(),
    'citizen.status': () => c.status(),
    'citizen.pairingCode': () => c.pairing.issue(),
    'citizen.current': () => c.current(),
    'citizen.rate': (p) => c.rate(p.key, p.rating),
    'citizen.lookup': (p) => c.lookup(p.code),
  };
}
