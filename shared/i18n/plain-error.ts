import type { AppError } from '../api/types';
import { errorMessage, type Lang } from './errors';

/** Parameters that may carry a program's own words (an errno, an exception, a library path). */
const MAYBE_TECHNICAL = new Set(['reason', 'path', 'problem']);
/** Stands for a hidden value while the sentence is cut around it. */
const HOLE = '\u2063';
const cut = (pattern: string) => new RegExp(pattern.replaceAll('HOLE', HOLE), 'g');

/** A value no clerk should read: a path, or words without a single Vietnamese mark. */
function isTechnical(key: string, value: string | number): boolean {
  if (!MAYBE_TECHNICAL.has(key) || typeof value !== 'string') return false;
  return key === 'path' || /^[\x20-\x7e]*[A-Za-z][\x20-\x7e]*$/.test(value);
}

export interface PlainError {
  /** The sentence for the clerk, without technical words. */
  text: string;
  /** What was left out (for "Chi tiết" and the log), or null. */
  detail: string | null;
}

/**
 * The clerk's sentence for an error with its technical parts taken out
 * ("fetch failed", "ECONNREFUSED", a PKCS#11 library path): the words around
 * a hidden value ("(…)", ": …", "\"…\"") go with it. What was taken out is the
 * detail, shown only behind "Chi tiết" and written to the log.
 */
export function plainError(
  error: Pick<AppError, 'code' | 'params' | 'detail'>,
  lang: Lang = 'vi',
): PlainError {
  const hidden: string[] = [];
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(error.params ?? {})) {
    if (isTechnical(key, value)) {
      hidden.push(String(value));
      params[key] = HOLE;
    } else params[key] = value;
  }
  const text = errorMessage({ code: error.code, params }, lang)
    .replace(cut('\\s*\\(HOLE\\)'), '')
    .replace(cut('\\s*"HOLE"'), '')
    .replace(cut(':\\s*HOLE'), '')
    .replace(cut('HOLE'), '')
    .replace(/\s+([.,;])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
  if (error.detail) hidden.push(error.detail);
  return { text, detail: hidden.length ? hidden.join('\n') : null };
}
