import { z } from 'zod';
import { LOG_EXPORT_DAYS, LOG_KEEP_DAYS } from '../../domain/log-files';
import { call } from '../define';

/**
 * Nhật ký kỹ thuật — the technical log (docs/architecture.md, log room): one file a day per
 * process in `<data>/logs/`, with codes, ids and durations only. "Gửi nhật ký hỗ trợ" zips
 * the last days' files and a short description of the station for the support desk.
 */
export const SupportExport = z.object({
  /** Where the zip was written: `<data>/support/nhat-ky-ho-tro-YYYYMMDD-HHmm.zip`. */
  path: z.string(),
  /** Its size in bytes. */
  size: z.number().int().nonnegative(),
  /** What it holds: the log files, then `station.json`. */
  files: z.array(z.string()),
});
export type SupportExport = z.infer<typeof SupportExport>;

export const logCalls = {
  /** Zips the last `days` days of `engine-*.log` and `main-*.log` with `station.json` (no secret). */
  'log.exportSupport': call(
    z.object({ days: z.number().int().min(1).max(LOG_KEEP_DAYS).default(LOG_EXPORT_DAYS) }),
    SupportExport,
    'supervisor',
  ),
} as const;
