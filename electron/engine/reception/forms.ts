import type { Dossier, DossierStatus } from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';
import type { FileOut } from '../../../shared/api/define';
import { formatInstant, localDate } from '../../../shared/domain/deadline';
import { dueState } from '../../../shared/domain/due';
import type { Catalog } from '../catalog';
import type { DossierService } from '../dossier/service';
import type { Settings } from '../settings';
import type { Store } from '../store';
import type { FormTextsView } from '../../../shared/api/rooms/reception';
import { formTextsView, mergeFormTexts } from './form-texts';
import { apologyPdf, controlSheetPdf, refusalPdf, stopNoticePdf } from './forms-more';
import type { FormContext } from './form-parts';
import { completionRequestPdf, receiptPdf } from './receipt';
import { vnDateTime } from '../../../shared/domain/vn-time';
import { registerEntries, registerEntryOf } from './register';
import { type BookLine, registerPdf, registerXlsx } from './register-book';
import { calendarOf } from './service';
import { readReception, type ReceptionRecord } from './view';

export type { FormNo } from '../../../shared/api/rooms/reception';
import type { FormNo } from '../../../shared/api/rooms/reception';

/** A dossier a postal service point received on an agency's behalf (the agency room tells, wired in engine/index.ts). */
export interface OnBehalf {
  agencyName: string;
  point: string;
  address: string;
}
export type OnBehalfOf = (dossierId: string) => OnBehalf | null;

/** What the outbox knows of a dossier's way, wired in engine/index.ts (reception may not import the outbox). */
export interface Trail {
  /** When the submission reached the portal (chuyển hồ sơ đến cơ quan giải quyết). */
  submittedAt: string | null;
  /** When the portal reported the result (đã có kết quả). */
  resolvedAt: string | null;
  /** When the result was handed over, and to whom. */
  returnedAt: string | null;
  returnedTo: string | null;
}
export type TrailOf = (dossierId: string) => Trail;
export const NO_TRAIL: TrailOf = () => ({
  submittedAt: null,
  resolvedAt: null,
  returnedAt: null,
  returnedTo: null,
});

const STATUS_VI: Record<DossierStatus, string> = {
  draft: 'chưa tiếp nhận',
  received: 'đã tiếp nhận',
  awaiting_completion: 'chờ bổ sung',
  refused: 'đã từ chối giải quyết',
  withdrawn: 'đã rút',
  stopped: 'đã dừng giải quyết',
};
const FORM_VI: Record<FormNo, string> = {
  '01': 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (mẫu 01)',
  '02': 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02)',
  '03': 'Phiếu từ chối tiếp nhận giải quyết hồ sơ (mẫu 03)',
  '04': 'Phiếu xin lỗi và hẹn lại ngày trả kết quả (mẫu 04)',
  '05': 'Phiếu kiểm soát quá trình giải quyết hồ sơ (mẫu 05)',
  '07': 'Thông báo dừng giải quyết hồ sơ (mẫu 07 của trạm)',
};
/** Which dossiers each form is made for. */
const ALLOWED: Record<FormNo, DossierStatus[]> = {
  '01': ['received', 'awaiting_completion'],
  '02': ['draft', 'awaiting_completion'],
  '03': ['draft', 'refused'],
  '04': ['received'],
  '05': ['received', 'awaiting_completion'],
  // A received dossier without a notice is told to issue one first (stop_notice_missing).
  '07': ['received', 'awaiting_completion', 'stopped'],
};
const FILE_NAME: Record<FormNo, string> = {
  '01': 'giay-tiep-nhan',
  '02': 'phieu-yeu-cau-bo-sung',
  '03': 'phieu-tu-choi',
  '04': 'phieu-xin-loi',
  '05': 'phieu-kiem-soat',
  '07': 'thong-bao-dung',
};

/** "Form N is made only for a dossier …, this one is …" — the error for a form asked of the wrong dossier. */
export function wrongStatus(
  form: FormNo,
  d: { status: DossierStatus; code: string | null; name: string },
): StationError {
  return new StationError('form_wrong_status', {
    form: FORM_VI[form],
    code: d.code ?? d.name,
    status: STATUS_VI[d.status],
    allowed: ALLOWED[form].map((x) => STATUS_VI[x]).join(' hoặc '),
  });
}

/** What form 01 of a corrected dossier says of its last correction. */
function lastCorrection(rec: ReceptionRecord) {
  const last = rec.corrections.at(-1);
  return last ? { count: rec.corrections.length, reason: last.reason, at: last.finishedAt } : undefined;
}

/**
 * The one-stop forms of a dossier (01 receipt, 02 completion request, 03 refusal, 04 apology
 * with a new date, 05 control sheet), each refused with a clear reason for a dossier in a state
 * it is not made for.
 */
export class Forms {
  constructor(
    private readonly store: Store,
    private readonly catalog: Catalog,
    private readonly dossiers: DossierService,
    private readonly settings: Settings,
    private readonly missing: (dossierId: string) => { code: string; name: string }[],
    private readonly trail: TrailOf = NO_TRAIL,
    private readonly now: () => Date = () => new Date(),
    private readonly onBehalfOf: OnBehalfOf = () => null,
  ) {}

  /** The settings, and what the deployment has yet to set (the forms then carry the sample mark). */
  context(): FormContext {
    const s = this.settings;
    const unconfigured = (
      [
        ['agency', 'governingAgency'],
        ['hotline', 'hotline'],
        ['lookup', 'lookupUrl'],
      ] as const
    )
      .filter(([, key]) => !s.isSet(key))
      .map(([k]) => k);
    return { settings: s.get(), unconfigured };
  }

