import { Input } from 'antd';
import { useEffect, useState } from 'react';

/** `YYYY-MM-DD` → `dd/mm/yyyy` (how Vietnamese forms write a date). */
export function isoToVn(iso: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso ?? '');
}

/** `dd/mm/yyyy` (also `d/m/yyyy`, `dd-mm-yyyy`, `ddmmyyyy`) → `YYYY-MM-DD`, or null when it is no real date. */
export function vnToIso(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

interface Props {
  /** `YYYY-MM-DD`, or the text typed so far while it is not a date yet. */
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
  'data-testid'?: string;
  'aria-label'?: string;
}

/**
 * A date typed the Vietnamese way, dd/mm/yyyy, whatever the browser's or the
 * OS's language (a native date field would show mm/dd/yyyy on an English
 * system, and 08/05 would be read the wrong way). The form gets `YYYY-MM-DD`;
 * text that is not a date yet is passed on as it is, for the form's rule to refuse.
 */
export function DateField({ value, onChange, ...rest }: Props) {
  const [text, setText] = useState(isoToVn(value));
  useEffect(() => {
    // A value set from outside (a CCCD QR, a reset) replaces what is shown.
    setText((shown) => ((vnToIso(shown) ?? shown) === (value ?? '') ? shown : isoToVn(value)));
  }, [value]);
  const bad = text.trim() !== '' && vnToIso(text) === null;
  return (
    <Input
      {...rest}
      value={text}
      placeholder="dd/mm/yyyy"
      inputMode="numeric"
      maxLength={10}
      status={bad ? 'error' : undefined}
      onChange={(e) => {
        setText(e.target.value);
        const t = e.target.value.trim();
        onChange?.(t === '' ? '' : (vnToIso(t) ?? t));
      }}
      onBlur={() => {
        const iso = vnToIso(text);
        if (iso) setText(isoToVn(iso));
      }}
    />
  );
}

/** A form rule: empty, or a real date. */
export const dateRule = (message: string) => ({
  validator: (_: unknown, v: string | undefined) =>
    !v || /^\d{4}-\d{2}-\d{2}$/.test(v) ? Promise.resolve() : Promise.reject(new Error(message)),
});
