import type ExcelJS from 'exceljs';
import { Procedure } from '../../../shared/api/contract';

/**
 * The national procedure database's Excel export (Cơ sở dữ liệu quốc gia về thủ tục hành chính,
 * csdl.dichvucong.gov.vn): one sheet, a title above the header row, one procedure a row, the
 * regulation's words in the cells ("05 ngày làm việc", "Lệ phí: 8.000 đồng", "Cấp Xã").
 * The column names below are the plausible set (the published export's exact header was not
 * found; README, Catalogue). A header with a column not listed here is refused, naming it.
 */
type Key =
  | 'code'
  | 'name'
  | 'field'
  | 'agency'
  | 'deadline'
  | 'fee'
  | 'level'
  | 'components'
  | 'onlineLevel'
  | 'ignored';

/** Header (as normalised by `norm`) → field; first name of each is the one messages use. */
const COLUMNS: [Key, boolean, string[]][] = [
  ['code', true, ['Mã thủ tục', 'Mã TTHC', 'Mã số thủ tục', 'Mã số']],
  ['name', true, ['Tên thủ tục', 'Tên TTHC', 'Tên thủ tục hành chính']],
  ['field', true, ['Lĩnh vực', 'Lĩnh vực thực hiện', 'Tên lĩnh vực']],
  ['agency', true, ['Cơ quan thực hiện', 'Cơ quan giải quyết']],
  ['deadline', true, ['Thời hạn giải quyết', 'Thời gian giải quyết']],
  ['fee', false, ['Phí, lệ phí', 'Phí/Lệ phí', 'Phí, Lệ phí (đồng)', 'Lệ phí', 'Phí lệ phí']],
  ['level', false, ['Cấp thực hiện']],
  ['components', false, ['Thành phần hồ sơ']],
  [
    'onlineLevel',
    false,
    ['Mức độ', 'Mức độ DVC', 'Dịch vụ công trực tuyến', 'Mức độ dịch vụ công trực tuyến'],
  ],
  [
    'ignored',
    false,
    [
      'STT',
      'Số TT',
      'Số quyết định',
      'Quyết định công bố',
      'Đối tượng thực hiện',
      'Cơ quan phối hợp',
      'Cơ quan có thẩm quyền',
      'Cơ quan ban hành',
      'Cơ quan công bố',
      'Kết quả thực hiện',
      'Căn cứ pháp lý',
      'Yêu cầu, điều kiện thực hiện',
      'Yêu cầu, điều kiện',
      'Trình tự thực hiện',
      'Cách thức thực hiện',
      'Loại thủ tục',
      'Mẫu đơn, tờ khai',
      'Số lượng hồ sơ',
      'Địa chỉ tiếp nhận hồ sơ',
      'Mô tả',
      'Ghi chú',
    ],
  ],
];

/** Lower case, composed, single spaces, no "(*)" or trailing ":" — how headers are compared. */
const norm = (s: string) =>
  s
    .normalize('NFC')
    .toLowerCase()
    .replace(/\(\*\)|\*/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s:]+$/, '')
    .trim();

const BY_HEADER = new Map<string, Key>(
  COLUMNS.flatMap(([key, , names]) => names.map((n) => [norm(n), key] as [string, Key])),
);
const SHOWN = new Map<Key, string>(COLUMNS.map(([key, , names]) => [key, names[0]!]));

export interface NationalHeader {
  sheet: ExcelJS.Worksheet;
  row: number;
  /** Column number → field; the header's text for the unknown ones. */
  columns: Map<number, Key>;
  unknown: string[];
}

/**
 * The national export's header row, when a sheet has one in its first rows: "Mã thủ tục" and
 * "Tên thủ tục" and a column only the national export has (Thời hạn giải quyết, Cấp thực hiện,
 * Phí, lệ phí). Null: not the national export.
 */
export function findNationalHeader(
  wb: ExcelJS.Workbook,
  cellText: (v: ExcelJS.CellValue) => string,
): NationalHeader | null {
  for (const sheet of wb.worksheets) {
    for (let r = 1; r <= Math.min(15, sheet.rowCount); r++) {
      const columns = new Map<number, Key>();
      const unknown: string[] = [];
      sheet.getRow(r).eachCell((cell, col) => {
        const text = cellText(cell.value);
        if (!text) return;
        const key = BY_HEADER.get(norm(text));
        if (key) columns.set(col, key);
        else unknown.push(text);
      });
      const keys = new Set(columns.values());
      if (
        keys.has('code') &&
        keys.has('name') &&
        (keys.has('deadline') || keys.has('level') || keys.has('fee'))
      )
        return { sheet, row: r, columns, unknown };
    }
  }
  return null;
}

/** "05 ngày làm việc" → days; "08 giờ làm việc" → hours; "Trong ngày" → 0 days; else null. */
export function deadlineOf(text: string): { days: number; hours?: number } | null {
  const t = norm(text);
  const m = /(\d+(?:[.,]\d+)?)\s*(ngày|giờ|tiếng)/.exec(t);
  if (m) {
    const n = Number(m[1]!.replace(',', '.'));
    return m[2] === 'ngày' ? { days: n } : { days: Math.ceil(n / 8), hours: n };
  }
  if (/trong ngày|ngay trong ngày|trả ngay/.test(t)) return { days: 0 };
  return null;
}

