/**
 * The bench's wider page set (issue 18): p9–p16, each rendered here as SVG → sharp with the text it
 * carries kept as its truth. Layouts: a ruled table, two columns, a filled-in form with boxes,
 * handwriting beside print, a red stamp over text, a phone photo of an ID card, a 150 dpi and a
 * 600 dpi scan. Fonts: Noto Serif / Noto Sans (fonts-noto-core); the "handwriting" is Z003 (URW's
 * chancery script) in blue ink with a wobble, plus pen strokes.
 *
 * `compare` says how the page's CER is computed: `text` in reading order (the page has one), or
 * `words` — both texts' words sorted, then the same edit distance (a bag of words: tables, forms and
 * the ID card have no single reading order, so only which words were read counts, not their order).
 */
import sharp from 'sharp';
import { directiveWords, rng, scanLike, wrap } from '../../../test/imaging/pages';

export interface WidePage {
  image: Buffer;
  /** What a reader should find: the printed text (handwriting and stamp wording excluded). */
  truth: string;
  compare: 'text' | 'words';
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const mm = (v: number, dpi: number) => (v / 25.4) * dpi;
const pt = (v: number, dpi: number) => (v / 72) * dpi;

/** An A4 SVG page rendered to PNG at `dpi`. */
async function a4(dpi: number, body: string): Promise<Buffer> {
  const W = Math.round(mm(210, dpi));
  const H = Math.round(mm(297, dpi));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
<rect width="100%" height="100%" fill="#ffffff"/>${body}</svg>`;
  return sharp(Buffer.from(svg), { density: 72 })
    .flatten({ background: '#ffffff' })
    .withMetadata({ density: dpi })
    .png()
    .toBuffer();
}

const text = (x: number, y: number, s: string, attrs = '') =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${esc(s)}</text>`;

/** Lines of the directive from line `from` (different from p1–p8, which use lines 0–141). */
function directive(width: number, from: number, n: number): string[] {
  const all = wrap(directiveWords(), width);
  return Array.from({ length: n }, (_, k) => all[(from + k) % all.length]!);
}

/** Header every official page starts with (two lines, centred). */
function header(dpi: number, y: number, out: string[]): string {
  const a = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  const b = 'Độc lập - Tự do - Hạnh phúc';
  out.push(a, b);
  const cx = mm(105, dpi);
  return (
    `<g font-family="Noto Serif" font-weight="bold" font-size="${pt(13, dpi)}" fill="#111" text-anchor="middle">` +
    text(cx, y, a) +
    text(cx, y + pt(20, dpi), b) +
    '</g>'
  );
}

// ---------------------------------------------------------------- p9: a table with ruled cells

const PROCEDURES: [string, string, string, string][] = [
  ['1', 'Đăng ký khai sinh', '1.245', '98,6%'],
  ['2', 'Đăng ký kết hôn', '412', '99,0%'],
  ['3', 'Chứng thực bản sao từ bản chính', '3.870', '100%'],
  ['4', 'Cấp giấy xác nhận tình trạng hôn nhân', '655', '97,4%'],
  ['5', 'Đăng ký thường trú', '1.032', '95,8%'],
  ['6', 'Cấp giấy phép xây dựng nhà ở', '218', '91,3%'],
  ['7', 'Đăng ký hộ kinh doanh', '387', '96,1%'],
  ['8', 'Cấp đổi giấy chứng nhận quyền sử dụng đất', '509', '88,2%'],
  ['9', 'Đăng ký khai tử', '301', '99,7%'],
  ['10', 'Trợ cấp xã hội hằng tháng', '146', '93,2%'],
  ['11', 'Xác nhận thông tin về cư trú', '2.114', '99,9%'],
  ['12', 'Đăng ký giám hộ', '27', '100%'],
];

export async function tablePage(dpi: number, seed: number): Promise<WidePage> {
  const truth: string[] = [];
  let body = header(dpi, mm(25, dpi), truth);
  const title = 'BẢNG TỔNG HỢP KẾT QUẢ GIẢI QUYẾT HỒ SƠ THÁNG 10 NĂM 2026';
  truth.push(title);
  body += `<g font-family="Noto Serif" font-weight="bold" font-size="${pt(12, dpi)}" fill="#111" text-anchor="middle">${text(mm(105, dpi), mm(50, dpi), title)}</g>`;
  const cols = [0, 14, 104, 134, 164].map((c) => mm(23 + c, dpi)); // column edges, 164 mm wide
  const rowH = mm(11, dpi);
  const top = mm(60, dpi);
  const head = ['STT', 'Tên thủ tục hành chính', 'Số hồ sơ', 'Đúng hạn'];
  const rows = [head, ...PROCEDURES];
  let cells = '';
  rows.forEach((r, i) => {
    const y = top + i * rowH + rowH * 0.68;
    r.forEach((c, j) => {
      truth.push(c);
      const centre = j !== 1;
      const x = centre ? (cols[j]! + cols[j + 1]!) / 2 : cols[j]! + mm(2, dpi);
      cells += text(
        x,
        y,
        c,
        `${centre ? 'text-anchor="middle"' : ''}${i === 0 ? ' font-weight="bold"' : ''}`,
      );
    });
  });
  const bottom = top + rows.length * rowH;
  const stroke = `stroke="#111" stroke-width="${Math.max(1, dpi / 150)}"`;
  let rules = '';
  for (let i = 0; i <= rows.length; i++)
    rules += `<line x1="${cols[0]}" x2="${cols[4]}" y1="${top + i * rowH}" y2="${top + i * rowH}" ${stroke}/>`;
  for (const x of cols) rules += `<line x1="${x}" x2="${x}" y1="${top}" y2="${bottom}" ${stroke}/>`;
  body += `<g font-family="Noto Serif" font-size="${pt(11, dpi)}" fill="#111">${cells}</g>${rules}`;
  const image = await scanLike(await a4(dpi, body), dpi, { skewDeg: 0.9, noise: 14, jpegQuality: 80, seed });
  return { image, truth: truth.join(' '), compare: 'words' };
}

// ---------------------------------------------------------------- p10: two columns

export async function twoColumnPage(dpi: number, seed: number): Promise<WidePage> {
  const lines = directive(36, 142, 84);
  const left = lines.slice(0, 42);
  const right = lines.slice(42);
  const px = pt(11, dpi);
  const lead = px * 1.45;
  const y0 = mm(28, dpi);
  const col = (ls: string[], x: number) => ls.map((l, i) => text(x, y0 + i * lead, l)).join('');
  const body = `<g font-family="Noto Serif" font-size="${px}" fill="#111">${col(left, mm(20, dpi))}${col(right, mm(110, dpi))}</g>`;
  const image = await scanLike(await a4(dpi, body), dpi, { skewDeg: -1.1, noise: 14, jpegQuality: 80, seed });
  // Reading order is well defined: the left column, then the right one.
  return { image, truth: lines.join(' '), compare: 'text' };
}

// ---------------------------------------------------------------- p11: a form with boxes, filled in

export async function formPage(dpi: number, seed: number): Promise<WidePage> {
  const truth: string[] = [];
  let body = header(dpi, mm(22, dpi), truth);
  const title = 'TỜ KHAI ĐĂNG KÝ KHAI SINH';
  truth.push(title);
  body += `<g font-family="Noto Serif" font-weight="bold" font-size="${pt(14, dpi)}" fill="#111" text-anchor="middle">${text(mm(105, dpi), mm(45, dpi), title)}</g>`;
  const lx = mm(22, dpi);
  const fields: [string, string][] = [
    ['Kính gửi:', 'Ủy ban nhân dân xã Điện Hồng'],
    ['Họ, chữ đệm, tên người yêu cầu:', 'Trần Văn Bình'],
    ['Nơi cư trú:', 'thôn Nhị Dinh, xã Điện Hồng, tỉnh Quảng Nam'],
    ['Quan hệ với người được khai sinh:', 'Cha'],
    ['Họ, chữ đệm, tên:', 'Trần Minh Khang'],
    ['Ngày, tháng, năm sinh:', '03/09/2026'],
    ['Nơi sinh:', 'Trung tâm Y tế thị xã Điện Bàn'],
    ['Dân tộc:', 'Kinh'],
    ['Quốc tịch:', 'Việt Nam'],
  ];
  const px = pt(12, dpi);
  let y = mm(62, dpi);
  let g = '';
  let ink = '';
  const line = `stroke="#333" stroke-width="${Math.max(1, dpi / 200)}" stroke-dasharray="${dpi / 100} ${dpi / 100}"`;
  for (const [label, value] of fields) {
    truth.push(label, value);
    g += text(lx, y, label);
    const vx = lx + label.length * px * 0.48 + mm(3, dpi);
    ink += text(vx, y - mm(0.8, dpi), value);
    g += `<line x1="${vx - mm(1, dpi)}" x2="${mm(188, dpi)}" y1="${y + mm(1.2, dpi)}" y2="${y + mm(1.2, dpi)}" ${line}/>`;
    y += mm(12, dpi);
  }
  // Sex: two check boxes, one ticked.
  const box = (x: number, yy: number, ticked: boolean) => {
    const s = mm(4.5, dpi);
    const b = `<rect x="${x}" y="${yy - s}" width="${s}" height="${s}" fill="none" stroke="#111" stroke-width="${dpi / 150}"/>`;
    return ticked
      ? b +
          `<path d="M ${x + s * 0.15} ${yy - s * 0.5} L ${x + s * 0.45} ${yy - s * 0.1} L ${x + s * 1.1} ${yy - s * 1.2}" fill="none" stroke="#1a3fb0" stroke-width="${dpi / 90}"/>`
      : b;
  };
  truth.push('Giới tính:', 'Nam', 'Nữ');
  g += text(lx, y, 'Giới tính:') + text(lx + mm(30, dpi), y, 'Nam') + text(lx + mm(60, dpi), y, 'Nữ');
  g += box(lx + mm(42, dpi), y, true) + box(lx + mm(68, dpi), y, false);
  y += mm(14, dpi);
  // Personal number in one box per digit.
  const digits = '048226001357';
  const label = 'Số định danh cá nhân của người yêu cầu:';
  truth.push(label, ...digits.split(''));
  g += text(lx, y, label);
  y += mm(10, dpi);
  const bw = mm(8, dpi);
  for (let i = 0; i < digits.length; i++) {
    const x = lx + i * bw;
    g += `<rect x="${x}" y="${y - bw * 0.8}" width="${bw}" height="${bw}" fill="none" stroke="#111" stroke-width="${dpi / 150}"/>`;
    ink += text(x + bw / 2, y - bw * 0.1, digits[i]!, 'text-anchor="middle"');
  }
  y += mm(18, dpi);
  const closing = 'Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật.';
  truth.push(closing);
  g += text(lx, y, closing);
  body += `<g font-family="Noto Serif" font-size="${px}" fill="#111">${g}</g>`;
  // Filled in with a typewriter-like sans in dark blue, as a clerk's printer or a careful hand would.
  body += `<g font-family="Noto Sans" font-size="${px}" fill="#14286e">${ink}</g>`;
  const image = await scanLike(await a4(dpi, body), dpi, { skewDeg: 0.7, noise: 14, jpegQuality: 80, seed });
  return { image, truth: truth.join(' '), compare: 'words' };
}

// ---------------------------------------------------------------- p12: handwriting beside print

export async function handwritingPage(dpi: number, seed: number): Promise<WidePage> {
  const printed = directive(56, 230, 30);
  const px = pt(12, dpi);
  const lead = px * 1.5;
  const y0 = mm(28, dpi);
  let body = `<g font-family="Noto Serif" font-size="${px}" fill="#111">${printed.map((l, i) => text(mm(20, dpi), y0 + i * lead, l)).join('')}</g>`;
  // Notes in the right margin and under the text, in a script face, blue ink, each word a bit off.
  const r = rng(seed * 31);
  const notes = [
    [mm(150, dpi), y0 + lead * 3, 'Đã kiểm tra'],
    [mm(150, dpi), y0 + lead * 5, 'chuyển phòng TP'],
    [mm(150, dpi), y0 + lead * 14, 'bổ sung bản sao'],
    [mm(150, dpi), y0 + lead * 16, 'hạn 15/11'],
    [mm(30, dpi), y0 + lead * 32, 'Đồng ý, giao bộ phận một cửa xử lý đúng hạn.'],
    [mm(60, dpi), y0 + lead * 34.5, 'Ký duyệt ngày 20/10'],
  ] as const;
  let hw = '';
  for (const [x, y, s] of notes) {
    let cx = x;
    for (const w of s.split(' ')) {
      const rot = (r() - 0.5) * 8;
      const dy = (r() - 0.5) * px * 0.3;
      hw += `<text x="${cx.toFixed(1)}" y="${(y + dy).toFixed(1)}" transform="rotate(${rot.toFixed(1)} ${cx.toFixed(1)} ${y.toFixed(1)})">${esc(w)}</text>`;
      cx += (w.length + 1) * px * 0.55;
    }
  }
  body += `<g font-family="Z003" font-style="italic" font-size="${px * 1.35}" fill="#1a3fb0">${hw}</g>`;
  // An underline and a bracket drawn by hand.
  const w = dpi / 90;
  body += `<path d="M ${mm(20, dpi)} ${y0 + lead * 8 + px * 0.3} q ${mm(40, dpi)} ${px * 0.4} ${mm(90, dpi)} ${-px * 0.1}" fill="none" stroke="#1a3fb0" stroke-width="${w}"/>`;
  body += `<path d="M ${mm(146, dpi)} ${y0 + lead * 12} q ${-mm(3, dpi)} ${lead * 3} 0 ${lead * 6}" fill="none" stroke="#1a3fb0" stroke-width="${w}"/>`;
  const image = await scanLike(await a4(dpi, body), dpi, { skewDeg: -0.8, noise: 14, jpegQuality: 80, seed });
  // Truth is the printed text only; whatever is read of the handwriting counts as extra characters.
  return { image, truth: printed.join(' '), compare: 'words' };
}

// ---------------------------------------------------------------- p13: a red round stamp over text

/** Letters set one by one around a circle (librsvg has no textPath), reading clockwise from the left. */
function ringText(s: string, cx: number, cy: number, r: number, size: number, fill: string): string {
  const chars = [...s];
  return chars
    .map((ch, k) => {
      const a = Math.PI + (k / chars.length) * 2 * Math.PI;
      const x = cx + r * Math.cos(a);
      const y = cy + r * Math.sin(a);
      const deg = (a * 180) / Math.PI + 90;
      return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="Noto Sans" font-weight="bold" font-size="${size.toFixed(1)}" fill="${fill}" text-anchor="middle" transform="rotate(${deg.toFixed(1)} ${x.toFixed(1)} ${y.toFixed(1)})">${esc(ch)}</text>`;
    })
    .join('');
}

export async function stampPage(dpi: number, seed: number): Promise<WidePage> {
  const printed = directive(72, 100, 32);
  const px = pt(12, dpi);
  const lead = px * 1.5;
  const y0 = mm(28, dpi);
  let body = `<g font-family="Noto Serif" font-size="${px}" fill="#111">${printed.map((l, i) => text(mm(25, dpi), y0 + i * lead, l)).join('')}</g>`;
  // A 40 mm stamp laid over lines 20–29, ink multiplied over the print as a real stamp is.
  const cx = mm(120, dpi);
  const cy = y0 + lead * 24.5;
  const R = mm(21, dpi);
  const ring = 'ỦY BAN NHÂN DÂN XÃ ĐIỆN HỒNG * THỊ XÃ ĐIỆN BÀN *';
  const red = '#d42a2a';
  body +=
    `<g opacity="0.82" style="mix-blend-mode:multiply">` +
    `<circle cx="${cx}" cy="${cy}" r="${R}" fill="none" stroke="${red}" stroke-width="${R * 0.06}"/>` +
    `<circle cx="${cx}" cy="${cy}" r="${R * 0.72}" fill="none" stroke="${red}" stroke-width="${R * 0.025}"/>` +
    ringText(ring, cx, cy, R * 0.8, R * 0.15, red) +
    `<text x="${cx}" y="${cy + R * 0.08}" font-family="Noto Sans" font-weight="bold" font-size="${R * 0.2}" fill="${red}" text-anchor="middle">★</text>` +
    `<text x="${cx}" y="${cy + R * 0.4}" font-family="Noto Sans" font-weight="bold" font-size="${R * 0.14}" fill="${red}" text-anchor="middle">CHỦ TỊCH</text>` +
    `</g>`;
  const image = await scanLike(await a4(dpi, body), dpi, { skewDeg: 0.5, noise: 14, jpegQuality: 82, seed });
  // Truth is the black print under and around the stamp (the stamp's own wording is not counted).
  return { image, truth: printed.join(' '), compare: 'text' };
}

// ---------------------------------------------------------------- p14: a phone photo of an ID card

const CARD: [string, number, boolean][] = [
  // text, size in pt at card scale, bold
  ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 7, true],
  ['Độc lập - Tự do - Hạnh phúc', 6.5, true],
  ['CĂN CƯỚC CÔNG DÂN', 10, true],
];
const FIELDS: [string, string][] = [
  ['Số:', '048090001234'],
  ['Họ và tên:', 'NGUYỄN THỊ MINH ANH'],
  ['Ngày sinh:', '12/05/1990'],
  ['Giới tính:', 'Nữ'],
  ['Quốc tịch:', 'Việt Nam'],
  ['Quê quán:', 'Điện Bàn, Quảng Nam'],
  ['Nơi thường trú:', 'Tam Kỳ, Quảng Nam'],
];

/** Homography taking the unit square's corners to `q` (4 points, clockwise from top left). */
function homography(q: [number, number][]): number[] {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = q as [
    [number, number],
    [number, number],
    [number, number],
    [number, number],
  ];
  const dx1 = x1 - x2, dx2 = x3 - x2, dx3 = x0 - x1 + x2 - x3; // prettier-ignore
  const dy1 = y1 - y2, dy2 = y3 - y2, dy3 = y0 - y1 + y2 - y3; // prettier-ignore
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (dx3 * dy2 - dx2 * dy3) / den;
  const h = (dx1 * dy3 - dx3 * dy1) / den;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1];
}

function invert3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g; // prettier-ignore
  const det = a * A + b * B + c * C;
  return [
    A / det, -(b * i - c * h) / det, (b * f - c * e) / det,
    B / det, (a * i - c * g) / det, -(a * f - c * d) / det,
    C / det, -(a * h - b * g) / det, (a * e - b * d) / det,
  ]; // prettier-ignore
}

export async function idCardPhoto(seed: number): Promise<WidePage> {
  const cdpi = 400; // the card is drawn at 400 dpi, then photographed
  const W = Math.round(mm(85.6, cdpi));
  const H = Math.round(mm(54, cdpi));
  const truth: string[] = [];
  let g = '';
  // Guilloche-like background.
  let bg = '';
  for (let k = 0; k < 26; k++)
    bg += `<path d="M 0 ${H * (0.1 + k * 0.035)} q ${W / 4} ${-H * 0.12} ${W / 2} 0 t ${W / 2} 0" fill="none" stroke="#9cc7b4" stroke-width="2" opacity="0.6"/>`;
  let y = mm(6, cdpi);
  for (const [s, size, bold] of CARD) {
    truth.push(s);
    y += pt(size, cdpi) * 0.35;
    g += text(
      W * 0.58,
      y,
      s,
      `text-anchor="middle" font-size="${pt(size, cdpi)}"${bold ? ' font-weight="bold"' : ''}${size > 8 ? ' fill="#b01c1c"' : ''}`,
    );
    y += pt(size, cdpi);
  }
  y += mm(1.5, cdpi);
  const fx = mm(26, cdpi);
  for (const [label, value] of FIELDS) {
    truth.push(label, value);
    g += text(fx, y, label, `font-size="${pt(6, cdpi)}"`);
    g += text(
      fx + label.length * pt(6, cdpi) * 0.5 + mm(1.5, cdpi),
      y,
      value,
      `font-size="${pt(7, cdpi)}" font-weight="bold"`,
    );
    y += pt(7, cdpi) * 1.55;
  }
  // Photo box with a head-and-shoulders silhouette.
  const photo =
    `<rect x="${mm(3, cdpi)}" y="${mm(14, cdpi)}" width="${mm(20, cdpi)}" height="${mm(26, cdpi)}" fill="#dfe6ee" stroke="#667"/>` +
    `<circle cx="${mm(13, cdpi)}" cy="${mm(23, cdpi)}" r="${mm(5, cdpi)}" fill="#8a96a6"/>` +
    `<path d="M ${mm(4, cdpi)} ${mm(40, cdpi)} q ${mm(9, cdpi)} ${-mm(14, cdpi)} ${mm(18, cdpi)} 0 z" fill="#8a96a6"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
<rect width="100%" height="100%" rx="${mm(3, cdpi)}" fill="#e8f4ec"/>${bg}${photo}
<g font-family="Noto Sans" fill="#1b1b1b">${g}</g></svg>`;
  const card = await sharp(Buffer.from(svg), { density: 72 })
    .flatten({ background: '#e8f4ec' })
    .removeAlpha()
    .raw()
    .toBuffer();

  // The photo: 1600×1200 px, a wooden desk, the card tilted in perspective, soft light.
  const PW = 1600;
  const PH = 1200;
  const quad: [number, number][] = [
    [230, 250],
    [1390, 190],
    [1450, 930],
    [170, 1010],
  ];
  const inv = invert3(homography(quad));
  const out = Buffer.alloc(PW * PH * 3);
  const r = rng(seed * 17);
  for (let py = 0; py < PH; py++)
    for (let px = 0; px < PW; px++) {
      const o = (py * PW + px) * 3;
      const d = inv[6]! * px + inv[7]! * py + inv[8]!;
      const u = (inv[0]! * px + inv[1]! * py + inv[2]!) / d;
      const v = (inv[3]! * px + inv[4]! * py + inv[5]!) / d;
      const light = 0.82 + 0.18 * (1 - Math.hypot(px / PW - 0.4, py / PH - 0.35));
      if (u >= 0 && u < 1 && v >= 0 && v < 1) {
        // Bilinear sample of the card.
        const sx = u * (W - 1);
        const sy = v * (H - 1);
        const x0 = Math.floor(sx);
        const y0 = Math.floor(sy);
        const ax = sx - x0;
        const ay = sy - y0;
        for (let c = 0; c < 3; c++) {
          const p = (yy: number, xx: number) =>
            card[(Math.min(H - 1, yy) * W + Math.min(W - 1, xx)) * 3 + c]!;
          const val =
            (p(y0, x0) * (1 - ax) + p(y0, x0 + 1) * ax) * (1 - ay) +
            (p(y0 + 1, x0) * (1 - ax) + p(y0 + 1, x0 + 1) * ax) * ay;
          out[o + c] = Math.max(0, Math.min(255, val * light + (r() - 0.5) * 10));
        }
      } else {
        const grain = 0.85 + 0.15 * Math.sin(py * 0.05 + Math.sin(px * 0.004) * 6);
        out[o] = 150 * grain * light;
        out[o + 1] = 100 * grain * light;
        out[o + 2] = 62 * grain * light;
      }
    }
  // Phone cameras tag their JPEGs 72 dpi, whatever the distance to the card.
  const image = await sharp(out, { raw: { width: PW, height: PH, channels: 3 } })
    .blur(0.7)
    .withMetadata({ density: 72 })
    .jpeg({ quality: 85 })
    .toBuffer();
  return { image, truth: truth.join(' '), compare: 'words' };
}

// ---------------------------------------------------------------- p15, p16: 150 and 600 dpi scans

export async function plainScan(dpi: number, from: number, seed: number): Promise<WidePage> {
  const printed = directive(72, from, 30);
  const px = pt(12, dpi);
  const lead = px * 1.5;
  const y0 = mm(28, dpi);
  const body = `<g font-family="Noto Serif" font-size="${px}" fill="#111">${printed.map((l, i) => text(mm(25, dpi), y0 + i * lead, l)).join('')}</g>`;
  const image = await scanLike(await a4(dpi, body), dpi, {
    skewDeg: dpi < 200 ? 1.3 : -0.9,
    noise: dpi < 200 ? 12 : 18,
    jpegQuality: 80,
    grey: true,
    seed,
  });
  return { image, truth: printed.join(' '), compare: 'text' };
}
