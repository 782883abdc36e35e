import { describe, expect, it } from 'vitest';
import { ocrDpi } from '../../electron/engine/imaging/pipeline';

// A clerk's scanner may be set to 150, 200, 300 or 600 dpi; the page is read at the resolution
// tesseract reads best (bench:ocr), never upsampled beyond the scan itself down to 150 dpi.
describe('the resolution a page is read at', () => {
  it('reads fine scans at 200 dpi and low ones at their own resolution', () => {
    expect(ocrDpi(600)).toBe(200);
    expect(ocrDpi(300)).toBe(200);
    expect(ocrDpi(200)).toBe(200);
    expect(ocrDpi(150)).toBe(150);
    expect(ocrDpi(96)).toBe(150);
  });
  it('reads a page of unknown resolution at 200 dpi', () => {
    expect(ocrDpi(0)).toBe(200);
    expect(ocrDpi(Number.NaN)).toBe(200);
  });
});
