import type { auditCalls } from '../../../shared/api/rooms/audit';
import type { RoomHandlers } from '../context';
import type { AuditLog } from './index';

export function auditHandlers(audit: AuditLog): RoomHandlers<keyof typeof auditCalls> {
  return {
    'audit.list': (p) => audit.list(p),
    'audit.search': (p) => audit.search(p),
    'audit.verify': () => audit.verify(),
  };
}
