import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Applicant } from '../../shared/api/contract';
import { b64, scanImage } from '../helpers/images';
import type { Rig } from './rig';

/**
 * Dossiers for the forms' tests: a procedure with `n` components (a few of them required and
 * left unscanned with a reason), pages scanned for the rest; and the forms read back with
 * poppler the way an outside judge reads them (pdftotext, word boxes from -bbox).
 */

export async function procedureWith(rig: Rig, code: string, n: number): Promise<void> {
  const components = Array.from({ length: n }, (_, i) => ({
    code: `C${String(i + 1).padStart(2, '0')}`,
    name: `Giấy tờ số ${i + 1}: bản sao chứng thực giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất`,
    required: i % 7 !== 3,
    copies: 1 + (i % 2),
  }));
  const p = {
    code,
    name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do thay đổi thông tin',
    field: 'Đất đai',
    agency: 'Văn phòng Đăng ký đất đai — Chi nhánh (mẫu)',
    processingDays: 10,
    components,
  };
  await rig.catalog.import('forms-test.json', Buffer.from(JSON.stringify({ procedures: [p] })));
}

let png: Buffer | null = null;

/** A received dossier of `procedure`: every component scanned but every fifth required one, excepted with a reason. */
export async function receivedWith(rig: Rig, procedure: string, applicant: Applicant) {
  const d = rig.dossiers.create(procedure, 'tạm');
  rig.reception.setApplicant(d.id, applicant);
  png ??= await scanImage('png', { dpi: 100, width: 200, height: 280 });
  const exceptions = [];
  for (const [i, c] of d.components.entries()) {
    if (c.required && i % 5 === 4) {
      exceptions.push({
        componentCode: c.code,
        reason: `Công dân xuất trình bản chính ${c.code}, nộp bản sao sau`,
      });
      continue;
    }
    const r = await rig.dossiers.addPages(d.id, c.code, [{ name: `${c.code}.png`, dataBase64: b64(png) }]);
    if (r.rejected.length) throw new Error(JSON.stringify(r.rejected));
  }
  // A result by post needs an address: the applicant's, else one given at the counter.
  const deliveryAddress = applicant.address ? undefined : 'Thôn 1, xã Tam Anh';
  return rig.reception.receive(d.id, { exceptions, resultMethod: 'post', deliveryAddress });
}

export interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word poppler finds, with its box (points, origin top left), page by page. */
export function words(pdf: Buffer, dir: string): Word[] {
  const file = path.join(dir, `bbox-${Date.now()}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const out: Word[] = [];
  let page = 0;
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) out.push({ page, xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: decode(m[5]!) });
  }
  return out;
}

/** Pairs of words on one page whose boxes overlap by more than `slack` points both ways. */
export function overlaps(ws: Word[], slack = 0.5): [Word, Word][] {
  const bad: [Word, Word][] = [];
  const byPage = new Map<number, Word[]>();
  for (const w of ws) byPage.set(w.page, [...(byPage.get(w.page) ?? []), w]);
  for (const list of byPage.values()) {
    list.sort((a, b) => a.yMin - b.yMin);
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length && list[j]!.yMin < list[i]!.yMax - slack; j++) {
        const a = list[i]!;
        const b = list[j]!;
        const x = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
        const y = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
        if (x > slack && y > slack) bad.push([a, b]);
      }
  }
  return bad;
}

/** Words outside the page's box (nothing drawn off the paper). */
export function offPage(ws: Word[], size: [number, number]): Word[] {
  return ws.filter((w) => w.xMin < 0 || w.yMin < 0 || w.xMax > size[0] + 0.5 || w.yMax > size[1] + 0.5);
}

/** The text as read in order, whitespace folded. */
export function flat(pdf: Buffer, dir: string): string {
  const file = path.join(dir, `text-${Date.now()}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).replace(
    /\s+/g,
    ' ',
  );
}

/** The text with `-layout`, page by page (form feed between pages). */
export function pages(pdf: Buffer, dir: string): string[] {
  const file = path.join(dir, `pages-${Date.now()}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).split(
    '\f',
  );
}

/** `needles` found in `text` one after the other, in this order; the first missing or out of order, else null. */
export function outOfOrder(text: string, needles: string[]): string | null {
  let at = 0;
  for (const n of needles) {
    const i = text.indexOf(n, at);
    if (i < 0) return n;
    at = i + n.length;
  }
  return null;
}

/** The text of one vertical band of a page (x from `x0` to `x1`, points), read top to bottom: a table's column. */
export function band(
  pdf: Buffer,
  dir: string,
  page: number,
  x0: number,
  x1: number,
  size: [number, number],
): string {
  const file = path.join(dir, `band-${Date.now()}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  const args = ['-f', String(page), '-l', String(page), '-x', String(Math.floor(x0)), '-y', '0'];
  args.push('-W', String(Math.ceil(x1 - x0)), '-H', String(Math.ceil(size[1])), file, '-');
  return execFileSync('pdftotext', args, { encoding: 'utf8' }).replace(/\s+/g, ' ');
}
