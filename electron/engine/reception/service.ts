import type {
  Applicant,
  ComponentException,
  ConsentGiven,
  ConsentRecord,
  Dossier,
  ResultMethod,
  UnsignedRecord,
} from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';
import type { Completeness } from '../../../shared/api/rooms/reception';
import type { CounterEvent } from '../../../shared/api/rooms/outbox';
import type { StationSettings } from '../../../shared/api/rooms/settings';
import {
  CalendarError,
  computeDeadline,
  formatInstant,
  type WorkCalendar,
} from '../../../shared/domain/deadline';
import { codeDay, formatDossierCode, stationRange } from '../../../shared/domain/dossier-code';
import { holidaysOf } from '../../../shared/domain/holidays';
import { signGaps, UNSIGNED_REASON_MIN } from '../../../shared/domain/sign-gaps';
import { describeChars, unprintable } from '../../../shared/domain/printable';
import type { Catalog } from '../catalog';
import type { Settings } from '../settings';
import { type Store, transaction } from '../store';
import { enterInRegister } from './register';
import { readReception, type ReceptionRecord } from './view';
import type { DossierService } from '../dossier/service';

/** The working calendar a unit's settings describe. */
export function calendarOf(s: StationSettings): WorkCalendar {
  return {
    sessions: s.officeHours,
    holidays: s.holidays,
    extraWorkingDays: s.extraWorkingDays,
    fillYear: holidaysOf,
  };
}

/** The applicant's fields as the clerk knows them, for a message naming the one to fix. */
const FIELD_VI: Record<string, string> = {
  name: 'Họ tên / tên tổ chức',
  address: 'Địa chỉ',
  phone: 'Số điện thoại',
  email: 'Email',
  representative: 'Người đại diện',
};

/** Every text the forms print must be printable: an emoji or a control character is refused, named. */
function assertPrintable(a: Applicant): void {
  for (const [key, label] of Object.entries(FIELD_VI)) {
    const value = (a as Record<string, unknown>)[key];
    const bad = typeof value === 'string' ? unprintable(value) : [];
    if (bad.length) throw new StationError('text_unprintable', { field: label, chars: describeChars(bad) });
  }
}

interface Row {
  id: string;
  procedure_code: string;
  status: Dossier['status'];
  code: string | null;
  received_at: string | null;
  reception: string | null;
}

/**
 * Tiếp nhận hồ sơ — reception at the counter: the applicant, completeness,
 * the dossier code, the appointment and the clock stops of a completion request.
 */
