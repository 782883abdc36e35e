/**
 * Mã hồ sơ — the dossier code printed on the receipt:
 * `<agency code of the receiving unit>-<yyMMdd>-<NNNN>`, the form the one-stop
 * systems use; the agency code is the unit's identification code (mã định danh,
 * Decision 20/2020/QĐ-TTg), e.g. `000.00.00.H47-261127-0001`.
 *
 * The 4-digit counter runs per unit and per day. Several stations of one unit
 * may receive dossiers offline at the same time, so each station owns a fixed
 * range of the counter (its "slot"): slot 1 uses 0001–0999, slot 2 1001–1999,
 * …, slot 10 9001–9999. A station never hands out a number outside its range,
 * so two stations can never collide, with or without a network. The slot is
 * the station code (01–10) from the settings; each range allows 999 dossiers
 * per station per day.
 */

export const AGENCY_CODE_RE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
export const DOSSIER_CODE_RE = /^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(\d{6})-(\d{4})$/;

export const SLOT_SIZE = 1000;
export const MAX_SLOT = 10;

export interface CounterRange {
  /** First counter value this station may use. */
  first: number;
  /** Last counter value this station may use. */
  last: number;
}

/** The counter range of a station, from its station code ("01" … "10"); null if the code is not a slot. */
export function stationRange(stationCode: string): CounterRange | null {
  if (!/^\d{1,4}$/.test(stationCode)) return null;
  const slot = Number(stationCode);
  if (slot < 1 || slot > MAX_SLOT) return null;
  const base = (slot - 1) * SLOT_SIZE;
  return { first: base + 1, last: base + SLOT_SIZE - 1 };
}

/** yyMMdd of an instant, in Vietnam's time (UTC+7, no daylight saving). */
export function codeDay(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3600_000);
  const yy = String(local.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(local.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(local.getUTCDate()).padStart(2, '0');
  return `${yy}${mm}${dd}`;
}

export function formatDossierCode(agencyCode: string, day: string, counter: number): string {
  if (!Number.isInteger(counter) || counter < 1 || counter > 9999)
    throw new RangeError(`counter out of range: ${counter}`);
  return `${agencyCode}-${day}-${String(counter).padStart(4, '0')}`;
}

export interface DossierCodeParts {
  agencyCode: string;
  day: string;
  counter: number;
}

export function parseDossierCode(code: string): DossierCodeParts | null {
  const m = DOSSIER_CODE_RE.exec(code.trim());
  if (!m) return null;
  return { agencyCode: m[1]!, day: m[2]!, counter: Number(m[3]) };
}
