import { VN_OFFSET_MS } from './deadline';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The one way a date and time is shown on screen: dd/MM/yyyy HH:mm in Vietnam's time (UTC+7 all
 * year, Asia/Ho_Chi_Minh), whatever the computer's own zone — the time shown at the counter is the
 * time on the receipt. The raw text when it is not a date. (Forms print times in words instead:
 * "… giờ … phút, ngày … tháng … năm …".)
 */
export function vnDateTime(iso: string): string {
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms + VN_OFFSET_MS);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
