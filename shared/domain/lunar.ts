/**
 * The Vietnamese lunisolar calendar (âm lịch), computed from astronomy in
 * Vietnam's time zone (UTC+7): months start on the day of the new moon; the
 * 11th month holds the winter solstice; in a year with 13 months the first
 * month without a major solar term (trung khí) is the leap month.
 *
 * Written here from the published algorithms of Jean Meeus, "Astronomical
 * Algorithms" (2nd ed.): mean new moon with the periodic corrections (ch. 49)
 * and the Sun's apparent longitude (ch. 25). It is not derived from any
 * existing âm-lịch program. Accuracy: a few minutes for 1900–2100, enough for
 * calendar days except when a new moon falls within minutes of midnight.
 */

const RAD = Math.PI / 180;
const TZ_DAYS = 7 / 24;
/** ΔT = TT − UT ≈ 69 s around 2020–2030; its drift does not move a calendar day here. */
const DELTA_T_DAYS = 69 / 86400;

const sin = (deg: number) => Math.sin(deg * RAD);

/** Julian Ephemeris Day of the k-th new moon after the one of 6 January 2000 (Meeus ch. 49). */
export function newMoonJde(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const T4 = T3 * T;
  let jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * T2 - 0.00000015 * T3 + 0.00000000073 * T4;
  const E = 1 - 0.002516 * T - 0.0000074 * T2;
  const M = 2.5534 + 29.1053567 * k - 0.0000014 * T2 - 0.00000011 * T3;
  const Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 - 0.000000058 * T4;
  const F = 160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 + 0.000000011 * T4;
  const Om = 124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3;
  jde +=
    -0.4072 * sin(Mp) +
    0.17241 * E * sin(M) +
    0.01608 * sin(2 * Mp) +
    0.01039 * sin(2 * F) +
    0.00739 * E * sin(Mp - M) -
    0.00514 * E * sin(Mp + M) +
    0.00208 * E * E * sin(2 * M) -
    0.00111 * sin(Mp - 2 * F) -
    0.00057 * sin(Mp + 2 * F) +
    0.00056 * E * sin(2 * Mp + M) -
    0.00042 * sin(3 * Mp) +
    0.00042 * E * sin(M + 2 * F) +
    0.00038 * E * sin(M - 2 * F) -
    0.00024 * E * sin(2 * Mp - M) -
    0.00017 * sin(Om) -
    0.00007 * sin(Mp + 2 * M) +
    0.00004 * sin(2 * Mp - 2 * F) +
    0.00004 * sin(3 * M) +
    0.00003 * sin(Mp + M - 2 * F) +
    0.00003 * sin(2 * Mp + 2 * F) -
    0.00003 * sin(Mp + M + 2 * F) +
    0.00003 * sin(Mp - M + 2 * F) -
    0.00002 * sin(Mp - M - 2 * F) -
    0.00002 * sin(3 * Mp + M) +
    0.00002 * sin(4 * Mp);
  return jde;
}

/** The Sun's apparent longitude in degrees [0, 360) at a Julian Day (Meeus ch. 25, low accuracy). */
export function sunLongitude(jd: number): number {
  const T = (jd - 2451545) / 36525;
  const L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T * T;
  const M = 357.52911 + 35999.05029 * T - 0.0001537 * T * T;
  const C =
    (1.914602 - 0.004817 * T - 0.000014 * T * T) * sin(M) +
    (0.019993 - 0.000101 * T) * sin(2 * M) +
    0.000289 * sin(3 * M);
  const omega = 125.04 - 1934.136 * T;
  const lambda = L0 + C - 0.00569 - 0.00478 * sin(omega);
  return ((lambda % 360) + 360) % 360;
}

/** Day number (days since 1970-01-01) of the local (UTC+7) calendar day containing a Julian Day (UT). */
const localDay = (jdUt: number): number => Math.floor(jdUt + TZ_DAYS - 2440587.5);
const JD_UNIX_EPOCH = 2440587.5;

/** Local day number on which the k-th new moon falls. */
function newMoonDay(k: number): number {
  return localDay(newMoonJde(k) - DELTA_T_DAYS);
}

/** Which 30° sector the Sun is in at the local midnight that starts a day. */
function sunSector(day: number): number {
  return Math.floor(sunLongitude(day + JD_UNIX_EPOCH - TZ_DAYS) / 30);
}

/** k of the new moon that starts the lunar month containing a given local day. */
function lunationAt(day: number): number {
  let k = Math.floor((day + JD_UNIX_EPOCH - 2451550.09766) / 29.530588861);
  while (newMoonDay(k + 1) <= day) k++;
  while (newMoonDay(k) > day) k--;
  return k;
}

/** k of the 11th month of a Gregorian year: the month containing the December solstice. */
function month11(year: number): number {
  // The solstice is the first local day on which the Sun's longitude reaches 270°.
  let day = Math.floor(Date.UTC(year, 11, 19) / 86_400_000);
  while (
    sunLongitude(day + 1 + JD_UNIX_EPOCH - TZ_DAYS) < 270 &&
    sunLongitude(day + 1 + JD_UNIX_EPOCH - TZ_DAYS) > 180
  )
    day++;
  return lunationAt(day);
}

export interface LunarMonth {
  /** 1–12 */
  month: number;
  leap: boolean;
  /** Local day number (days since 1970-01-01) of the first day. */
  startDay: number;
  days: number;
}

/** The lunar months from the 11th month of year−1 to the 10th month of `year` (the span holding Tết of `year`). */
export function lunarMonths(year: number): LunarMonth[] {
  const a = month11(year - 1);
  const b = month11(year);
  const n = b - a;
  let leapAt = -1;
  if (n === 13) {
    for (let j = 1; j < 13; j++) {
      if (sunSector(newMoonDay(a + j)) === sunSector(newMoonDay(a + j + 1))) {
        leapAt = j;
        break;
      }
    }
  }
  const months: LunarMonth[] = [];
  let number = 11;
  for (let j = 0; j < n; j++) {
    const leap = j === leapAt;
    if (j > 0 && !leap) number = (number % 12) + 1;
    const startDay = newMoonDay(a + j);
    months.push({ month: number, leap, startDay, days: newMoonDay(a + j + 1) - startDay });
  }
  return months;
}

const toIso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** Gregorian date (YYYY-MM-DD) of a lunar day in the lunar year that starts in Gregorian `year`. */
export function lunarToSolar(year: number, month: number, day: number, leap = false): string {
  // A span runs from month 11 of the previous lunar year to month 10: months 11–12 of
  // lunar year `year` open the span of `year + 1`.
  const span = month >= 11 ? lunarMonths(year + 1) : lunarMonths(year);
  const found = span.find((x) => x.month === month && x.leap === leap);
  if (!found || day < 1 || day > found.days) throw new RangeError(`no lunar day ${day}/${month} in ${year}`);
  return toIso(found.startDay + day - 1);
}

/** Mùng 1 Tết: the first day of the first lunar month. */
export const lunarNewYear = (year: number): string => lunarToSolar(year, 1, 1);

/** Giỗ Tổ Hùng Vương: 10th day of the 3rd lunar month. */
export const hungKingsDay = (year: number): string => lunarToSolar(year, 3, 10);
