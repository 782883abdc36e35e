import type ExcelJS from 'exceljs';
import { z } from 'zod';
import { Procedure } from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';
import { nfcDeep } from '../../../shared/api/nfc';
import { findNationalHeader, parseNationalSheet } from './national-xlsx';
import { zipRefusal } from './zip-guard';

/**
 * Catalogue files: JSON (`{ "procedures": [...] }` or a bare array) or XLSX with
 * two sheets, "Thủ tục" and "Thành phần". A file is read and checked whole; any
 * problem refuses the file with every problem listed, so nothing is half-imported.
 */

export const CatalogFile = z.object({
  sample: z.boolean().optional(),
  note: z.string().optional(),
  procedures: z.array(Procedure).min(1),
});

const PROC_SHEET = 'Thủ tục';
const COMP_SHEET = 'Thành phần';

/** XLSX columns of the procedures sheet: header → field, and whether it must be present. */
const PROC_COLS = [
  ['Mã thủ tục', 'code', true],
  ['Tên thủ tục', 'name', true],
  ['Lĩnh vực', 'field', true],
  ['Cơ quan thực hiện', 'agency', true],
  ['Số ngày giải quyết', 'processingDays', true],
  ['Số giờ giải quyết', 'processingHours', false],
  ['Lệ phí (đồng)', 'feeVnd', false],
  ['Cấp', 'level', false],
  ['Cơ quan tiếp nhận', 'receivingAgency', false],
  ['Cơ quan quyết định', 'decidingAgency', false],
  ['Mức độ trực tuyến', 'onlineLevel', false],
  ['Cách thức nhận kết quả', 'resultMethods', false],
  ['Giờ chốt nhận hồ sơ', 'cutoffTime', false],
] as const;

const COMP_COLS = [
  ['Mã thủ tục', 'procedureCode', true],
  ['Mã thành phần', 'code', true],
  ['Tên thành phần', 'name', true],
  ['Bắt buộc', 'required', true],
  ['Số bản', 'copies', false],
  ['Xuất trình bản chính', 'original', false],
] as const;

const LEVEL_VI: Record<string, 'commune' | 'province'> = { xã: 'commune', tỉnh: 'province' };
const ONLINE_VI: Record<string, 'full' | 'partial' | 'none'> = {
  'toàn trình': 'full',
  'một phần': 'partial',
  không: 'none',
};

function refuse(file: string, problems: string[]): never {
  // Each problem quotes what the file says, which may be anything: the message stays readable.
  const shown = problems.slice(0, 20).map((p) => (p.length > 300 ? `${p.slice(0, 300)}…` : p));
  const more = problems.length > shown.length ? ` (và ${problems.length - shown.length} lỗi khác)` : '';
  throw new StationError(
    'catalog_invalid',
    { file, problem: shown.join('; ') + more },
    problems.slice(0, 200).join('\n').slice(0, 20_000),
  );
}

/** Duplicate codes and procedures whose component codes repeat, as precise messages. */
function duplicates(procedures: Procedure[], where: (i: number) => string): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  procedures.forEach((p, i) => {
    const first = seen.get(p.code);
    if (first !== undefined) problems.push(`mã thủ tục ${p.code} bị trùng (${where(first)} và ${where(i)})`);
    else seen.set(p.code, i);
    const comps = new Set<string>();
    for (const c of p.components) {
      if (comps.has(c.code)) problems.push(`thủ tục ${p.code}: mã thành phần ${c.code} bị trùng`);
      comps.add(c.code);
    }
  });
  return problems;
}

function zodProblems(err: z.ZodError, where: (path: PropertyKey[]) => string): string[] {
  return err.issues.map((i) => `${where(i.path)}: ${i.message}`);
}

export function parseJsonCatalog(file: string, text: string): Procedure[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    refuse(file, [`không phải JSON hợp lệ (${(err as Error).message})`]);
  }
  const parsed = CatalogFile.safeParse(Array.isArray(raw) ? { procedures: raw } : raw);
  if (!parsed.success)
    refuse(
      file,
      zodProblems(parsed.error, (path) =>
        path[0] === 'procedures' && typeof path[1] === 'number'
          ? `thủ tục thứ ${path[1] + 1}${path.length > 2 ? ` (${path.slice(2).join('.')})` : ''}`
          : path.join('.') || 'tệp',
      ),
    );
  const dup = duplicates(parsed.data.procedures, (i) => `thủ tục thứ ${i + 1}`);
  if (dup.length) refuse(file, dup);
  return parsed.data.procedures;
}

