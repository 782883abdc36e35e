import { type PDFImage, type PDFPage, rgb } from 'pdf-lib';
import { printableText } from '../../../shared/domain/printable';
import type { FontKey, Fonts } from './fonts';
import { textWidth, wrapText } from './layout-text';

/**
 * The blocks a form is made of, and how each becomes slices: the pieces of fixed height that
 * ./layout.ts stacks down the page and moves to the next page whole. A paragraph is one slice
 * per line (so it may continue on the next page), a row of cells and an image are one slice,
 * a table is its header and one slice per row (the header repeated on every page it reaches).
 */

export interface TextStyle {
  font?: FontKey;
  size?: number;
  align?: 'left' | 'center' | 'right';
  /** Indent of the first line, and of the lines after it (a hanging indent). */
  first?: number;
  hang?: number;
  /** Space kept free on both sides of the paragraph inside its column. */
  inset?: number;
  /** Line height as a multiple of the size (1.3). */
  leading?: number;
  color?: readonly [number, number, number];
}

interface Flow {
  /** Keeps this block on the same page as the next one (a heading with its first line). */
  keepWithNext?: boolean;
}
export interface Cell {
  /** Share of the row's width (the shares of a row add up to 1). */
  share: number;
  blocks: Block[];
}
export interface Column {
  title: string;
  share: number;
  align?: 'left' | 'center' | 'right';
}

export type Block = Flow &
  (
    | { kind: 'text'; text: string; style?: TextStyle }
    | { kind: 'gap'; height: number }
    | { kind: 'rule'; width?: number; align?: 'left' | 'center'; thickness?: number }
    | { kind: 'row'; cells: Cell[] }
    | { kind: 'keep'; blocks: Block[] }
    | { kind: 'image'; image: PDFImage; width: number; height: number; align?: 'left' | 'center' | 'right' }
    | { kind: 'table'; columns: Column[]; rows: string[][]; style?: TextStyle; head?: TextStyle }
  );

export interface Slice {
  height: number;
  keepWithNext: boolean;
  /** A table row's header, put again at the top of a page the table continues on. */
  head?: Slice;
  draw(page: PDFPage, x: number, top: number): void;
}

export interface Ctx {
  fonts: Fonts;
  /** The height a page leaves for the flow: nothing taller may be one slice. */
  body: number;
}

const black = (c?: readonly [number, number, number]) => (c ? rgb(c[0], c[1], c[2]) : rgb(0, 0, 0));

/** One line of text drawn in a box `lead` high, the glyphs centred in it. */
function lineDrawer(ctx: Ctx, st: TextStyle, text: string, indent: number, width: number) {
  const font = ctx.fonts[st.font ?? 'regular'];
  const size = st.size ?? 12;
  const lead = size * (st.leading ?? 1.3);
  const asc = font.heightAtSize(size, { descender: false });
  const full = font.heightAtSize(size);
  return (page: PDFPage, x: number, top: number) => {
    if (!text) return;
    const w = textWidth({ font, size }, text);
    const room = width - indent;
    const dx = st.align === 'center' ? (room - w) / 2 : st.align === 'right' ? room - w : 0;
    const baseline = top - (lead - full) / 2 - asc;
    page.drawText(text, { x: x + indent + dx, y: baseline, size, font, color: black(st.color) });
  };
}

export function textSlices(ctx: Ctx, text: string, st: TextStyle = {}, width: number, keep = false): Slice[] {
  const font = ctx.fonts[st.font ?? 'regular'];
  const size = st.size ?? 12;
  const lead = size * (st.leading ?? 1.3);
  const inset = st.inset ?? 0;
  const inner = width - 2 * inset;
  const lines = wrapText({ font, size }, printableText(text), inner, {
    first: st.first ?? 0,
    hang: st.hang ?? 0,
  });
  return lines.map((l, i) => {
    const draw = lineDrawer(ctx, st, l.text, l.indent, inner);
    // The first two and the last two lines of a paragraph stay together (no orphan, no widow).
    const last = i === lines.length - 1;
    const keepWithNext = last ? keep : i === 0 || i === lines.length - 2;
    return { height: lead, keepWithNext, draw: (p, x, top) => draw(p, x + inset, top) };
  });
}

const shift = (s: Slice, dx: number): Slice => ({ ...s, draw: (p, x, top) => s.draw(p, x + dx, top) });
const total = (slices: Slice[]) => slices.reduce((h, s) => h + s.height, 0);

function drawStack(slices: Slice[], page: PDFPage, x: number, top: number): void {
  let y = top;
  for (const s of slices) {
    s.draw(page, x, y);
    y -= s.height;
  }
}

