/**
 * Pre-fill of the holiday table (Labour Code 2019, art. 112): 1 January; Tết
 * (5 days); Hùng Kings' day (10/3 lunar); 30 April; 1 May; 2 September plus an
 * adjacent day; and a substitute day (nghỉ bù) for each holiday falling on a
 * weekend. The government fixes Tết and the National Day's extra day each
 * year, so this is only a proposal the unit edits in Settings.
 */
import { dateToDay, dayToDate, type Holiday } from './deadline';
import { hungKingsDay, lunarNewYear } from './lunar';

const DAY = 86_400_000;
const weekend = (ms: number) => [0, 6].includes(new Date(ms).getUTCDay());

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
  // The extra National Day: 3 Sep when 2 Sep is a Friday (a long weekend), else 1 Sep; the government decides.
  const sepExtra = [5].includes(new Date(sep2).getUTCDay()) ? y(9, 3) : y(9, 1);
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
