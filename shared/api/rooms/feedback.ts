import { z } from 'zod';
import { call, Id } from '../define';

/**
 * Đánh giá mức độ hài lòng — the citizen's rating of how they were served at the counter
 * (Decision 766/QĐ-TTg counts it): given on the citizen screen after reception, one per
 * dossier, attributed to the dossier, the counter and the receiving clerk, never to the
 * citizen. Stored for good: nobody changes or deletes one (docs/architecture.md, feedback).
 */

export const RatingLevel = z.enum(['very_satisfied', 'satisfied', 'unsatisfied']);
export type RatingLevel = z.infer<typeof RatingLevel>;

/** What a "Không hài lòng" is about. */
export const RatingReason = z.enum([
  /** thái độ phục vụ */
  'attitude',
  /** thời gian chờ */
  'waiting',
  /** hướng dẫn chưa rõ */
  'guidance',
  /** yêu cầu thêm giấy tờ ngoài quy định */
  'extra_papers',
  /** thu phí ngoài quy định */
  'unofficial_fee',
  /** hẹn trả kết quả quá lâu */
  'appointment',
  /** cơ sở vật chất */
  'facilities',
  /** khác */
  'other',
]);
export type RatingReason = z.infer<typeof RatingReason>;

/** What the citizen gives: the level, and only for "Không hài lòng" the reasons; an optional comment. */
export const RatingInput = z
  .object({
    level: RatingLevel,
    reasons: z.array(RatingReason).max(RatingReason.options.length).default([]),
    comment: z.string().trim().max(500).optional(),
  })
  .refine((r) => r.level === 'unsatisfied' || r.reasons.length === 0, {
    message: 'reasons are given only with unsatisfied',
  })
  .refine((r) => new Set(r.reasons).size === r.reasons.length, { message: 'a reason given twice' });
export type RatingInput = z.infer<typeof RatingInput>;

/** One stored rating, as the supervisor sees it. */
export const Rating = z.object({
  dossierId: Id,
  dossierCode: z.string().nullable(),
  procedureCode: z.string(),
  procedureName: z.string(),
  /** Mã quầy: the station's code (stationCode) at the time of the rating. */
  counter: z.string(),
  /** Mã định danh of the unit (agencyCode) at the time of the rating. */
  agency: z.string(),
  /** Cán bộ tiếp nhận as reception recorded them; null when none was recorded. */
  clerk: z.string().nullable(),
  level: RatingLevel,
  reasons: z.array(RatingReason),
  comment: z.string().nullable(),
  at: z.string(),
});
export type Rating = z.infer<typeof Rating>;

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const feedbackCalls = {
  /** The ratings given in [from, to] (local dates; default: the last 30 days), newest first. */
  'feedback.list': call(
    z.object({ from: LocalDate.optional(), to: LocalDate.optional(), level: RatingLevel.optional() }),
    z.array(Rating),
    'supervisor',
  ),
} as const;
