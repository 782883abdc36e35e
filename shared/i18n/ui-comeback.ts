/**
 * The whole dossier's pages to look at again (Kiểm tra step), and web mode's refused link
 * (merged into ./ui.ts as `reviewList` and `comeback`).
 */
export const reviewListVi = {
  title: 'Trang cần lưu ý ({{count}})',
  none: 'Không có trang nào cần lưu ý.',
  waiting: 'Đang làm sạch các trang; trang cần lưu ý sẽ hiện ở đây.',
  open: 'Xem trang này',
  hint: 'Bấm vào một trang để xem và xử lý bên dưới.',
};

export const reviewListEn: typeof reviewListVi = {
  title: 'Pages worth a look ({{count}})',
  none: 'No page needs another look.',
  waiting: 'The pages are being cleaned; pages worth a look will show here.',
  open: 'Show this page',
  hint: 'Click a page to see it and deal with it below.',
};

export const comebackVi = {
  refused:
    'Đường dẫn của thẻ này không còn dùng được: Trạm Số hóa đã được khởi động lại nên đã đổi mã truy cập.',
};

export const comebackEn: typeof comebackVi = {
  refused: 'This tab’s link no longer works: the station was restarted, so its access code changed.',
};
