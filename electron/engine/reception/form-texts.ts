import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StationSettings } from '../../../shared/api/rooms/settings';
import { localParts, parseInstant } from '../../../shared/domain/deadline';
// Only its type: the file is read at run time, so the packaged app reads the copy in resources/.
import type ShippedFile from '../../../resources/forms/forms.vi.json';

/**
 * The one-stop forms' wording, numbers and legal citations are data: the shipped file
 * resources/forms/forms.vi.json, with the province's changes (setting `formTexts`, only the
 * keys it changes) laid over it. Nothing a citizen reads on a form is a constant in code.
 */
export const FORM_TEXTS_FILE = fileURLToPath(
  new URL('../../../resources/forms/forms.vi.json', import.meta.url),
);

type Shipped = typeof ShippedFile;
export type FormId = '01' | '02' | '03' | '04' | '05' | '06' | 'post';
export type TextsOf<K extends 'common' | FormId> = Shipped[K];

let shipped: Shipped | null = null;

function shippedTexts(): Shipped {
  shipped ??= JSON.parse(fs.readFileSync(FORM_TEXTS_FILE, 'utf8')) as Shipped;
  return shipped;
}

/** The texts of one part of the file with the province's changes of that part. */
export function textsOf<K extends 'common' | FormId>(settings: StationSettings, part: K): TextsOf<K> {
  const base = shippedTexts()[part] as Record<string, string>;
  const change = settings.formTexts[part] ?? {};
  const merged: Record<string, string> = { ...base };
  for (const [k, v] of Object.entries(change)) if (k in base) merged[k] = v;
  return merged as TextsOf<K>;
}

/** The legal basis the forms follow (shown by `sohoa forms` and the README). */
export const formsBasis = (): string => shippedTexts().basis;

/** "{name} …" with `vars` put in; a placeholder without a value stays visible. */
export function fill(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, k: string) => (k in vars ? String(vars[k]) : whole));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local parts of a moment, two digits each (the year whole), for a template's {hour} … {year}. */
export function partsOf(iso: string) {
  const p = localParts(parseInstant(iso));
  return { hour: pad(p.hour), minute: pad(p.minute), day: pad(p.day), month: pad(p.month), year: p.year };
}

/** "09 giờ 00 phút, ngày 02 tháng 03 năm 2026" (Vietnam's time), as the forms write a moment. */
export const timeWords = (c: TextsOf<'common'>, iso: string): string => fill(c.timeWords, partsOf(iso));

/** "ngày 02 tháng 03 năm 2026". */
export const dateWords = (c: TextsOf<'common'>, iso: string): string => fill(c.dateWords, partsOf(iso));

/** "Quảng Nam, ngày 02 tháng 03 năm 2026". */
export const dateLine = (c: TextsOf<'common'>, place: string, iso: string): string =>
  fill(c.dateLine, { place, ...partsOf(iso) });

/** "02/03/2026 09:00", for the register's narrow columns. */
export function shortTime(iso: string): string {
  const p = partsOf(iso);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}
