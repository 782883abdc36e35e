import type { PDFDocument, PDFPage } from 'pdf-lib';
import type { Fonts } from './fonts';
import { type Block, type Ctx, measure, type Slice } from './layout-blocks';

export type { Block, Cell, Column, TextStyle } from './layout-blocks';

/**
 * The forms' layout layer: blocks (paragraphs, rows of cells, rules, images, tables) are
 * measured, cut into slices and stacked down the page; what does not fit goes to the next
 * page, where the section's running header ("… (tiếp theo)") is drawn first and a table's
 * header again. A heading stays with what follows it (`keepWithNext`), a `keep` block stays
 * whole when it can, a paragraph never leaves one line alone. Every page carries the
 * section's footer with "Trang x/y". Nothing is drawn over anything else: each slice owns a
 * band of the page no other slice shares, and every character given is on the page.
 */

export interface PageSetup {
  size: [number, number];
  margin: { top: number; right: number; bottom: number; left: number };
}

export const A4: [number, number] = [595.28, 841.89];
export const A4_LANDSCAPE: [number, number] = [841.89, 595.28];

/** One run of pages numbered on their own (a copy of a receipt, a register book). */
export interface Section {
  blocks: Block[];
  /** At the top of every page after the first: the running header, e.g. the title and "(tiếp theo)". */
  continued?: Block[];
  /** At the foot of every page; `page` and `pages` count this section's pages. */
  footer?: (page: number, pages: number) => Block[];
  /** In the top margin of every page (e.g. "MẪU — chưa cấu hình"); must fit in it. */
  mark?: Block[];
}

interface Placed {
  slice: Slice;
  top: number;
}

const height = (slices: Slice[]) => slices.reduce((h, s) => h + s.height, 0);

/** The height of the chain of slices from `i` that must stay on one page. */
function chainHeight(slices: Slice[], i: number): number {
  let h = 0;
  for (let k = i; k < slices.length; k++) {
    h += slices[k]!.height;
    if (!slices[k]!.keepWithNext) break;
  }
  return h;
}

/** Stacks the slices on as many pages as they need. */
function paginate(slices: Slice[], cont: Slice[], area: { top: number; bottom: number }): Placed[][] {
  const pages: Placed[][] = [[]];
  let y = area.top;
  let fresh = true;
  const place = (s: Slice) => {
    pages.at(-1)!.push({ slice: s, top: y });
    y -= s.height;
  };
  const newPage = () => {
    pages.push([]);
    y = area.top;
    cont.forEach(place);
    fresh = true;
  };
  const full = area.top - area.bottom - height(cont);
  slices.forEach((s, i) => {
    const chainStart = i === 0 || !slices[i - 1]!.keepWithNext;
    const need = chainStart ? chainHeight(slices, i) : s.height;
    const room = y - area.bottom;
    if (!fresh && (s.height > room || (chainStart && need > room && need <= full))) {
      newPage();
      if (s.head) place(s.head);
    }
    place(s);
    fresh = false;
  });
  return pages;
}

function drawSlices(page: PDFPage, x: number, top: number, slices: Slice[]): void {
  let y = top;
  for (const s of slices) {
    s.draw(page, x, y);
    y -= s.height;
  }
}

/** Lays the sections out on new pages of `doc`; returns how many pages each took. */
export function renderSections(
  doc: PDFDocument,
  fonts: Fonts,
  setup: PageSetup,
  sections: Section[],
): number[] {
  const [pw, ph] = setup.size;
  const m = setup.margin;
  const width = pw - m.left - m.right;
  return sections.map((sec) => {
    const probe: Ctx = { fonts, body: ph };
    const footH = height(measure(probe, sec.footer?.(999, 999) ?? [], width));
    const area = { top: ph - m.top, bottom: m.bottom + footH + (footH ? 6 : 0) };
    const ctx: Ctx = { fonts, body: area.top - area.bottom };
    const cont = measure(ctx, sec.continued ?? [], width);
    ctx.body -= height(cont);
    const pages = paginate(measure(ctx, sec.blocks, width), cont, area);
    pages.forEach((placed, k) => {
      const page = doc.addPage(setup.size);
      const mark = measure(ctx, sec.mark ?? [], width);
      drawSlices(page, m.left, ph - Math.max(4, (m.top - height(mark)) / 2), mark);
      for (const p of placed) p.slice.draw(page, m.left, p.top);
      drawSlices(
        page,
        m.left,
        m.bottom + footH,
        measure(ctx, sec.footer?.(k + 1, pages.length) ?? [], width),
      );
    });
    return pages.length;
  });
}
