import { calls, type Method } from '../../../shared/api/contract';
import { type Role, roleRank } from '../../../shared/api/define';
import { SETTING_ROLES, type StationSettings } from '../../../shared/api/rooms/settings';
import type { Place } from '../util/route';

/** The signed-in role; null on a station without accounts (or in the trial), where everything is open. */
export type Who = Role | null;

const atLeast = (who: Who, needed: Role): boolean => who === null || roleRank(who) >= roleRank(needed);
const higher = (a: Role, b: Role): Role => (roleRank(a) >= roleRank(b) ? a : b);

export const mayCall = (who: Who, method: Method): boolean => atLeast(who, calls[method].role);
export const maySet = (who: Who, key: keyof StationSettings): boolean => atLeast(who, SETTING_ROLES[key]);

/** Who sees each place: what its main call needs, and the figures are for the supervisor. */
const PLACE_ROLES: Record<Place, Role> = {
  reception: calls['dossier.create'].role,
  dossiers: calls['dossier.list'].role,
  outbox: calls['outbox.overview'].role,
  figures: higher('supervisor', calls['reports.figures'].role),
  settings: calls['settings.get'].role,
  post: calls['agency.endOfDay'].role,
};

export const mayVisit = (who: Who, place: Place): boolean => atLeast(who, PLACE_ROLES[place]);
