import type { DossierMoney, HandoverLine } from '../../../shared/api/rooms/agency';
import { A4_LANDSCAPE, type Block, renderSections } from '../pdf/layout';
import {
  centred,
  footer,
  type FormContext,
  gap,
  header,
  sampleMark,
  signatures,
  startForm,
  text,
} from '../reception/form-parts';
import { fill, textsOf } from '../reception/form-texts';

/** The day as the papers print it: 04/12/2026. */
export const dmy = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

export interface HandoverHead {
  agencyCode: string;
  agencyName: string;
  point: string;
  day: string;
  madeAt: string;
}

const HANDOVER_KEYS = [
  'colNo',
  'colCode',
  'colName',
  'colProcedure',
  'colComponents',
  'colSheets',
  'colNote',
] as const;
const HANDOVER_SHARES = [0.05, 0.19, 0.15, 0.2, 0.26, 0.06, 0.09];

function handoverRow(l: HandoverLine, i: number): string[] {
  const parts = l.components.map((c) => `${c.name} (${c.sheets})`).join('; ');
  return [String(i + 1), l.code, l.applicantName, l.procedureName, parts, String(l.sheets), l.note];
}

/** Danh sách bàn giao hồ sơ giấy as a PDF: the lines, the totals and two signature blocks. */
export async function handoverPdf(
  ctx: FormContext,
  h: HandoverHead,
  lines: HandoverLine[],
): Promise<Uint8Array> {
  const f = textsOf(ctx.settings, 'post');
  const kit = await startForm(ctx, `${f.title} — ${h.agencyCode} — ${h.day}`);
  const sheets = lines.reduce((a, l) => a + l.sheets, 0);
  const blocks: Block[] = [
    ...header(kit, h.madeAt),
    centred(f.title, 'bold', 15),
    centred(fill(f.subtitle, { point: h.point, agency: h.agencyName, code: h.agencyCode }), 'bold', 11.5),
    centred(fill(f.day, { day: dmy(h.day) }), 'italic', 11),
    gap(8),
    {
      kind: 'table',
      columns: HANDOVER_KEYS.map((k, i) => ({ title: f[k], share: HANDOVER_SHARES[i]! })),
      rows: lines.map(handoverRow),
      style: { size: 9, leading: 1.2 },
      head: { size: 9 },
    },
    gap(6),
    text(fill(f.total, { count: lines.length, sheets }), { font: 'bold' }),
    ...signatures(kit, { title: f.signLeft }, { title: f.signRight }),
  ];
  const setup = { size: A4_LANDSCAPE, margin: { top: 46, right: 36, bottom: 30, left: 36 } };
  renderSections(kit.doc, kit.fonts, setup, [
    { mark: sampleMark(kit), blocks, continued: [centred(f.title, 'bold', 11), gap(4)], footer: footer(kit) },
  ]);
  return kit.doc.save();
}

export async function handoverXlsx(
  ctx: FormContext,
  h: HandoverHead,
  lines: HandoverLine[],
): Promise<Buffer> {
  const f = textsOf(ctx.settings, 'post');
  const wb = new (await import('exceljs')).default.Workbook(); // loaded here, not at start-up (sohoa starts faster)
  wb.creator = 'SoHoa Station';
  const ws = wb.addWorksheet('Ban giao');
  ws.addRow([f.title]).font = { bold: true, size: 14 };
  ws.addRow([fill(f.subtitle, { point: h.point, agency: h.agencyName, code: h.agencyCode })]);
  ws.addRow([fill(f.day, { day: dmy(h.day) })]);
  ws.addRow(HANDOVER_KEYS.map((k) => f[k])).font = { bold: true };
  lines.forEach((l, i) => {
    const row = handoverRow(l, i);
    ws.addRow([i + 1, ...row.slice(1, 5), l.sheets, l.note]);
  });
  ws.addRow([fill(f.total, { count: lines.length, sheets: lines.reduce((a, l) => a + l.sheets, 0) })]);
  ws.columns = HANDOVER_SHARES.map((s) => ({ width: Math.max(6, Math.round(s * 160)) }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sổ thu of a day: one line per dossier, the fee and each postal charge in its own column, totals at the foot. */
export async function cashbookXlsx(
  ctx: FormContext,
  head: { day: string; agency: string; closedAt: string },
  lines: DossierMoney[],
  procedureName: (code: string) => string,
): Promise<Buffer> {
  const f = textsOf(ctx.settings, 'post');
  const wb = new (await import('exceljs')).default.Workbook(); // loaded here, not at start-up (sohoa starts faster)
  wb.creator = 'SoHoa Station';
  const ws = wb.addWorksheet('So thu');
  ws.addRow([f.cashTitle]).font = { bold: true, size: 14 };
  ws.addRow([fill(f.cashDay, { day: dmy(head.day), agency: head.agency })]);
  ws.addRow(f.cashCols.split('|')).font = { bold: true };
  const amount = (m: DossierMoney, kind: string) => m.lines.find((l) => l.kind === kind)?.amount ?? 0;
  lines.forEach((m, i) =>
    ws.addRow([
      i + 1,
      m.code,
      m.agencyCode,
      m.applicantName,
      procedureName(m.procedureCode),
      amount(m, 'fee'),
      amount(m, 'pickup'),
      amount(m, 'return'),
      m.total,
      m.payMethod === 'cash' ? f.cash : f.online,
      m.reference,
    ]),
  );
  const sum = (pick: (m: DossierMoney) => number) => lines.reduce((a, m) => a + pick(m), 0);
  ws.addRow([
    f.cashTotal,
    '',
    '',
    '',
    '',
    sum((m) => amount(m, 'fee')),
    sum((m) => amount(m, 'pickup')),
    sum((m) => amount(m, 'return')),
    sum((m) => m.total),
  ]).font = { bold: true };
  ws.addRow([fill(f.cashClosed, { at: head.closedAt })]);
  for (const c of [6, 7, 8, 9]) ws.getColumn(c).numFmt = '#,##0';
  ws.columns.forEach((c, i) => (c.width = [5, 24, 16, 22, 30, 12, 12, 14, 12, 11, 16][i] ?? 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
