/**
 * What main accepts on 'station:open-pdf' before it writes anything to disk
 * (electron/main/pdf-file.ts; the handler itself needs Electron, which can't run here).
 */
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { MAX_OPEN_PDF_BYTES, parseOpenPdfArgs, safePdfName } from '../../electron/main/pdf-file';

async function realPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  return doc.save();
}

describe('handing a receipt PDF to the shell to open for printing', () => {
  it('accepts a real PDF and keeps its Vietnamese name', async () => {
    const bytes = await realPdf();
    const req = parseOpenPdfArgs(['Giấy tiếp nhận 000.23.45.H01-260101-0001.pdf', bytes]);
    expect(req.fileName).toBe('Giấy tiếp nhận 000.23.45.H01-260101-0001.pdf');
    expect(req.bytes).toBe(bytes);
  });

  it('never lets a name leave the temp folder or use characters Windows refuses', () => {
    expect(safePdfName('../../etc/passwd')).toBe('passwd.pdf');
    expect(safePdfName('C:\\Windows\\System32\\evil.pdf')).toBe('evil.pdf');
    expect(safePdfName('a<b>:c"d|e?f*g\u0001.pdf')).toBe('a_b__c_d_e_f_g_.pdf');
    expect(safePdfName('..')).toBe('tai-lieu.pdf');
    expect(safePdfName('CON.pdf')).toBe('tai-lieu_CON.pdf');
    expect(safePdfName('bien-nhan')).toBe('bien-nhan.pdf');
    expect(Array.from(safePdfName('Đ'.repeat(500))).length).toBe(120);
  });

  it('refuses anything that is not a PDF, is empty or is too large, and wrong argument shapes', async () => {
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    expect(() => parseOpenPdfArgs(['x.pdf', html])).toThrow(/not a PDF/);
    expect(() => parseOpenPdfArgs(['x.pdf', new Uint8Array()])).toThrow(/1 byte/);
    const huge = new Uint8Array(MAX_OPEN_PDF_BYTES + 1);
    huge.set(new TextEncoder().encode('%PDF-1.7'));
    expect(() => parseOpenPdfArgs(['x.pdf', huge])).toThrow(/1 byte/);
    const bytes = await realPdf();
    expect(() => parseOpenPdfArgs([bytes, 'x.pdf'])).toThrow();
    expect(() => parseOpenPdfArgs(['x.pdf'])).toThrow();
    expect(() => parseOpenPdfArgs(['', bytes])).toThrow();
    expect(() => parseOpenPdfArgs(['x.pdf', Array.from(bytes)])).toThrow();
  });
});
