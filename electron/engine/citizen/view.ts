import type { CitizenFee, CitizenView } from '../../../shared/api/rooms/citizen';
import type { StationSettings } from '../../../shared/api/rooms/settings';
import type { Dossier } from '../../../shared/api/types';
import type { DossierService } from '../dossier/service';
import type { Feedback } from '../feedback';
import type { PaymentService } from '../payment/service';
import { lookupLink } from '../reception/receipt';
import type { Reception } from '../reception/service';
import type { Settings } from '../settings';
import { maskId } from './mask';

/** Where the citizen view reads from: each room's own API, never the applicant's details but a masked ID. */
export interface ViewSources {
  dossiers: Pick<DossierService, 'get'>;
  reception: Pick<Reception, 'completeness'>;
  payment: Pick<PaymentService, 'status' | 'transferQr'>;
  feedback: Pick<Feedback, 'ratingOf'>;
  settings: Pick<Settings, 'get'>;
}

export function unitOf(s: StationSettings): CitizenView['unit'] {
  return { name: s.unitName, hotline: s.hotline, switchboard: s.switchboard, lookupUrl: s.lookupUrl };
}

function applicantIdOf(d: Dossier): string | null {
  const a = d.applicant;
  const id = a?.kind === 'person' ? a.idNumber : a?.kind === 'organisation' ? a.taxCode : undefined;
  return id ? maskId(id) : null;
}

function feeOf(src: ViewSources, dossierId: string, s: StationSettings): CitizenFee {
  const { feeVnd, payment } = src.payment.status(dossierId);
  const payload = src.payment.transferQr(dossierId);
  return {
    feeVnd: payment?.amount ?? feeVnd,
    postalChargeVnd: s.postalChargeVnd,
    paid: payment?.state === 'paid',
    vietqr: payload ? { payload, bankBin: s.bankBin, accountName: s.bankAccountName } : null,
    payUrl: payment?.method === 'online' && payment.state === 'pending' ? payment.payUrl : null,
  };
}

/**
 * What the citizen screen shows of one dossier: citizen-safe fields only — the procedure, the
 * components with their page counts, what is missing, the fee, the code and dates — and the ID
 * number masked. Never the applicant's name, address, phone or any other dossier's data.
 */
export function dossierView(src: ViewSources, dossierId: string, key: string): CitizenView {
  const s = src.settings.get();
  const d = src.dossiers.get(dossierId);
  const excepted = new Set((d.exceptions ?? []).map((e) => e.componentCode));
  const completeness = src.reception.completeness(dossierId, d.exceptions ?? []);
  const base = {
    unit: unitOf(s),
    key,
    procedureName: d.procedureName,
    applicantId: applicantIdOf(d),
    components: d.components.map((c) => ({
      name: c.name,
      required: c.required,
      pages: c.pages.length,
      done: c.pages.length > 0,
      excepted: excepted.has(c.code),
    })),
    missing: completeness.missing.map((m) => m.name),
    pageCount: d.pageCount,
    fee: feeOf(src, dossierId, s),
  };
  if (d.status === 'draft' || !d.code || !d.receivedAt) return { phase: 'reception', ...base };
  return {
    phase: 'received',
    ...base,
    code: d.code,
    receivedAt: d.receivedAt,
    appointmentAt: d.appointmentAt ?? null,
    lookupQr: `${d.code}\n${lookupLink(s, d.code)}`,
    rated: src.feedback.ratingOf(dossierId) !== null,
  };
}
