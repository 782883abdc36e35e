import { AppError } from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';
import type {
  BacklogItem,
  ColourLevel,
  FailedUpload,
  Figures,
  Share,
} from '../../../shared/api/rooms/reports';
import type { StationSettings } from '../../../shared/api/rooms/settings';
import {
  addDays,
  dateToDay,
  formatInstant,
  mondayOf,
  parseInstant,
  VN_OFFSET_MS,
  type WorkCalendar,
} from '../../../shared/domain/deadline';
import { dueStates } from '../../../shared/domain/due';
import { allSigned } from '../../../shared/domain/sign-gaps';
import type { Catalog } from '../catalog';
import { readReception } from '../reception/view';
import type { DossierService } from '../dossier/service';
import type { Db } from '../store';

const DAY_MS = 86_400_000;

export type Thresholds = StationSettings['figureThresholds'];

/** Mức màu of a percentage: at or above a threshold, its colour; below orange, red; nothing counted, no_data. */
export function colourLevel(percent: number | null, t: Thresholds): ColourLevel {
  if (percent === null) return 'no_data';
  if (percent >= t.darkGreen) return 'dark_green';
  if (percent >= t.green) return 'green';
  if (percent >= t.yellow) return 'yellow';
  if (percent >= t.orange) return 'orange';
  return 'red';
}

export function share(numerator: number, denominator: number, t: Thresholds): Share {
  const percent = denominator > 0 ? Math.round((numerator / denominator) * 1000) / 10 : null;
  return { numerator, denominator, percent, level: colourLevel(percent, t) };
}

/** Monday–Friday of the week that holds `date` (a Sunday belongs to the week before it). */
export function workWeek(date: string): { from: string; to: string } {
  const monday = mondayOf(date);
  return { from: monday, to: addDays(monday, 4) };
}

interface Row {
  id: string;
  procedure_code: string;
  applicant_name: string;
  status: string;
  code: string | null;
  received_at: string;
  appointment_at: string | null;
  o_state: string | null;
  portal_status: number | null;
  resolved_at: string | null;
  attempts: number | null;
  last_error: string | null;
  o_updated: string | null;
  reception: string | null;
}

/** Portal statuses that close a dossier without a result: refused (3), withdrawn (7), stopped (8). */
const CLOSED = new Set([3, 7, 8]);
const ON_PORTAL = new Set(['submitted', 'result_ready', 'done']);

const instant = (s: string | null): number | null => {
  if (!s) return null;
  try {
    return parseInstant(s);
  } catch {
    return null;
  }
};

/**
 * Computes the figures of [from, to] from what the station holds: dossiers
 * (received_at, appointment_at, status), the outbox (portal status, resolved_at,
 * errors), payments and the catalogue (online level, fee), component PDFs.
 */
