import { z } from 'zod';
import { call } from '../define';

/**
 * The station's settings: everything a province or a unit decides is data
 * here, never a constant in code (DOMAIN.md). Each field has a default so a
 * new station works at once; rooms add their own fields.
 */
export const StationSettings = z.object({
  language: z.enum(['vi', 'en']).default('vi'),
  /** Tên đơn vị tiếp nhận — the receiving unit, as printed on receipts. */
  unitName: z.string().min(1).default('Bộ phận Tiếp nhận và Trả kết quả — UBND xã (mẫu)'),
  /** Cơ quan chủ quản — the governing agency above the unit. */
  governingAgency: z.string().default('UBND TỈNH QUẢNG NAM (MẪU)'),
  /** Mã định danh — the receiving unit's agency code (Decision 20/2020); a sample by default. */
  agencyCode: z.string().min(1).default('000.00.00.H47'),
  /** Short code of this station inside the unit (used where several stations share a unit). */
  stationCode: z
    .string()
    .regex(/^[0-9A-Z]{1,4}$/)
    .default('01'),
  place: z.string().default('Quảng Nam'),
  hotline: z.string().default('0235.3.822.xxx (mẫu)'),
  switchboard: z.string().default('1022 Quảng Nam: 0235.1022'),
  lookupUrl: z.string().default('https://dichvucong.quangnam.gov.vn/tra-cuu'),
});
export type StationSettings = z.infer<typeof StationSettings>;

export const settingsCalls = {
  'settings.get': call(z.object({}), StationSettings),
  'settings.update': call(StationSettings.partial(), StationSettings),
} as const;
