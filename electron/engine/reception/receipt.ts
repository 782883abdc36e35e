import QRCode from 'qrcode';
import type { ConsentRecord, Dossier, Procedure } from '../../../shared/api/contract';
import type { ResultMethod } from '../../../shared/api/rooms/reception';
import type { StationSettings } from '../../../shared/api/rooms/settings';
import { localParts, parseInstant } from '../../../shared/domain/deadline';
import type { Block, Section } from '../pdf/layout';
import {
  applicantBlocks,
  centred,
  continued,
  finish,
  footer,
  type FormContext,
  formNumber,
  gap,
  header,
  type Kit,
  sampleMark,
  signatures,
  startForm,
  text,
} from './form-parts';
import { fill, partsOf, type TextsOf, textsOf, timeWords } from './form-texts';

const pad = (n: number) => String(n).padStart(2, '0');

/** "09 giờ 00 phút, ngày 02/03/2026" — the short form, for consent and correction notes. */
export function vnTime(iso: string): string {
  const p = localParts(parseInstant(iso));
  return `${pad(p.hour)} giờ ${pad(p.minute)} phút, ngày ${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

export function lookupLink(settings: StationSettings, code: string): string {
  const sep = settings.lookupUrl.includes('?') ? '&' : '?';
  return `${settings.lookupUrl}${sep}ma=${encodeURIComponent(code)}`;
}

export interface ReceiptInput {
  form: FormContext;
  dossier: Dossier;
  procedure: Procedure;
  sets: number;
  days?: number;
  hours?: number;
  registerBook: string;
  /** Số thứ tự in the register book (reception's register sequence); null: entered by hand. */
  registerNo: number | null;
  /** How the applicant chose to get the result. */
  resultMethod: ResultMethod;
  /** Cán bộ tiếp nhận recorded on the dossier at reception ('' when none was set). */
  officer?: string;
  /** Received by a postal service point on the agency's behalf (the header then names the agency). */
  onBehalf?: { point: string; address: string; staff: string };
  /** The last finished correction (đính chính): `count` corrections so far, and why the last was made. */
  corrected?: { count: number; reason: string; at: string };
}

function componentBlocks(f: TextsOf<'01'>, d: Dossier): Block[] {
  const item = { size: 11.5, first: 14, hang: 30 } as const;
  const given = d.components.filter((c) => c.pages.length > 0);
  const excepted = (d.exceptions ?? []).flatMap((e) => {
    const c = d.components.find((x) => x.code === e.componentCode);
    return c && c.pages.length === 0 ? [{ name: c.name, reason: e.reason }] : [];
  });
  const out: Block[] = [text(f.components, {}, true)];
  if (!given.length) out.push(text(f.componentsNone, { ...item, font: 'italic' }));
  given.forEach((c, i) =>
    out.push(
      text(fill(f.component, { n: i + 1, name: c.name, pages: c.pages.length, copies: c.copies }), item),
    ),
  );
  if (excepted.length) out.push(text(f.excepted, { font: 'italic', first: 14 }, true));
  excepted.forEach((e, i) =>
    out.push(text(fill(f.exceptedItem, { n: i + 1, name: e.name, reason: e.reason }), item)),
  );
  return out;
}

function resultMethodText(f: TextsOf<'01'>, input: ReceiptInput, kit: Kit): string {
  if (input.resultMethod === 'post')
    return fill(f.methodPost, {
      address: input.dossier.deliveryAddress || input.dossier.applicant?.address || kit.c.blank,
    });
  if (input.resultMethod === 'online') return f.methodOnline;
  return fill(f.methodCounter, { place: kit.ctx.settings.resultPlace });
}

function timeText(f: TextsOf<'01'>, p: Procedure, input: ReceiptInput): string {
  if (input.hours !== undefined) return fill(f.hours, { n: input.hours });
  return fill(f.days, { n: input.days ?? p.processingDays });
}

function titleRow(kit: Kit, f: TextsOf<'01'>, input: ReceiptInput, copy: string, qr: Block): Block {
  const fix = input.corrected;
  const middle: Block[] = [
    centred(f.title, 'bold', 14),
    centred(fill(kit.c.code, { code: input.dossier.code ?? '' }), 'bold', 12),
    centred(copy, 'italic', 11),
    ...(fix ? [centred(fill(f.corrected, { count: fix.count }), 'bold', 12)] : []),
  ];
  return {
    kind: 'row',
    keepWithNext: true,
    cells: [
      { share: 0.15, blocks: [] },
      { share: 0.7, blocks: middle },
      { share: 0.15, blocks: [qr] },
    ],
  };
}

function body(kit: Kit, f: TextsOf<'01'>, input: ReceiptInput): Block[] {
  const { dossier: d, procedure } = input;
  const c = kit.c;
  const fix = input.corrected;
  return [
    ...(fix
      ? [
          text(fill(f.correctedReason, { reason: fix.reason, at: vnTime(fix.at) }), {
            font: 'italic',
            size: 10.5,
          }),
        ]
      : []),
    text(fill(f.unit, { unit: kit.ctx.settings.unitName })),
    ...(input.onBehalf
      ? [
          text(
            fill(f.onBehalf, {
              point: input.onBehalf.point,
              address: input.onBehalf.address ? ` (${input.onBehalf.address})` : '',
              staff: input.onBehalf.staff || c.blank,
            }),
            { font: 'italic' },
          ),
        ]
      : []),
    ...applicantBlocks(kit, d),
    text(fill(c.request, { procedure: procedure.name, code: procedure.code })),
    ...componentBlocks(f, d),
    text(fill(f.sets, { sets: pad(input.sets) })),
    text(fill(f.time, { time: timeText(f, procedure, input) })),
    text(fill(f.receivedAt, { at: timeWords(c, d.receivedAt!) })),
    text(fill(f.appointmentAt, { at: timeWords(c, d.appointmentAt!) }), { font: 'bold' }),
    text(fill(f.resultAt, { method: resultMethodText(f, input, kit) })),
    text(consentLine(c, d.consent ?? null), { font: 'italic', size: 10.5 }),
    ...(d.unsigned
      ? [
          text(
            fill(f.unsignedNote, { components: d.unsigned.components.join(', '), reason: d.unsigned.reason }),
            {
              font: 'italic',
              size: 10.5,
            },
          ),
        ]
      : []),
    text(fill(f.register, { book: input.registerBook, no: input.registerNo ?? c.blank }), { font: 'italic' }),
    text(fill(f.lookup, { link: lookupLink(kit.ctx.settings, d.code!) }), { font: 'italic', size: 10 }, true),
    ...signatures(kit, { title: f.signLeft }, { title: f.signRight, name: input.officer ?? '' }),
    gap(8, true),
    text(f.note, { font: 'boldItalic', size: 10 }, true),
    text(f.noteText, { font: 'italic', size: 10, hang: 8 }),
  ];
}

/** Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả, two copies (liên), each numbered on its own. */
export async function receiptPdf(input: ReceiptInput): Promise<Uint8Array> {
  const { dossier: d, procedure } = input;
  if (!d.code || !d.receivedAt || !d.appointmentAt) throw new Error('the dossier has not been received');
  const f = textsOf(input.form.settings, '01');
  const fix = input.corrected;
  const kit = await startForm(
    input.form,
    `${f.title} — ${d.code}${fix ? ` — ${fill(f.corrected, { count: fix.count })}` : ''}`,
    `${procedure.code} ${procedure.name}`,
  );
  const link = lookupLink(input.form.settings, d.code);
  const png = await QRCode.toBuffer(`${d.code}\n${link}`, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    width: 240,
  });
  const qr: Block = {
    kind: 'image',
    image: await kit.doc.embedPng(png),
    width: 70,
    height: 70,
    align: 'right',
  };
  const sections: Section[] = [f.copy1, f.copy2].map((copy) => ({
    mark: sampleMark(kit),
    blocks: [
      ...formNumber(f),
      ...header(kit, d.receivedAt ?? null),
      titleRow(kit, f, input, copy, qr),
      gap(8),
      ...body(kit, f, input),
    ],
    continued: continued(kit, f.title, d.code ?? null),
    footer: footer(kit),
  }));
  return finish(kit, sections);
}

export interface CompletionInput {
  form: FormContext;
  dossier: Dossier;
  procedure: Procedure;
  reason: string;
  missing: { code: string; name: string }[];
  at: string;
  /** The officer who guides the applicant, printed under "NGƯỜI HƯỚNG DẪN". */
  officer?: string;
}

/** Form 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ — what the applicant must bring, and why. */
export async function completionRequestPdf(input: CompletionInput): Promise<Uint8Array> {
  const { dossier: d, procedure } = input;
  const s = input.form.settings;
  const f = textsOf(s, '02');
  const kit = await startForm(input.form, `${f.title}${d.code ? ` — ${d.code}` : ''}`);
  const c = kit.c;
  const blocks: Block[] = [
    ...formNumber(f),
    ...header(kit, input.at),
    centred(f.title, 'bold', 14),
    ...(d.code ? [centred(fill(c.code, { code: d.code }), 'bold', 12)] : []),
    gap(8),
    text(fill(f.received, { ...partsOf(d.receivedAt ?? input.at), unit: s.unitName })),
    ...applicantBlocks(kit, d),
    text(fill(c.request, { procedure: procedure.name, code: procedure.code })),
    text(f.ask, { font: 'bold' }, true),
    ...input.missing.map((m, i) =>
      text(fill(f.item, { n: i + 1, name: m.name }), { size: 11.5, first: 14, hang: 30 }),
    ),
    ...(input.reason ? [text(fill(f.reason, { reason: input.reason }), { first: 14, hang: 14 })] : []),
    text(fill(f.contact, { unit: s.unitName, hotline: s.hotline }), {}, true),
    ...signatures(kit, { title: f.signLeft }, { title: f.signRight, name: input.officer ?? '' }),
  ];
  return finish(kit, [
    {
      mark: sampleMark(kit),
      blocks,
      continued: continued(kit, f.title, d.code ?? null),
      footer: footer(kit),
    },
  ]);
}

/** What the receipt says of the citizen's consent to submit online on their behalf (ủy quyền nộp trực tuyến). */
export function consentLine(c: TextsOf<'common'>, consent: ConsentRecord | null): string {
  if (!consent) return c.consentNone;
  const how =
    consent.how === 'document'
      ? fill(c.consentDocument, { code: consent.componentCode ?? '' })
      : c.consentCounter;
  const by = consent.by ? fill(c.consentBy, { name: consent.by }) : '';
  return fill(c.consentYes, { how, at: vnTime(consent.at), by });
}
