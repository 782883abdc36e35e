import { describe, expect, it } from 'vitest';
import { plainError } from '../../shared/i18n';

describe('an error as the clerk reads it: Vietnamese, the technical words behind "Chi tiết"', () => {
  it('takes a PKCS#11 library path out of the sentence, into the detail', () => {
    const p = plainError({
      code: 'sign_module_load_failed',
      params: { path: '/usr/lib/softhsm/libsofthsm2.so' },
    });
    expect(p.text).toBe(
      'Không nạp được thư viện ký số. Kiểm tra đường dẫn và cài lại phần mềm của nhà cung cấp chữ ký số.',
    );
    expect(p.detail).toBe('/usr/lib/softhsm/libsofthsm2.so');
  });

  it('takes "ECONNREFUSED" and "fetch failed" out with their brackets, keeps the address the clerk typed', () => {
    const p = plainError({
      code: 'portal_check_unreachable',
      params: { url: 'http://127.0.0.1:9/', reason: 'connect ECONNREFUSED 127.0.0.1:9' },
      detail: 'TypeError: fetch failed',
    });
    expect(p.text).toContain('Không kết nối được tới địa chỉ http://127.0.0.1:9/. Kiểm tra lại');
    expect(p.text).not.toMatch(/ECONNREFUSED|fetch|\(\)/);
    expect(p.detail).toBe('connect ECONNREFUSED 127.0.0.1:9\nTypeError: fetch failed');
  });

  it("keeps a reason already in Vietnamese (the portal's own answer), and says nothing extra when nothing is hidden", () => {
    const p = plainError({ code: 'portal_rejected', params: { reason: 'Thiếu tờ khai đã ký' } });
    expect(p.text).toContain('Cổng dịch vụ công từ chối hồ sơ: Thiếu tờ khai đã ký.');
    expect(p.detail).toBeNull();
    const cut = plainError({ code: 'portal_rejected', params: { reason: 'HTTP 422 Unprocessable Entity' } });
    expect(cut.text).toMatch(/^Cổng dịch vụ công từ chối hồ sơ\. Hãy kiểm tra/);
    expect(cut.detail).toBe('HTTP 422 Unprocessable Entity');
  });

  it('an unexpected failure: the calm sentence, the exception only in the detail', () => {
    const p = plainError({ code: 'internal', detail: "Cannot read properties of undefined (reading 'x')" });
    expect(p.text).toBe(
      'Đã xảy ra lỗi không mong muốn. Dữ liệu đã lưu vẫn còn nguyên; hãy báo bộ phận kỹ thuật.',
    );
    expect(p.detail).toContain('Cannot read properties');
  });
});
