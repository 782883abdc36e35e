import type { Agency, DossierMoney } from '../../../shared/api/rooms/agency';
import type { Dossier } from '../../../shared/api/contract';
import type { ValidParams } from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';
import { AGENCY_CODE_RE } from '../../../shared/domain/dossier-code';
import { formatInstant } from '../../../shared/domain/deadline';
import type { DossierService } from '../dossier/service';
import type { Reception } from '../reception/service';
import type { Settings } from '../settings';
import type { ReceiveStep } from '../context';
import type { Store } from '../store';

/** YYYY-MM-DD of an instant in Vietnam. */
export const vnDay = (ms: number) => formatInstant(ms).slice(0, 10);

export function assertAgencyCode(code: string): void {
  if (!AGENCY_CODE_RE.test(code)) throw new StationError('agency_code_invalid', { code });
}

export interface MoneyRow {
  dossier_id: string;
  agency_code: string;
  day: string;
  fee: number;
  pickup: number;
  return_charge: number;
  pay_method: 'cash' | 'online';
  pay_reference: string;
  received_at: string;
}

type ReceiveParams = ValidParams<'agency.receive'>;

/**
 * Các cơ quan phục vụ — the agencies a postal service point receives for, and reception on an
 * agency's behalf: the procedure checked against the agency's list, the code from its agency
 * code, the fee and postal charges recorded as money lines (docs/architecture.md, agency room).
 */
export class Agencies {
  constructor(
    private readonly store: Store,
    private readonly settings: Settings,
    private readonly dossiers: DossierService,
    private readonly reception: Reception,
    private readonly feeOf: (procedureCode: string) => number,
    receiveHooks: ReceiveStep[],
  ) {
    // The money lines are written inside reception's own transaction: all or nothing.
    receiveHooks.push((dossierId) => {
      if (this.pending?.dossierId === dossierId) this.recordInTx(this.pending);
    });
  }

  /** The agency.receive in progress, read by the reception hook above. */
  private pending: (ReceiveParams & { fee: number; pickupVnd: number; returnVnd: number }) | null = null;

  private recordInTx(p: NonNullable<typeof this.pending>): void {
    const d = this.dossiers.get(p.dossierId);
    const at = d.receivedAt ?? formatInstant(Date.now());
    this.db
      .prepare(
        `INSERT INTO agency_dossiers (dossier_id, agency_code, day, fee, pickup, return_charge, pay_method, pay_reference, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        d.id,
        p.agencyCode,
        at.slice(0, 10),
        p.fee,
        p.pickupVnd,
        p.returnVnd,
        p.payMethod,
        p.payReference,
        at,
      );
  }

  private get db() {
    return this.store.db;
  }

  list(): Agency[] {
    const rows = this.db.prepare('SELECT body FROM agencies ORDER BY code').all() as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as Agency);
  }

  get(code: string): Agency {
    const row = this.db.prepare('SELECT body FROM agencies WHERE code = ?').get(code) as
      { body: string } | undefined;
    if (!row) throw new StationError('agency_not_found', { code });
    return JSON.parse(row.body) as Agency;
  }

  add(a: Agency): Agency[] {
    assertAgencyCode(a.code);
    this.db
      .prepare(
        'INSERT INTO agencies (code, body) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET body = excluded.body',
      )
      .run(a.code, JSON.stringify(a));
    return this.list();
  }

  remove(code: string): Agency[] {
    assertAgencyCode(code);
    this.get(code);
    this.db.prepare('DELETE FROM agencies WHERE code = ?').run(code);
    return this.list();
  }

  /** Receives a draft on the agency's behalf and records its money lines, all in one transaction. */
  receive(p: ReceiveParams, officer: string | undefined): Dossier {
    const s = this.settings.get();
    if (s.stationKind !== 'postal') throw new StationError('station_not_postal');
    assertAgencyCode(p.agencyCode);
    const agency = this.get(p.agencyCode);
    const draft = this.dossiers.get(p.dossierId);
    if (!agency.procedures.includes(draft.procedureCode))
      throw new StationError('agency_procedure_not_accepted', {
        agency: `${agency.name} (${agency.code})`,
        procedure: `${draft.procedureName} (${draft.procedureCode})`,
      });
    const prices = s.postalPrices;
    this.pending = {
      ...p,
      agencyCode: agency.code,
      fee: this.feeOf(draft.procedureCode),
      pickupVnd: p.pickup ? prices.pickupVnd : 0,
      returnVnd: p.resultMethod === 'post' ? prices.returnVnd : 0,
    };
    try {
      return this.reception.receive(p.dossierId, {
        exceptions: p.exceptions,
        sets: p.sets,
        consent: p.consent,
        officer,
        resultMethod: p.resultMethod,
        deliveryAddress: p.deliveryAddress,
        agencyCode: agency.code,
        // The counter's own pre-receive check: unsigned components need a reason (recorded).
        checkSigned: true,
        unsignedReason: p.unsignedReason,
      });
    } finally {
      this.pending = null;
    }
  }

  /** The agency a dossier was received for, with the point; null when received at a one-stop counter. */
  onBehalfOf(dossierId: string) {
    const row = this.moneyRow(dossierId);
    if (!row) return null;
    const s = this.settings.get();
    let agencyName = row.agency_code;
    try {
      agencyName = this.get(row.agency_code).name;
    } catch {
      // an agency removed since: its code stands for it
    }
    return { agencyName, point: s.postalPointName || s.unitName, address: s.postalPointAddress };
  }

  moneyRow(dossierId: string): MoneyRow | null {
    return (
      (this.db.prepare('SELECT * FROM agency_dossiers WHERE dossier_id = ?').get(dossierId) as
        MoneyRow | undefined) ?? null
    );
  }

  rows(filter: { day?: string; from?: string; to?: string; agencyCode?: string }): MoneyRow[] {
    const all = this.db
      .prepare('SELECT * FROM agency_dossiers ORDER BY received_at, dossier_id')
      .all() as MoneyRow[];
    return all.filter(
      (r) =>
        (!filter.day || r.day === filter.day) &&
        (!filter.from || r.day >= filter.from) &&
        (!filter.to || r.day <= filter.to) &&
        (!filter.agencyCode || r.agency_code === filter.agencyCode),
    );
  }

  money(row: MoneyRow): DossierMoney {
    const d = this.dossiers.get(row.dossier_id);
    const lines = [
      { kind: 'fee' as const, amount: row.fee },
      ...(row.pickup ? [{ kind: 'pickup' as const, amount: row.pickup }] : []),
      ...(row.return_charge ? [{ kind: 'return' as const, amount: row.return_charge }] : []),
    ];
    return {
      dossierId: d.id,
      code: d.code ?? '',
      agencyCode: row.agency_code,
      applicantName: d.applicantName,
      procedureCode: d.procedureCode,
      lines,
      total: lines.reduce((a, l) => a + l.amount, 0),
      payMethod: row.pay_method,
      reference: row.pay_reference,
      receivedAt: row.received_at,
    };
  }

  moneyOf(dossierId: string): DossierMoney {
    const row = this.moneyRow(dossierId);
    if (!row) throw new StationError('dossier_not_found', { id: dossierId });
    return this.money(row);
  }
}
