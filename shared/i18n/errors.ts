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
  data_key_mismatch:
    'Dữ liệu trong {dir} được mã hóa bằng khóa không có trên máy này (hoặc khóa đã bị thay). Hãy mở bằng đúng tài khoản và máy đã tạo dữ liệu, hoặc khôi phục tệp khóa từ bản sao lưu; không xóa thư mục dữ liệu.',
  data_damaged:
    'Một tệp dữ liệu đã mã hóa bị hỏng hoặc bị sửa (không khớp mã kiểm tra). Hãy khôi phục từ bản sao lưu và báo cho quản trị.',
  transport_closed: 'Mất kết nối với bộ máy xử lý. Hãy tải lại trang hoặc khởi động lại ứng dụng.',
  sign_module_missing:
    'Chưa tìm thấy thư viện PKCS#11 của USB ký số. Hãy cài phần mềm của nhà cung cấp chữ ký số (VNPT-CA, Viettel-CA, FPT-CA, BKAV-CA…) hoặc chỉ đường dẫn thư viện trong Cài đặt › Ký số.',
  sign_module_load_failed:
    'Không nạp được thư viện ký số "{path}". Kiểm tra đường dẫn và cài lại phần mềm của nhà cung cấp chữ ký số.',
  sign_token_not_found: 'Không thấy USB ký số "{token}". Hãy cắm USB ký số vào máy rồi bấm "Thử lại".',
  sign_key_not_found: 'Trên USB ký số không có khóa bí mật cho chứng thư đã chọn. Hãy chọn lại chứng thư số.',
  sign_no_choice: 'Chưa chọn chứng thư số để ký. Hãy chọn USB ký số và chứng thư số trước.',
  sign_pin_incorrect: 'Mã PIN không đúng. Hãy nhập lại cẩn thận.',
  sign_pin_count_low:
    'Mã PIN không đúng, và USB ký số báo chỉ còn ít lần thử. Hãy kiểm tra kỹ mã PIN trước khi nhập lại.',
  sign_pin_final_try:
    'Mã PIN không đúng. Chỉ còn MỘT lần thử: nhập sai lần nữa USB ký số sẽ bị khóa. Nếu không chắc chắn mã PIN, hãy dừng lại và hỏi người quản lý chữ ký số.',
  sign_pin_locked:
    'USB ký số đã bị khóa do nhập sai mã PIN quá số lần cho phép. Hãy liên hệ nhà cung cấp chữ ký số (hoặc người giữ mã PUK) để mở khóa; không thể ký cho đến khi mở khóa.',
  sign_pin_invalid: 'Mã PIN không đúng độ dài hoặc có ký tự không hợp lệ. Hãy nhập lại.',
  sign_cert_expired:
    'Chứng thư số của "{name}" đã hết hạn ngày {date}. Không thể ký bằng chứng thư này; hãy gia hạn với nhà cung cấp chữ ký số hoặc chọn chứng thư khác.',
  sign_cert_not_yet_valid:
    'Chứng thư số của "{name}" chỉ có hiệu lực từ ngày {date}. Kiểm tra ngày giờ của máy hoặc chọn chứng thư khác.',
  sign_cert_no_usage:
    'Chứng thư số của "{name}" không được phép dùng để ký số (thiếu mục đích "chữ ký số"). Hãy chọn chứng thư ký số khác trên USB.',
  sign_device_error:
    'USB ký số không phản hồi đúng. Hãy rút ra, cắm lại rồi thử lại; các tệp đã ký vẫn còn nguyên.',
  sign_pdf_unreadable:
    'Không đọc được tệp PDF "{name}" để ký hoặc kiểm tra. Hãy tạo lại PDF của thành phần này.',
  sign_not_signed: 'Thành phần "{code}" chưa được ký số.',
  sign_tsa_unreachable:
    'Không kết nối được máy chủ cấp dấu thời gian ({url}). Kiểm tra đường truyền hoặc địa chỉ máy chủ trong Cài đặt › Ký số, rồi thử lại.',
  sign_level_needs_tsa:
    'Mức chữ ký {level} cần máy chủ cấp dấu thời gian (TSA), nhưng chưa cấu hình TSA. Hãy bật và nhập địa chỉ TSA trong Cài đặt › Ký số, hoặc chọn mức B-B.',
  sign_revocation_unreachable:
    'Không lấy được tình trạng thu hồi (OCSP/CRL) của chứng thư {names}: tệp chưa đạt mức {level}. Kiểm tra đường truyền rồi ký lại; nếu vẫn không được, tệp chỉ có thể ký ở mức B-T.',
  sign_cert_revoked:
    'Chứng thư số của "{name}" đã bị thu hồi ({date}). Không thể ký bằng chứng thư này; hãy liên hệ tổ chức cung cấp dịch vụ chứng thực.',
  internal: 'Đã xảy ra lỗi không mong muốn. Dữ liệu đã lưu vẫn còn nguyên; hãy báo bộ phận kỹ thuật.',
  portal_unreachable:
    'Không kết nối được cổng dịch vụ công. Hồ sơ vẫn nằm an toàn trong hàng đợi và sẽ tự gửi lại khi có mạng; kiểm tra đường truyền nếu chờ quá lâu.',
  portal_timeout: 'Cổng dịch vụ công không trả lời kịp. Trạm sẽ tự thử lại; không cần làm gì thêm.',
  portal_busy: 'Cổng dịch vụ công đang bận hoặc gặp lỗi. Trạm sẽ tự thử lại sau ít phút.',
  portal_credentials:
    'Cổng dịch vụ công từ chối mã trạm hoặc khóa truy cập. Hãy kiểm tra thông tin kết nối cổng trong Cài đặt rồi bấm "Thử lại ngay".',
  portal_dvcqg_credentials:
    'Cổng dịch vụ công quốc gia (qua nền tảng tích hợp của tỉnh) từ chối tên đăng nhập hoặc mật khẩu tích hợp. Hồ sơ vẫn nằm an toàn trong hàng đợi. Hãy kiểm tra tên đăng nhập, mật khẩu và mã đơn vị trong Cài đặt › Kết nối rồi bấm "Thử lại ngay".',
  catalog_national_failed:
    'Không đọc được thủ tục từ Cơ sở dữ liệu quốc gia về thủ tục hành chính (qua nền tảng tích hợp của tỉnh). Danh mục của trạm không thay đổi. Hãy thử lại sau ít phút; nếu vẫn lỗi, kiểm tra địa chỉ, tên đăng nhập, mật khẩu và mã đơn vị trong Cài đặt › Kết nối.',
  catalog_needs_dvcqg:
    'Chỉ đối chiếu được danh mục khi trạm kết nối Cổng DVC quốc gia (DVCQG). Hãy chọn kiểu kết nối "Tích hợp DVCQG" và nhập thông tin trong Cài đặt › Kết nối.',
  portal_dossier_conflict:
    'Cổng dịch vụ công quốc gia đã có hồ sơ {code} nhưng khác thủ tục hoặc chủ hồ sơ. Trạm không ghi đè: hãy đối chiếu mã hồ sơ với quản trị cổng của tỉnh, rồi bấm "Thử lại ngay".',
  portal_rejected:
    'Cổng dịch vụ công từ chối hồ sơ: {reason}. Hãy kiểm tra hồ sơ rồi bấm "Thử lại ngay", hoặc báo bộ phận kỹ thuật.',
  portal_not_configured: 'Chưa cấu hình cổng dịch vụ công. Hãy nhập địa chỉ cổng trong Cài đặt.',
  portal_check_unreachable:
    'Không kết nối được tới địa chỉ {url} ({reason}). Kiểm tra lại địa chỉ cổng (http/https, tên máy, số cổng) và đường mạng của trạm, rồi bấm "Kiểm tra kết nối" lại.',
  portal_check_timeout:
    'Địa chỉ {url} không trả lời trong {seconds} giây. Kiểm tra lại địa chỉ cổng và đường mạng (tường lửa, proxy), rồi thử lại.',
  portal_check_credentials:
    'Cổng dịch vụ công từ chối mã trạm hoặc khóa truy cập. Kiểm tra lại "Mã trạm trên cổng" và "Khóa truy cập" do tỉnh cấp, rồi bấm "Kiểm tra kết nối" lại.',
  portal_check_not_portal:
    'Địa chỉ {url} có trả lời nhưng không phải cổng dịch vụ công ({reason}). Kiểm tra lại địa chỉ (đường dẫn đầy đủ đến cổng tích hợp do tỉnh cung cấp).',
  portal_check_tls:
    'Không lập được kết nối bảo mật (HTTPS) tới {url} ({reason}). Kiểm tra địa chỉ bắt đầu bằng http:// hay https://, đồng hồ của máy, hoặc chứng thư của cổng; báo bộ phận kỹ thuật nếu vẫn lỗi.',
  portal_check_no_key: 'Chưa có khóa truy cập cổng. Hãy nhập "Khóa truy cập" rồi bấm "Kiểm tra kết nối".',
  outbox_no_files:
    'Hồ sơ chưa có tệp PDF nào để gửi. Hãy quét trang cho các thành phần rồi bấm "Thử lại ngay".',
  result_not_ready: 'Hồ sơ chưa có kết quả từ cổng dịch vụ công. Hãy chờ cổng báo "đã có kết quả".',
  data_purged: 'Tệp này đã được xóa khỏi trạm khi hết thời hạn lưu trữ dữ liệu cá nhân.',
  batch_invalid:
    'Thư mục "{folder}" không hợp lệ: {reason}. Hãy sửa tệp dossier.json rồi nhập lại; các hồ sơ khác không bị ảnh hưởng.',
  batch_folder_missing: 'Không tìm thấy thư mục "{dir}". Hãy kiểm tra đường dẫn.',
  payment_not_needed: 'Thủ tục này không thu phí, lệ phí.',
  payment_needs_portal:
    'Hồ sơ chưa được gửi lên cổng dịch vụ công nên chưa thể thanh toán trực tuyến. Hãy chờ hồ sơ được gửi, hoặc thu tiền mặt tại quầy.',
  payment_not_found:
    'Hồ sơ này chưa có yêu cầu thanh toán. Hãy chọn "Thu tiền mặt" hoặc "Thanh toán trực tuyến" trước.',
  dossier_incomplete:
    'Hồ sơ còn thiếu thành phần bắt buộc: {missing}. Hãy quét bổ sung hoặc ghi lý do ngoại lệ cho từng thành phần.',
  dossier_not_draft: 'Hồ sơ này đã được tiếp nhận (mã {code}); không thể tiếp nhận lại hay sửa người nộp.',
  dossier_wrong_status: 'Hồ sơ đang ở trạng thái "{status}", không thực hiện được thao tác này.',
  dossier_code_exhausted:
    'Trạm {station} đã dùng hết dải số hồ sơ trong ngày ({first}–{last}). Hãy tiếp nhận ở trạm khác của đơn vị.',
  station_code_invalid:
    'Mã trạm "{station}" không hợp lệ để cấp mã hồ sơ: cần một số từ 01 đến 10. Hãy sửa trong Cài đặt.',
  calendar_invalid:
    'Lịch làm việc không hợp lệ: {problem}. Hãy sửa giờ làm việc hoặc bảng ngày nghỉ trong Cài đặt.',
  catalog_invalid: 'Tệp danh mục "{file}" không nhập được, chưa có gì thay đổi: {problem}',
  scan_no_paper: 'Khay nạp giấy của máy quét "{device}" đang trống. Hãy đặt giấy vào khay rồi bấm Quét lại.',
  scan_jammed:
    'Giấy bị kẹt trong máy quét "{device}". Hãy mở nắp, gỡ tờ bị kẹt, đặt lại các tờ chưa quét rồi bấm Quét; các trang đã quét vẫn được giữ.',
  scan_cover_open: 'Nắp máy quét "{device}" đang mở. Hãy đóng nắp rồi bấm Quét lại.',
  scan_device_busy:
    'Máy quét "{device}" đang bận (đang quét cho việc khác). Hãy chờ một lát rồi bấm Quét lại.',
  scan_device_gone:
    'Mất kết nối với máy quét "{device}". Hãy kiểm tra cáp/nguồn/mạng của máy quét rồi bấm Quét lại; các trang đã quét vẫn được giữ.',
  scan_timeout:
    'Máy quét "{device}" không phản hồi sau {seconds} giây nên đã được dừng. Hãy tắt và bật lại máy quét rồi quét lại; các trang đã quét vẫn được giữ.',
  scan_failed:
    'Máy quét "{device}" báo lỗi khi quét. Hãy kiểm tra máy quét rồi thử lại; nếu vẫn lỗi, báo bộ phận kỹ thuật. Các trang đã quét vẫn được giữ.',
  scan_unknown_device:
    'Không tìm thấy máy quét "{device}". Hãy bật máy quét, chọn lại thiết bị trong danh sách rồi thử lại.',
  scan_setting_unsupported:
    'Máy quét "{device}" không hỗ trợ thiết lập {setting} = {value}. Hãy chọn thiết lập khác hoặc hồ sơ quét khác.',
  scan_job_not_found: 'Lượt quét này đã kết thúc hoặc không còn tồn tại.',
  pdf_encrypted:
    'Tệp PDF "{name}" được đặt mật khẩu hoặc mã hóa. Hãy xin bản PDF không mật khẩu, hoặc in ra rồi quét.',
  pdf_corrupt: 'Tệp PDF "{name}" bị hỏng hoặc chưa tải hết. Hãy lấy lại tệp hoặc quét bản giấy.',
  file_too_large: 'Tệp "{name}" quá lớn ({megabytes} MB). Hãy quét lại ở 200–300 dpi hoặc chia nhỏ tệp.',
  imaging_not_ready: 'Trang này đang được xử lý (làm sạch, nhận dạng chữ). Hãy đợi vài giây rồi thử lại.',
  image_all_black: 'Ảnh "{name}" toàn màu đen. Hãy kiểm tra nắp máy quét và quét lại trang này.',
  report_period_invalid:
    'Kỳ báo cáo {from} – {to} không hợp lệ: ngày bắt đầu phải trước hoặc bằng ngày kết thúc. Hãy chọn lại khoảng ngày.',
  auth_required: 'Cần đăng nhập để làm việc này. Hãy đăng nhập bằng tài khoản của mình.',
  auth_forbidden:
    'Tài khoản của bạn không có quyền làm việc này (cần quyền {role}). Hãy nhờ người có quyền thực hiện.',
  auth_failed:
    'Tên đăng nhập hoặc mật khẩu không đúng. Hãy nhập lại (chú ý chữ hoa, chữ thường và bộ gõ tiếng Việt).',
  auth_throttled:
    'Đã nhập sai nhiều lần. Hãy đợi {seconds} giây rồi thử lại; nếu quên mật khẩu, hãy nhờ quản trị đặt lại.',
  auth_disabled: 'Tài khoản "{username}" đã bị khóa. Hãy liên hệ quản trị của đơn vị.',
  auth_locked:
    'Màn hình đã khóa do không thao tác. Hãy nhập mã PIN hoặc mật khẩu để tiếp tục; những gì đang làm vẫn được giữ.',
  auth_pin_unavailable:
    'Chưa đổi ca nhanh được cho "{username}": cần đăng nhập đầy đủ bằng mật khẩu trong ngày hôm nay và đã đặt mã PIN.',
  accounts_exist: 'Trạm đã có tài khoản quản trị. Hãy đăng nhập.',
  account_exists: 'Tên đăng nhập "{username}" đã có. Hãy chọn tên khác.',
  account_not_found: 'Không có tài khoản "{username}".',
  account_last_admin:
    'Không thể khóa hoặc hạ quyền quản trị cuối cùng của trạm. Hãy tạo quản trị khác trước.',
  dossier_locked:
    'Hồ sơ {code} đã tiếp nhận nên không thể sửa trang, thành phần hay tệp PDF. Nếu cần sửa, lãnh đạo bộ phận mở đính chính hồ sơ (có ghi lý do).',
  consent_document_missing:
    'Chưa có bản quét giấy ủy quyền có chữ ký trong thành phần "{code}". Hãy quét giấy ủy quyền vào thành phần đó, hoặc đánh dấu xác nhận công dân đồng ý tại quầy.',
  consent_missing:
    'Hồ sơ {code} chưa có sự đồng ý ủy quyền nộp trực tuyến của công dân nên không gửi lên cổng; hồ sơ được giải quyết theo hình thức giấy.',
  correction_while_uploading:
    'Hồ sơ {code} đang được gửi lên cổng dịch vụ công. Hãy chờ gửi xong rồi mới mở đính chính.',
  correction_needs_signature:
    'Chưa thể hoàn tất đính chính hồ sơ {code}: thành phần {components} cần ký số lại bản PDF mới.',
  dossier_in_use:
    'Hồ sơ này đang được {name} xử lý trên máy khác. Hãy đợi {name} làm xong; nếu {name} không thao tác trong {minutes} phút, bạn có thể tiếp tục. Chưa có gì bị thay đổi.',
  // Hostile input (issue 19).
  image_truncated:
    'Ảnh "{name}" bị cắt/hỏng (thiếu một phần dữ liệu ảnh) — hãy quét lại trang này. Ảnh không được thêm vào hồ sơ.',
  pdf_damaged:
    'Tệp PDF "{name}" bị hỏng (bảng tham chiếu chéo sai: tệp bị cắt, thiếu một đoạn hoặc bị sửa) nên phải sửa mới đọc được. Tệp không được thêm; hãy lấy lại tệp gốc hoặc quét bản giấy.',
  pdf_page_damaged:
    'Trang {page} của tệp PDF "{name}" bị hỏng: nội dung trang bị cắt, không đọc được đầy đủ (nếu thêm sẽ thành trang trắng hoặc thiếu). Tệp không được thêm; hãy lấy lại tệp gốc hoặc quét bản giấy.',
  scan_page_incomplete:
    'Trang {page} từ máy quét {device} không trọn (máy quét dừng giữa trang: mất kết nối hoặc lỗi trình điều khiển). Trang này không được thêm; hãy kiểm tra cáp/kết nối rồi quét lại từ trang {page}.',
  message_too_large:
    'Dữ liệu gửi một lần quá lớn ({megabytes} MB, tối đa {limit} MB). Hãy thêm ít tệp hơn mỗi lần.',
  upload_incomplete:
    'Tệp "{name}" chưa được gửi trọn vẹn lên trạm (bị ngắt giữa chừng hoặc chờ quá lâu) nên không được thêm vào hồ sơ. Hãy thêm lại tệp này.',
  vietqr_bin_invalid:
    'Mã BIN ngân hàng "{bin}" không hợp lệ: mã BIN gồm đúng 6 chữ số (ví dụ 970436). Kiểm tra lại trong cài đặt chuyển khoản.',
  vietqr_account_invalid:
    'Số tài khoản nhận không hợp lệ: chỉ gồm chữ và số, tối đa 19 ký tự. Kiểm tra lại trong cài đặt chuyển khoản.',
  vietqr_amount_invalid:
    'Số tiền trên mã VietQR phải là số đồng nguyên dương, không có phần lẻ, và không quá {max} đồng.',
  vietqr_note_invalid:
    'Nội dung chuyển khoản chỉ được gồm chữ không dấu, chữ số, khoảng trắng và các dấu . , - / _, tối đa {max} ký tự.',
  vietqr_not_configured:
    'Trạm chưa được cài đặt tài khoản nhận chuyển khoản (mã BIN ngân hàng và số tài khoản), hoặc đơn vị chưa cho phép thu qua chuyển khoản. Quản trị cài đặt trong mục Cài đặt.',
  feedback_not_received: 'Hồ sơ này chưa được tiếp nhận nên chưa thể đánh giá.',
  feedback_exists: 'Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ đánh giá một lần và không thể sửa hay xóa.',
  citizen_only: 'Chỉ màn hình dành cho người dân mới thực hiện được thao tác này.',
  citizen_view_stale: 'Màn hình đã chuyển sang hồ sơ khác. Xin mời xem lại màn hình.',
  citizen_pairing_invalid:
    'Mã ghép nối không đúng hoặc đã hết hạn. Hãy lấy mã mới trên màn hình của cán bộ (mỗi mã dùng một lần, trong 5 phút).',
  citizen_pairing_locked:
    'Đã nhập sai mã ghép nối quá nhiều lần. Hãy đợi {seconds} giây rồi nhập mã mới trên màn hình của cán bộ.',
  citizen_lookup_throttled: 'Đã tra cứu quá nhiều lần. Xin đợi một phút rồi thử lại.',
  text_unprintable:
    'Ô "{field}" có ký tự không in được trên phiếu: {chars}. Hãy xóa hoặc gõ lại các ký tự đó (biểu tượng cảm xúc, ký tự điều khiển, chữ ngoài bảng chữ Việt).',
  form_wrong_status:
    'Không lập được {form} cho hồ sơ {code}: phiếu này chỉ lập cho hồ sơ {allowed}, còn hồ sơ đang ở trạng thái "{status}".',
  refusal_missing:
    'Hồ sơ {code} chưa có quyết định từ chối tiếp nhận. Hãy ghi lý do từ chối trước (nút "Từ chối tiếp nhận" hoặc sohoa dossier refuse), rồi in phiếu từ chối.',
  ending_reason_invalid:
    'Hãy ghi lý do {action} từ {min} đến {max} ký tự (lý do vừa nhập có {length} ký tự), để lưu vào hồ sơ và báo lên Cổng dịch vụ công.',
  dossier_ended:
    'Hồ sơ {code} đã {ending} lúc {at} (cán bộ {by}): hồ sơ đã kết thúc, không thực hiện được thao tác này nữa.',
  withdraw_not_received:
    'Hồ sơ {code} chưa được tiếp nhận nên không cần rút: trả lại giấy tờ cho người dân, hoặc ghi "Từ chối tiếp nhận" nếu hồ sơ không đủ điều kiện.',
  ending_handed_over:
    'Hồ sơ {code} đã trả kết quả cho người dân lúc {at}: không {action} được hồ sơ đã trả kết quả.',
  ending_correction_open:
    'Hồ sơ {code} đang được đính chính: hãy hoàn tất đính chính (nút "Hoàn tất đính chính") trước khi {action}.',
  apology_not_late:
    'Hồ sơ {code} còn trong hạn (hẹn trả {appointment}), chưa cần phiếu xin lỗi và hẹn lại ngày trả kết quả. Phiếu chỉ lập khi hồ sơ đã quá hạn hoặc còn dưới {hours} giờ làm việc.',
  apology_missing:
    'Hồ sơ {code} đã quá hạn (hẹn trả {appointment}) nhưng chưa có phiếu xin lỗi. Hãy lập phiếu xin lỗi với lý do và ngày hẹn mới trước (nút "Xin lỗi, hẹn lại" hoặc sohoa dossier apologize).',
  apology_date_invalid:
    'Ngày hẹn mới {date} không hợp lệ: phải sau thời điểm hiện tại và sau ngày hẹn cũ {appointment}.',
  stop_notice_missing:
    'Hồ sơ {code} chưa có thông báo dừng giải quyết. Hãy ghi lý do dừng trước (nút "Thông báo dừng giải quyết" hoặc sohoa receipt ID --form 07 --reason "…"), rồi in thông báo.',
  form_text_unknown:
    'Không có lời văn "{key}" trong {form}: trạm không in mục này. Hãy tải lại danh sách lời văn.',
  form_text_placeholder:
    'Lời văn "{key}" của {form} có chỗ điền {placeholder} mà trạm không biết điền gì: giấy in ra sẽ còn nguyên chữ đó. Chỉ được dùng: {allowed}. Chưa lưu thay đổi nào.',
  agency_code_invalid:
    'Mã cơ quan "{code}" không đúng dạng mã định danh (ví dụ 000.00.00.H47). Hãy nhập lại mã cơ quan.',
  postal_price_missing:
    'Bảng cước bưu chính: dòng "{line}" ({field}) chưa có số tiền. Hãy nhập số tiền bằng đồng, là số nguyên từ 0 trở lên (0 nếu không thu), ví dụ 15000.',
  postal_price_negative:
    'Bảng cước bưu chính: dòng "{line}" ({field}) là số âm ({value}). Hãy nhập số tiền bằng đồng, từ 0 trở lên, ví dụ 15000.',
  postal_price_invalid:
    'Bảng cước bưu chính: dòng "{line}" ({field}) có giá trị "{value}" không dùng được. Hãy nhập số tiền bằng đồng, là số nguyên từ 0 đến {max}, ví dụ 15000.',
  agency_not_found:
    'Trạm chưa phục vụ cơ quan có mã "{code}". Hãy thêm cơ quan trong Cài đặt → Cơ quan phục vụ, hoặc chọn cơ quan khác.',
  agency_procedure_not_accepted:
    'Cơ quan {agency} không nhận thủ tục {procedure} qua bưu chính. Hãy chọn đúng cơ quan, hoặc hướng dẫn người dân nộp tại cơ quan.',
  station_not_postal:
    'Trạm này là bộ phận một cửa, không phải điểm phục vụ bưu chính. Hãy đổi loại trạm trong Cài đặt trước.',
  s10_invalid:
    'Số hiệu bưu gửi "{tracking}" không hợp lệ ({problem}). Hãy đọc lại số trên phiếu gửi (2 chữ cái, 9 chữ số, VN), ví dụ EE123456785VN.',
  handover_nothing: 'Ngày {day} không có hồ sơ nào của {agency} cần bàn giao. Hãy chọn ngày khác.',
  result_post_address_missing:
    'Chưa có địa chỉ nhận kết quả qua bưu chính. Hãy nhập địa chỉ của người nhận, hoặc chọn nhận kết quả tại quầy.',
  post_not_by_post:
    'Hồ sơ {code} không chọn nhận kết quả qua bưu chính. Hãy trả kết quả tại quầy hoặc trực tuyến.',
  post_result_not_ready:
    'Hồ sơ {code} chưa có kết quả (hoặc chưa ở bước này). Hãy chờ cơ quan trả kết quả, rồi làm lần lượt: số hiệu bưu gửi, rồi đã phát.',
  post_tracking_missing: 'Hãy nhập số hiệu bưu gửi (S10) khi giao bưu gửi cho bưu tá.',
  handover_needs_apology:
    'Hồ sơ {code} đã quá hạn (hẹn trả {appointment}). Chưa được trả kết quả khi chưa lập phiếu xin lỗi và hẹn lại ngày trả kết quả: hãy lập phiếu (có lý do và ngày hẹn mới), rồi trả kết quả.',
  setup_sample_values:
    'Trạm chưa thiết lập xong nên chưa tiếp nhận được hồ sơ thật: {missing} vẫn là giá trị mẫu. Quản trị viên hãy nhập các thông tin này trong Cài đặt, mục "Tiếp nhận: đơn vị, giấy tiếp nhận", rồi tiếp nhận lại.',
  unsigned_reason_missing:
    'Còn thành phần chưa tạo PDF hoặc chưa ký số: {components}. Hãy "Tạo PDF & ký tất cả", hoặc ghi lý do tiếp nhận khi chưa ký (ít nhất {min} ký tự).',
  unsigned_reason_short: 'Lý do tiếp nhận khi chưa ký quá ngắn ({length} ký tự): cần ít nhất {min} ký tự.',
  batch_unsigned_reason_missing:
    'Thư mục "{folder}": thành phần {components} chưa được ký số nên chưa tiếp nhận được. Hãy ghi lý do tiếp nhận khi chưa ký vào mục "unsignedReason" của tệp dossier.json (ít nhất {min} ký tự) rồi nhập lại; các hồ sơ khác không bị ảnh hưởng.',
  batch_unsigned_reason_short:
    'Thư mục "{folder}": lý do tiếp nhận khi chưa ký trong tệp dossier.json quá ngắn ({length} ký tự), cần ít nhất {min} ký tự. Hãy sửa rồi nhập lại; các hồ sơ khác không bị ảnh hưởng.',
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
  data_key_mismatch:
    'The data in {dir} is encrypted with a key this computer does not have (or the key was replaced). Open it with the user account and computer that created it, or restore the key file from a backup; do not delete the data folder.',
  data_damaged:
    'An encrypted data file is damaged or was altered (its check does not match). Restore it from a backup and tell the administrator.',
  transport_closed: 'Lost the connection to the engine. Reload the page or restart the app.',
  sign_module_missing:
    "No PKCS#11 library of a signing token was found. Install the CA's token software (VNPT-CA, Viettel-CA, FPT-CA, BKAV-CA…) or set the library path in Settings › Signing.",
  sign_module_load_failed:
    'The signing library "{path}" could not be loaded. Check the path and reinstall the CA\'s software.',
  sign_token_not_found: 'Signing token "{token}" not found. Plug the USB token in and press "Retry".',
  sign_key_not_found:
    'The token has no private key for the chosen certificate. Choose the certificate again.',
  sign_no_choice: 'No signing certificate chosen yet. Choose the token and certificate first.',
  sign_pin_incorrect: 'Wrong PIN. Enter it again carefully.',
  sign_pin_count_low: 'Wrong PIN, and the token says few tries are left. Check the PIN before trying again.',
  sign_pin_final_try:
    'Wrong PIN. Only ONE try is left: another wrong PIN locks the token. If unsure, stop and ask whoever manages the token.',
  sign_pin_locked:
    'The token is locked after too many wrong PINs. Contact the CA (or whoever holds the PUK) to unlock it; signing is impossible until then.',
  sign_pin_invalid: 'The PIN has the wrong length or characters. Enter it again.',
  sign_cert_expired:
    'The certificate of "{name}" expired on {date}. It cannot sign; renew it with the CA or choose another certificate.',
  sign_cert_not_yet_valid:
    'The certificate of "{name}" is valid only from {date}. Check the computer\'s clock or choose another certificate.',
  sign_cert_no_usage:
    'The certificate of "{name}" is not allowed to make digital signatures (no digital-signature key usage). Choose another certificate on the token.',
  sign_device_error:
    'The signing token did not answer properly. Unplug it, plug it back in and retry; files already signed are intact.',
  sign_pdf_unreadable:
    'The PDF "{name}" could not be read to sign or check it. Rebuild this component\'s PDF.',
  sign_not_signed: 'Component "{code}" is not signed yet.',
  sign_tsa_unreachable:
    'The time-stamping server ({url}) could not be reached. Check the line or the server address in Settings › Signing, then retry.',
  sign_level_needs_tsa:
    'Signature level {level} needs a time-stamping server (TSA), and none is configured. Enable and enter the TSA in Settings › Signing, or choose B-B.',
  sign_revocation_unreachable:
    'The revocation status (OCSP/CRL) of the certificate {names} could not be fetched: the file did not reach {level}. Check the line and sign again; otherwise the file can only be signed B-T.',
  sign_cert_revoked:
    'The certificate of "{name}" has been revoked ({date}). It cannot sign; contact the certification authority.',
  internal: 'Something unexpected went wrong. Saved data is intact; please report it.',
  portal_unreachable:
    'Cannot reach the public-service portal. The dossier stays safely in the queue and is sent again by itself when the line is back; check the network if it waits too long.',
  portal_timeout: 'The portal did not answer in time. The station will retry by itself; nothing to do.',
  portal_busy: 'The portal is busy or failing. The station will retry in a few minutes.',
  portal_credentials:
    'The portal refused the station id or key. Check the portal connection in Settings, then press "Retry now".',
  portal_dvcqg_credentials:
    'The national portal (through the province\'s integration platform) refused the integration username or password. The dossier stays safely in the queue. Check the username, password and unit code in Settings › Connection, then press "Retry now".',
  catalog_national_failed:
    "The national procedure database could not be read (through the province's integration platform). The station's catalogue is unchanged. Try again in a few minutes; if it keeps failing, check the address, username, password and unit code under Settings › Connection.",
  catalog_needs_dvcqg:
    'The catalogue can only be compared when the station is connected to the national portal (DVCQG). Choose the "DVCQG integration" connection and fill it in under Settings › Connection.',
  portal_dossier_conflict:
    'The national portal already holds dossier {code} for another procedure or applicant. The station does not overwrite it: check the code with the province\'s portal administrator, then press "Retry now".',
  portal_rejected:
    'The portal refused the dossier: {reason}. Check the dossier and press "Retry now", or call support.',
  portal_not_configured: 'No public-service portal is configured. Enter its address in Settings.',
  portal_check_unreachable:
    'Cannot connect to {url} ({reason}). Check the portal address (http/https, host name, port) and the station\'s network, then press "Test connection" again.',
  portal_check_timeout:
    '{url} did not answer within {seconds} seconds. Check the portal address and the network (firewall, proxy), then try again.',
  portal_check_credentials:
    'The portal refused the station id or key. Check the "Station id" and "Access key" issued by the province, then press "Test connection" again.',
  portal_check_not_portal:
    "{url} answers but is not a public-service portal ({reason}). Check the address (the full path to the province's integration platform).",
  portal_check_tls:
    "No secure (HTTPS) connection to {url} ({reason}). Check whether the address starts with http:// or https://, the computer's clock, or the portal's certificate; call support if it persists.",
  portal_check_no_key: 'No portal access key yet. Enter the "Access key", then press "Test connection".',
  outbox_no_files: 'The dossier has no PDF to send. Scan pages for its components, then press "Retry now".',
  result_not_ready: 'The portal has no result for this dossier yet. Wait until it reports "result ready".',
  data_purged: 'This file was removed from the station when its personal data retention ended.',
  batch_invalid:
    'Folder "{folder}" is invalid: {reason}. Fix its dossier.json and import again; the other dossiers are not affected.',
  batch_folder_missing: 'Folder "{dir}" was not found. Check the path.',
  payment_not_needed: 'This procedure has no fee.',
  payment_needs_portal:
    'The dossier is not on the portal yet, so it cannot be paid online. Wait until it is sent, or take cash at the counter.',
  payment_not_found: 'No payment was requested for this dossier yet. Choose "Cash" or "Pay online" first.',
  dossier_incomplete:
    'The dossier lacks required components: {missing}. Scan them or record a reason for each exception.',
  dossier_not_draft:
    'This dossier was already received (code {code}); it cannot be received again or change applicant.',
  dossier_wrong_status: 'The dossier is in status "{status}"; this action is not possible.',
  dossier_code_exhausted:
    'Station {station} has used its whole range of dossier numbers for today ({first}–{last}). Receive at another station of the unit.',
  station_code_invalid:
    'Station code "{station}" cannot number dossiers: it must be 01 to 10. Fix it in Settings.',
  calendar_invalid:
    'The working calendar is invalid: {problem}. Fix office hours or the holiday table in Settings.',
  catalog_invalid: 'Catalogue file "{file}" cannot be imported, nothing was changed: {problem}',
  scan_no_paper:
    'The feeder of scanner "{device}" is empty. Put the paper in the feeder and press Scan again.',
  scan_jammed:
    'Paper jammed in scanner "{device}". Open the cover, remove the jammed sheet, reload the unscanned sheets and press Scan; pages already scanned are kept.',
  scan_cover_open: 'The cover of scanner "{device}" is open. Close it and press Scan again.',
  scan_device_busy: 'Scanner "{device}" is busy with another job. Wait a moment and press Scan again.',
  scan_device_gone:
    'Lost the connection to scanner "{device}". Check its cable, power or network and press Scan again; pages already scanned are kept.',
  scan_timeout:
    'Scanner "{device}" did not respond for {seconds} seconds and was stopped. Switch it off and on, then scan again; pages already scanned are kept.',
  scan_failed:
    'Scanner "{device}" reported an error. Check the scanner and try again; if it persists, contact support. Pages already scanned are kept.',
  scan_unknown_device:
    'Scanner "{device}" was not found. Switch it on, choose it again in the list and retry.',
  scan_setting_unsupported:
    'Scanner "{device}" does not support {setting} = {value}. Choose another setting or profile.',
  scan_job_not_found: 'This scan has already finished or no longer exists.',
  pdf_encrypted:
    'PDF "{name}" is password-protected or encrypted. Ask for an unprotected copy, or print and scan it.',
  pdf_corrupt: 'PDF "{name}" is damaged or incomplete. Get the file again or scan the paper.',
  file_too_large: 'File "{name}" is too large ({megabytes} MB). Scan again at 200–300 dpi or split the file.',
  imaging_not_ready: 'This page is still being processed (cleanup, OCR). Wait a few seconds and try again.',
  image_all_black: 'Image "{name}" is entirely black. Check the scanner lid and scan this page again.',
  report_period_invalid:
    'The period {from} – {to} is not valid: the start must be on or before the end. Choose the dates again.',
  auth_required: 'Sign in first, with your own account.',
  auth_forbidden: 'Your account may not do this (it needs the {role} role). Ask someone who may.',
  auth_failed: 'Wrong username or password. Type them again (mind the case and the Vietnamese keyboard).',
  auth_throttled:
    'Too many wrong attempts. Wait {seconds} seconds and try again; if you forgot the password, ask the administrator to reset it.',
  auth_disabled: 'Account "{username}" is disabled. Contact the station administrator.',
  auth_locked: 'The screen locked after idling. Enter your PIN or password to go on; your work is kept.',
  auth_pin_unavailable:
    'No quick switch for "{username}" yet: sign in with the password today first, and set a PIN.',
  accounts_exist: 'This station already has an administrator. Sign in.',
  account_exists: 'Username "{username}" is taken. Choose another.',
  account_not_found: 'No account "{username}".',
  account_last_admin:
    'The last administrator cannot be disabled or demoted. Make another administrator first.',
  dossier_locked:
    'Dossier {code} has been received: its pages, components and PDFs can no longer change. To fix it, a supervisor opens a correction (with a reason).',
  consent_document_missing:
    'No scan of the signed authorisation in component "{code}". Scan it into that component, or tick the citizen\'s consent given at the counter.',
  consent_missing:
    'Dossier {code} has no consent from the citizen to submit online, so it is not sent to the portal; it is processed on paper.',
  correction_while_uploading:
    'Dossier {code} is being sent to the portal. Wait until it has been sent before opening a correction.',
  correction_needs_signature:
    'The correction of dossier {code} cannot be finished yet: component(s) {components} must be signed again.',
  dossier_in_use:
    '{name} is working on this dossier at another PC. Wait until they are done; after {minutes} minutes without a change by them you can go on. Nothing was changed.',
  // Hostile input (issue 19).
  image_truncated:
    'Image "{name}" is cut off or damaged (part of the image data is missing) — scan this page again. It was not added.',
  pdf_damaged:
    'PDF "{name}" is damaged (its cross-reference table is wrong: the file was cut, lost a part or was altered) and would need repair to be read. It was not added; get the original file again or scan the paper.',
  pdf_page_damaged:
    'Page {page} of PDF "{name}" is damaged: its content is cut and cannot be read in full (it would become a blank or partial page). The file was not added; get the original file again or scan the paper.',
  scan_page_incomplete:
    'Page {page} from scanner {device} is incomplete (the scanner stopped mid-page: connection lost or a driver fault). It was not added; check the cable or network and scan again from page {page}.',
  message_too_large:
    'Too much data sent at once ({megabytes} MB, at most {limit} MB). Add fewer files at a time.',
  upload_incomplete:
    'File "{name}" did not reach the station whole (cut off or waited too long), so it was not added. Add it again.',
  vietqr_bin_invalid:
    'Bank BIN "{bin}" is not valid: a BIN is exactly 6 digits (e.g. 970436). Check the bank transfer settings.',
  vietqr_account_invalid:
    'The receiving account number is not valid: letters and digits only, at most 19. Check the bank transfer settings.',
  vietqr_amount_invalid:
    'The amount on a VietQR code must be a whole, positive number of đồng, without decimals, and at most {max}.',
  vietqr_note_invalid:
    'The transfer note may hold only letters without marks, digits, spaces and . , - / _, at most {max} characters.',
  vietqr_not_configured:
    'No receiving bank account is set for transfers (bank BIN and account number), or the unit does not take bank transfers. An administrator sets it in Settings.',
  feedback_not_received: 'This dossier has not been received yet, so it cannot be rated.',
  feedback_exists:
    'This dossier has already been rated. A dossier is rated once; a rating is never changed or deleted.',
  citizen_only: 'Only the citizen screen can do this.',
  citizen_view_stale: 'The screen has moved on to another dossier. Please look at the screen again.',
  citizen_pairing_invalid:
    "The pairing code is wrong or has expired. Take a new code from the clerk's screen (each code works once, for 5 minutes).",
  citizen_pairing_locked:
    "Too many wrong pairing codes. Wait {seconds} seconds, then enter a new code from the clerk's screen.",
  citizen_lookup_throttled: 'Too many look-ups. Please wait a minute and try again.',
  text_unprintable:
    'The field "{field}" holds characters a form cannot print: {chars}. Delete or retype them (emoji, control characters, letters outside the Vietnamese alphabet).',
  form_wrong_status:
    'Cannot make {form} for dossier {code}: it is made only for a dossier {allowed}, and this one is "{status}".',
  refusal_missing:
    'Dossier {code} has no refusal recorded. Record the reason for refusing first ("Refuse to receive" or sohoa dossier refuse), then print the refusal.',
  ending_reason_invalid:
    'Write the reason for {action} in {min} to {max} characters (the one entered has {length}); it is kept with the dossier and sent to the portal.',
  dossier_ended:
    'Dossier {code} was {ending} at {at} (clerk {by}): it is closed, this action is no longer possible.',
  withdraw_not_received:
    'Dossier {code} has not been received, so there is nothing to withdraw: give the papers back, or record "Refuse to receive" if the dossier does not qualify.',
  ending_handed_over:
    'Dossier {code} was handed over to the citizen at {at}: a dossier already handed over cannot be {action}.',
  ending_correction_open:
    'Dossier {code} has a correction open: finish the correction ("Finish correction") before {action}.',
  apology_not_late:
    'Dossier {code} is still on time (due {appointment}): no apology with a new date is needed. It is made only once a dossier is overdue or less than {hours} working hours from its date.',
  apology_missing:
    'Dossier {code} is overdue (due {appointment}) and has no apology yet. Issue the apology with a reason and a new date first ("Apologise, new date" or sohoa dossier apologize).',
  apology_date_invalid:
    'The new date {date} is not valid: it must be after now and after the previous date {appointment}.',
  stop_notice_missing:
    'Dossier {code} has no stop notice yet. Record why its processing stops first ("Stop notice" or sohoa receipt ID --form 07 --reason "…"), then print it.',
  form_text_unknown:
    'There is no text "{key}" in {form}: the station does not print it. Reload the list of texts.',
  form_text_placeholder:
    'Text "{key}" of {form} holds {placeholder}, which the station cannot fill: it would print as is. Only these may be used: {allowed}. Nothing was saved.',
  agency_code_invalid:
    'Agency code "{code}" is not an identification code (e.g. 000.00.00.H47). Enter it again.',
  postal_price_missing:
    'Postal price table: line "{line}" ({field}) has no amount. Enter a whole number of VND, 0 or more (0 if not charged), e.g. 15000.',
  postal_price_negative:
    'Postal price table: line "{line}" ({field}) is negative ({value}). Enter an amount in VND, 0 or more, e.g. 15000.',
  postal_price_invalid:
    'Postal price table: line "{line}" ({field}) has the value "{value}", which cannot be used. Enter a whole number of VND from 0 to {max}, e.g. 15000.',
  agency_not_found:
    'This station does not serve agency "{code}". Add it under Settings → Agencies served, or pick another.',
  agency_procedure_not_accepted:
    'Agency {agency} does not accept procedure {procedure} through the post. Pick the right agency.',
  station_not_postal:
    'This station is a one-stop section, not a postal service point. Change the station kind in Settings first.',
  s10_invalid:
    'Postal item number "{tracking}" is not valid ({problem}). Read it again from the slip (2 letters, 9 digits, VN).',
  handover_nothing: 'Nothing of {agency} to hand over on {day}. Pick another day.',
  result_post_address_missing:
    'No delivery address for a result by post. Enter the address, or choose the counter.',
  post_not_by_post: 'Dossier {code} does not get its result by post.',
  post_result_not_ready:
    'Dossier {code} has no result yet (or is not at this step). Record the tracking number first, then delivered.',
  post_tracking_missing: 'Enter the postal item number (S10) when handing the item to delivery.',
  handover_needs_apology:
    'Dossier {code} is overdue (due {appointment}). The result cannot be handed over until the apology with a new date is issued: issue it (reason and new date), then hand the result over.',
  setup_sample_values:
    'The station is not fully set up, so it cannot receive real dossiers yet: {missing} still hold sample values. An administrator sets them in Settings, "Reception: unit, receipt", then receive again.',
  unsigned_reason_missing:
    'Some components are not assembled or not signed: {components}. Use "Assemble & sign all", or give a reason to receive unsigned (at least {min} characters).',
  unsigned_reason_short:
    'The reason to receive unsigned is too short ({length} characters): at least {min} are needed.',
  batch_unsigned_reason_missing:
    'Folder "{folder}": components {components} are not signed, so it cannot be received. Write the reason to receive unsigned in the "unsignedReason" field of its dossier.json (at least {min} characters) and import again; the other dossiers are not affected.',
  batch_unsigned_reason_short:
    'Folder "{folder}": the reason to receive unsigned in dossier.json is too short ({length} characters), at least {min} are needed. Fix it and import again; the other dossiers are not affected.',
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
