import { VN_OFFSET_MS } from '../../../shared/domain/deadline';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * dd/MM/yyyy HH:mm in Vietnam's time (UTC+7 all year), whatever the computer's own zone:
 * a time shown at the counter is the time printed on the receipt. The raw text when it is not a date.
 */
export function formatDateTime(iso: string): string {
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms + VN_OFFSET_MS);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function formatKb(bytes: number, locale: string): string {
  return Math.max(1, Math.round(bytes / 1024)).toLocaleString(locale);
}

export function formatVnd(amount: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'VND' }).format(amount);
}