export class Reception {
  constructor(
    private readonly store: Store,
    private readonly catalog: Catalog,
    private readonly dossiers: DossierService,
    private readonly settings: Settings,
    private readonly onChange: (dossierId: string) => void = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Told of each counter event inside the transaction that records it (engine/index.ts wires
   * the outbox, which reception may not import): the portal hears of it in order.
   */
  readonly eventsInTx: ((dossierId: string, e: CounterEvent) => void)[] = [];

  private get db() {
    return this.store.db;
  }

  private event(dossierId: string, e: CounterEvent): void {
    for (const f of this.eventsInTx) f(dossierId, e);
  }

  private row(id: string): Row {
    const row = this.db
      .prepare('SELECT id, procedure_code, status, code, received_at, reception FROM dossiers WHERE id = ?')
      .get(id) as Row | undefined;
    if (!row) throw new StationError('dossier_not_found', { id });
    return row;
  }

  setApplicant(dossierId: string, applicant: Applicant): Dossier {
    assertPrintable(applicant);
    transaction(this.db, () => {
      const row = this.row(dossierId);
      if (row.status !== 'draft') throw new StationError('dossier_not_draft', { code: row.code ?? '' });
      this.db
        .prepare('UPDATE dossiers SET applicant = ?, applicant_name = ?, updated_at = ? WHERE id = ?')
        .run(
          // The applicant's details are sealed at rest; the name stays readable for lists.
          this.store.key.sealText(JSON.stringify(applicant)),
          applicant.name.trim(),
          new Date().toISOString(),
          dossierId,
        );
    });
    this.onChange(dossierId);
    return this.dossiers.get(dossierId);
  }

  /** Every required component needs pages or a recorded exception (with its reason). */
  completeness(dossierId: string, exceptions: ComponentException[] = []): Completeness {
    const dossier = this.dossiers.get(dossierId);
    for (const e of exceptions)
      if (!dossier.components.some((c) => c.code === e.componentCode))
        throw new StationError('unknown_component', { code: e.componentCode });
    const missing = dossier.components
      .filter((c) => c.required && c.pages.length === 0)
      .filter((c) => !exceptions.some((e) => e.componentCode === c.code))
      .map((c) => ({ code: c.code, name: c.name }));
    const excepted = exceptions.filter((e) =>
      dossier.components.some((c) => c.code === e.componentCode && c.pages.length === 0),
    );
    return { complete: missing.length === 0, missing, excepted };
  }

  /** The consent as recorded; a signed authorisation must be a component with pages. */
  private consentRecord(
    dossierId: string,
    given: ConsentGiven | null,
    by: string,
    at: string,
  ): ConsentRecord | null {
    if (!given) return null;
    if (given.how === 'document') {
      const c = this.dossiers.get(dossierId).components.find((x) => x.code === given.componentCode);
      if (!c || c.pages.length === 0)
        throw new StationError('consent_document_missing', { code: given.componentCode ?? '' });
    }
    return { ...given, by, at };
  }

  /**
   * Receives a draft: completeness, code, appointment, status and every
   * registered reception step, in one transaction — all or nothing.
   */
  receive(
    dossierId: string,
    opts: {
      exceptions?: ComponentException[];
      sets?: number;
      consent?: ConsentGiven | null;
      officer?: string;
      resultMethod?: ResultMethod;
      /** Where a result by post goes; the applicant's address when left out. */
      deliveryAddress?: string;
      /** The receiving agency whose code the dossier code takes (postal station); the unit's own when left out. */
      agencyCode?: string;
      /** Refuse components not assembled or signed unless `unsignedReason` says why (the counter's path). */
      checkSigned?: boolean;
      /** Why the dossier is received unsigned (at least UNSIGNED_REASON_MIN characters). */
      unsignedReason?: string;
    } = {},
  ): Dossier {
    transaction(this.db, () => {
      const row = this.row(dossierId);
      if (row.status !== 'draft') throw new StationError('dossier_not_draft', { code: row.code ?? '' });
      const check = this.completeness(dossierId, opts.exceptions ?? []);
      if (!check.complete)
        throw new StationError('dossier_incomplete', {
          missing: check.missing.map((m) => `${m.code} (${m.name})`).join(', '),
        });
      const settings = this.settings.get();
      const procedure = this.catalog.get(row.procedure_code);
      const at = this.now();
      const delivery = this.delivery(dossierId, opts.resultMethod, opts.deliveryAddress);
      const code = this.allocateCode({ ...settings, agencyCode: opts.agencyCode ?? settings.agencyCode }, at);
      const receivedAt = formatInstant(at.getTime());
      const time =
        procedure.processingHours !== undefined
          ? { hours: procedure.processingHours }
          : { days: procedure.processingDays };
      const cutoff = procedure.cutoffTime;
      const deadline = this.deadline(settings, { receivedAt, ...time, cutoff });
      const officer = opts.officer?.trim() || settings.officerName.trim() || null;
      const consent = this.consentRecord(dossierId, opts.consent ?? null, officer ?? '', receivedAt);
      const unsigned = this.unsignedRecord(dossierId, opts, officer ?? '', receivedAt);
      const record: ReceptionRecord = {
        consent,
        exceptions: check.excepted,
        sets: opts.sets ?? 1,
        ...time,
        cutoffTime: cutoff,
        clockStops: [],
        registerBook: settings.registerBook,
        corrections: [],
        unconfirmedYears: deadline.unconfirmedYears,
        resultMethod: opts.resultMethod ?? 'counter',
        delivery,
        refusal: null,
        withdrawal: null,
        apologies: [],
        stopNotices: [],
        unsigned,
      };
      this.db
        .prepare(
          `UPDATE dossiers SET status = 'received', code = ?, received_at = ?, appointment_at = ?, reception = ?, updated_at = ?,
           received_by = ? WHERE id = ?`,
        )
        .run(
          code,
          receivedAt,
          deadline.appointmentAt,
          JSON.stringify(record),
          at.toISOString(),
          officer, // the signed-in clerk (or the clerk set at a station without accounts), kept for good
          dossierId,
        );
      // Sổ theo dõi hồ sơ: the next number of this book and year (form 01's "Số thứ tự").
      enterInRegister(this.db, dossierId, settings.registerBook, Number(receivedAt.slice(0, 4)));
      for (const step of this.dossiers.receiveHooks) step(dossierId, { online: consent !== null });
    });
    this.onChange(dossierId);
    return this.dossiers.get(dossierId);
  }

  /**
   * Components with pages but no current signed PDF: without a reason of at least
   * UNSIGNED_REASON_MIN characters the counter's reception is refused, saying which and why.
   */
  private unsignedRecord(
    dossierId: string,
    opts: { checkSigned?: boolean; unsignedReason?: string },
    by: string,
    at: string,
  ): UnsignedRecord | null {
    const gaps = signGaps(this.dossiers.get(dossierId).components);
    if (gaps.length === 0) return null;
    const reason = opts.unsignedReason?.trim() ?? '';
    if (opts.checkSigned && !reason)
      throw new StationError('unsigned_reason_missing', {
        components: gaps.map((g) => `${g.code} (${g.name})`).join(', '),
        min: UNSIGNED_REASON_MIN,
      });
    if (opts.checkSigned && [...reason].length < UNSIGNED_REASON_MIN)
      throw new StationError('unsigned_reason_short', {
        length: [...reason].length,
        min: UNSIGNED_REASON_MIN,
      });
    if (!reason) return null;
    return { reason, components: gaps.map((g) => g.code), by, at };
  }

  /** The sealed delivery address of a result by post (refused without one); null for other methods. */
  private delivery(
    dossierId: string,
    method: ResultMethod | undefined,
    given: string | undefined,
  ): string | null {
    if (method !== 'post') return null;
    const address = given?.trim() || this.dossiers.get(dossierId).applicant?.address?.trim() || '';
    if (!address) throw new StationError('result_post_address_missing');
    return this.store.key.sealText(address);
  }

  /** Yêu cầu bổ sung: the clock stops until the applicant brings what is missing. */
  requestCompletion(dossierId: string, reason: string, by = ''): Dossier {
    transaction(this.db, () => {
      const row = this.row(dossierId);
      if (row.status !== 'received') throw new StationError('dossier_wrong_status', { status: row.status });
      const rec = readReception(row.reception);
      const at = formatInstant(this.now().getTime());
      rec.clockStops.push({ from: at, to: null, reason });
      this.db
        .prepare(
          `UPDATE dossiers SET status = 'awaiting_completion', reception = ?, updated_at = ? WHERE id = ?`,
        )
        .run(JSON.stringify(rec), new Date().toISOString(), dossierId);
      const old = this.dossiers.get(dossierId).appointmentAt ?? null;
      this.event(dossierId, {
        kind: 'completion_request',
        at,
        actor: by,
        content: reason,
        oldAppointment: old,
      });
    });
    this.onChange(dossierId);
    return this.dossiers.get(dossierId);
  }

  /** The applicant completed the dossier: the clock runs again and the appointment moves by the time waited. */
  resumeProcessing(dossierId: string, by = ''): Dossier {
    transaction(this.db, () => {
      const row = this.row(dossierId);
      if (row.status !== 'awaiting_completion')
        throw new StationError('dossier_wrong_status', { status: row.status });
      const rec = readReception(row.reception);
      const open = rec.clockStops.find((s) => s.to === null);
      const at = formatInstant(this.now().getTime());
      const old = this.dossiers.get(dossierId).appointmentAt ?? null;
      if (open) open.to = at;
      const deadline = this.deadline(this.settings.get(), {
        receivedAt: row.received_at ?? formatInstant(this.now().getTime()),
        days: rec.days,
        hours: rec.hours,
        stops: rec.clockStops,
        cutoff: rec.cutoffTime,
      });
      rec.unconfirmedYears = deadline.unconfirmedYears;
      this.db
        .prepare(
          `UPDATE dossiers SET status = 'received', appointment_at = ?, reception = ?, updated_at = ? WHERE id = ?`,
        )
        .run(deadline.appointmentAt, JSON.stringify(rec), new Date().toISOString(), dossierId);
      this.event(dossierId, {
        kind: 'completion_resume',
        at,
        actor: by,
        content: open?.reason ?? '',
        oldAppointment: old,
        newAppointment: deadline.appointmentAt,
      });
    });
    this.onChange(dossierId);
    return this.dossiers.get(dossierId);
  }

  private deadline(settings: StationSettings, input: Parameters<typeof computeDeadline>[1]) {
    try {
      return computeDeadline(calendarOf(settings), input);
    } catch (err) {
      if (err instanceof CalendarError) throw new StationError('calendar_invalid', { problem: err.message });
      throw err;
    }
  }

  /**
   * Next dossier code of this station for the day, inside the caller's transaction.
   * Each station draws from its own range (see shared/domain/dossier-code.ts), so
   * stations of one unit never collide even when offline.
   */
  private allocateCode(settings: StationSettings, at: Date): string {
    const range = stationRange(settings.stationCode);
    if (!range) throw new StationError('station_code_invalid', { station: settings.stationCode });
    const day = codeDay(at);
    const key = [settings.agencyCode, day, settings.stationCode] as const;
    const cur = this.db
      .prepare('SELECT last FROM dossier_counters WHERE agency_code = ? AND day = ? AND station = ?')
      .get(...key) as { last: number } | undefined;
    const taken = this.db.prepare('SELECT 1 FROM dossiers WHERE code = ?');
    let next = cur ? cur.last + 1 : range.first;
    // A code restored from a backup may already exist: skip past it rather than fail.
    while (next <= range.last && taken.get(formatDossierCode(settings.agencyCode, day, next))) next++;
    if (next > range.last)
      throw new StationError('dossier_code_exhausted', {
        station: settings.stationCode,
        first: range.first,
        last: range.last,
      });
    this.db
      .prepare(
        `INSERT INTO dossier_counters (agency_code, day, station, last) VALUES (?, ?, ?, ?)
         ON CONFLICT (agency_code, day, station) DO UPDATE SET last = excluded.last`,
      )
      .run(...key, next);
    return formatDossierCode(settings.agencyCode, day, next);
  }
}
