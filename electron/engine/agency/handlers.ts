import type { agencyCalls } from '../../../shared/api/rooms/agency';
import type { RoomHandlers } from '../context';
import type { Settings } from '../settings';
import type { PostDesk } from './desk';
import type { Agencies } from './service';

export function agencyHandlers(
  a: Agencies,
  desk: PostDesk,
  settings: Settings,
): RoomHandlers<keyof typeof agencyCalls> {
  const who = (caller: { username: string | null; name: string }) =>
    caller.username ? caller.name : settings.get().officerName || 'Nhân viên bưu chính';
  return {
    'agency.list': () => ({ stationKind: settings.get().stationKind, agencies: a.list() }),
    'agency.add': (p) => a.add(p),
    'agency.remove': (p) => a.remove(p.code),
    'agency.receive': (p, caller) => a.receive(p, caller.username ? caller.name : undefined),
    'agency.money': (p) => a.moneyOf(p.dossierId),
    'agency.cashbook': (p) => desk.cashbook(p.day, p.agencyCode),
    'agency.handoverList': (p) => desk.handoverList(p.agencyCode, p.day, p.format),
    'agency.handoverConfirm': (p, caller) => desk.confirm(p.agencyCode, p.day, who(caller), p.scan),
    'agency.backlog': () => desk.backlog(),
    'agency.postResults': () => desk.postResults(),
    'agency.recordPost': (p) => desk.recordPost(p.dossierId, p.step, p.tracking),
    'agency.endOfDay': (p) => desk.endOfDay(p.day),
    'agency.figures': (p) => desk.figures(p.from, p.to, p.agencyCode),
  };
}
