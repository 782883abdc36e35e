import type { accountsCalls } from '../../../shared/api/rooms/accounts';
import { StationError } from '../../../shared/api/errors';
import type { Caller, RoomHandlers } from '../context';
import type { Accounts } from './service';

const me = (c: Caller): string => {
  if (!c.username) throw new StationError('auth_required');
  return c.username;
};

export function accountsHandlers(a: Accounts): RoomHandlers<keyof typeof accountsCalls> {
  return {
    'accounts.status': (_p, c) => a.status(c.session ?? undefined),
    'accounts.setup': (p) => a.setup(p.username, p.name, p.password),
    'accounts.signIn': (p) => a.signIn(p.username, p.password),
    'accounts.quickSwitch': (p, c) => a.quickSwitch(p.username, p.pin, c.session),
    'accounts.unlock': (p, c) => a.unlock(c.session, p.secret),
    'accounts.signOut': (_p, c) => ({ ok: a.signOut(c.session) }),
    'accounts.lock': (_p, c) => ({ ok: a.lock(c.session) }),
    'accounts.setPin': (p, c) => a.setPin(me(c), p.password, p.pin),
    'accounts.changePassword': (p, c) => a.changePassword(me(c), p.current, p.next),
    'accounts.list': () => a.list(),
    'accounts.add': (p) => a.add(p.username, p.name, p.role, p.password),
    'accounts.update': (p) => a.update(p.username, p),
  };
}