type Cell = ExcelJS.CellValue;

function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return cellText(v.result as Cell);
    if (v instanceof Date) return v.toISOString();
  }
  return String(v).trim();
}

/** A time of day as a sheet holds it ("15:00", "15:00:00", "9:30", an Excel time cell) → "HH:mm"; else as written. */
function clockText(s: string): string {
  const excel = /^1899-12-3\dT(\d{2}:\d{2})/.exec(s);
  if (excel) return excel[1]!;
  const m = /^(\d{1,2})[:h](\d{2})(?::\d{2})?$/.exec(s);
  if (m) return `${m[1]!.padStart(2, '0')}:${m[2]}`;
  const day = Number(s.replace(',', '.'));
  if (s && Number.isFinite(day) && day >= 0 && day < 1) {
    const minutes = Math.round(day * 1440);
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  }
  return s;
}

const yes = (s: string) => ['x', 'có', 'co', 'yes', 'true', '1', 'bắt buộc'].includes(s.toLowerCase());

/** Reads one sheet into rows keyed by field, refusing missing columns precisely. */
function readSheet<C extends readonly (readonly [string, string, boolean])[]>(
  wb: ExcelJS.Workbook,
  sheetName: string,
  cols: C,
  problems: string[],
): { row: number; values: Record<C[number][1], string> }[] {
  const ws = wb.getWorksheet(sheetName);
  if (!ws) {
    problems.push(`thiếu trang tính "${sheetName}"`);
    return [];
  }
  const header = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => header.set(cellText(cell.value).toLowerCase(), col));
  const missing = cols.filter(([h, , req]) => req && !header.has(h.toLowerCase())).map(([h]) => h);
  if (missing.length) {
    problems.push(`trang tính "${sheetName}" thiếu cột: ${missing.join(', ')}`);
    return [];
  }
  const out: { row: number; values: Record<C[number][1], string> }[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = {} as Record<C[number][1], string>;
    let any = false;
    for (const [h, key] of cols) {
      const col = header.get(h.toLowerCase());
      const text = col ? cellText(row.getCell(col).value) : '';
      if (text) any = true;
      values[key as C[number][1]] = text;
    }
    if (any) out.push({ row: n, values });
  });
  return out;
}

