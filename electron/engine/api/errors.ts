import type { AppError } from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';

/** Any thrown value as the error a client sees: a station error as it is, a full disk by its name, the rest `internal`. */
export function toAppError(err: unknown): AppError {
  if (err instanceof StationError) return err.toValue();
  const detail = err instanceof Error ? err.message : String(err);
  // A full disk can surface from SQLite (SQLITE_FULL) or from any file write (ENOSPC).
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || /database or disk is full|SQLITE_FULL/i.test(detail)) {
    return { code: 'disk_full', detail };
  }
  return { code: 'internal', detail };
}

/**
 * A failure as fields of the log (electron/engine/log): its code, and its stack only when it
 * was unexpected (`internal`) — an expected error's text can name a file, and a file's name a person.
 */
export function faultFields(err: unknown): { code: string; detail?: string } {
  const { code } = toAppError(err);
  if (code !== 'internal') return { code };
  return { code, detail: err instanceof Error ? (err.stack ?? err.message) : String(err) };
}
