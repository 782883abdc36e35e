import type {
  ApologyRecord,
  Dossier,
  Procedure,
  RefusalRecord,
  StopNoticeRecord,
} from '../../../shared/api/contract';
import { localDate, parseInstant } from '../../../shared/domain/deadline';
import type { Block } from '../pdf/layout';
import {
  applicantBlocks,
  centred,
  continued,
  finish,
  footer,
  type FormContext,
  formNumber,
  gap,
  header,
  type Kit,
  sampleMark,
  signatures,
  startForm,
  text,
} from './form-parts';
import { fill, partsOf, type TextsOf, textsOf, timeWords } from './form-texts';
import type { Trail } from './forms';
import type { ReceptionRecord } from './view';

/** Forms 03 (refusal), 04 (apology with a new date) and 05 (the control sheet). */

interface Base {
  form: FormContext;
  dossier: Dossier;
  procedure: Procedure;
}

async function single(kit: Kit, title: string, code: string | null, blocks: Block[]): Promise<Uint8Array> {
  return finish(kit, [
    { mark: sampleMark(kit), blocks, continued: continued(kit, title, code), footer: footer(kit) },
  ]);
}

/** Form 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ — why the counter does not receive the dossier. */
export async function refusalPdf(input: Base & { refusal: RefusalRecord }): Promise<Uint8Array> {
  const { dossier: d, procedure, refusal } = input;
  const s = input.form.settings;
  const f = textsOf(s, '03');
  const kit = await startForm(input.form, `${f.title} — ${d.applicantName}`);
  const blocks: Block[] = [
    ...formNumber(f),
    ...header(kit, refusal.at),
    centred(f.title, 'bold', 14),
    gap(10),
    ...applicantBlocks(kit, d),
    text(fill(kit.c.request, { procedure: procedure.name, code: procedure.code })),
    text(fill(f.body, { unit: s.unitName }), { first: 24 }, true),
    text(refusal.reason, { font: 'bold', first: 24, hang: 24 }),
    text(f.closing, { first: 24 }, true),
    ...signatures(kit, null, { title: f.signRight, name: refusal.by }),
  ];
  return single(kit, f.title, null, blocks);
}

/** Form 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả — the delay, its reason, the new date. */
export async function apologyPdf(input: Base & { apology: ApologyRecord }): Promise<Uint8Array> {
  const { dossier: d, procedure, apology: a } = input;
  const s = input.form.settings;
  const f = textsOf(s, '04');
  const kit = await startForm(input.form, `${f.title} — ${d.code ?? ''}`);
  const c = kit.c;
  const para = { first: 24 } as const;
  const blocks: Block[] = [
    ...formNumber(f),
    ...header(kit, a.at),
    centred(f.title, 'bold', 14),
    gap(8),
    text(fill(f.to, { name: d.applicant?.name ?? d.applicantName }), { font: 'bold', align: 'center' }),
    gap(6),
    text(
      fill(f.received, {
        ...partsOf(d.receivedAt!),
        unit: s.unitName,
        procedure: procedure.name,
        code: d.code ?? '',
      }),
      para,
    ),
    text(fill(f.due, { at: timeWords(c, a.previousAppointmentAt) }), para),
    text(fill(f.late, { unit: s.unitName }), para),
    text(fill(f.reason, { reason: a.reason }), { ...para, hang: 24 }),
    text(fill(f.apology, { unit: s.unitName, at: timeWords(c, a.newAppointmentAt) }), {
      ...para,
      font: 'bold',
    }),
    text(f.closing, para, true),
    ...signatures(kit, null, { title: f.signRight, hint: f.signHint }),
  ];
  return single(kit, f.title, d.code ?? null, blocks);
}

/** Trước hạn (an earlier day), đúng hạn (the day itself, in time) or quá hạn, against the appointment. */
function judged(f: TextsOf<'05'>, at: string | null, due: string | null): string {
  if (!at || !due) return '';
  if (parseInstant(at) > parseInstant(due)) return f.late;
  return localDate(parseInstant(at)) < localDate(parseInstant(due)) ? f.early : f.onTime;
}

interface Step {
  agency: string;
  at: string | null;
  result: string;
  note: string;
}

