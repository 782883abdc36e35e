import type { ApologyRecord, Dossier } from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';
import { CalendarError, formatInstant, parseInstant } from '../../../shared/domain/deadline';
import { dueState, isLate } from '../../../shared/domain/due';
import type { DossierService } from '../dossier/service';
import type { Settings } from '../settings';
import { type Store, transaction } from '../store';
import { wrongStatus } from './forms';
import { vnTime } from './receipt';
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
  code: string | null;
  appointment_at: string | null;
  reception: string | null;
  applicant_name: string;
}

/**
 * The counter's two notices besides the receipt: the refusal to receive a draft (form 03) and
 * the apology with a new appointment for a dossier that is late or about to be (form 04).
 */
export class Notices {
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
      .prepare('SELECT status, code, appointment_at, reception, applicant_name FROM dossiers WHERE id = ?')
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

  /** Từ chối tiếp nhận: the reason is kept with the draft and printed on form 03. */
  refuse(dossierId: string, reason: string, by: string): Dossier {
    transaction(this.store.db, () => {
      const row = this.row(dossierId);
      if (row.status !== 'draft')
        throw wrongStatus('03', { status: row.status, code: row.code, name: row.applicant_name });
      const rec = readReception(row.reception);
      rec.refusal = { reason, by, at: formatInstant(this.now().getTime()) };
      this.save(dossierId, rec);
    });
    this.onChange(dossierId);
    return this.dossiers.get(dossierId);
  }

  /**
   * Thông báo dừng giải quyết hồ sơ: the reason is kept with the received dossier, printed on
   * form 07 (Circular 03/2025/TT-VPCP's form 05). Each notice is kept; the form prints the last.
   */
  stopNotice(dossierId: string, reason: string, by: string): Dossier {
    transaction(this.store.db, () => {
      const row = this.row(dossierId);
      if (row.status !== 'received' && row.status !== 'awaiting_completion')
        throw wrongStatus('07', { status: row.status, code: row.code, name: row.applicant_name });
      const rec = readReception(row.reception);
      rec.stopNotices.push({ reason, by, at: formatInstant(this.now().getTime()) });
      this.save(dossierId, rec);
    });
    this.onChange(dossierId);
    return this.dossiers.get(dossierId);
  }

  /** The new appointment as an instant after both now and the appointment it replaces. */
  private newDate(raw: string, appointmentAt: string, now: number): string {
    let at: number;
    try {
      at = parseInstant(raw);
    } catch (err) {
      if (err instanceof CalendarError)
        throw new StationError('apology_date_invalid', { date: raw, appointment: vnTime(appointmentAt) });
      throw err;
    }
    if (at <= now || at <= parseInstant(appointmentAt))
      throw new StationError('apology_date_invalid', {
        date: vnTime(formatInstant(at)),
        appointment: vnTime(appointmentAt),
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
        appointment: vnTime(appointment),
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
