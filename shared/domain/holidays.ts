/**
 * Pre-fill of the holiday table (Labour Code 2019, art. 112): 1 January; Tết
 * (5 days); Hùng Kings' day (10/3 lunar); 30 April; 1 May; 2 September plus an
 * adjacent day; 24 November from 2026 (see CULTURE_DAY_NAME); and a substitute
 * day (nghỉ bù) for each holiday falling on a weekend. The government fixes Tết
 * and the National Day's extra day each year, so this is only a proposal: its
 * rows are unconfirmed until the unit confirms them in Settings, and a deadline
 * that reaches a year the table lacks counts these days and says so.
 */
import { dateToDay, dayToDate, type Holiday } from './deadline';
import { hungKingsDay, lunarNewYear } from './lunar';

const DAY = 86_400_000;
const weekend = (ms: number) => [0, 6].includes(new Date(ms).getUTCDay());

/**
 * The day beside 2 September (Labour Code 2019 art. 112: "2/9 and one day before or after"), by
 * 2 September's weekday (0 = Sunday), as the Prime Minister decided it each year: the weekday
 * that joins the holiday to a weekend — 2021 (Thu): Fri 3; 2022 (Fri): Thu 1; 2023 (Sat): Fri 1
 * (Mon 4 in lieu); 2024 (Mon): Tue 3; 2025 (Tue): Mon 1. Wednesday and Sunday have no precedent
 * under the 2019 Code: Tue 1 and Mon 3 are a proposal, left unconfirmed like every computed row.
 */
const NATIONAL_DAY_EXTRA: Record<number, number> = { 0: 3, 1: 3, 2: 1, 3: 1, 4: 3, 5: 1, 6: 1 };

/**
 * Ngày Văn hóa Việt Nam, 24 November, pre-filled from 2026 as a row of its own that a deployment
 * removes. Basis found (search tool, December 2026): Politburo Resolution 80-NQ/TW (January 2026)
 * chose 24/11 as Vietnamese Culture Day "with the policy (chủ trương) that it be a paid day off",
 * and the Government's Resolution 30/NQ-CP (February 2026, its action programme for 80-NQ/TW)
 * tasks amending art. 112(1) of the Labour Code to add it. No text of an amended Labour Code was
 * found: the row says so, and stays unconfirmed until the unit confirms it.
 */
const CULTURE_DAY_FROM = 2026;
export const CULTURE_DAY_NAME =
  'Ngày Văn hóa Việt Nam (24/11) — căn cứ: chủ trương tại Nghị quyết 80-NQ/TW của Bộ Chính trị; ' +
  'Nghị quyết 30/NQ-CP giao sửa khoản 1 Điều 112 Bộ luật Lao động — chưa thấy văn bản luật sửa đổi, ' +
  'xóa dòng này nếu đơn vị chưa áp dụng';

interface Block {
  name: string;
  from: number;
  to: number;
}

/** The statutory holidays of one year, with their substitute days, as non-overlapping ranges. */
export function holidaysOf(year: number): Holiday[] {
  const y = (m: number, d: number) => Date.UTC(year, m - 1, d);
  const tet = dateToDay(lunarNewYear(year));
  const sep2 = y(9, 2);
  const sepExtra = y(9, NATIONAL_DAY_EXTRA[new Date(sep2).getUTCDay()] ?? 1);
  const blocks: Block[] = [
    { name: 'Tết Dương lịch', from: y(1, 1), to: y(1, 1) },
    {
      name: 'Tết Nguyên đán (dự kiến: ngày cuối năm âm lịch – mùng 4; theo quyết định hằng năm)',
      from: tet - DAY,
      to: tet + 3 * DAY,
    },
    {
      name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      from: dateToDay(hungKingsDay(year)),
      to: dateToDay(hungKingsDay(year)),
    },
    { name: 'Ngày Chiến thắng 30/4 và Quốc tế Lao động 1/5', from: y(4, 30), to: y(5, 1) },
    {
      name: 'Quốc khánh 2/9 (ngày liền kề theo quyết định hằng năm)',
      from: Math.min(sep2, sepExtra),
      to: Math.max(sep2, sepExtra),
    },
  ];
  if (year >= CULTURE_DAY_FROM) blocks.push({ name: CULTURE_DAY_NAME, from: y(11, 24), to: y(11, 24) });
  blocks.sort((a, b) => a.from - b.from);
  const taken = new Set<number>();
  for (const b of blocks) for (let d = b.from; d <= b.to; d += DAY) taken.add(d);
  const out: Holiday[] = [];
  for (const b of blocks) {
    out.push({ from: dayToDate(b.from), to: dayToDate(b.to), name: b.name });
    let owed = 0;
    for (let d = b.from; d <= b.to; d += DAY) if (weekend(d)) owed++;
    let d = b.to + DAY;
    let subFrom = 0;
    let subTo = 0;
    while (owed > 0) {
      if (!weekend(d) && !taken.has(d)) {
        if (!subFrom) subFrom = d;
        subTo = d;
        taken.add(d);
        owed--;
      }
      d += DAY;
    }
    if (subFrom) {
      // Substitute days may skip a weekend: keep each run of consecutive days as one range.
      for (let s = subFrom; s <= subTo;) {
        let e = s;
        while (e + DAY <= subTo && taken.has(e + DAY) && !weekend(e + DAY)) e += DAY;
        out.push({ from: dayToDate(s), to: dayToDate(e), name: `Nghỉ bù — ${b.name.split(' (')[0]}` });
        s = e + DAY;
        while (s <= subTo && (weekend(s) || !taken.has(s))) s += DAY;
      }
    }
  }
  return out.sort((a, b) => a.from.localeCompare(b.from));
}

export function prefillHolidays(years: number[]): Holiday[] {
  return years.flatMap(holidaysOf);
}
