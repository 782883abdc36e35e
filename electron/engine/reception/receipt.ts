import fs from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFImage, type PDFPage, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import type { ConsentRecord, Dossier, Procedure } from '../../../shared/api/contract';
import type { StationSettings } from '../../../shared/api/rooms/settings';
import { localParts, parseInstant } from '../../../shared/domain/deadline';
import { parseDossierCode } from '../../../shared/domain/dossier-code';
import { subsetTrueType, VIETNAMESE_REPERTOIRE } from '../pdf/font-subset';

const require = createRequire(import.meta.url);

/** Times-metric TTF with every Vietnamese glyph, shipped in node_modules so printing works offline. */
const FONT_REGULAR = require.resolve('@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf');
const FONT_ITALIC = require.resolve('@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf');

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
}

/** Writes lines top-down on a page, wrapping to the width, and tells where it stopped. */
class Writer {
  y: number;
  constructor(
    readonly page: PDFPage,
    readonly fonts: Fonts,
  ) {
    this.y = page.getHeight() - MARGIN;
  }

  lines(text: string, font: PDFFont, size: number, width: number): string[] {
    const out: string[] = [];
    for (const para of text.split('\n')) {
      let line = '';
      for (const word of para.split(/\s+/)) {
        const next = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(next, size) <= width || !line) line = next;
        else {
          out.push(line);
          line = word;
        }
      }
      out.push(line);
    }
    return out;
  }

  /** Text at x..x+width; align left or centre; returns the height used. */
  text(
    text: string,
    opts: {
      size?: number;
      font?: PDFFont;
      x?: number;
      width?: number;
      align?: 'left' | 'center';
      indent?: number;
    } = {},
  ): void {
    const size = opts.size ?? 12;
    const font = opts.font ?? this.fonts.regular;
    const x = opts.x ?? MARGIN;
    const width = opts.width ?? this.page.getWidth() - 2 * MARGIN;
    const indent = opts.indent ?? 0;
    const lines = this.lines(text, font, size, width - indent);
    lines.forEach((line, i) => {
      const w = font.widthOfTextAtSize(line, size);
      const lx = opts.align === 'center' ? x + (width - w) / 2 : x + (i > 0 ? indent : 0);
      this.page.drawText(line, { x: lx, y: this.y - size, size, font, color: rgb(0, 0, 0) });
      this.y -= size * 1.35;
    });
  }

  gap(h: number): void {
    this.y -= h;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "… giờ … phút, ngày …/…/…" */
export function vnTime(iso: string): string {
  const p = localParts(parseInstant(iso));
  return `${pad(p.hour)} giờ ${pad(p.minute)} phút, ngày ${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

function vnDateLine(place: string, iso: string): string {
  const p = localParts(parseInstant(iso));
  return `${place}, ngày ${pad(p.day)} tháng ${pad(p.month)} năm ${p.year}`;
}

export function lookupLink(settings: StationSettings, code: string): string {
  const sep = settings.lookupUrl.includes('?') ? '&' : '?';
  return `${settings.lookupUrl}${sep}ma=${encodeURIComponent(code)}`;
}

async function loadFonts(doc: PDFDocument): Promise<Fonts> {
  doc.registerFontkit(fontkit);
  const [regular, bold, italic] = await Promise.all(
    // Our own subset to every Vietnamese character (glyph ids kept): fontkit's subset of Tinos drops
    // the outlines of composite glyphs, so poppler (and a printer) drew holes in the text.
    [FONT_REGULAR, FONT_BOLD, FONT_ITALIC].map((f) =>
      doc.embedFont(subsetTrueType(fs.readFileSync(f), VIETNAMESE_REPERTOIRE), { subset: false }),
    ),
  );
  return { regular: regular!, bold: bold!, italic: italic! };
}

/** The two-column header every one-stop form carries: agency on the left, national motto on the right. */
function header(w: Writer, settings: StationSettings, iso: string): void {
  const { bold, regular, italic } = w.fonts;
  const full = w.page.getWidth() - 2 * MARGIN;
  const left = full * 0.45;
  const top = w.y;
  w.text(settings.governingAgency.toUpperCase(), { size: 11, font: regular, width: left, align: 'center' });
  w.text('BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ', { size: 11, font: bold, width: left, align: 'center' });
  w.text(settings.unitName, { size: 9, font: italic, width: left, align: 'center' });
  const leftEnd = w.y;
  w.y = top;
  const rx = MARGIN + left;
  w.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', {
    size: 11,
    font: bold,
    x: rx,
    width: full - left,
    align: 'center',
  });
  w.text('Độc lập - Tự do - Hạnh phúc', { size: 11, font: bold, x: rx, width: full - left, align: 'center' });
  w.gap(4);
  w.text(vnDateLine(settings.place, iso), {
    size: 11,
    font: italic,
    x: rx,
    width: full - left,
    align: 'center',
  });
  w.y = Math.min(w.y, leftEnd) - 10;
}

function footer(w: Writer, settings: StationSettings): void {
  const y = MARGIN - 10;
  const text = `Đường dây nóng: ${settings.hotline} — Tổng đài ${settings.switchboard}`;
  const size = 9.5;
  const width = w.fonts.italic.widthOfTextAtSize(text, size);
  w.page.drawText(text, {
    x: (w.page.getWidth() - width) / 2,
    y,
    size,
    font: w.fonts.italic,
    color: rgb(0, 0, 0),
  });
}

/** The two signature blocks; `rightName` (e.g. the receiving officer) is printed below the room left to sign. */
function signatures(w: Writer, left: string, right: string, rightName = ''): void {
  const full = w.page.getWidth() - 2 * MARGIN;
  const top = w.y - 8;
  w.y = top;
  w.text(left, { size: 11, font: w.fonts.bold, width: full / 2, align: 'center' });
  w.text('(Ký và ghi rõ họ tên)', { size: 10, font: w.fonts.italic, width: full / 2, align: 'center' });
  w.y = top;
  w.text(right, { size: 11, font: w.fonts.bold, x: MARGIN + full / 2, width: full / 2, align: 'center' });
  w.text('(Ký và ghi rõ họ tên)', {
    size: 10,
    font: w.fonts.italic,
    x: MARGIN + full / 2,
    width: full / 2,
    align: 'center',
  });
  if (rightName) {
    w.gap(48);
    w.text(rightName, {
      size: 12,
      font: w.fonts.bold,
      x: MARGIN + full / 2,
      width: full / 2,
      align: 'center',
    });
  }
}

function applicantLines(d: Dossier): {
  name: string;
  address: string;
  phone: string;
  email: string;
  extra: string;
} {
  const a = d.applicant;
  if (!a) return { name: d.applicantName, address: '', phone: '', email: '', extra: '' };
  const extra =
    a.kind === 'person'
      ? a.idNumber
        ? `Số CCCD: ${a.idNumber}`
        : ''
      : [
          a.taxCode ? `Mã số thuế: ${a.taxCode}` : '',
          a.representative ? `Người đại diện: ${a.representative}` : '',
        ]
          .filter(Boolean)
          .join('; ');
  return { name: a.name, address: a.address ?? '', phone: a.phone ?? '', email: a.email ?? '', extra };
}

function processingText(p: Procedure, rec: { days?: number; hours?: number }): string {
  if (rec.hours !== undefined) return `${rec.hours} giờ làm việc`;
  return `${rec.days ?? p.processingDays} ngày làm việc`;
}

export interface ReceiptInput {
  dossier: Dossier;
  procedure: Procedure;
  settings: StationSettings;
  sets: number;
  days?: number;
  hours?: number;
  registerBook: string;
  /** Cán bộ tiếp nhận recorded on the dossier at reception ('' when none was set). */
  officer?: string;
  /** The last finished correction (đính chính): `count` corrections so far, and why the last was made. */
  corrected?: { count: number; reason: string; at: string };
}

/** Form 01 (Circular 01/2018/TT-VPCP): Giấy tiếp nhận hồ sơ và hẹn trả kết quả, two copies. */
export async function receiptPdf(input: ReceiptInput): Promise<Uint8Array> {
  const { dossier: d, procedure, settings } = input;
  if (!d.code || !d.receivedAt || !d.appointmentAt) throw new Error('the dossier has not been received');
  const doc = await PDFDocument.create();
  const fix = input.corrected;
  doc.setTitle(
    `Giấy tiếp nhận hồ sơ và hẹn trả kết quả — ${d.code}${fix ? ` — bản đính chính lần ${fix.count}` : ''}`,
  );
  doc.setSubject(`${procedure.code} ${procedure.name}`);
  doc.setProducer('SoHoa Station');
  doc.setCreator('SoHoa Station');
  const fonts = await loadFonts(doc);
  const link = lookupLink(settings, d.code);
  const qrPng = await QRCode.toBuffer(`${d.code}\n${link}`, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    width: 240,
  });
  const qr = await doc.embedPng(qrPng);
  const who = applicantLines(d);
  const counter = parseDossierCode(d.code)?.counter ?? 0;
  for (const copy of ['Liên 1: Lưu', 'Liên 2: Giao người nộp']) {
    const page = doc.addPage(A4);
    const w = new Writer(page, fonts);
    header(w, settings, d.receivedAt);
    w.text('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', { size: 14, font: fonts.bold, align: 'center' });
    w.text(`Mã hồ sơ: ${d.code}`, { size: 12, font: fonts.bold, align: 'center' });
    w.text(`(${copy})`, { size: 11, font: fonts.italic, align: 'center' });
    // A corrected dossier's receipt says so above the regulation's content, which is otherwise unchanged.
    if (fix) {
      w.text(`BẢN ĐÍNH CHÍNH — lần ${fix.count}`, { size: 12, font: fonts.bold, align: 'center' });
      w.text(`Lý do đính chính: ${fix.reason} (${vnTime(fix.at)})`, { size: 10, font: fonts.italic });
    }
    drawQr(page, qr, w.y + 62);
    w.gap(8);
    w.text(`${settings.unitName} tiếp nhận hồ sơ của: ${who.name}`);
    if (who.extra) w.text(who.extra);
    w.text(`Địa chỉ: ${who.address || '…'}`);
    w.text(`Số điện thoại: ${who.phone || '…'}    Email: ${who.email || '…'}`);
    w.text(`Nội dung yêu cầu giải quyết: ${procedure.name} (mã thủ tục ${procedure.code})`);
    w.text('1. Thành phần hồ sơ nộp gồm:');
    d.components.forEach((c, i) => {
      const exc = d.exceptions?.find((e) => e.componentCode === c.code);
      const state = c.pages.length
        ? `${c.pages.length} trang; ${c.copies} bản`
        : exc
          ? `chưa nộp — ${exc.reason}`
          : 'không nộp';
      if (!c.pages.length && !c.required && !exc) return;
      w.text(`${i + 1}) ${c.name} (${state})`, { size: 11, x: MARGIN + 14, indent: 14 });
    });
    w.text(`2. Số lượng hồ sơ: ${pad(input.sets)} bộ`);
    w.text(`3. Thời gian giải quyết hồ sơ theo quy định là: ${processingText(procedure, input)}`);
    w.text(`4. Thời gian nhận hồ sơ: ${vnTime(d.receivedAt)}`);
    w.text(`5. Thời gian trả kết quả giải quyết hồ sơ: ${vnTime(d.appointmentAt)}`);
    w.text(`6. Đăng ký nhận kết quả tại: ${settings.resultPlace}`);
    w.text(consentLine(d.consent ?? null), { size: 10, font: fonts.italic });
    w.text(`Vào Sổ theo dõi hồ sơ, Quyển số: ${input.registerBook}, Số thứ tự: ${counter}`, {
      font: fonts.italic,
    });
    w.text(`Tra cứu hồ sơ: ${link}`, { size: 10, font: fonts.italic });
    w.gap(6);
    signatures(w, 'NGƯỜI NỘP HỒ SƠ', 'NGƯỜI TIẾP NHẬN HỒ SƠ', input.officer ?? '');
    footer(w, settings);
  }
  return doc.save();
}

function drawQr(page: PDFPage, qr: PDFImage, yTop: number): void {
  const size = 72;
  page.drawImage(qr, { x: page.getWidth() - MARGIN - size, y: yTop - size, width: size, height: size });
}

export interface CompletionInput {
  dossier: Dossier;
  procedure: Procedure;
  settings: StationSettings;
  reason: string;
  missing: { code: string; name: string }[];
  at: string;
  /** The officer who guides the applicant, printed under "NGƯỜI HƯỚNG DẪN". */
  officer?: string;
}

/** Form 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ — what the applicant must bring, and why. */
export async function completionRequestPdf(input: CompletionInput): Promise<Uint8Array> {
  const { dossier: d, procedure, settings } = input;
  const doc = await PDFDocument.create();
  doc.setTitle(`Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ${d.code ? ` — ${d.code}` : ''}`);
  doc.setProducer('SoHoa Station');
  const fonts = await loadFonts(doc);
  const who = applicantLines(d);
  const page = doc.addPage(A4);
  const w = new Writer(page, fonts);
  header(w, settings, input.at);
  w.text('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', { size: 14, font: fonts.bold, align: 'center' });
  if (d.code) w.text(`Mã hồ sơ: ${d.code}`, { size: 12, font: fonts.bold, align: 'center' });
  w.gap(8);
  w.text(`${settings.unitName} tiếp nhận hồ sơ của: ${who.name}`);
  if (who.extra) w.text(who.extra);
  w.text(`Địa chỉ: ${who.address || '…'}    Số điện thoại: ${who.phone || '…'}`);
  w.text(`Nội dung yêu cầu giải quyết: ${procedure.name} (mã thủ tục ${procedure.code})`);
  w.text('Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:');
  if (input.reason) w.text(input.reason, { size: 11, x: MARGIN + 14 });
  input.missing.forEach((m, i) => w.text(`${i + 1}) ${m.name}`, { size: 11, x: MARGIN + 14, indent: 14 }));
  w.text(
    `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ ${settings.unitName}, đường dây nóng ${settings.hotline}, để được hướng dẫn.`,
  );
  w.gap(6);
  signatures(w, 'NGƯỜI NỘP HỒ SƠ', 'NGƯỜI HƯỚNG DẪN', input.officer ?? '');
  footer(w, settings);
  return doc.save();
}

/** What the receipt says of the citizen's consent to submit online on their behalf (ủy quyền nộp trực tuyến). */
export function consentLine(consent: ConsentRecord | null): string {
  if (!consent)
    return 'Ủy quyền nộp hồ sơ trực tuyến: Không — hồ sơ được giải quyết theo hình thức hồ sơ giấy.';
  const how =
    consent.how === 'document'
      ? `giấy ủy quyền có chữ ký (thành phần ${consent.componentCode ?? ''})`
      : 'công dân xác nhận đồng ý tại quầy';
  return `Ủy quyền nộp hồ sơ trực tuyến: Có — ${how}; ghi nhận lúc ${vnTime(consent.at)}${consent.by ? ` bởi ${consent.by}` : ''}.`;
}
