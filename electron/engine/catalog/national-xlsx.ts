import type ExcelJS from 'exceljs';
import { Procedure } from '../../../shared/api/contract';

/**
 * The national procedure database's Excel exports (Cơ sở dữ liệu quốc gia về thủ tục hành chính,
 * published on thutuc.dichvucong.gov.vn / csdl.dichvucong.gov.vn). Two forms:
 *
 * - **The list** ("Xuất Excel" of the procedure list, `export_exel_list_tthc.jsp`): a merged title
 *   "DANH SÁCH THỦ TỤC HÀNH CHÍNH" above a header row of STT, Mã TTHC, Tên TTHC, QĐ Công bố,
 *   Đối tượng, Lĩnh vực, Cơ quan công khai, Cấp thực hiện, Tình trạng (some lists add Tên giấy tờ,
 *   Mẫu đơn, tờ khai, Tên File; a procedure may then repeat on rows). These names are the ones
 *   two independent public importers of that file read (README, Catalogue). It carries no
 *   deadline, fee or papers: it renames and re-files the procedures the station has (name, field,
 *   level); the others are listed as skipped, not invented.
 * - **The detailed sheet** (a procedure a row with the regulation's words: "05 ngày làm việc",
 *   "Lệ phí: 8.000 đồng", "Cấp Xã"): column names as the procedure's detail page titles its
 *   sections (Thời hạn giải quyết, Phí, lệ phí, Thành phần hồ sơ…) — not seen in a published
 *   export, kept from the first guess. Procedures are updated or added.
 *
 * A header with a column not listed here is refused, naming it.
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
  | 'publisher'
  | 'ignored';

/** Header (as normalised by `norm`) → field; first name of each is the one messages use. */
const COLUMNS: [Key, boolean, string[]][] = [
  ['code', true, ['Mã thủ tục', 'Mã TTHC', 'Mã số thủ tục', 'Mã số']],
  ['name', true, ['Tên thủ tục', 'Tên TTHC', 'Tên thủ tục hành chính']],
  ['field', true, ['Lĩnh vực', 'Lĩnh vực thực hiện', 'Tên lĩnh vực']],
  ['agency', true, ['Cơ quan thực hiện', 'Cơ quan giải quyết']],
  // The list's "Cơ quan công khai" is the publishing ministry or province, not the one that decides.
  ['publisher', false, ['Cơ quan công khai']],
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
      'QĐ Công bố',
      'Đối tượng',
      'Tình trạng',
      'Tên giấy tờ',
      'Tên File',
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
  /** Column number → field (the first column of each; a header merged across columns counts once). */
  columns: Map<number, Key>;
  /** The header's text of the columns not known. */
  unknown: string[];
}

/** How far down a sheet the header row is looked for (titles, the agency's name, a date above it). */
const HEADER_ROWS = 30;

/**
 * The national export's header row, when a sheet has one in its first rows (merged title rows
 * above it are passed over): "Mã thủ tục"/"Mã TTHC" and "Tên thủ tục"/"Tên TTHC" and a column
 * only the national exports have (Thời hạn giải quyết, Cấp thực hiện, Phí, lệ phí, Cơ quan công
 * khai). Null: not the national export.
 */
