const pad = (n: number) => String(n).padStart(2, '0');

/** dd/MM/yyyy HH:mm in local time; the raw text when it is not a date. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatKb(bytes: number, locale: string): string {
  return Math.max(1, Math.round(bytes / 1024)).toLocaleString(locale);
}

export function formatVnd(amount: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'VND' }).format(amount);
}
