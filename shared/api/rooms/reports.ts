import { z } from 'zod';
import { call, Id } from '../define';
import { AppError } from '../types';
import { FileOut } from './reception';
import { Rating } from './feedback';

/**
 * Figures (Thống kê): the counter's indicators for a period, with the colour
 * levels of the Government Office's index (Decision 766/QĐ-TTg), the backlog
 * and what failed to upload; and the Friday report (báo cáo tuần) as a file.
 */

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** Mức màu — colour level of a share; `no_data` (nothing to count) is its own neutral state. */
export const ColourLevel = z.enum(['dark_green', 'green', 'yellow', 'orange', 'red', 'no_data']);
export type ColourLevel = z.infer<typeof ColourLevel>;

/** One share: numerator / denominator, the percentage (null without data) and its colour. */
export const Share = z.object({
  numerator: z.number().int().min(0),
  denominator: z.number().int().min(0),
  percent: z.number().min(0).max(100).nullable(),
  level: ColourLevel,
});
export type Share = z.infer<typeof Share>;

/** A dossier past its appointment (quá hạn) or due by the next working day (sắp đến hạn). */
export const BacklogItem = z.object({
  dossierId: Id,
  code: z.string().nullable(),
  applicantName: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  receivedAt: z.string(),
  appointmentAt: z.string(),
  kind: z.enum(['overdue', 'due_soon']),
  /** Apologies with a new date issued for it (form 04); its appointment is the last one's. */
  apologies: z.number().int().min(0).default(0),
});
export type BacklogItem = z.infer<typeof BacklogItem>;

/** A dossier the outbox could not deliver: stopped for the clerk (failed) or retrying after an error. */
export const FailedUpload = z.object({
  dossierId: Id,
  code: z.string().nullable(),
  applicantName: z.string(),
  procedureCode: z.string(),
  state: z.enum(['failed', 'retry']),
  attempts: z.number().int().min(0),
  error: AppError,
  updatedAt: z.string(),
});
export type FailedUpload = z.infer<typeof FailedUpload>;

/** The satisfaction share of one counter, clerk or unit. */
export const SatisfactionGroup = z.object({ key: z.string(), share: Share });
export type SatisfactionGroup = z.infer<typeof SatisfactionGroup>;

/**
 * Mức độ hài lòng (Decision 766/QĐ-TTg) from the citizens' ratings given in the period: the share
 * "Rất hài lòng" + "Hài lòng" of all ratings, with its colour, per counter, clerk and unit; and the
 * "Không hài lòng" ratings with their reasons for the supervisor (reports.figures is theirs).
 */
export const Satisfaction = z.object({
  share: Share,
  counts: z.object({
    very_satisfied: z.number().int().min(0),
    satisfied: z.number().int().min(0),
    unsatisfied: z.number().int().min(0),
  }),
  byCounter: z.array(SatisfactionGroup),
  byClerk: z.array(SatisfactionGroup),
  byAgency: z.array(SatisfactionGroup),
  unsatisfied: z.array(Rating),
});
export type Satisfaction = z.infer<typeof Satisfaction>;

export const Figures = z.object({
  unitName: z.string(),
  agencyCode: z.string(),
  from: LocalDate,
  to: LocalDate,
  /** The instant the backlog is counted at: now, or the end of a period already over. */
  asOf: z.string(),
  /** Dossiers received (tiếp nhận) in the period. */
  received: z.number().int().min(0),
  /** Dossiers whose result the portal recorded (đã có kết quả / đã trả) in the period. */
  resolved: z.object({
    total: z.number().int(),
    onTime: z.number().int(),
    late: z.number().int(),
    /**
     * The late ones by the cause their apology gave: the agency's own delay (chủ quan), not
     * (khách quan), or late without an apology. A dossier apologised for counts late even when
     * its result kept the new date.
     */
    lateByCause: z
      .object({ subjective: z.number().int(), objective: z.number().int(), unexplained: z.number().int() })
      .default({ subjective: 0, objective: 0, unexplained: 0 }),
  }),
  /** The backlog at `asOf`: not yet due, due by the next working day, overdue, waiting for the citizen (clock stopped). */
  pending: z.object({
    notDue: z.number().int(),
    dueSoon: z.number().int(),
    overdue: z.number().int(),
    awaitingCompletion: z.number().int(),
  }),
  shares: z.object({
    /** Giải quyết đúng hạn: resolved on time / resolved. */
    onTime: Share,
    /** Dịch vụ công trực tuyến toàn trình: dossiers of full-online procedures / received. */
    fullOnline: Share,
    /** Thanh toán trực tuyến: paid online / dossiers with a fee that were paid. */
    onlinePayment: Share,
    /**
     * Số hóa: dossiers whose every component with pages has a current PDF signed by the
     * organisation (Decree 30/2020) / received.
     */
    digitized: Share,
    /** Đã gửi lên Cổng: submitted to the portal / received. */
    uploaded: Share,
  }),
  /** Dossiers received in the period whose every PDF is also signed. */
  signed: z.number().int().min(0),
  /** Dossiers received in the period with components not signed, each with the clerk's recorded reason. */
  receivedUnsigned: z.number().int().min(0).default(0),
  thresholds: z.object({
    darkGreen: z.number(),
    green: z.number(),
    yellow: z.number(),
    orange: z.number(),
  }),
  backlog: z.array(BacklogItem),
  failedUploads: z.array(FailedUpload),
  satisfaction: Satisfaction,
  /** Tháng cao điểm: the months of the period (YYYY-MM) that are peak months (setting peakMonths). */
  peakMonths: z.array(z.string()).default([]),
});
export type Figures = z.infer<typeof Figures>;

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');

export const reportsCalls = {
  /** The figures for [from, to] (local dates, Asia/Ho_Chi_Minh); default: this week so far. */
  'reports.figures': call(
    z.object({ from: LocalDate.optional(), to: LocalDate.optional() }),
    Figures,
    'supervisor',
  ),
  /** The Friday report (Monday–Friday of the week of `weekOf`, default this week) as an XLSX file. */
  'reports.weekly': call(z.object({ weekOf: LocalDate.optional() }), FileOut, 'supervisor'),
  /**
   * The month's summary (received, on time, online, paid online, digitized, late) against the
   * month before, as an XLSX file; titled a peak-month report for a peak month.
   */
  'reports.peak': call(z.object({ month: Month }), FileOut, 'supervisor'),
} as const;