export async function parseXlsxCatalog(
  file: string,
  bytes: Buffer,
  existing: (code: string) => Procedure | undefined = () => undefined,
  skipped: string[] = [],
): Promise<Procedure[]> {
  const zip = zipRefusal(bytes);
  if (zip) refuse(file, [`không đọc được tệp Excel (${zip})`]);
  const wb = new (await import('exceljs')).default.Workbook(); // loaded here, not at start-up (sohoa starts faster)
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    refuse(file, [`không đọc được tệp Excel (${(err as Error).message})`]);
  }
  const problems: string[] = [];
  // The national procedure database's export (one sheet, its own column names): national-xlsx.ts.
  const national = wb.getWorksheet(COMP_SHEET) ? null : findNationalHeader(wb, cellText);
  if (national) {
    const procedures = parseNationalSheet(national, cellText, existing, problems, skipped);
    problems.push(...duplicates(procedures, (i) => `thủ tục thứ ${i + 1}`));
    if (problems.length) refuse(file, problems);
    return procedures;
  }
  const procRows = readSheet(wb, PROC_SHEET, PROC_COLS, problems);
  const compRows = readSheet(wb, COMP_SHEET, COMP_COLS, problems);
  if (problems.length) refuse(file, problems);
  const comps = new Map<string, { row: number; values: Record<string, string> }[]>();
  for (const r of compRows) {
    const list = comps.get(r.values.procedureCode) ?? [];
    list.push(r);
    comps.set(r.values.procedureCode, list);
  }
  const codes = new Set(procRows.map((r) => r.values.code));
  for (const r of compRows)
    if (!codes.has(r.values.procedureCode))
      problems.push(
        `"${COMP_SHEET}" dòng ${r.row}: mã thủ tục ${r.values.procedureCode || '(trống)'} không có trong "${PROC_SHEET}"`,
      );
  const procedures: Procedure[] = [];
  const rowOf: number[] = [];
  for (const r of procRows) {
    const v = r.values;
    const num = (s: string) => (s === '' ? undefined : Number(s.replace(',', '.')));
    const candidate = {
      code: v.code,
      name: v.name,
      field: v.field,
      agency: v.agency,
      processingDays: num(v.processingDays),
      processingHours: num(v.processingHours),
      feeVnd: num(v.feeVnd.replace(/[.\s]/g, '')) ?? 0,
      level: v.level ? (LEVEL_VI[v.level.toLowerCase()] ?? v.level) : undefined,
      receivingAgency: v.receivingAgency || undefined,
      decidingAgency: v.decidingAgency || undefined,
      onlineLevel: v.onlineLevel ? (ONLINE_VI[v.onlineLevel.toLowerCase()] ?? v.onlineLevel) : undefined,
      resultMethods: v.resultMethods ? v.resultMethods.split(/\s*;\s*/).filter(Boolean) : undefined,
      cutoffTime: v.cutoffTime ? clockText(v.cutoffTime) : undefined,
      components: (comps.get(v.code) ?? []).map((c) => ({
        code: c.values.code,
        name: c.values.name,
        required: yes(c.values.required ?? ''),
        copies: num(c.values.copies ?? '') ?? 1,
        original: c.values.original ? yes(c.values.original) : undefined,
      })),
    };
    const parsed = Procedure.safeParse(candidate);
    if (!parsed.success)
      problems.push(
        ...zodProblems(parsed.error, (path) =>
          path[0] === 'components'
            ? `"${PROC_SHEET}" dòng ${r.row} (${v.code}): thành phần${path.length > 1 ? ` ${path.slice(1).join('.')}` : ''}`
            : `"${PROC_SHEET}" dòng ${r.row}, cột ${PROC_COLS.find(([, k]) => k === path[0])?.[0] ?? String(path[0])}`,
        ),
      );
    else {
      procedures.push(parsed.data);
      rowOf.push(r.row);
    }
  }
  problems.push(...duplicates(procedures, (i) => `dòng ${rowOf[i]}`));
  if (procRows.length === 0 && !problems.length)
    problems.push(`trang tính "${PROC_SHEET}" không có thủ tục nào`);
  if (problems.length) refuse(file, problems);
  return procedures;
}

/** A catalogue file, JSON or XLSX, its text composed (NFC) whatever the tool that wrote it. */
export async function parseCatalogFile(
  file: string,
  bytes: Buffer,
  existing?: (code: string) => Procedure | undefined,
  /** Filled with the codes a national procedure list names that the station does not have. */
  skipped?: string[],
): Promise<Procedure[]> {
  if (/\.xlsx$/i.test(file) || bytes.subarray(0, 2).toString('latin1') === 'PK')
    return nfcDeep(await parseXlsxCatalog(file, bytes, existing, skipped));
  return nfcDeep(parseJsonCatalog(file, bytes.toString('utf8')));
}

export async function catalogToXlsx(procedures: Procedure[]): Promise<Buffer> {
  const wb = new (await import('exceljs')).default.Workbook(); // loaded here, not at start-up (sohoa starts faster)
  wb.creator = 'SoHoa Station';
  const ps = wb.addWorksheet(PROC_SHEET);
  ps.addRow(PROC_COLS.map(([h]) => h));
  const levelVi = { commune: 'xã', province: 'tỉnh' } as const;
  const onlineVi = { full: 'toàn trình', partial: 'một phần', none: 'không' } as const;
  for (const p of procedures)
    ps.addRow([
      p.code,
      p.name,
      p.field,
      p.agency,
      p.processingDays,
      p.processingHours ?? '',
      p.feeVnd,
      p.level ? levelVi[p.level] : '',
      p.receivingAgency ?? '',
      p.decidingAgency ?? '',
      p.onlineLevel ? onlineVi[p.onlineLevel] : '',
      (p.resultMethods ?? []).join('; '),
      p.cutoffTime ?? '',
    ]);
  const cs = wb.addWorksheet(COMP_SHEET);
  cs.addRow(COMP_COLS.map(([h]) => h));
  for (const p of procedures)
    for (const c of p.components)
      cs.addRow([p.code, c.code, c.name, c.required ? 'x' : '', c.copies, c.original ? 'x' : '']);
  for (const ws of [ps, cs]) {
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((col) => (col.width = 18));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
