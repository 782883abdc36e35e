/** Messages for the contract's error codes, in the words a clerk can act on. */
import type { AppError, ErrorCode } from '../api';

export type Lang = 'vi' | 'en';

type Messages = Record<ErrorCode, string>;

const vi: Messages = {
  invalid_request: 'Yêu cầu không hợp lệ. Hãy thử lại; nếu vẫn lỗi, báo cho bộ phận kỹ thuật.',
  unknown_method: 'Chức năng này chưa có trong phiên bản đang chạy. Hãy cập nhật ứng dụng.',
  unknown_procedure: 'Không tìm thấy thủ tục có mã "{code}" trong danh mục. Kiểm tra lại mã thủ tục.',
  unknown_component: 'Thủ tục này không có thành phần hồ sơ mã "{code}".',
  dossier_not_found: 'Không tìm thấy hồ sơ "{id}". Có thể hồ sơ đã bị xóa.',
  page_not_found: 'Không tìm thấy trang này. Hãy tải lại hồ sơ.',
  file_empty: 'Tệp "{name}" rỗng. Hãy quét hoặc chọn lại tệp.',
  image_unsupported: 'Tệp "{name}" không phải ảnh JPEG, PNG hay TIFF. Hãy chọn đúng tệp ảnh quét.',
  image_corrupt: 'Tệp ảnh "{name}" bị hỏng hoặc chưa lưu hết. Hãy quét lại trang này.',
  image_too_large:
    'Ảnh "{name}" quá lớn ({width}×{height} điểm ảnh). Hãy quét lại ở độ phân giải 200–300 dpi.',
  component_empty: 'Thành phần "{code}" chưa có trang nào. Hãy thêm trang trước khi tạo PDF.',
  pdf_not_built: 'Chưa tạo PDF cho thành phần "{code}". Hãy bấm "Tạo PDF" trước.',
  data_dir_locked:
    'Thư mục dữ liệu {dir} đang được một phiên Trạm Số hóa khác sử dụng (tiến trình {pid}). Hãy đóng phiên đó rồi mở lại.',
  disk_full: 'Ổ đĩa đã đầy. Hãy giải phóng dung lượng; dữ liệu đã lưu vẫn còn nguyên.',
  transport_closed: 'Mất kết nối với bộ máy xử lý. Hãy tải lại trang hoặc khởi động lại ứng dụng.',
  internal: 'Đã xảy ra lỗi không mong muốn. Dữ liệu đã lưu vẫn còn nguyên; hãy báo bộ phận kỹ thuật.',
};

const en: Messages = {
  invalid_request: 'Invalid request. Try again; if it persists, contact support.',
  unknown_method: 'This function is not available in the running version. Update the app.',
  unknown_procedure: 'No procedure with code "{code}" in the catalogue. Check the procedure code.',
  unknown_component: 'This procedure has no component "{code}".',
  dossier_not_found: 'Dossier "{id}" not found. It may have been deleted.',
  page_not_found: 'Page not found. Reload the dossier.',
  file_empty: 'File "{name}" is empty. Scan or choose it again.',
  image_unsupported: 'File "{name}" is not a JPEG, PNG or TIFF image. Choose a scanned image.',
  image_corrupt: 'Image "{name}" is damaged or incomplete. Scan this page again.',
  image_too_large: 'Image "{name}" is too large ({width}×{height} pixels). Scan it again at 200–300 dpi.',
  component_empty: 'Component "{code}" has no pages yet. Add pages before making the PDF.',
  pdf_not_built: 'No PDF yet for component "{code}". Assemble it first.',
  data_dir_locked:
    'Data directory {dir} is in use by another SoHoa Station engine (process {pid}). Close it and try again.',
  disk_full: 'The disk is full. Free some space; what was already saved is intact.',
  transport_closed: 'Lost the connection to the engine. Reload the page or restart the app.',
  internal: 'Something unexpected went wrong. Saved data is intact; please report it.',
};

const table: Record<Lang, Messages> = { vi, en };

export function interpolate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.hasOwn(params, key) ? String(params[key]) : whole,
  );
}

export function errorMessage(error: Pick<AppError, 'code' | 'params'>, lang: Lang = 'vi'): string {
  return interpolate(table[lang][error.code], error.params);
}
