import { describe, expect, it } from 'vitest';
import { CallFailed } from '../../shared/api';
import { errorToast } from '../../renderer/src/util/error-toast';

describe('a toast about errors: the sentences on screen, the technical words behind "Chi tiết"', () => {
  it('a portal that does not answer: the address the clerk typed stays, "ECONNREFUSED" and "fetch failed" go to the detail', () => {
    const thrown = new CallFailed({
      code: 'portal_check_unreachable',
      params: { url: 'http://127.0.0.1:9/', reason: 'connect ECONNREFUSED 127.0.0.1:9' },
      detail: 'TypeError: fetch failed',
    });
    const toast = errorToast([thrown], 'vi');
    expect(toast.lines).toHaveLength(1);
    expect(toast.lines[0]).toContain('Không kết nối được tới địa chỉ http://127.0.0.1:9/');
    expect(toast.lines.join(' ')).not.toMatch(/ECONNREFUSED|fetch failed|TypeError/);
    expect(toast.detail).toBe('connect ECONNREFUSED 127.0.0.1:9\nTypeError: fetch failed');
  });

  it('three refused files: one sentence each with its file name; a detail they share is said once', () => {
    const toast = errorToast(
      [
        { code: 'image_unsupported', params: { name: 'ghi-chu.txt' } },
        {
          code: 'image_corrupt',
          params: { name: 'trang-1.jpg' },
          detail: 'VipsJpeg: Premature end of JPEG file',
        },
        {
          code: 'image_corrupt',
          params: { name: 'trang-2.jpg' },
          detail: 'VipsJpeg: Premature end of JPEG file',
        },
      ],
      'vi',
    );
    expect(toast.lines).toEqual([
      'Tệp "ghi-chu.txt" không phải ảnh JPEG, PNG hay TIFF. Hãy chọn đúng tệp ảnh quét.',
      'Tệp ảnh "trang-1.jpg" bị hỏng hoặc chưa lưu hết. Hãy quét lại trang này.',
      'Tệp ảnh "trang-2.jpg" bị hỏng hoặc chưa lưu hết. Hãy quét lại trang này.',
    ]);
    expect(toast.detail).toBe('VipsJpeg: Premature end of JPEG file');
  });

  it('something that is not a station error at all: the calm sentence, the exception only in the detail', () => {
    const toast = errorToast([new TypeError("Cannot read properties of undefined (reading 'x')")], 'vi');
    expect(toast.lines[0]).toMatch(/^Đã xảy ra lỗi không mong muốn\./);
    expect(toast.lines[0]).not.toMatch(/undefined|TypeError/);
    expect(toast.detail).toContain("TypeError: Cannot read properties of undefined (reading 'x')");
  });

  it('nothing technical: no "Chi tiết" to offer', () => {
    const toast = errorToast([{ code: 'file_empty', params: { name: 'trang-3.png' } }], 'vi');
    expect(toast.lines).toEqual(['Tệp "trang-3.png" rỗng. Hãy quét hoặc chọn lại tệp.']);
    expect(toast.detail).toBeNull();
  });
});