/** Cells side by side, one slice; a row taller than a page is laid out cell after cell instead. */
function rowSlices(ctx: Ctx, cells: Cell[], width: number, keep: boolean): Slice[] {
  const laid = cells.map((c) => ({ w: width * c.share, slices: measure(ctx, c.blocks, width * c.share) }));
  const height = Math.max(0, ...laid.map((c) => total(c.slices)));
  if (height > ctx.body) {
    let dx = 0;
    const flat = laid.flatMap((c) => {
      const out = c.slices.map((s) => shift(s, dx));
      dx += c.w;
      return out;
    });
    if (flat.length) flat[flat.length - 1] = { ...flat.at(-1)!, keepWithNext: keep };
    return flat;
  }
  const draw = (page: PDFPage, x: number, top: number) => {
    let cx = x;
    for (const c of laid) {
      drawStack(c.slices, page, cx, top);
      cx += c.w;
    }
  };
  return [{ height, keepWithNext: keep, draw }];
}

function ruleSlice(b: Extract<Block, { kind: 'rule' }>, width: number): Slice {
  const thickness = b.thickness ?? 0.6;
  const w = Math.min(width, b.width ?? width);
  const height = thickness + 3;
  return {
    height,
    keepWithNext: b.keepWithNext ?? false,
    draw(page, x, top) {
      const x0 = b.align === 'left' ? x : x + (width - w) / 2;
      const y = top - height / 2;
      page.drawLine({ start: { x: x0, y }, end: { x: x0 + w, y }, thickness, color: rgb(0, 0, 0) });
    },
  };
}

function imageSlice(b: Extract<Block, { kind: 'image' }>, width: number): Slice {
  return {
    height: b.height,
    keepWithNext: b.keepWithNext ?? false,
    draw(page, x, top) {
      const dx = b.align === 'right' ? width - b.width : b.align === 'center' ? (width - b.width) / 2 : 0;
      page.drawImage(b.image, { x: x + dx, y: top - b.height, width: b.width, height: b.height });
    },
  };
}

function keepSlices(ctx: Ctx, blocks: Block[], width: number, keep: boolean): Slice[] {
  const inner = measure(ctx, blocks, width);
  if (total(inner) <= ctx.body) for (const s of inner) s.keepWithNext = true;
  if (inner.length) inner[inner.length - 1]!.keepWithNext = keep;
  return inner;
}

/** Every block as slices, in order, at `width`. */
export function measure(ctx: Ctx, blocks: Block[], width: number): Slice[] {
  return blocks.flatMap((b): Slice[] => {
    const keep = b.keepWithNext ?? false;
    switch (b.kind) {
      case 'text':
        return textSlices(ctx, b.text, b.style, width, keep);
      case 'gap':
        return [{ height: b.height, keepWithNext: keep, draw: () => {} }];
      case 'rule':
        return [ruleSlice(b, width)];
      case 'row':
        return rowSlices(ctx, b.cells, width, keep);
      case 'keep':
        return keepSlices(ctx, b.blocks, width, keep);
      case 'image':
        return [imageSlice(b, width)];
      case 'table':
        return tableSlices(ctx, b, width);
    }
  });
}

// ---- tables ------------------------------------------------------------------

const PAD = 3;

/** One table row: each cell's lines, bordered; rows taller than a page are cut between lines. */
function tableRow(
  ctx: Ctx,
  texts: string[],
  widths: number[],
  st: TextStyle,
  aligns: TextStyle['align'][],
): Slice[] {
  const cells = texts.map((t, i) =>
    textSlices(ctx, t, { ...st, align: aligns[i] ?? st.align }, widths[i]! - 2 * PAD),
  );
  const lead = (st.size ?? 10) * (st.leading ?? 1.3);
  const maxLines = Math.max(1, ...cells.map((c) => c.length));
  const perSlice = Math.max(1, Math.floor((ctx.body - 2 * PAD - 40) / lead));
  const out: Slice[] = [];
  for (let from = 0; from < maxLines; from += perSlice) {
    const part = cells.map((c) => c.slice(from, from + perSlice));
    const height = Math.max(1, ...part.map((c) => c.length)) * lead + 2 * PAD;
    out.push({
      height,
      keepWithNext: false,
      draw(page, x, top) {
        let cx = x;
        part.forEach((lines, i) => {
          page.drawRectangle({
            x: cx,
            y: top - height,
            width: widths[i]!,
            height,
            borderWidth: 0.5,
            borderColor: rgb(0, 0, 0),
          });
          drawStack(lines, page, cx + PAD, top - PAD);
          cx += widths[i]!;
        });
      },
    });
  }
  return out;
}

function tableSlices(ctx: Ctx, b: Extract<Block, { kind: 'table' }>, width: number): Slice[] {
  const widths = b.columns.map((c) => c.share * width);
  const st: TextStyle = { size: 10, leading: 1.25, ...b.style };
  const hs: TextStyle = { ...st, font: 'bold', align: 'center', ...b.head };
  const head = tableRow(
    ctx,
    b.columns.map((c) => c.title),
    widths,
    hs,
    [],
  )[0]!;
  head.keepWithNext = true;
  const rows = b.rows.flatMap((r) =>
    tableRow(
      ctx,
      r,
      widths,
      st,
      b.columns.map((c) => c.align),
    ).map((s) => ({ ...s, head })),
  );
  if (rows.length) rows[rows.length - 1]!.keepWithNext = b.keepWithNext ?? false;
  else head.keepWithNext = b.keepWithNext ?? false;
  return [head, ...rows];
}
