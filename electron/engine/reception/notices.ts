import type { ApologyRecord, Dossier, RefusalRecord } from '../../../shared/api/contract';
import type { CounterEvent } from '../../../shared/api/rooms/outbox';
import { StationError } from '../../../shared/api/errors';
import { CalendarError, formatInstant, parseInstant } from '../../../shared/domain/deadline';
import { dueState, isLate } from '../../../shared/domain/due';
import { vnDateTime } from '../../../shared/domain/vn-time';
import type { DossierService } from '../dossier/service';
import type { Settings } from '../settings';
import { type Store, transaction } from '../store';
import { wrongStatus } from './forms';
import { calendarOf } from './service';
import { readReception } from './view';

/** What reception asks of the outbox for an apology (wired in engine/index.ts: reception may not import it). */
export interface ApologyHooks {
  /** Inside the transaction that records the apology: the portal is to be told (for a dossier it has). */
  apologizedInTx(dossierId: string, apology: ApologyRecord): void;
  /** When the portal reported the dossier's result, if it has. */
  resolvedAt(dossierId: string): string | null;
}

interface Row {
  status: Dossier['status'];
  correction: string | null;
  code: string | null;
  appointment_at: string | null;
  reception: string | null;
  applicant_name: string;
}

/** How each ending reads in the errors ("đã … lúc"), and the action refused ("không … được"). */
const ENDED_VI = {
  refused: 'bị từ chối giải quyết',
  withdrawn: 'được người dân rút',
  stopped: 'bị dừng giải quyết',
} as const;
const ACTION_VI = { refusal: 'từ chối', withdrawal: 'rút', stop: 'dừng giải quyết' } as const;

/**
 * The counter's notices besides the receipt: the refusal (form 03 for a draft; for a received
 * dossier, its ending with portal status 3), the withdrawal by the citizen (portal status 7), the
 * stop notice (form 07, portal status 8), and
 * the apology with a new appointment for a dossier that is late or about to be (form 04).
 */
