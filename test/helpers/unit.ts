/**
 * A unit's own settings, as the first-run wizard saves them: what a station needs before it
 * receives dossiers for real (outside training mode, reception refuses the shipped samples).
 */
export const UNIT = {
  unitName: 'Bộ phận Tiếp nhận và Trả kết quả — UBND xã Tam Xuân',
  governingAgency: 'UBND HUYỆN NÚI THÀNH',
  agencyCode: '000.21.33.H47',
  hotline: '0235.3.871.123',
  lookupUrl: 'https://dichvucong.quangnam.gov.vn/tra-cuu-ho-so',
} as const;