/** "Lệ phí: 8.000 đồng/bản" → 8000; "Không", "Miễn phí", empty → 0; no amount → null. */
export function feeOf(text: string): number | null {
  const t = norm(text);
  if (!t || /^(không|0\b)/.test(t) || /miễn/.test(t)) return 0;
  const m = /(\d{1,3}(?:[.,\s]\d{3})+|\d+)\s*(?:đồng|đ\b|vnđ|vnd)/.exec(t);
  if (m) return Number(m[1]!.replace(/[.,\s]/g, ''));
  if (/^\d+$/.test(t.replace(/[.\s]/g, ''))) return Number(t.replace(/[.\s]/g, ''));
  return null;
}

/** The papers a "Thành phần hồ sơ" cell lists, one a line, bullets and "a)" / "1." removed. */
export function componentsOf(
  text: string,
): { code: string; name: string; required: boolean; copies: number }[] {
  return text
    .split(/\r?\n|;\s*(?=[-+•])/)
    .map((l) =>
      l
        .replace(/^[\s\-+•*–]+/, '')
        .replace(/^\(?([a-zđ]|\d{1,2})[).]\s+/i, '')
        .trim(),
    )
    .filter((l) => l && !/^(bao gồm|số lượng hồ sơ|thành phần hồ sơ)/i.test(l))
    .map((name, i) => ({ code: `TP${i + 1}`, name, required: true, copies: 1 }));
}

const onlineOf = (s: string): 'full' | 'partial' | 'none' | undefined => {
  const t = norm(s);
  if (!t) return undefined;
  if (/toàn trình|mức độ 4|^4$/.test(t)) return 'full';
  if (/một phần|mức độ 3|^3$/.test(t)) return 'partial';
  return 'none';
};

const levelOf = (s: string): 'commune' | 'province' | undefined => {
  const t = norm(s);
  return /xã/.test(t) ? 'commune' : /tỉnh/.test(t) ? 'province' : undefined;
};

/**
 * Procedures from the national export, or the problems that refuse the file. A procedure the station
 * already has keeps its own papers (their codes are on dossiers) and what the export does not carry
 * (cut-off time, receiving agency, ways to get the result); a new one takes its papers from
 * "Thành phần hồ sơ".
 */
export function parseNationalSheet(
  h: NationalHeader,
  cellText: (v: ExcelJS.CellValue) => string,
  existing: (code: string) => Procedure | undefined,
  problems: string[],
): Procedure[] {
  const where = `trang tính "${h.sheet.name}"`;
  if (h.unknown.length)
    problems.push(
      `${where} (dạng xuất của CSDL quốc gia về TTHC) có cột trạm không hiểu: ${h.unknown.map((u) => `"${u}"`).join(', ')}. Hãy xóa cột đó hoặc báo bộ phận kỹ thuật`,
    );
  const present = new Set(h.columns.values());
  const missing = COLUMNS.filter(([k, req]) => req && !present.has(k)).map(([k]) => SHOWN.get(k)!);
  if (missing.length) problems.push(`${where} thiếu cột: ${missing.join(', ')}`);
  if (problems.length) return [];
  const out: Procedure[] = [];
  h.sheet.eachRow((row, n) => {
    if (n <= h.row) return;
    const v: Partial<Record<Key, string>> = {};
    let any = false;
    for (const [col, key] of h.columns) {
      if (key === 'ignored') continue;
      const text = cellText(row.getCell(col).value);
      if (text) any = true;
      v[key] = text;
    }
    if (!any) return;
    const at = `${where} dòng ${n}${v.code ? ` (${v.code})` : ''}`;
    const deadline = deadlineOf(v.deadline ?? '');
    if (!deadline)
      problems.push(
        `${at}, cột Thời hạn giải quyết: không hiểu "${v.deadline ?? ''}" (cần dạng "05 ngày làm việc", "08 giờ làm việc" hoặc "Trong ngày")`,
      );
    const fee = feeOf(v.fee ?? '');
    if (fee === null) problems.push(`${at}, cột Phí, lệ phí: không thấy số tiền trong "${v.fee ?? ''}"`);
    const local = v.code ? existing(v.code) : undefined;
    const components = local?.components ?? componentsOf(v.components ?? '');
    if (!components.length)
      problems.push(
        `${at}: thủ tục chưa có trên trạm và cột Thành phần hồ sơ trống — không biết cần giấy tờ gì`,
      );
    if (!deadline || fee === null || !components.length) return;
    const { processingHours: _h, ...keep } = local ?? ({} as Partial<Procedure>);
    const candidate = {
      ...keep,
      code: v.code,
      name: v.name,
      field: v.field,
      agency: v.agency,
      processingDays: deadline.days,
      ...(deadline.hours !== undefined ? { processingHours: deadline.hours } : {}),
      feeVnd: fee,
      level: (v.level ? levelOf(v.level) : undefined) ?? local?.level,
      onlineLevel: (v.onlineLevel ? onlineOf(v.onlineLevel) : undefined) ?? local?.onlineLevel,
      components,
    };
    const parsed = Procedure.safeParse(candidate);
    if (parsed.success) out.push(parsed.data);
    else
      problems.push(
        ...parsed.error.issues.map((i) => {
          const key = i.path[0] as Key;
          return `${at}, cột ${SHOWN.get(key) ?? String(i.path[0])}: ${key === 'code' || key === 'name' ? 'trống hoặc không hợp lệ' : i.message}`;
        }),
      );
  });
  if (!out.length && !problems.length) problems.push(`${where} không có thủ tục nào dưới dòng tiêu đề`);
  return out;
}