  private check(form: FormNo, d: Dossier): void {
    if (!ALLOWED[form].includes(d.status))
      throw wrongStatus(form, { status: d.status, code: d.code ?? null, name: d.applicantName });
  }

  async pdf(dossierId: string, form: FormNo, officer?: string): Promise<FileOut> {
    const d = this.dossiers.get(dossierId);
    this.check(form, d);
    const bytes = await this.render(form, d, officer);
    const name = (d.code ?? dossierId.slice(0, 8)).replace(/[^0-9A-Za-z.-]/g, '_');
    return {
      fileName: `${FILE_NAME[form]}_${name}.pdf`,
      mime: 'application/pdf',
      dataBase64: Buffer.from(bytes).toString('base64'),
    };
  }

  private async render(form: FormNo, d: Dossier, officer?: string): Promise<Uint8Array> {
    const ctx = this.context();
    const procedure = this.catalog.get(d.procedureCode);
    const rec = this.record(d.id);
    if (form === '01') {
      const entry = registerEntryOf(this.store.db, d.id);
      const behalf = this.onBehalfOf(d.id);
      return receiptPdf({
        // On an agency's behalf: the header and "Đơn vị tiếp nhận" name the agency, the point below.
        form: behalf ? { ...ctx, settings: { ...ctx.settings, unitName: behalf.agencyName } } : ctx,
        onBehalf: behalf
          ? { point: behalf.point, address: behalf.address, staff: d.receivedBy ?? '' }
          : undefined,
        dossier: d,
        procedure,
        sets: rec.sets,
        days: rec.days,
        hours: rec.hours,
        registerBook: entry?.book ?? rec.registerBook ?? ctx.settings.registerBook,
        registerNo: entry?.no ?? null,
        resultMethod: rec.resultMethod,
        officer: d.receivedBy ?? '',
        corrected: lastCorrection(rec),
      });
    }
    if (form === '02') {
      const open = rec.clockStops.find((s) => s.to === null);
      return completionRequestPdf({
        form: ctx,
        dossier: d,
        procedure,
        reason: open?.reason ?? '',
        missing: this.missing(d.id),
        at: open?.from ?? formatInstant(this.now().getTime()),
        // The clerk who hands the request over: the one on duty now.
        officer: officer ?? ctx.settings.officerName,
      });
    }
    if (form === '03') {
      if (!rec.refusal) throw new StationError('refusal_missing', { code: d.applicantName });
      return refusalPdf({ form: ctx, dossier: d, procedure, refusal: rec.refusal });
    }
    if (form === '04')
      return apologyPdf({ form: ctx, dossier: d, procedure, apology: this.lastApology(d, rec) });
    if (form === '07') {
      const stop = rec.stopNotices.at(-1);
      if (!stop) throw new StationError('stop_notice_missing', { code: d.code ?? d.applicantName });
      return stopNoticePdf({ form: ctx, dossier: d, procedure, stop });
    }
    return controlSheetPdf({ form: ctx, dossier: d, procedure, trail: this.trail(d.id), record: rec });
  }

  private record(dossierId: string): ReceptionRecord {
    const row = this.store.db.prepare('SELECT reception FROM dossiers WHERE id = ?').get(dossierId) as
      { reception: string | null } | undefined;
    return readReception(row?.reception);
  }

  /** Lời văn các mẫu phiếu: every form's texts, shipped and as the province changed them. */
  texts(): FormTextsView {
    return formTextsView(this.settings.get());
  }

  /** Changes some texts (checked first: nothing is saved when one is refused). */
  setTexts(changes: Record<string, Record<string, string>>): FormTextsView {
    const formTexts = mergeFormTexts(this.settings.get().formTexts, changes);
    this.settings.update({ formTexts });
    return this.texts();
  }

  /** Sổ theo dõi hồ sơ of the dossiers received from `from` to `to` (default: this month so far). */
  async register(period: { from?: string; to?: string }, format: 'pdf' | 'xlsx'): Promise<FileOut> {
    const now = this.now().getTime();
    const to = period.to ?? localDate(now);
    const from = period.from ?? `${to.slice(0, 8)}01`;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from > to)
      throw new StationError('report_period_invalid', { from, to });
    const lines: BookLine[] = registerEntries(this.store.db, from, to).map((entry) => ({
      entry,
      dossier: this.dossiers.get(entry.dossierId),
      record: this.record(entry.dossierId),
      trail: this.trail(entry.dossierId),
    }));
    const madeAt = formatInstant(now);
    const ctx = this.context();
    const bytes =
      format === 'pdf'
        ? Buffer.from(await registerPdf(ctx, this.catalog, lines, { from, to }, madeAt))
        : await registerXlsx(ctx, this.catalog, lines, { from, to }, madeAt);
    return {
      fileName: `so-theo-doi-ho-so_${from}_${to}.${format}`,
      mime:
        format === 'pdf'
          ? 'application/pdf'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      dataBase64: bytes.toString('base64'),
    };
  }

  /** The apology form 04 prints; refused, with why, for a dossier on time or one not yet apologised for. */
  private lastApology(d: Dossier, rec: ReceptionRecord) {
    const last = rec.apologies.at(-1);
    if (last) return last;
    const s = this.settings.get();
    const state = dueState(calendarOf(s), d.appointmentAt!, this.now().getTime(), s.dueSoonWorkingHours);
    const params = {
      code: d.code ?? '',
      appointment: vnDateTime(d.appointmentAt!),
      hours: s.dueSoonWorkingHours,
    };
    throw new StationError(state === 'on_time' ? 'apology_not_late' : 'apology_missing', params);
  }
}
