import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import type { CreateDossierRequest } from '../portal/protocol';

const require = createRequire(import.meta.url);
let font: Buffer | null = null;
const fontBytes = () =>
  (font ??= fs.readFileSync(
    path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf'),
  ));

/**
 * The electronic result (kết quả giải quyết) the sandbox issues when a dossier
 * is done, before the sandbox signs it (./signing.ts).
 */
export async function makeResultPdf(req: CreateDossierRequest): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const f = await doc.embedFont(fontBytes(), { subset: true });
  const p = doc.addPage([595, 842]);
  const line = (text: string, y: number, size = 12) =>
    p.drawText(text, { x: 60, y, size, font: f, color: rgb(0, 0, 0) });
  line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 780, 13);
  line('Độc lập - Tự do - Hạnh phúc', 762);
  line('KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH (MẪU — HỘP CÁT)', 700, 13);
  line(`Mã hồ sơ: ${req.MaHoSo}`, 660);
  line(`Thủ tục: ${req.MaTTHC} ${req.TenTTHC}`.slice(0, 90), 640);
  line(`Chủ hồ sơ: ${req.ChuHoSo}`, 620);
  line('Tài liệu thử nghiệm do cổng hộp cát sinh ra, không có giá trị pháp lý.', 580, 10);
  doc.setTitle(`Kết quả ${req.MaHoSo}`);
  return Buffer.from(await doc.save());
}