export function findNationalHeader(
  wb: ExcelJS.Workbook,
  cellText: (v: ExcelJS.CellValue) => string,
): NationalHeader | null {
  for (const sheet of wb.worksheets) {
    for (let r = 1; r <= Math.min(HEADER_ROWS, sheet.rowCount); r++) {
      const columns = new Map<number, Key>();
      const unknown: string[] = [];
      sheet.getRow(r).eachCell((cell, col) => {
        const text = cellText(cell.value);
        if (!text) return;
        // A merged header cell shows its text in every column it covers: read it once.
        if (cell.isMerged && cell.master !== cell) return;
        const key = BY_HEADER.get(norm(text));
        if (key && key !== 'ignored' && [...columns.values()].includes(key))
          unknown.push(`${text} (trùng nội dung với một cột trước nó)`);
        else if (key) columns.set(col, key);
        else unknown.push(text);
      });
      const keys = new Set(columns.values());
      if (
        keys.has('code') &&
        keys.has('name') &&
        (keys.has('deadline') || keys.has('level') || keys.has('fee') || keys.has('publisher'))
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
 * A procedure code as the cell holds it. Excel may have taken "1.001193" for a number: it is written
 * back with the six digits national codes have ("1.000650", not "1.00065").
 */
function codeOf(v: ExcelJS.CellValue, cellText: (v: ExcelJS.CellValue) => string): string {
  const raw = v !== null && typeof v === 'object' && 'result' in v ? v.result : v;
  if (typeof raw === 'number' && raw > 0 && raw < 10) return raw.toFixed(6);
  return cellText(v);
}

/**
 * Procedures from the national export, or the problems that refuse the file.
 *
 * The detailed sheet (it has Thời hạn giải quyết, Phí, lệ phí, Thành phần hồ sơ, Cơ quan thực hiện or Mức độ): a procedure the station already has keeps its
 * own papers (their codes are on dossiers) and what the export does not carry (cut-off time,
 * receiving agency, ways to get the result); a new one takes its papers from "Thành phần hồ sơ".
 *
 * The list (none of the detailed columns): only the procedures the station has are updated (name, field,
 * level); the codes of the others go to `skipped` — the list has no deadline or papers to make a
 * procedure of. A list none of whose procedures is on the station is refused, saying so.
 */
export function parseNationalSheet(
  h: NationalHeader,
  cellText: (v: ExcelJS.CellValue) => string,
  existing: (code: string) => Procedure | undefined,
  problems: string[],
  skipped: string[] = [],
): Procedure[] {
  const where = `trang tính "${h.sheet.name}"`;
  if (h.unknown.length)
    problems.push(
      `${where} (dạng xuất của CSDL quốc gia về TTHC) có cột trạm không hiểu: ${h.unknown.map((u) => `"${u}"`).join(', ')}. Hãy xóa cột đó hoặc báo bộ phận kỹ thuật`,
    );
  const present = new Set(h.columns.values());
  // The list has none of the detailed sheet's columns; a detailed sheet missing one is still one.
  const list = !(['deadline', 'fee', 'components', 'agency', 'onlineLevel'] as Key[]).some((k) =>
    present.has(k),
  );
  const required: Key[] = list ? ['code', 'name', 'field'] : ['code', 'name', 'field', 'agency', 'deadline'];
  const missing = required.filter((k) => !present.has(k)).map((k) => SHOWN.get(k)!);
  if (missing.length) problems.push(`${where} thiếu cột: ${missing.join(', ')}`);
  if (problems.length) return [];
  const out: Procedure[] = [];
  const listed = new Set<string>();
  h.sheet.eachRow((row, n) => {
    if (n <= h.row) return;
    const v: Partial<Record<Key, string>> = {};
    let any = false;
    for (const [col, key] of h.columns) {
      if (key === 'ignored' || key === 'publisher') continue;
      const cell = row.getCell(col).value;
      const text = key === 'code' ? codeOf(cell, cellText) : cellText(cell);
      if (text) any = true;
      v[key] = text;
    }
    if (!any) return;
    const at = `${where} dòng ${n}${v.code ? ` (${v.code})` : ''}`;
    const local = v.code ? existing(v.code) : undefined;
    if (list) {
      if (!v.code) {
        problems.push(`${at}: cột ${SHOWN.get('code')} trống`);
        return;
      }
      // One row a paper in some lists: the procedure is read from its first row.
      if (listed.has(v.code)) return;
      listed.add(v.code);
      if (!local) {
        skipped.push(v.code);
        return;
      }
      const candidate = {
        ...local,
        name: v.name,
        field: v.field,
        level: (v.level ? levelOf(v.level) : undefined) ?? local.level,
      };
      const parsed = Procedure.safeParse(candidate);
      if (parsed.success) out.push(parsed.data);
      else
        problems.push(
          ...parsed.error.issues.map(
            (i) => `${at}, cột ${SHOWN.get(i.path[0] as Key) ?? String(i.path[0])}: trống hoặc không hợp lệ`,
          ),
        );
      return;
    }
    const deadline = deadlineOf(v.deadline ?? '');
    if (!deadline)
      problems.push(
        `${at}, cột Thời hạn giải quyết: không hiểu "${v.deadline ?? ''}" (cần dạng "05 ngày làm việc", "08 giờ làm việc" hoặc "Trong ngày")`,
      );
    const fee = feeOf(v.fee ?? '');
    if (fee === null) problems.push(`${at}, cột Phí, lệ phí: không thấy số tiền trong "${v.fee ?? ''}"`);
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
  if (list && !out.length && skipped.length && !problems.length)
    problems.push(
      `${where} là danh sách thủ tục (không có Thời hạn giải quyết, Thành phần hồ sơ) và không thủ tục nào trong đó có trên trạm (${skipped.length} thủ tục, ví dụ ${skipped.slice(0, 3).join(', ')}). Danh sách chỉ cập nhật tên, lĩnh vực, cấp thực hiện của thủ tục trạm đã có; để thêm thủ tục mới cần tệp JSON/Excel của trạm có thời hạn và giấy tờ`,
    );
  if (!out.length && !problems.length) problems.push(`${where} không có thủ tục nào dưới dòng tiêu đề`);
  return out;
}
