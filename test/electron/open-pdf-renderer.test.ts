/**
 * The renderer's side of "In / mở biên nhận": in the Electron app the PDF goes to the
 * shell (window.station.openPdf, which the preload forwards to main), in web mode it is
 * downloaded. Electron can't run here, so window/document are minimal stand-ins; the
 * bytes the renderer hands over are checked with main's own validation.
 */
import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { parseOpenPdfArgs } from '../../electron/main/pdf-file';
import { canOpenPdf, openOrDownloadPdf } from '../../renderer/src/util/files';

const g = globalThis as unknown as Record<string, unknown>;
const downloads: string[] = [];

function fakeDocument(): void {
  g.document = {
    createElement: () => {
      const a = { href: '', download: '', style: {}, click: () => downloads.push(a.download), remove() {} };
      return a;
    },
    body: { append() {} },
  };
  g.window = { ...(g.window as object), setTimeout: () => 0 };
  URL.createObjectURL = () => 'blob:x';
}

async function receiptBase64(): Promise<{ bytes: Uint8Array; base64: string }> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  const bytes = await doc.save();
  return { bytes, base64: Buffer.from(bytes).toString('base64') };
}

afterEach(() => {
  delete g.window;
  delete g.document;
  downloads.length = 0;
});

describe('printing a receipt from the app', () => {
  it('in Electron hands the exact PDF to the shell, which main accepts, and downloads nothing', async () => {
    const { bytes, base64 } = await receiptBase64();
    const handed: unknown[][] = [];
    g.window = { station: { openPdf: async (...args: unknown[]) => void handed.push(args) } };
    fakeDocument();
    expect(canOpenPdf()).toBe(true);
    expect(await openOrDownloadPdf('Giấy tiếp nhận.pdf', base64)).toBe('opened');
    expect(handed).toHaveLength(1);
    const req = parseOpenPdfArgs(handed[0]!);
    expect(req.fileName).toBe('Giấy tiếp nhận.pdf');
    expect(Buffer.from(req.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(downloads).toEqual([]);
  });

  it('still gets the file to the clerk as a download when no viewer opens it', async () => {
    const { base64 } = await receiptBase64();
    g.window = { station: { openPdf: () => Promise.reject(new Error('no application')) } };
    fakeDocument();
    expect(await openOrDownloadPdf('bien-nhan.pdf', base64)).toBe('downloaded');
    expect(downloads).toEqual(['bien-nhan.pdf']);
  });

  it('in web mode (no shell) downloads the PDF as before', async () => {
    const { base64 } = await receiptBase64();
    g.window = {};
    fakeDocument();
    expect(canOpenPdf()).toBe(false);
    expect(await openOrDownloadPdf('bien-nhan.pdf', base64)).toBe('downloaded');
    expect(downloads).toEqual(['bien-nhan.pdf']);
  });
});
