import type ExcelJS from 'exceljs';
import type { RatingReason } from '../../../shared/api/rooms/feedback';
import type {
  ColourLevel,
  Figures,
  Satisfaction,
  SatisfactionGroup,
  Share,
} from '../../../shared/api/rooms/reports';
import { formatLocalDate, parseInstant } from '../../../shared/domain/deadline';
import { errorMessage } from '../../../shared/i18n/errors';
import { ui } from '../../../shared/i18n/ui';

/** Colour levels as the province's dashboards name and paint them. */
export const LEVEL_TEXT: Record<ColourLevel, string> = {
  dark_green: 'Xanh đậm',
  green: 'Xanh lá',
  yellow: 'Vàng',
  orange: 'Cam',
  red: 'Đỏ',
  no_data: 'Chưa có dữ liệu',
};
/** ARGB fills (and whether the text on them is white). */
export const LEVEL_FILL: Record<ColourLevel, { argb: string; white: boolean }> = {
  dark_green: { argb: 'FF1B5E20', white: true },
  green: { argb: 'FF43A047', white: true },
  yellow: { argb: 'FFFDD835', white: false },
  orange: { argb: 'FFFB8C00', white: false },
  red: { argb: 'FFE53935', white: true },
  no_data: { argb: 'FFE0E0E0', white: false },
};

/** What each reason of a "Không hài lòng" reads as in the report. */
const REASON_TEXT: Record<RatingReason, string> = ui.vi.feedback.reasons;

const date = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const when = (s: string) => formatLocalDate(parseInstant(s)) + ' ' + s.slice(11, 16);

const INDICATORS: { key: keyof Figures['shares']; name: string }[] = [
  { key: 'onTime', name: 'Tỷ lệ hồ sơ giải quyết đúng hạn' },
  { key: 'fullOnline', name: 'Tỷ lệ hồ sơ dịch vụ công trực tuyến toàn trình' },
  { key: 'onlinePayment', name: 'Tỷ lệ hồ sơ thanh toán trực tuyến' },
  { key: 'digitized', name: 'Tỷ lệ hồ sơ được số hóa' },
  { key: 'uploaded', name: 'Tỷ lệ hồ sơ đã gửi lên Cổng dịch vụ công' },
];

const SATISFIED_NAME = 'Tỷ lệ người dân hài lòng (Rất hài lòng, Hài lòng)';

function shareRow(ws: ExcelJS.Worksheet, name: string, s: Share): void {
  const row = ws.addRow([name, s.numerator, s.denominator, s.percent ?? '—', LEVEL_TEXT[s.level]]);
  paint(row.getCell(5), s.level);
}

/** Đánh giá hài lòng: the share with its colour, per counter, clerk and unit, and each "Không hài lòng". */
function satisfactionSheet(wb: ExcelJS.Workbook, sat: Satisfaction): void {
  const ws = wb.addWorksheet('Hài lòng');
  ws.columns = [{ width: 44 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 18 }];
  ws.addRow(['ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN']).font = { bold: true, size: 14 };
  ws.addRow(['Rất hài lòng', sat.counts.very_satisfied]);
  ws.addRow(['Hài lòng', sat.counts.satisfied]);
  ws.addRow(['Không hài lòng', sat.counts.unsatisfied]);
  ws.addRow([]);
  header(ws, ['', 'Hài lòng', 'Số đánh giá', 'Tỷ lệ (%)', 'Mức']);
  shareRow(ws, SATISFIED_NAME, sat.share);
  const sections: [string, SatisfactionGroup[]][] = [
    ['Theo quầy', sat.byCounter],
    ['Theo cán bộ tiếp nhận', sat.byClerk],
    ['Theo đơn vị', sat.byAgency],
  ];
  for (const [title, groups] of sections) {
    ws.addRow([title]).font = { bold: true };
    for (const g of groups) shareRow(ws, `  ${g.key}`, g.share);
  }
  ws.addRow([]);
  ws.addRow(['Đánh giá “Không hài lòng”']).font = { bold: true };
  header(ws, ['Mã hồ sơ', 'Thời điểm', 'Quầy', 'Cán bộ', 'Lý do', 'Góp ý']);
  for (const r of sat.unsatisfied)
    ws.addRow([
      r.dossierCode ?? r.dossierId,
      when(r.at),
      r.counter,
      r.clerk ?? '',
      r.reasons.map((x) => REASON_TEXT[x]).join('; '),
      r.comment ?? '',
    ]);
  if (sat.unsatisfied.length === 0) ws.addRow(['Không có đánh giá không hài lòng trong kỳ.']);
}

function paint(cell: ExcelJS.Cell, level: ColourLevel): void {
  const f = LEVEL_FILL[level];
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: f.argb } };
  cell.font = { bold: true, color: { argb: f.white ? 'FFFFFFFF' : 'FF000000' } };
}

function header(ws: ExcelJS.Worksheet, names: string[]): void {
  const row = ws.addRow(names);
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
    c.border = { bottom: { style: 'thin' } };
  });
}