function steps(kit: Kit, f: TextsOf<'05'>, input: Base & { trail: Trail; record: ReceptionRecord }): Step[] {
  const { dossier: d, procedure, trail, record } = input;
  const unit = kit.ctx.settings.unitName;
  const agency = procedure.decidingAgency || procedure.agency;
  const first = record.apologies[0]?.previousAppointmentAt ?? d.appointmentAt ?? null;
  const hand = (from: string, to: string) => fill(f.handOver, { from, to });
  const out: Step[] = [
    {
      agency: hand(unit, agency),
      at: trail.submittedAt,
      result: '',
      note: d.consent ? f.stepSubmit : f.stepPaper,
    },
  ];
  for (const stop of record.clockStops) {
    out.push({
      agency: hand(agency, unit),
      at: stop.from,
      result: '',
      note: fill(f.stepStop, { reason: stop.reason }),
    });
    if (stop.to) out.push({ agency: hand(unit, agency), at: stop.to, result: '', note: f.stepResume });
  }
  for (const a of record.apologies)
    out.push({
      agency: hand(agency, unit),
      at: a.at,
      result: f.late,
      note: fill(f.stepApology, { at: timeWords(kit.c, a.newAppointmentAt) }),
    });
  out.push({
    agency: hand(agency, unit),
    at: trail.resolvedAt,
    result: judged(f, trail.resolvedAt, first),
    note: f.stepResult,
  });
  const applicant = fill(f.applicant, { name: trail.returnedTo || d.applicantName });
  out.push({
    agency: hand(unit, applicant),
    at: trail.returnedAt,
    result: judged(f, trail.returnedAt, d.appointmentAt ?? null),
    note: f.stepReturn,
  });
  return out;
}

/** Form 05: Phiếu kiểm soát quá trình giải quyết hồ sơ — who handed the dossier to whom, when, in time or not. */
export async function controlSheetPdf(
  input: Base & { trail: Trail; record: ReceptionRecord },
): Promise<Uint8Array> {
  const { dossier: d, procedure } = input;
  const f = textsOf(input.form.settings, '05');
  const kit = await startForm(input.form, `${f.title} — ${d.code ?? ''}`);
  const c = kit.c;
  const rows = steps(kit, f, input).map((st) => [
    st.agency,
    `${st.at ? timeWords(c, st.at) : c.blankTime}\n${f.signers}`,
    st.result,
    st.note,
  ]);
  const blocks: Block[] = [
    ...formNumber(f),
    ...header(kit, d.receivedAt ?? null),
    centred(f.title, 'bold', 14),
    centred(fill(c.code, { code: d.code ?? '' }), 'bold', 12),
    gap(8),
    text(fill(f.attached, { name: d.applicant?.name ?? d.applicantName })),
    text(fill(f.handler, { agency: procedure.decidingAgency || procedure.agency })),
    text(
      fill(f.partner, {
        agency:
          procedure.receivingAgency && procedure.receivingAgency !== procedure.agency
            ? procedure.receivingAgency
            : c.blank,
      }),
    ),
    gap(6),
    {
      kind: 'table',
      columns: [
        { title: f.colAgency, share: 0.3 },
        { title: f.colTime, share: 0.32, align: 'center' },
        { title: f.colResult, share: 0.18, align: 'center' },
        { title: f.colNote, share: 0.2 },
      ],
      rows,
      style: { size: 10 },
    },
    gap(8),
    text(f.note, { font: 'italic', size: 10 }),
  ];
  return single(kit, f.title, d.code ?? null, blocks);
}

/**
 * Form 07 (Circular 03/2025/TT-VPCP's "Mẫu số 05"): Thông báo dừng giải quyết hồ sơ — the
 * dossier, since when its processing stops and why, signed by the head of the agency.
 */
export async function stopNoticePdf(input: Base & { stop: StopNoticeRecord }): Promise<Uint8Array> {
  const { dossier: d, procedure, stop } = input;
  const s = input.form.settings;
  const f = textsOf(s, '07');
  const kit = await startForm(input.form, `${f.title} — ${d.code ?? ''}`);
  const c = kit.c;
  const para = { first: 24 } as const;
  const blocks: Block[] = [
    ...formNumber(f),
    ...header(kit, stop.at),
    centred(f.title, 'bold', 14),
    centred(fill(c.code, { code: d.code ?? '' }), 'bold', 12),
    gap(8),
    text(fill(f.to, { name: d.applicant?.name ?? d.applicantName }), { font: 'bold', align: 'center' }),
    gap(6),
    text(
      fill(f.received, {
        ...partsOf(d.receivedAt!),
        unit: s.unitName,
        procedure: procedure.name,
        code: d.code ?? '',
        appointment: d.appointmentAt ? timeWords(c, d.appointmentAt) : c.blank,
      }),
      para,
    ),
    text(fill(f.body, { unit: s.unitName, at: timeWords(c, stop.at) }), para, true),
    text(stop.reason, { font: 'bold', first: 24, hang: 24 }),
    text(fill(f.closing, { unit: s.unitName, hotline: s.hotline || c.blank }), para, true),
    text(fill(f.issuedBy, { name: stop.by }), { font: 'italic', size: 10 }, true),
    ...signatures(kit, null, { title: f.signRight, hint: f.signHint }),
  ];
  return single(kit, f.title, d.code ?? null, blocks);
}
