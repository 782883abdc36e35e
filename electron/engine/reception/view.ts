import { z } from 'zod';
import {
  Applicant,
  ApologyRecord,
  ClockStopRecord,
  ComponentException,
  ConsentRecord,
  CorrectionRecord,
  RefusalRecord,
  StopNoticeRecord,
  ResultMethod,
  UnsignedRecord,
} from '../../../shared/api/contract';
import type { Db } from '../store';
import type { DataKey } from '../store/data-key';
import { registerEntryOf } from './register';

/** What reception keeps beside a dossier row (the `reception` JSON column). */
export const ReceptionRecord = z.object({
  exceptions: z.array(ComponentException).default([]),
  sets: z.number().int().min(1).default(1),
  /** Processing time applied at reception, from the catalogue. */
  days: z.number().optional(),
  hours: z.number().optional(),
  /** The procedure's cut-off time applied at reception ("HH:mm"), if it has one. */
  cutoffTime: z.string().optional(),
  clockStops: z.array(ClockStopRecord).default([]),
  /** Register book (quyển số) and order number printed on the receipt. */
  registerBook: z.string().optional(),
  /** Ủy quyền nộp trực tuyến as recorded (who, when, how); null: paper processing. */
  consent: ConsentRecord.nullable().default(null),
  /** Đính chính: the finished corrections, oldest first (reception/correction.ts). */
  corrections: z.array(CorrectionRecord).default([]),
  /** Years the appointment was counted through whose holidays nobody had confirmed, at the time. */
  unconfirmedYears: z.array(z.number().int()).default([]),
  /** Cách thức nhận kết quả chosen at reception. */
  resultMethod: ResultMethod.default('counter'),
  /** The delivery address of a result by post, sealed at rest (personal data); null otherwise. */
  delivery: z.string().nullable().default(null),
  /** Phiếu từ chối (form 03) of a draft the counter did not receive. */
  refusal: RefusalRecord.nullable().default(null),
  /** Rút hồ sơ: the citizen withdrew the received dossier (reception/notices.ts). */
  withdrawal: RefusalRecord.nullable().default(null),
  /** Phiếu xin lỗi và hẹn lại (form 04), oldest first. */
  apologies: z.array(ApologyRecord).default([]),
  /** Thông báo dừng giải quyết hồ sơ (station form 07), oldest first. */
  stopNotices: z.array(StopNoticeRecord).default([]),
  /** Received with components not assembled or signed: the clerk's reason; null: all signed. */
  unsigned: UnsignedRecord.nullable().default(null),
});
export type ReceptionRecord = z.infer<typeof ReceptionRecord>;

interface ReceptionColumns {
  applicant?: string | null;
  code?: string | null;
  received_at?: string | null;
  appointment_at?: string | null;
  reception?: string | null;
  /** Cán bộ tiếp nhận (migration dossier.003-received-by). */
  received_by?: string | null;
}

export function readApplicant(raw: string | null | undefined, key: DataKey): Applicant | null {
  if (!raw) return null;
  const parsed = Applicant.safeParse(JSON.parse(key.openText(raw)));
  return parsed.success ? parsed.data : null;
}

export function readReception(raw: string | null | undefined): ReceptionRecord {
  const parsed = ReceptionRecord.safeParse(raw ? JSON.parse(raw) : {});
  return parsed.success ? parsed.data : ReceptionRecord.parse({});
}

export function receptionSummary(r: ReceptionColumns) {
  return {
    code: r.code ?? null,
    receivedAt: r.received_at ?? null,
    appointmentAt: r.appointment_at ?? null,
  };
}

export function receptionDetail(r: ReceptionColumns & { id?: string }, key: DataKey, db?: Db) {
  const rec = readReception(r.reception);
  const entry = db && r.id ? registerEntryOf(db, r.id) : null;
  return {
    applicant: readApplicant(r.applicant, key),
    exceptions: rec.exceptions,
    clockStops: rec.clockStops,
    receivedBy: r.received_by ?? null,
    consent: rec.consent,
    corrections: rec.corrections,
    unconfirmedYears: rec.unconfirmedYears,
    resultMethod: rec.resultMethod,
    deliveryAddress: rec.delivery ? key.openText(rec.delivery) : null,
    register: entry ? { book: entry.book, year: entry.year, no: entry.no } : null,
    refusal: rec.refusal,
    withdrawal: rec.withdrawal,
    apologies: rec.apologies,
    stopNotices: rec.stopNotices,
    unsigned: rec.unsigned,
  };
}

/** The dossier room's window on reception's columns (given to DossierService, which may not import reception). */
export function receptionView(key: DataKey, db?: Db) {
  return {
    summary: (row: ReceptionColumns) => receptionSummary(row),
    detail: (row: ReceptionColumns & { id?: string }) => receptionDetail(row, key, db),
  };
}
