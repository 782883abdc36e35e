import type { SampleSetting } from '../api/rooms/setup';

/** The wizard's sample settings as the unit knows them, for the message that blocks reception. */
export const SAMPLE_LABEL: Record<SampleSetting, string> = {
  unitName: 'tên đơn vị tiếp nhận',
  governingAgency: 'cơ quan chủ quản',
  agencyCode: 'mã định danh đơn vị',
  hotline: 'đường dây nóng',
  lookupUrl: 'địa chỉ tra cứu hồ sơ',
};
