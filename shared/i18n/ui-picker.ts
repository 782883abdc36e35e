/** The "Thành phần" step's component picker (merged into ./ui.ts as `picker`). */
export const pickerVi = {
  label: 'Chọn thành phần hồ sơ',
  hint: 'Dùng phím mũi tên lên/xuống để chuyển thành phần.',
  missing: 'Bắt buộc, chưa có trang',
  optional: 'Không bắt buộc',
  exempt: 'Có lý do không nộp bản quét',
  pages: '{{count}} trang',
  signed: 'đã ký',
  pdf: 'đã tạo PDF',
  moveHere: 'Thả trang vào đây để chuyển sang “{{name}}”',
};

export const pickerEn: typeof pickerVi = {
  label: 'Pick a dossier component',
  hint: 'Use the up/down arrow keys to switch components.',
  missing: 'Required, no pages yet',
  optional: 'Optional',
  exempt: 'Reason given for no scan',
  pages: '{{count}} pages',
  signed: 'signed',
  pdf: 'PDF made',
  moveHere: 'Drop a page here to move it to “{{name}}”',
};
