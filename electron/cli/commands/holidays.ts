import fs from 'node:fs';
import { type Holiday, unconfirmedYears } from '../../../shared/domain/deadline';
import { holidaysOf } from '../../../shared/domain/holidays';
import { type Command, need, parse, printJson, UsageError, withClient } from './kit';

const yearOf = (h: Holiday) => Number(h.from.slice(0, 4));

/**
 * A holiday table from a JSON file (`[{ from, to, name }]` or `{ holidays: [...] }`).
 * What a person imports is confirmed, unless a row says `"confirmed": false`.
 */
export function readHolidayFile(file: string): Holiday[] {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read holiday table ${file}: ${(err as Error).message}`);
  }
  const list = Array.isArray(raw) ? raw : (raw as { holidays?: unknown } | null)?.holidays;
  if (!Array.isArray(list)) throw new UsageError(`${file}: expected [{ "from", "to", "name" }, …]`);
  return list.map((r) => {
    const row = r as Partial<Holiday> | null;
    if (typeof row?.from !== 'string' || typeof row.to !== 'string')
      throw new UsageError(`${file}: each row needs "from" and "to" (YYYY-MM-DD)`);
    return { from: row.from, to: row.to, name: String(row.name ?? ''), confirmed: row.confirmed !== false };
  });
}

export const holidayCommands: Record<string, Command> = {
  'holidays show': {
    usage:
      "holidays show --year YYYY [--json]                     the year's days off (ngày nghỉ lễ), and whether confirmed",
    async run(argv, ctx) {
      const { values } = parse(argv, { year: { type: 'string' }, json: { type: 'boolean' } });
      const year = Number(need(values.year, '--year YYYY'));
      if (!Number.isInteger(year) || year < 1900 || year > 2199) throw new UsageError('--year must be YYYY');
      const settings = await withClient(ctx, (c) => c.call('settings.get', {}));
      const table = settings.holidays.filter((h) => yearOf(h) === year);
      const computed = table.length === 0;
      const rows = (computed ? holidaysOf(year) : table).map((h) => ({
        ...h,
        confirmed: h.confirmed === true,
      }));
      const confirmed = unconfirmedYears(table, year, year).length === 0;
      if (values.json) return printJson({ year, computed, confirmed, holidays: rows });
      for (const h of rows) console.log(`${h.from}  ${h.to}  ${h.confirmed ? '✓' : '?'}  ${h.name}`);
      if (!confirmed)
        console.error(
          computed
            ? `${year}: not in the table — computed from the Labour Code, unconfirmed`
            : `${year}: some rows are unconfirmed`,
        );
    },
  },
  'holidays import': {
    usage:
      'holidays import FILE [--json]                          replace the years FILE covers with its rows (confirmed)',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
      const rows = readHolidayFile(need(positionals[0], 'FILE (holiday table .json)'));
      const years = new Set(rows.map(yearOf));
      const saved = await withClient(ctx, async (c) => {
        const current = await c.call('settings.get', {});
        const kept = current.holidays.filter((h) => !years.has(yearOf(h)));
        const holidays = [...kept, ...rows].sort((a, b) => a.from.localeCompare(b.from));
        return c.call('settings.update', { holidays });
      });
      const result = { years: [...years].sort(), rows: rows.length, total: saved.holidays.length };
      if (values.json) return printJson(result);
      console.log(`imported ${result.rows} row(s) for ${result.years.join(', ')}`);
    },
  },
};
