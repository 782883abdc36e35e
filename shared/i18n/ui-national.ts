/** The catalogue card's comparison with the national procedure database (merged into ./ui.ts as `national`). */
export const nationalVi = {
  compare: 'Đối chiếu với CSDL quốc gia',
  hint: 'Đọc từng thủ tục của trạm từ Cơ sở dữ liệu quốc gia về thủ tục hành chính và chỉ ra chỗ khác nhau. Không thay đổi gì trong danh mục.',
  summary:
    'Đã đối chiếu {{n}} thủ tục: {{same}} khớp, {{differ}} khác, {{missing}} không có trong CSDL quốc gia.',
  allSame: 'Mọi thủ tục của trạm đều khớp với CSDL quốc gia.',
  code: 'Mã thủ tục',
  what: 'Mục',
  local: 'Trên trạm',
  national: 'Trên CSDL quốc gia',
  name: 'Tên thủ tục',
  field: 'Lĩnh vực',
  notFound: 'Không có thủ tục này',
  notFoundWhat: 'Mã thủ tục',
  close: 'Đóng kết quả',
};

export const nationalEn: typeof nationalVi = {
  compare: 'Compare with the national database',
  hint: "Reads each of the station's procedures from the national procedure database and shows what differs. Nothing in the catalogue changes.",
  summary:
    '{{n}} procedures compared: {{same}} match, {{differ}} differ, {{missing}} not in the national database.',
  allSame: 'Every procedure of the station matches the national database.',
  code: 'Code',
  what: 'Item',
  local: 'At the station',
  national: 'In the national database',
  name: 'Name',
  field: 'Field',
  notFound: 'No such procedure',
  notFoundWhat: 'Procedure code',
  close: 'Close the result',
};
