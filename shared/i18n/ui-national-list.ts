/** The catalogue card's note after importing the national database's procedure list (merged into ./ui.ts as `nationalList`). */
export const nationalListVi = {
  skipped:
    '{{n}} thủ tục trong danh sách chưa có trên trạm nên không được thêm (danh sách của CSDL quốc gia không có thời hạn giải quyết và thành phần hồ sơ): {{codes}}',
};

export const nationalListEn: typeof nationalListVi = {
  skipped:
    '{{n}} procedures in the list are not on the station and were not added (the national database’s list has no deadline or papers): {{codes}}',
};
