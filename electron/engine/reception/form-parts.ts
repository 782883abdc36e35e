import { PDFDocument } from 'pdf-lib';
import type { Dossier } from '../../../shared/api/contract';
import type { StationSettings } from '../../../shared/api/rooms/settings';
import { embedFormFonts, type Fonts } from '../pdf/fonts';
import { A4, type Block, type PageSetup, renderSections, type Section } from '../pdf/layout';
import { dateLine, fill, type TextsOf, textsOf } from './form-texts';

/**
 * What every one-stop form shares: the two-column header (agency and unit on the left, the
 * national motto and the place and date on the right, each with its rule), the form's number
 * and citation, the running header of a continued page, the signature blocks, the footer with
 * the hotline and "Trang x/y", and the "MẪU — chưa cấu hình" mark of a station not yet set up.
 */

export const PAGE: PageSetup = { size: A4, margin: { top: 58, right: 50, bottom: 34, left: 56 } };

export interface FormContext {
  settings: StationSettings;
  /** What the deployment has not set yet (agency, hotline, look-up address): the forms say so. */
  unconfigured: ('agency' | 'hotline' | 'lookup')[];
}

export interface Kit {
  doc: PDFDocument;
  fonts: Fonts;
  c: TextsOf<'common'>;
  ctx: FormContext;
}

export async function startForm(ctx: FormContext, title: string, subject = ''): Promise<Kit> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  if (subject) doc.setSubject(subject);
  doc.setProducer('SoHoa Station');
  doc.setCreator('SoHoa Station');
  doc.setLanguage('vi-VN');
  return { doc, fonts: await embedFormFonts(doc), c: textsOf(ctx.settings, 'common'), ctx };
}

export const text = (
  t: string,
  style: Extract<Block, { kind: 'text' }>['style'] = {},
  keepWithNext = false,
): Block => ({
  kind: 'text',
  text: t,
  style,
  keepWithNext,
});
export const gap = (height: number, keepWithNext = false): Block => ({ kind: 'gap', height, keepWithNext });
export const centred = (t: string, font: 'regular' | 'bold' | 'italic' = 'regular', size = 12): Block =>
  text(t, { font, size, align: 'center' }, true);

/** The form's number and citation, small, at the top right. */
export function formNumber(form: { number: string; citation: string }): Block[] {
  return [
    text(form.number, { font: 'bold', size: 9, align: 'right', leading: 1.2 }, true),
    text(form.citation, { font: 'italic', size: 8, align: 'right', leading: 1.2 }, true),
  ];
}

/** Agency and unit | motto, place and date; each side underlined as the regulation draws it. */
export function header(kit: Kit, iso: string | null): Block[] {
  const { c, fonts } = kit;
  const s = kit.ctx.settings;
  const mottoWidth = fonts.bold.widthOfTextAtSize(c.motto2, 12.5);
  const left: Block[] = [
    text(s.governingAgency.toUpperCase(), { size: 11.5, align: 'center', leading: 1.25, inset: 4 }),
    text(c.unitHeading, { font: 'bold', size: 11, align: 'center', leading: 1.25, inset: 2 }),
    text(s.unitName, { font: 'italic', size: 10, align: 'center', leading: 1.25, inset: 4 }),
    { kind: 'rule', width: 70 },
  ];
  const right: Block[] = [
    text(c.motto1, { font: 'bold', size: 11.5, align: 'center', leading: 1.25 }),
    text(c.motto2, { font: 'bold', size: 12.5, align: 'center', leading: 1.25 }),
    { kind: 'rule', width: mottoWidth },
    gap(4),
    text(
      iso ? dateLine(c, s.place, iso) : fill(c.dateLine, { place: s.place, day: '…', month: '…', year: '…' }),
      {
        font: 'italic',
        size: 11.5,
        align: 'center',
      },
    ),
  ];
  return [
    {
      kind: 'row',
      cells: [
        { share: 0.45, blocks: left },
        { share: 0.55, blocks: right },
      ],
      keepWithNext: true,
    },
    gap(12, true),
  ];
}

