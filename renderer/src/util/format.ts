import { vnDateTime } from '../../../shared/domain/vn-time';

/**
 * dd/MM/yyyy HH:mm in Vietnam's time (UTC+7 all year), whatever the computer's own zone: every
 * date and time on screen goes through here (shared/domain/vn-time.ts).
 */
export const formatDateTime = vnDateTime;

export function formatKb(bytes: number, locale: string): string {
  return Math.max(1, Math.round(bytes / 1024)).toLocaleString(locale);
}

export function formatVnd(amount: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'VND' }).format(amount);
}
