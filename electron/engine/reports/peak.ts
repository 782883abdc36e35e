import type ExcelJS from 'exceljs';
import type { Figures, Share } from '../../../shared/api/rooms/reports';
import { addDays, formatLocalDate, parseInstant } from '../../../shared/domain/deadline';

/**
 * Tháng cao điểm: March, June, September and December (setting peakMonths) are when a province
 * pushes its counters hardest. The month's summary — received, on time, online, paid online,
 * digitized, late — beside the month before, as XLSX.
 */

/** The first and last day of a month YYYY-MM, and of the month before it. */
export function monthPeriods(month: string): {
  current: { from: string; to: string };
  previous: { from: string; to: string };
} {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const first = (yy: number, mm: number) => `${yy}-${String(mm).padStart(2, '0')}-01`;
  const next = m === 12 ? first(y + 1, 1) : first(y, m + 1);
  const prev = m === 1 ? first(y - 1, 12) : first(y, m - 1);
  const from = first(y, m);
  return { current: { from, to: addDays(next, -1) }, previous: { from: prev, to: addDays(from, -1) } };
}

interface Line {
  name: string;
  value: (f: Figures) => number;
  share?: (f: Figures) => Share;
}

const LINES: Line[] = [
  { name: 'Hồ sơ tiếp nhận', value: (f) => f.received },
  { name: 'Hồ sơ đã giải quyết', value: (f) => f.resolved.total },
  { name: 'Giải quyết đúng hạn', value: (f) => f.resolved.onTime, share: (f) => f.shares.onTime },
  {
    name: 'Dịch vụ công trực tuyến toàn trình',
    value: (f) => f.shares.fullOnline.numerator,
    share: (f) => f.shares.fullOnline,
  },
  {
    name: 'Thanh toán trực tuyến',
    value: (f) => f.shares.onlinePayment.numerator,
    share: (f) => f.shares.onlinePayment,
  },
  { name: 'Hồ sơ được số hóa', value: (f) => f.shares.digitized.numerator, share: (f) => f.shares.digitized },
  { name: 'Giải quyết quá hạn', value: (f) => f.resolved.late },
  { name: '— do chủ quan (có phiếu xin lỗi)', value: (f) => f.resolved.lateByCause.subjective },
  { name: '— do khách quan (có phiếu xin lỗi)', value: (f) => f.resolved.lateByCause.objective },
  { name: '— chưa có phiếu xin lỗi', value: (f) => f.resolved.lateByCause.unexplained },
  { name: 'Đang quá hạn cuối kỳ', value: (f) => f.pending.overdue },
];

const mm = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;
const pct = (s: Share | undefined) => (s && s.percent !== null ? s.percent : '—');

function head(ws: ExcelJS.Worksheet, names: string[]): void {
  const row = ws.addRow(names);
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
    c.border = { bottom: { style: 'thin' } };
  });
}

export async function peakXlsx(
  month: string,
  peak: boolean,
  now: Figures,
  before: Figures,
  madeAt: string,
): Promise<Buffer> {
  const wb = new (await import('exceljs')).default.Workbook(); // loaded here, not at start-up (sohoa starts faster)
  wb.creator = 'SoHoa Station';
  wb.created = new Date(parseInstant(madeAt));
  const ws = wb.addWorksheet(peak ? 'Tháng cao điểm' : 'Tổng hợp tháng');
  ws.columns = [{ width: 44 }, { width: 14 }, { width: 12 }, { width: 14 }, { width: 12 }, { width: 16 }];
  const prev = before.from.slice(0, 7);
  ws.addRow([
    peak
      ? `BÁO CÁO THÁNG CAO ĐIỂM — THÁNG ${mm(month)}`
      : `BÁO CÁO THÁNG ${mm(month)} (không phải tháng cao điểm)`,
  ]).font = { bold: true, size: 14 };
  ws.addRow(['Đơn vị', now.unitName]);
  ws.addRow(['Mã định danh', now.agencyCode]);
  ws.addRow(['Số liệu tính đến', formatLocalDate(parseInstant(now.asOf)) + ' ' + now.asOf.slice(11, 16)]);
  ws.addRow([]);
  head(ws, ['Chỉ số', `Tháng ${mm(month)}`, 'Tỷ lệ (%)', `Tháng ${mm(prev)}`, 'Tỷ lệ (%)', 'Chênh lệch']);
  for (const l of LINES) {
    const a = l.value(now);
    const b = l.value(before);
    const sa = l.share?.(now);
    const sb = l.share?.(before);
    const diff =
      sa && sb && sa.percent !== null && sb.percent !== null
        ? `${sa.percent - sb.percent >= 0 ? '+' : ''}${Math.round((sa.percent - sb.percent) * 10) / 10} điểm %`
        : `${a - b >= 0 ? '+' : ''}${a - b}`;
    ws.addRow([l.name, a, pct(sa), b, pct(sb), diff]);
  }
  ws.addRow([]);
  ws.addRow([
    `Tháng cao điểm theo thiết lập của đơn vị; tỷ lệ đúng hạn tính trên hồ sơ đã giải quyết trong tháng.`,
  ]).font = {
    italic: true,
  };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