/** Báo cáo tuần: the unit, the period, each indicator with its colour; the overdue dossiers; failed uploads. */
export async function weeklyXlsx(f: Figures, madeAt: string): Promise<Buffer> {
  const wb = new (await import('exceljs')).default.Workbook(); // loaded here, not at start-up (sohoa starts faster)
  wb.creator = 'SoHoa Station';
  wb.created = new Date(parseInstant(madeAt));

  const ws = wb.addWorksheet('Chỉ số');
  ws.columns = [{ width: 52 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 18 }];
  ws.addRow([`BÁO CÁO TUẦN — KẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ`]).font = { bold: true, size: 14 };
  ws.addRow(['Đơn vị', f.unitName]);
  ws.addRow(['Mã định danh', f.agencyCode]);
  ws.addRow(['Kỳ báo cáo', `${date(f.from)} – ${date(f.to)}`]);
  ws.addRow(['Số liệu tính đến', when(f.asOf)]);
  // The week falls in a peak month (tháng cao điểm): the report says so, in the province's colour.
  if (f.peakMonths.length) {
    const months = f.peakMonths.map((m) => `${m.slice(5, 7)}/${m.slice(0, 4)}`).join(', ');
    const row = ws.addRow(['Tháng cao điểm', `Tuần này thuộc tháng cao điểm ${months}`]);
    row.font = { bold: true };
    paint(row.getCell(2), 'orange');
  }
  ws.addRow([]);
  header(ws, ['Chỉ số', 'Tử số', 'Mẫu số', 'Tỷ lệ (%)', 'Mức']);
  for (const ind of INDICATORS) {
    const s: Share = f.shares[ind.key];
    const row = ws.addRow([ind.name, s.numerator, s.denominator, s.percent ?? '—', LEVEL_TEXT[s.level]]);
    paint(row.getCell(5), s.level);
  }
  shareRow(ws, SATISFIED_NAME, f.satisfaction.share);
  ws.addRow([]);
  header(ws, ['Số hồ sơ', 'Số lượng']);
  const counts: [string, number][] = [
    ['Tiếp nhận trong kỳ', f.received],
    ['Đã giải quyết trong kỳ', f.resolved.total],
    ['— đúng hạn', f.resolved.onTime],
    ['— quá hạn', f.resolved.late],
    ['   trong đó: do chủ quan (có phiếu xin lỗi)', f.resolved.lateByCause.subjective],
    ['   trong đó: do khách quan (có phiếu xin lỗi)', f.resolved.lateByCause.objective],
    ['   trong đó: chưa có phiếu xin lỗi', f.resolved.lateByCause.unexplained],
    ['Đang giải quyết, trong hạn', f.pending.notDue],
    ['Đang giải quyết, đến hạn trong ngày làm việc tiếp theo', f.pending.dueSoon],
    ['Đang giải quyết, đã quá hạn', f.pending.overdue],
    ['Chờ công dân bổ sung (dừng tính thời gian)', f.pending.awaitingCompletion],
    ['Hồ sơ có toàn bộ tệp đã ký số', f.signed],
    ['Hồ sơ gửi Cổng bị lỗi', f.failedUploads.length],
  ];
  for (const c of counts) ws.addRow(c);
  ws.addRow([]);
  ws.addRow([
    `Ngưỡng mức màu: Xanh đậm ≥ ${f.thresholds.darkGreen}%, Xanh lá ≥ ${f.thresholds.green}%, Vàng ≥ ${f.thresholds.yellow}%, Cam ≥ ${f.thresholds.orange}%, dưới đó Đỏ.`,
  ]).font = { italic: true };

  const late = wb.addWorksheet('Hồ sơ quá hạn');
  late.columns = [{ width: 24 }, { width: 28 }, { width: 50 }, { width: 18 }, { width: 18 }, { width: 20 }];
  header(late, ['Mã hồ sơ', 'Người nộp', 'Thủ tục', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Tình trạng']);
  for (const b of f.backlog) {
    const row = late.addRow([
      b.code ?? b.dossierId,
      b.applicantName,
      `${b.procedureCode} — ${b.procedureName}`,
      when(b.receivedAt),
      when(b.appointmentAt),
      (b.kind === 'overdue' ? 'Quá hạn' : 'Sắp đến hạn') +
        (b.apologies ? ` (đã xin lỗi, hẹn lại ${b.apologies} lần)` : ''),
    ]);
    paint(row.getCell(6), b.kind === 'overdue' ? 'red' : 'orange');
  }
  if (f.backlog.length === 0) late.addRow(['Không có hồ sơ quá hạn hay sắp đến hạn.']);

  const failed = wb.addWorksheet('Gửi lỗi');
  failed.columns = [{ width: 24 }, { width: 28 }, { width: 14 }, { width: 22 }, { width: 12 }, { width: 80 }];
  header(failed, ['Mã hồ sơ', 'Người nộp', 'Thủ tục', 'Mã lỗi', 'Số lần thử', 'Việc cần làm']);
  for (const u of f.failedUploads)
    failed.addRow([
      u.code ?? u.dossierId,
      u.applicantName,
      u.procedureCode,
      u.error.code,
      u.attempts,
      errorMessage(u.error, 'vi'),
    ]);
  if (f.failedUploads.length === 0) failed.addRow(['Không có hồ sơ gửi lỗi.']);

  satisfactionSheet(wb, f.satisfaction);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
