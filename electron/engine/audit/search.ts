import { AuditQuery, type AuditPage } from '../../../shared/api/rooms/audit';
import { fold } from '../../../shared/domain/text';
import type { Db } from '../store';
import { type Row, toEntry } from './row';

/** The first instant of a counter's calendar day (+07:00), as the trail stores times (UTC ISO). */
const dayStart = (day: string) => new Date(`${day}T00:00:00+07:00`).toISOString();
const nextDayStart = (day: string) =>
  new Date(new Date(`${day}T00:00:00+07:00`).getTime() + 24 * 3600_000).toISOString();

function distinct(db: Db, column: 'actor' | 'action'): string[] {
  const rows = db.prepare(`SELECT DISTINCT ${column} AS v FROM audit_log ORDER BY v`).all() as {
    v: string;
  }[];
  return rows.map((r) => r.v);
}

/**
 * Nhật ký hoạt động: the whole station's trail for the supervisor, filtered by
 * day range, actor (part of the name, without marks) and action (one call, or a
 * room's every call), newest first, a page at a time, with the total.
 */
export function searchTrail(db: Db, query: AuditQuery): AuditPage {
  const q = AuditQuery.parse(query);
  const actors = distinct(db, 'actor');
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (q.from) {
    where.push('at >= ?');
    args.push(dayStart(q.from));
  }
  if (q.to) {
    where.push('at < ?');
    args.push(nextDayStart(q.to));
  }
  if (q.actor) {
    const want = fold(q.actor);
    const who = actors.filter((a) => fold(a).includes(want));
    where.push(who.length ? `actor IN (${who.map(() => '?').join(', ')})` : '0');
    args.push(...who);
  }
  if (q.action) {
    where.push('(action = ? OR substr(action, 1, ?) = ?)');
    args.push(q.action, q.action.length + 1, `${q.action}.`);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM audit_log ${clause}`).get(...args) as { n: number }).n;
  const rows = db
    .prepare(`SELECT * FROM audit_log ${clause} ORDER BY seq DESC LIMIT ? OFFSET ?`)
    .all(...args, q.limit, q.offset) as unknown as Row[];
  return { entries: rows.map(toEntry), total, actors, actions: distinct(db, 'action') };
}
