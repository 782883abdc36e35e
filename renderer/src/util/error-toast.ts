import { AppError, CallFailed } from '../../../shared/api';
import { type Lang, plainError } from '../../../shared/i18n';

/** Whatever a call threw, as the AppError the error table knows. */
export function toAppError(err: unknown): AppError {
  if (err instanceof CallFailed) return err.error;
  const known = AppError.safeParse(err);
  if (known.success) return known.data;
  return { code: 'internal', detail: String(err) };
}

/** What a toast says of one or more errors: one Vietnamese sentence each, the technical words apart. */
export interface ErrorToast {
  /** The clerk's sentences, one per error, without a program's own words. */
  lines: string[];
  /** Everything taken out of them (for "Chi tiết" and the log), or null when nothing was. */
  detail: string | null;
}

/**
 * The toast for errors: the sentences on screen, the detail (an errno, an exception, a
 * library path) only behind "Chi tiết". A detail shared by several errors is said once.
 */
export function errorToast(errors: readonly unknown[], lang: Lang): ErrorToast {
  const lines: string[] = [];
  const details: string[] = [];
  for (const err of errors) {
    const plain = plainError(toAppError(err), lang);
    lines.push(plain.text);
    if (plain.detail && !details.includes(plain.detail)) details.push(plain.detail);
  }
  return { lines, detail: details.length ? details.join('\n') : null };
}
