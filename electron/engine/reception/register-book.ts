import type { Dossier } from '../../../shared/api/contract';
import type { Catalog } from '../catalog';
import { A4_LANDSCAPE, type Block, renderSections } from '../pdf/layout';
import {
  centred,
  footer,
  type FormContext,
  formNumber,
  gap,
  header,
  type Kit,
  sampleMark,
  startForm,
  text,
} from './form-parts';
import { fill, shortTime, type TextsOf, textsOf } from './form-texts';
import type { Trail } from './forms';
import type { RegisterEntry } from './register';
import type { ReceptionRecord } from './view';

/** Sổ theo dõi hồ sơ (form 06) as a PDF (landscape, the header row on every page) and as XLSX. */

export interface BookLine {
  entry: RegisterEntry;
  dossier: Dossier;
  record: ReceptionRecord;
  trail: Trail;
}

const KEYS = [
  'colNo',
  'colCode',
  'colProcedure',
  'colSets',
  'colName',
  'colContact',
  'colAgency',
  'colReceived',
  'colAppointment',
  'colSent',
  'colResult',
  'colReturned',
  'colSignature',
  'colNote',
] as const;
const SHARES = [0.035, 0.13, 0.11, 0.035, 0.085, 0.095, 0.08, 0.065, 0.065, 0.065, 0.065, 0.065, 0.045, 0.06];

const when = (iso: string | null | undefined) => (iso ? shortTime(iso) : '');

/** One line of the book, cell by cell, in the columns' order. */
export function bookRow(f: TextsOf<'06'>, catalog: Catalog, l: BookLine): string[] {
  const { dossier: d, record: r, trail: t } = l;
  const p = catalog.list().find((x) => x.code === d.procedureCode);
  const a = d.applicant;
  const notes = [
    ...r.clockStops.map((s) => fill(f.noteStop, { at: when(s.from) })),
    ...r.apologies.map((x) => fill(f.noteApology, { at: when(x.newAppointmentAt) })),
  ];
  return [
    String(l.entry.no),
    d.code ?? '',
    `${d.procedureName} (${d.procedureCode})`,
    String(r.sets),
    a?.name ?? d.applicantName,
    [a?.address, a?.phone].filter(Boolean).join('; '),
    p ? p.decidingAgency || p.agency : '',
    when(d.receivedAt),
    when(r.apologies[0]?.previousAppointmentAt ?? d.appointmentAt),
    when(t.submittedAt),
    t.resolvedAt ? when(t.resolvedAt) : r.clockStops.length ? when(r.clockStops.at(-1)!.from) : '',
    when(t.returnedAt),
    t.returnedTo ?? '',
    notes.join('; '),
  ];
}

function titleBlocks(
  kit: Kit,
  f: TextsOf<'06'>,
  book: string,
  period: { from: string; to: string },
): Block[] {
  const d = (s: string) => `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
  return [
    centred(f.title, 'bold', 15),
    centred(fill(f.book, { book }), 'bold', 12),
    centred(fill(f.period, { from: d(period.from), to: d(period.to) }), 'italic', 11),
    gap(8),
  ];
}

export async function registerPdf(
  ctx: FormContext,
  catalog: Catalog,
  lines: BookLine[],
  period: { from: string; to: string },
  madeAt: string,
): Promise<Uint8Array> {
  const f = textsOf(ctx.settings, '06');
  const kit = await startForm(ctx, `${f.title} — ${period.from} – ${period.to}`);
  const rows = lines.map((l) => bookRow(f, catalog, l));
  const blocks: Block[] = [
    ...formNumber(f),
    ...header(kit, madeAt),
    ...titleBlocks(kit, f, ctx.settings.registerBook, period),
    rows.length
      ? {
          kind: 'table',
          columns: KEYS.map((k, i) => ({ title: f[k], share: SHARES[i]! })),
          rows,
          style: { size: 7.5, leading: 1.2 },
          head: { size: 7 },
        }
      : text(f.none, { font: 'italic' }),
  ];
  const setup = { size: A4_LANDSCAPE, margin: { top: 46, right: 28, bottom: 30, left: 28 } };
  renderSections(kit.doc, kit.fonts, setup, [
    {
      mark: sampleMark(kit),
      blocks,
      continued: [centred(`${f.title} ${kit.c.continued}`, 'bold', 11), gap(4)],
      footer: footer(kit),
    },
  ]);
  return kit.doc.save();
}

export async function registerXlsx(
  ctx: FormContext,
  catalog: Catalog,
  lines: BookLine[],
  period: { from: string; to: string },
  madeAt: string,
): Promise<Buffer> {
  const f = textsOf(ctx.settings, '06');
  const wb = new (await import('exceljs')).default.Workbook(); // loaded here, not at start-up (sohoa starts faster)
  wb.creator = 'SoHoa Station';
  wb.created = new Date(madeAt);
  const ws = wb.addWorksheet(f.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 5 }] });
  ws.addRow([f.title]).font = { bold: true, size: 14 };
  ws.addRow([ctx.settings.unitName]);
  ws.addRow([fill(f.book, { book: ctx.settings.registerBook })]);
  ws.addRow([fill(f.period, { from: period.from, to: period.to })]);
  const head = ws.addRow(KEYS.map((k) => f[k]));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  ws.columns = SHARES.map((s) => ({ width: Math.max(6, Math.round(s * 240)) }));
  for (const l of lines) ws.addRow(bookRow(f, catalog, l)).alignment = { wrapText: true, vertical: 'top' };
  if (!lines.length) ws.addRow([f.none]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