/** The running header of every page after the first: the title, "(tiếp theo)", the dossier code. */
export function continued(kit: Kit, title: string, code: string | null): Block[] {
  return [
    text(`${title} ${kit.c.continued}`, { font: 'bold', size: 11, align: 'center', leading: 1.25 }),
    ...(code ? [text(fill(kit.c.code, { code }), { size: 10, align: 'center', leading: 1.25 })] : []),
    { kind: 'rule' },
    gap(6),
  ];
}

/** The hotline and the page number, under a thin rule, on every page. */
export function footer(kit: Kit): (page: number, pages: number) => Block[] {
  const s = kit.ctx.settings;
  const line = fill(kit.c.hotline, { hotline: s.hotline, switchboard: s.switchboard });
  return (page, pages) => [
    { kind: 'rule', thickness: 0.4 },
    {
      kind: 'row',
      cells: [
        { share: 0.8, blocks: [text(line, { font: 'italic', size: 9, leading: 1.2 })] },
        {
          share: 0.2,
          blocks: [text(fill(kit.c.page, { page, pages }), { size: 9, align: 'right', leading: 1.2 })],
        },
      ],
    },
  ];
}

/** "MẪU — chưa cấu hình …" in the top margin while the deployment lacks its agency, hotline or look-up address. */
export function sampleMark(kit: Kit): Block[] {
  const missing = kit.ctx.unconfigured.map((k) =>
    k === 'agency' ? kit.c.missingAgency : k === 'hotline' ? kit.c.missingHotline : kit.c.missingLookup,
  );
  if (!missing.length) return [];
  return [
    text(fill(kit.c.unconfigured, { missing: missing.join(', ') }), {
      font: 'bold',
      size: 9,
      align: 'center',
      leading: 1.2,
      color: [0.75, 0.1, 0.1],
    }),
  ];
}

export interface Signer {
  title: string;
  hint?: string;
  /** Printed under the room left for the signature ('' leaves it to be written by hand). */
  name?: string;
}

/** One or two signature blocks side by side, kept together with the text above them. */
export function signatures(kit: Kit, left: Signer | null, right: Signer): Block[] {
  const block = (s: Signer): Block[] => [
    text(s.title, { font: 'bold', size: 11.5, align: 'center', leading: 1.25 }),
    text(s.hint ?? kit.c.signHint, { font: 'italic', size: 10, align: 'center', leading: 1.25 }),
    gap(50),
    ...(s.name ? [text(s.name, { font: 'bold', size: 12, align: 'center', inset: 6 })] : []),
  ];
  // The gap keeps the chain: the signatures stay on the page of the text that asks for them.
  return [
    gap(8, true),
    {
      kind: 'row',
      cells: [
        { share: 0.5, blocks: left ? block(left) : [] },
        { share: 0.5, blocks: block(right) },
      ],
    },
  ];
}

/** The applicant's lines, each on its own line: name, ID or tax code, representative, address, phone, email. */
export function applicantBlocks(kit: Kit, d: Dossier): Block[] {
  const c = kit.c;
  const a = d.applicant;
  const v = (x: string | undefined) => (x?.trim() ? x : c.blank);
  const line = (tpl: string, value: string) => text(fill(tpl, { value }));
  const out: Block[] = [text(fill(c.receivedFrom, { name: a?.name ?? d.applicantName }), { font: 'bold' })];
  if (a?.kind === 'organisation') {
    out.push(line(c.taxCode, v(a.taxCode)));
    if (a.representative) out.push(line(c.representative, a.representative));
  } else out.push(line(c.idNumber, v(a?.idNumber)));
  out.push(line(c.address, v(a?.address)), line(c.phone, v(a?.phone)), line(c.email, v(a?.email)));
  return out;
}

export async function finish(kit: Kit, sections: Section[]): Promise<Uint8Array> {
  renderSections(kit.doc, kit.fonts, PAGE, sections);
  return kit.doc.save();
}
