import fs from 'node:fs';
import sharp from 'sharp';

/** The public directive we render as "scanned" Vietnamese administrative pages. */
export const DIRECTIVE_PATH = '/work/shared/seeds/chi-thi-thang-cao-diem-quang-nam.txt';

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Words of the directive, NFC, in reading order. */
export function directiveWords(): string[] {
  const text = fs.existsSync(DIRECTIVE_PATH)
    ? fs.readFileSync(DIRECTIVE_PATH, 'utf8')
    : 'Ủy ban nhân dân tỉnh Quảng Nam chỉ đạo giải quyết thủ tục hành chính trên môi trường điện tử.';
  return text.normalize('NFC').split(/\s+/).filter(Boolean);
}

/** Breaks words into lines of at most `width` characters. */
export function wrap(words: string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

export interface PageSpec {
  dpi: number;
  lines: string[];
  /** Point size of the text (12 pt as in official documents). */
  pt?: number;
  /** A red round seal and a blue signature in the bottom right corner. */
  sealAndSignature?: boolean;
  /** Width/height in mm (A4 by default). */
  mm?: [number, number];
}

/** A clean A4 page with the lines set in Noto Serif, as a grey-free RGB PNG. */
export async function renderPage(spec: PageSpec): Promise<Buffer> {
  const [wmm, hmm] = spec.mm ?? [210, 297];
  const W = Math.round((wmm / 25.4) * spec.dpi);
  const H = Math.round((hmm / 25.4) * spec.dpi);
  const px = ((spec.pt ?? 12) / 72) * spec.dpi;
  const left = (25 / 25.4) * spec.dpi;
  const top = (25 / 25.4) * spec.dpi;
  const lead = px * 1.5;
  const texts = spec.lines
    .map(
      (l, i) => `<text x="${left.toFixed(1)}" y="${(top + px + i * lead).toFixed(1)}">${escapeXml(l)}</text>`,
    )
    .join('');
  let extra = '';
  if (spec.sealAndSignature) {
    const cx = W * 0.72;
    const cy = H * 0.85;
    const r = spec.dpi * 0.7;
    extra =
      `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="#d01818" stroke-width="${r * 0.08}"/>` +
      `<circle cx="${cx}" cy="${cy}" r="${r * 0.7}" fill="none" stroke="#d01818" stroke-width="${r * 0.03}"/>` +
      `<text x="${cx}" y="${cy}" fill="#d01818" font-size="${px * 0.9}" text-anchor="middle">UBND</text>` +
      `<path d="M ${cx - r * 1.4} ${cy + r * 0.2} q ${r * 0.4} ${-r} ${r * 0.8} 0 t ${r * 0.8} 0 t ${r * 0.8} 0 t ${r * 0.6} -${r * 0.3}" fill="none" stroke="#1a3fb0" stroke-width="${spec.dpi * 0.02}"/>`;
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
<rect width="100%" height="100%" fill="#ffffff"/>
<g font-family="Noto Serif" font-size="${px.toFixed(1)}" fill="#111111">${texts}</g>${extra}</svg>`;
  return sharp(Buffer.from(svg), { density: 72 })
    .flatten({ background: '#ffffff' })
    .withMetadata({ density: spec.dpi })
    .png()
    .toBuffer();
}

/** Deterministic pseudo-random numbers, so every run builds the same pages. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface ScanEffects {
  /** Degrees, counter-clockwise positive like sharp's rotate is clockwise: we pass -angle. */
  skewDeg?: number;
  /** Quarter turns applied to the paper (90, 180, 270). */
  turn?: 0 | 90 | 180 | 270;
  noise?: number;
  blur?: number;
  jpegQuality?: number;
  /** Dark scanner-lid border thickness in mm. */
  borderMm?: number;
  grey?: boolean;
  seed?: number;
}

/** Makes a clean page look scanned: skew, turn, dark border, noise, blur, JPEG. */
export async function scanLike(png: Buffer, dpi: number, fx: ScanEffects): Promise<Buffer> {
  let buf = png;
  // sharp keeps only one rotation per pipeline: one pass each.
  if (fx.skewDeg) buf = await sharp(buf).rotate(fx.skewDeg, { background: '#ffffff' }).png().toBuffer();
  if (fx.turn) buf = await sharp(buf).rotate(fx.turn).png().toBuffer();
  if (fx.borderMm) {
    const b = Math.round((fx.borderMm / 25.4) * dpi);
    buf = await sharp(buf)
      .extend({ top: b, bottom: b, left: b, right: b, background: '#1c1c1c' })
      .png()
      .toBuffer();
  }
  if (fx.noise || fx.grey) {
    const { data, info } = await sharp(buf).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    if (fx.noise) {
      const r = rng(fx.seed ?? 7);
      for (let i = 0; i < data.length; i += 3) {
        const n = (r() + r() + r() - 1.5) * fx.noise;
        for (let c = 0; c < 3; c++) data[i + c] = Math.max(0, Math.min(255, data[i + c]! + n));
        if (r() < 0.0004) data[i] = data[i + 1] = data[i + 2] = 30; // dust specks
      }
    }
    let s = sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } });
    if (fx.grey) s = s.greyscale();
    buf = await s.png().toBuffer();
  }
  let out = sharp(buf);
  if (fx.blur) out = out.blur(fx.blur);
  out = out.withMetadata({ density: dpi });
  return fx.jpegQuality ? out.jpeg({ quality: fx.jpegQuality }).toBuffer() : out.png().toBuffer();
}

/** Lines that make a short official notice: enough text for OSD, little for OCR (keeps the test quick). */
export const NOTICE = [
  'ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM',
  'Cộng hòa xã hội chủ nghĩa Việt Nam',
  'Độc lập - Tự do - Hạnh phúc',
  'Triển khai tháng cao điểm toàn tỉnh ra quân giải quyết',
  'thủ tục hành chính trên môi trường điện tử thông qua',
  'dịch vụ công trực tuyến mức độ 3, mức độ 4.',
  'Dưới sự chỉ đạo của các cấp ủy đảng và nỗ lực của',
  'các cấp chính quyền, tỉnh đã cơ bản hoàn thành nhiệm vụ.',
];

/** Text compared the way a reader sees it: NFC, whitespace collapsed. */
export const collapse = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Levenshtein distance between two texts, by characters (code points). */
export function editDistance(ref: string, hyp: string): number {
  const a = [...ref];
  const b = [...hyp];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Character error rate: Levenshtein distance / reference length. */
export const cer = (ref: string, hyp: string): number => editDistance(ref, hyp) / [...ref].length;