export class Notices {
  /**
   * Steps run inside the transaction that records a refusal or a withdrawal of a received dossier
   * (engine/index.ts: the outbox queues it for the portal; reception may not import the outbox).
   */
  readonly eventsInTx: ((dossierId: string, e: CounterEvent) => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly dossiers: DossierService,
    private readonly settings: Settings,
    private readonly hooks: ApologyHooks,
    private readonly onChange: (dossierId: string) => void = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  private row(id: string): Row {
    const row = this.store.db
      .prepare(
        'SELECT status, code, appointment_at, reception, applicant_name, correction FROM dossiers WHERE id = ?',
      )
      .get(id) as Row | undefined;
    if (!row) throw new StationError('dossier_not_found', { id });
    return row;
  }

  private save(id: string, rec: unknown, appointmentAt?: string): void {
    const db = this.store.db;
    if (appointmentAt)
      db.prepare('UPDATE dossiers SET reception = ?, appointment_at = ?, updated_at = ? WHERE id = ?').run(
        JSON.stringify(rec),
        appointmentAt,
        new Date().toISOString(),
        id,
      );
    else
      db.prepare('UPDATE dossiers SET reception = ?, updated_at = ? WHERE id = ?').run(
        JSON.stringify(rec),
        new Date().toISOString(),
        id,
      );
  }

  /**
   * Từ chối: a draft is refused at the counter (the reason kept with it, printed on form 03); a
   * received dossier is refused for good — status `refused`, the portal told (3) in the same
   * transaction.
   */
  refuse(dossierId: string, reason: string, by: string): Dossier {
    transaction(this.store.db, () => {
      const row = this.row(dossierId);
      const at = formatInstant(this.now().getTime());
      const rec = readReception(row.reception);
      if (row.status === 'draft') {
        rec.refusal = { reason, by, at };
        this.save(dossierId, rec);
        return;
      }
      this.assertOpen(dossierId, row, rec, 'refusal');
      rec.refusal = { reason, by, at };
      this.end(dossierId, row, rec, 'refused', { kind: 'refusal', at, actor: by, content: reason });
    });
    this.onChange(dossierId);
    return this.dossiers.get(dossierId);
  }

  /**
   * Rút hồ sơ: the citizen takes a received dossier back. Status `withdrawn` (final), the clock
   * stopped where it stood, the portal told (7) in the same transaction; the outbox then sends
   * nothing else for it and no result is handed over.
   */
  withdraw(dossierId: string, reason: string, by: string): Dossier {
    transaction(this.store.db, () => {
      const row = this.row(dossierId);
      if (row.status === 'draft')
        throw new StationError('withdraw_not_received', { code: row.code ?? row.applicant_name });
      const rec = readReception(row.reception);
      this.assertOpen(dossierId, row, rec, 'withdrawal');
      const at = formatInstant(this.now().getTime());
      rec.withdrawal = { reason, by, at };
      this.end(dossierId, row, rec, 'withdrawn', { kind: 'withdrawal', at, actor: by, content: reason });
    });
    this.onChange(dossierId);
    return this.dossiers.get(dossierId);
  }

  /**
   * Thông báo dừng giải quyết hồ sơ: the reason is kept with the received dossier, printed on
   * form 07 (Circular 03/2025/TT-VPCP's form 05). It ends the dossier like a refusal: status
   * `stopped` (final), an open clock stop closed, the portal told (8, `DUNG_XU_LY`) in the same
   * transaction; nothing is handed over after it and the backlog no longer counts it.
   */
  stopNotice(dossierId: string, reason: string, by: string): Dossier {
    transaction(this.store.db, () => {
      const row = this.row(dossierId);
      if (row.status === 'draft')
        throw wrongStatus('07', { status: row.status, code: row.code, name: row.applicant_name });
      const rec = readReception(row.reception);
      this.assertOpen(dossierId, row, rec, 'stop');
      const at = formatInstant(this.now().getTime());
      rec.stopNotices.push({ reason, by, at });
      this.end(dossierId, row, rec, 'stopped', { kind: 'stop', at, actor: by, content: reason });
    });
    this.onChange(dossierId);
    return this.dossiers.get(dossierId);
  }

  /** A received dossier may end only once, not while a correction is open, and not once handed over. */
  private assertOpen(
    dossierId: string,
    row: Row,
    rec: ReturnType<typeof readReception>,
    action: keyof typeof ACTION_VI,
  ): void {
    const code = row.code ?? row.applicant_name;
    if (row.status === 'refused' || row.status === 'withdrawn' || row.status === 'stopped') {
      const ended: RefusalRecord | null =
        row.status === 'refused'
          ? rec.refusal
          : row.status === 'withdrawn'
            ? rec.withdrawal
            : (rec.stopNotices.at(-1) ?? null);
      throw new StationError('dossier_ended', {
        code,
        ending: ENDED_VI[row.status],
        at: ended ? vnDateTime(ended.at) : '',
        by: ended?.by ?? '',
      });
    }
    if (row.correction) throw new StationError('ending_correction_open', { code, action: ACTION_VI[action] });
    const handedOver = this.dossiers.get(dossierId).handedOverAt;
    if (handedOver)
      throw new StationError('ending_handed_over', {
        code,
        at: vnDateTime(formatInstant(Date.parse(handedOver))),
        action: ACTION_VI[action],
      });
  }

  /** Ends a received dossier: the status, the record (an open clock stop closed), and the portal told. */
  private end(
    dossierId: string,
    row: Row,
    rec: ReturnType<typeof readReception>,
    status: 'refused' | 'withdrawn' | 'stopped',
    e: CounterEvent,
  ): void {
    for (const stop of rec.clockStops) if (stop.to === null) stop.to = e.at;
    this.store.db
      .prepare('UPDATE dossiers SET status = ?, reception = ?, updated_at = ? WHERE id = ?')
      .run(status, JSON.stringify(rec), new Date().toISOString(), dossierId);
    const event = { ...e, oldAppointment: row.appointment_at };
    for (const f of this.eventsInTx) f(dossierId, event);
  }

  /** The new appointment as an instant after both now and the appointment it replaces. */
  private newDate(raw: string, appointmentAt: string, now: number): string {
    let at: number;
    try {
      at = parseInstant(raw);
    } catch (err) {
      if (err instanceof CalendarError)
        throw new StationError('apology_date_invalid', { date: raw, appointment: vnDateTime(appointmentAt) });
      throw err;
    }
    if (at <= now || at <= parseInstant(appointmentAt))
      throw new StationError('apology_date_invalid', {
        date: vnDateTime(formatInstant(at)),
        appointment: vnDateTime(appointmentAt),
      });
    return formatInstant(at);
  }

  /** Refused for a dossier still on time: resolved by its appointment, or more than the warning window away. */
  private assertLate(dossierId: string, row: Row, now: number): void {
    const s = this.settings.get();
    const appointment = row.appointment_at!;
    const resolved = this.hooks.resolvedAt(dossierId);
    const onTime = resolved
      ? !isLate(appointment, resolved)
      : dueState(calendarOf(s), appointment, now, s.dueSoonWorkingHours) === 'on_time';
    if (onTime)
      throw new StationError('apology_not_late', {
        code: row.code ?? '',
        appointment: vnDateTime(appointment),
        hours: s.dueSoonWorkingHours,
      });
  }

  /** Xin lỗi và hẹn lại: records the apology, moves the appointment, tells the portal — in one transaction. */
  apologize(
    dossierId: string,
    p: { reason: string; cause: ApologyRecord['cause']; newAppointmentAt: string },
    by: string,
  ): Dossier {
    transaction(this.store.db, () => {
      const row = this.row(dossierId);
      if (row.status !== 'received' || !row.appointment_at)
        throw wrongStatus('04', { status: row.status, code: row.code, name: row.applicant_name });
      const now = this.now().getTime();
      this.assertLate(dossierId, row, now);
      const apology: ApologyRecord = {
        reason: p.reason,
        cause: p.cause,
        previousAppointmentAt: row.appointment_at,
        newAppointmentAt: this.newDate(p.newAppointmentAt, row.appointment_at, now),
        by,
        at: formatInstant(now),
      };
      const rec = readReception(row.reception);
      rec.apologies.push(apology);
      this.save(dossierId, rec, apology.newAppointmentAt);
      this.hooks.apologizedInTx(dossierId, apology);
    });
    this.onChange(dossierId);
    return this.dossiers.get(dossierId);
  }
}
