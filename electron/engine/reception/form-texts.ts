import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { StationError } from '../../../shared/api/errors';
import type { FormTextsView } from '../../../shared/api/rooms/reception';
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
export type FormId = '01' | '02' | '03' | '04' | '05' | '06' | '07' | 'post';
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

/** The parts of the file a province may change (the file's own notes are not texts). */
const PARTS = ['common', '01', '02', '03', '04', '05', '06', '07', 'post'] as const;

/** How an error names a part of the file. */
const partName = (part: string): string =>
  part === 'common' ? 'phần dùng chung của các mẫu' : part === 'post' ? 'giấy tờ bưu chính' : `mẫu ${part}`;

/** Every `{…}` in a text, and every brace left alone (`{{x}}`, `{x`, `x}`). */
const TOKEN = /\{+[^{}]*\}+|[{}]/g;

/** The placeholders a shipped text uses: the only ones the station fills for it. */
export const placeholdersOf = (text: string): string[] => [
  ...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)),
];

/**
 * Refuses, naming the form, the text and the placeholder, a change the station could not print:
 * an unknown form or text, or a placeholder the station does not fill for that text (a typo,
 * `{{x}}` from another template language, a stray brace) — it would print as is on the paper.
 */
export function checkFormTexts(changes: Record<string, Record<string, string>>): void {
  const file = shippedTexts() as unknown as Record<string, Record<string, string>>;
  for (const [part, texts] of Object.entries(changes)) {
    const base = (PARTS as readonly string[]).includes(part) ? file[part] : undefined;
    for (const [key, value] of Object.entries(texts)) {
      const shippedText = base?.[key];
      if (shippedText === undefined)
        throw new StationError('form_text_unknown', { form: partName(part), key });
      const known = placeholdersOf(shippedText);
      for (const [token] of value.matchAll(TOKEN)) {
        const name = /^\{(\w+)\}$/.exec(token)?.[1];
        if (name && known.includes(name)) continue;
        throw new StationError('form_text_placeholder', {
          form: partName(part),
          key,
          placeholder: token,
          allowed: known.length ? known.map((k) => `{${k}}`).join(', ') : '—',
        });
      }
    }
  }
}

/** Each form's texts, shipped and as the province changed them (the Settings card, `sohoa forms texts`). */
export function formTextsView(settings: StationSettings): FormTextsView {
  const file = shippedTexts() as unknown as Record<string, Record<string, string>>;
  return {
    basis: formsBasis(),
    parts: PARTS.filter((p) => file[p]).map((part) => {
      const base = file[part]!;
      const change = settings.formTexts[part] ?? {};
      return {
        part,
        title: base.title ?? null,
        number: base.number ?? null,
        texts: Object.entries(base).map(([key, shippedText]) => ({
          key,
          shipped: shippedText,
          value: change[key] ?? shippedText,
          changed: key in change && change[key] !== shippedText,
          placeholders: placeholdersOf(shippedText),
        })),
      };
    }),
  };
}

/**
 * The province's changes merged with `changes`: a text given empty or as shipped goes back to the
 * shipped one; every change is checked first, nothing is saved when one is refused.
 */
export function mergeFormTexts(
  current: StationSettings['formTexts'],
  changes: Record<string, Record<string, string>>,
): StationSettings['formTexts'] {
  checkFormTexts(
    Object.fromEntries(
      Object.entries(changes).map(([p, t]) => [
        p,
        Object.fromEntries(Object.entries(t).filter(([, v]) => v)),
      ]),
    ),
  );
  const file = shippedTexts() as unknown as Record<string, Record<string, string>>;
  const out: StationSettings['formTexts'] = {};
  for (const [p, t] of Object.entries(current)) out[p] = { ...t };
  for (const [part, texts] of Object.entries(changes))
    for (const [key, value] of Object.entries(texts)) {
      const next = { ...(out[part] ?? {}) };
      if (!value.trim() || value === file[part]![key]) delete next[key];
      else next[key] = value;
      if (Object.keys(next).length) out[part] = next;
      else delete out[part];
    }
  return out;
}
