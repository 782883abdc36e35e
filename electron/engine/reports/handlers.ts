import { StationError } from '../../../shared/api/errors';
import type { reportsCalls } from '../../../shared/api/rooms/reports';
import type { StationSettings } from '../../../shared/api/rooms/settings';
import type { Catalog } from '../catalog';
import type { EngineContext, RoomHandlers } from '../context';
import { calendarOf } from '../reception/service';
import type { DossierService } from '../dossier/service';
import { type Feedback, periodInstants } from '../feedback';
import { localDate } from '../../../shared/domain/deadline';
import { computeFigures, workWeek } from './figures';
import { satisfactionOf } from './satisfaction';
import { monthPeriods, peakXlsx } from './peak';
import { weeklyXlsx } from './weekly';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Thống kê — the figures and the Friday report, read from what the other rooms store. */
export function createReportsRoom(
  ctx: EngineContext,
  deps: {
    catalog: Catalog;
    dossiers: DossierService;
    feedback: Pick<Feedback, 'between'>;
    settings: () => StationSettings;
  },
  now: () => number = () => Date.now(),
): { handlers: RoomHandlers<keyof typeof reportsCalls> } {
  const figures = async (period: { from?: string; to?: string }) => {
    const s = deps.settings();
    const t = now();
    const today = localDate(t);
    const from = period.from ?? workWeek(today).from;
    const to = period.to ?? (period.from && period.from > today ? period.from : today);
    const f = await computeFigures(
      ctx.store.db,
      deps.catalog,
      deps.dossiers,
      s,
      calendarOf(s),
      { from, to },
      t,
    );
    const { start, end } = periodInstants(from, to);
    const asOf = new Date(Math.min(t, Date.parse(end))).toISOString();
    return { ...f, satisfaction: satisfactionOf(deps.feedback.between(start, asOf), s.figureThresholds) };
  };
  return {
    handlers: {
      'reports.figures': (p) => figures(p),
      'reports.weekly': async (p) => {
        const t = now();
        const day = p.weekOf ?? localDate(t);
        let week: { from: string; to: string };
        try {
          week = workWeek(day);
        } catch {
          throw new StationError('report_period_invalid', { from: day, to: day });
        }
        const f = await figures(week);
        const bytes = await weeklyXlsx(f, new Date(t).toISOString());
        return {
          fileName: `bao-cao-tuan-${f.agencyCode.replace(/[^0-9A-Za-z.-]+/g, '-')}-${week.to}.xlsx`,
          mime: XLSX_MIME,
          dataBase64: bytes.toString('base64'),
        };
      },
      'reports.peak': async (p) => {
        const t = now();
        const { current, previous } = monthPeriods(p.month);
        const [a, b] = [await figures(current), await figures(previous)];
        const peak = deps.settings().peakMonths.includes(Number(p.month.slice(5, 7)));
        const bytes = await peakXlsx(p.month, peak, a, b, new Date(t).toISOString());
        return {
          fileName: `bao-cao-thang-${peak ? 'cao-diem-' : ''}${a.agencyCode.replace(/[^0-9A-Za-z.-]+/g, '-')}-${p.month}.xlsx`,
          mime: XLSX_MIME,
          dataBase64: bytes.toString('base64'),
        };
      },
    },
  };
}
