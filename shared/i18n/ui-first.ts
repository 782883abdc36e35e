/** The first page's text while it is still being read (issue 18; merged into ./ui.ts as `first`). */
export const firstVi = {
  reading: 'Đang đọc tiếp…',
  readingHint: 'Những dòng đầu đã đọc xong; phần còn lại của trang đang được đọc.',
};

export const firstEn: typeof firstVi = {
  reading: 'Still reading…',
  readingHint: 'The first lines are read; the rest of the page is being read.',
};