export async function computeFigures(
  db: Db,
  catalog: Catalog,
  dossiers: DossierService,
  settings: StationSettings,
  cal: WorkCalendar,
  period: { from: string; to: string },
  now: number,
): Promise<Omit<Figures, 'satisfaction'>> {
  const { from, to } = period;
  let start: number;
  let end: number;
  try {
    start = dateToDay(from) - VN_OFFSET_MS;
    end = dateToDay(to) + DAY_MS - VN_OFFSET_MS;
  } catch {
    throw new StationError('report_period_invalid', { from, to });
  }
  if (end <= start) throw new StationError('report_period_invalid', { from, to });
  const asOf = Math.min(now, end - 1000); // a period already over: its last second
  const t = settings.figureThresholds;

  const procedures = new Map(catalog.list().map((p) => [p.code, p]));
  const rows = db
    .prepare(
      `SELECT d.id, d.procedure_code, d.applicant_name, d.status, d.code, d.received_at, d.appointment_at, d.reception,
              o.state AS o_state, o.portal_status, o.resolved_at, o.attempts, o.last_error, o.updated_at AS o_updated
       FROM dossiers d LEFT JOIN outbox_items o ON o.dossier_id = d.id AND o.kind = 'submit'
       WHERE d.received_at IS NOT NULL AND d.status != 'draft'`,
    )
    .all() as unknown as Row[];
  const paid = new Map(
    (
      db.prepare("SELECT dossier_id, method FROM outbox_payments WHERE state = 'paid'").all() as unknown as {
        dossier_id: string;
        method: string;
      }[]
    ).map((p) => [p.dossier_id, p.method]),
  );

  let received = 0;
  let fullOnline = 0;
  let paidWithFee = 0;
  let paidOnline = 0;
  let digitized = 0;
  let signed = 0;
  let receivedUnsigned = 0;
  let uploaded = 0;
  let resolved = 0;
  let onTime = 0;
  const lateByCause = { subjective: 0, objective: 0, unexplained: 0 };
  const pending = { notDue: 0, dueSoon: 0, overdue: 0, awaitingCompletion: 0 };
  const backlog: BacklogItem[] = [];
  const failedUploads: FailedUpload[] = [];
  const due = dueStates(cal, settings.dueSoonWorkingHours);
  // Dossiers with pages whose every component with pages has a PDF: only these can be digitized;
  // whether each PDF is still current (same pages, turns, cleanup) and signed is the dossier room's answer.
  const mayBeDigitized = new Set(
    (
      db
        .prepare(
          `SELECT p.dossier_id AS id FROM pages p
           LEFT JOIN component_pdfs c ON c.dossier_id = p.dossier_id AND c.component_code = p.component_code
           WHERE p.deleted_at IS NULL GROUP BY p.dossier_id HAVING COUNT(*) = COUNT(c.blob)`,
        )
        .all() as unknown as { id: string }[]
    ).map((x) => x.id),
  );
  const toCheck: string[] = [];

  for (const r of rows) {
    const receivedAt = instant(r.received_at);
    if (receivedAt === null) continue;
    const appointment = instant(r.appointment_at);
    const resolvedAt = instant(r.resolved_at);
    const procedure = procedures.get(r.procedure_code);

    if (receivedAt >= start && receivedAt < end) {
      received++;
      // Full online needs the citizen's consent: a dossier received for paper processing is never queued.
      if (procedure?.onlineLevel === 'full' && r.o_state) fullOnline++;
      const method = paid.get(r.id);
      if (method && (procedure?.feeVnd ?? 0) > 0) {
        paidWithFee++;
        if (method === 'online') paidOnline++;
      }
      if (r.o_state && ON_PORTAL.has(r.o_state)) uploaded++;
      if (mayBeDigitized.has(r.id)) toCheck.push(r.id);
      if (readReception(r.reception).unsigned) receivedUnsigned++;
    }

    const apologies = readReception(r.reception).apologies;
    if (resolvedAt !== null && resolvedAt >= start && resolvedAt < end) {
      resolved++;
      // Judged against the appointment first given: an apology moves the date, not the lateness.
      const first = instant(apologies[0]?.previousAppointmentAt ?? null) ?? appointment;
      if ((first === null || resolvedAt <= first) && apologies.length === 0) onTime++;
      else lateByCause[apologies.at(-1)?.cause ?? 'unexplained']++;
    }

    // The backlog at asOf: received by then, not resolved by then, not closed by the portal nor
    // ended at the counter (refused, withdrawn, stopped).
    const open =
      receivedAt < asOf &&
      (resolvedAt === null || resolvedAt > asOf) &&
      r.status !== 'refused' &&
      r.status !== 'withdrawn' &&
      r.status !== 'stopped' &&
      !(r.portal_status !== null && CLOSED.has(r.portal_status));
    if (open) {
      const state = appointment === null ? 'on_time' : due(r.appointment_at!, asOf);
      if (r.status === 'awaiting_completion') pending.awaitingCompletion++;
      else if (state === 'overdue') pending.overdue++;
      else if (state === 'due_soon') pending.dueSoon++;
      else pending.notDue++;
      const kind = r.status === 'awaiting_completion' || state === 'on_time' ? null : state;
      if (kind)
        backlog.push({
          dossierId: r.id,
          code: r.code,
          applicantName: r.applicant_name,
          procedureCode: r.procedure_code,
          procedureName: procedure?.name ?? r.procedure_code,
          receivedAt: formatInstant(receivedAt),
          appointmentAt: formatInstant(appointment!),
          kind,
          apologies: apologies.length,
        });
    }

    if ((r.o_state === 'failed' || r.o_state === 'retry') && r.last_error) {
      failedUploads.push({
        dossierId: r.id,
        code: r.code,
        applicantName: r.applicant_name,
        procedureCode: r.procedure_code,
        state: r.o_state,
        attempts: r.attempts ?? 0,
        error: parseError(r.last_error),
        updatedAt: r.o_updated ?? r.received_at,
      });
    }
  }

  // The per-dossier check reads pages and PDFs: in slices, so other calls are served in between.
  for (let i = 0; i < toCheck.length; i++) {
    if (i > 0 && i % 50 === 0) await new Promise((r) => setImmediate(r));
    let d;
    try {
      d = dossiers.get(toCheck[i]!);
    } catch {
      continue; // a procedure no longer in the catalogue: not counted as digitized
    }
    // Decree 30/2020: the digitized copy carries the organisation's signature — an unsigned PDF is not one.
    if (allSigned(d.components)) {
      digitized++;
      signed++;
    }
  }

  backlog.sort(
    (a, b) =>
      (a.kind === b.kind ? 0 : a.kind === 'overdue' ? -1 : 1) ||
      parseInstant(a.appointmentAt) - parseInstant(b.appointmentAt),
  );
  failedUploads.sort((a, b) => (a.state === b.state ? 0 : a.state === 'failed' ? -1 : 1));

  return {
    unitName: settings.unitName,
    agencyCode: settings.agencyCode,
    from,
    to,
    asOf: formatInstant(asOf),
    received,
    resolved: { total: resolved, onTime, late: resolved - onTime, lateByCause },
    pending,
    shares: {
      onTime: share(onTime, resolved, t),
      fullOnline: share(fullOnline, received, t),
      onlinePayment: share(paidOnline, paidWithFee, t),
      digitized: share(digitized, received, t),
      uploaded: share(uploaded, received, t),
    },
    signed,
    receivedUnsigned,
    thresholds: { ...t },
    backlog,
    failedUploads,
    peakMonths: peakMonthsOf(settings.peakMonths, from, to),
  };
}

/** The months from `from` to `to` (YYYY-MM-DD) that are peak months, as YYYY-MM. */
export function peakMonthsOf(peak: number[], from: string, to: string): string[] {
  const out: string[] = [];
  for (let y = Number(from.slice(0, 4)), m = Number(from.slice(5, 7)); ;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > to.slice(0, 7)) break;
    if (peak.includes(m)) out.push(key);
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  return out;
}

function parseError(raw: string): AppError {
  try {
    const parsed = AppError.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: kept below as the detail
  }
  return { code: 'internal', params: {}, detail: raw };
}
