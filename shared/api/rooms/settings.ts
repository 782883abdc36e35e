import { z } from 'zod';
import { DEFAULT_SESSIONS, holidayProblems } from '../../domain/deadline';
import { prefillHolidays } from '../../domain/holidays';
import { LOG_LEVELS } from '../../domain/log-files';
import { call, type Role } from '../define';
import { PostalPrices } from './postal-prices';

/**
 * The station's settings: everything a province or a unit decides (names and
 * codes on receipts, office hours, holidays, portal, thresholds) is data here,
 * never a constant in code — it differs from one province and unit to the next
 * (docs/architecture.md, "Data at rest"). Each field has a default so a new
 * station works at once; rooms add their own fields.
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
  /** Giờ làm việc — office hours; processing time counts only inside them. */
  officeHours: z
    .array(z.object({ start: z.string().regex(/^\d{2}:\d{2}$/), end: z.string().regex(/^\d{2}:\d{2}$/) }))
    .min(1)
    .default(DEFAULT_SESSIONS),
  /**
   * Ngày nghỉ lễ, Tết, nghỉ bù — editable; pre-filled for 2026–2027 from the lunar calendar,
   * unconfirmed until the unit confirms each row (`confirmed`); other years are computed when a
   * deadline reaches them (shared/domain/deadline.ts `withYears`).
   */
  holidays: z
    .array(
      z.object({ from: z.string(), to: z.string(), name: z.string(), confirmed: z.boolean().optional() }),
    )
    .refine((h) => holidayProblems(h).length === 0, {
      message: 'holiday ranges overlap or are not real dates',
    })
    .default(() => prefillHolidays([2026, 2027])),
  /** Weekend days made working days by the government (ngày làm bù), YYYY-MM-DD. */
  extraWorkingDays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  /** Where results are returned, printed on the receipt. */
  resultPlace: z.string().default('Bộ phận Tiếp nhận và Trả kết quả'),
  /** Quyển số of the register book (sổ theo dõi hồ sơ). */
  registerBook: z.string().default('01'),
  /** Scan to folder: the folder the scanner's own software saves into ('' = not used). */
  scanFolder: z.string().default(''),
  /** A folder scan ends after this many seconds without a new file. */
  scanFolderIdleSeconds: z.number().int().min(3).max(600).default(30),
  /** Network (eSCL/AirScan) scanners entered by hand, e.g. http://192.168.1.20/eSCL. */
  esclUrls: z.array(z.string().url()).default([]),
  /** Public-service portal (integration platform) URL; '' = training mode with the built-in sandbox portal. */
  portalUrl: z.string().default(''),
  /** Mã trạm and key issued by the province for this station. */
  portalStationId: z.string().default(''),
  portalSecret: z.string().default(''),
  /** Payment platform partner code (MaDoiTac) and check-code secret. */
  paymentPartner: z.string().default(''),
  paymentSecret: z.string().default(''),
  /**
   * Which dialect the portal speaks: 'sohoa' (docs/portal-protocol.md) or 'dvcqg' (dịch vụ tích hợp
   * Cổng DVC quốc gia through the province's LGSP): then `portalUrl` is the province's file service
   * and the dossiers go to `dvcqgAdapterUrl` + the endpoints below, as `dvcqgUsername` of unit `dvcqgMadonvi`.
   */
  portalDialect: z.enum(['sohoa', 'dvcqg']).default('sohoa'),
  dvcqgAdapterUrl: z.string().default(''),
  dvcqgAuthEndpoint: z.string().default('/auth'),
  dvcqgIntegrationEndpoint: z.string().default('/integration'),
  dvcqgShareEndpoint: z.string().default('/share'),
  dvcqgUsername: z.string().default(''),
  dvcqgMadonvi: z.string().default(''),
  dvcqgPassword: z.string().default(''),
  /**
   * Chuyển khoản VietQR (docs/architecture.md, citizen screen): whether the unit takes the fee by
   * bank transfer, shown to the citizen as a VietQR code with the dossier code as the note.
   */
  bankTransferAllowed: z.boolean().default(false),
  /** Mã BIN (NAPAS) of the unit's bank: six digits; '' = none. */
  bankBin: z
    .string()
    .regex(/^(\d{6})?$/, 'six digits')
    .default(''),
  /** Số tài khoản nhận: 1–19 letters or digits; '' = none. */
  bankAccount: z
    .string()
    .regex(/^([0-9A-Za-z]{1,19})?$/, '1–19 letters or digits')
    .default(''),
  /** Tên chủ tài khoản, shown beside the QR so the citizen sees whom they pay. */
  bankAccountName: z.string().trim().max(100).default(''),
  /** Cước chuyển phát kết quả qua bưu chính công ích (đồng), told to the citizen; 0 = not shown. */
  postalChargeVnd: z.number().int().min(0).max(10_000_000).default(0),
  /** Cán bộ tiếp nhận — the clerk on duty at this station, recorded on each dossier received and printed on receipts. */
  officerName: z.string().trim().max(120).default(''),
  /** Ngưỡng mức màu of the figures (%, Decision 766/QĐ-TTg): at or above each, that colour; below orange, red. */
  figureThresholds: z
    .object({
      darkGreen: z.number().min(0).max(100),
      green: z.number().min(0).max(100),
      yellow: z.number().min(0).max(100),
      orange: z.number().min(0).max(100),
    })
    .refine((t) => t.darkGreen >= t.green && t.green >= t.yellow && t.yellow >= t.orange, {
      message: 'thresholds must go down from dark green to orange',
    })
    .default({ darkGreen: 90, green: 80, yellow: 70, orange: 50 }),
  /** The screen locks after this many minutes without a key or a click (0: never); a PIN opens it again. */
  idleLockMinutes: z.number().int().min(0).max(240).default(10),
  /**
   * Loại trạm: a one-stop section (bộ phận một cửa, the default) or a postal service point
   * (điểm phục vụ bưu chính, Decision 45/2016/QĐ-TTg) receiving on behalf of the agencies it serves.
   */
  stationKind: z.enum(['one_stop', 'postal']).default('one_stop'),
  /** The postal service point's name and address, printed under the agency on a receipt on its behalf. */
  postalPointName: z.string().trim().max(200).default(''),
  postalPointAddress: z.string().trim().max(300).default(''),
  /**
   * Bảng cước bưu chính (đồng): collecting the dossier at the applicant's home, and returning the
   * result by post; importable as JSON (sohoa settings set postalPrices=…); no amount missing or below 0.
   */
  postalPrices: PostalPrices.default({ pickupVnd: 0, returnVnd: 0 }),
  /** Khung giờ gửi: scanned dossiers go to the portal from this time (HH:mm) on; '' = any time. */
  uploadWindowFrom: z
    .string()
    .regex(/^(([01]\d|2[0-3]):[0-5]\d)?$/, 'HH:mm')
    .default(''),
  /**
   * Thời hạn lưu dữ liệu cá nhân (Decree 13/2023/NĐ-CP; the 2025 Law on Personal Data Protection):
   * days after the result was handed over before the privacy room purges them (0: at its next run).
   * The applicant's details (name, ID number, address, phone…): 90 days covers a complaint
   * about the result (khiếu nại, 90 days under the Law on Complaints) while the counter may still need to call.
   */
  retentionApplicantDays: z.number().int().min(0).max(3650).default(90),
  /**
   * Local scans, cleaned pages, component PDFs and signed copies: 30 days, since the portal already
   * keeps the signed record and the station only needs them for a resend or a correction soon after.
   */
  retentionFilesDays: z.number().int().min(0).max(3650).default(30),
  /**
   * Cập nhật phần mềm — where the province hosts the app's updates (the folder with
   * latest.yml / latest-linux.yml and the installers); '' = no updates. Read by the
   * Electron shell (electron/main/updater.ts), which checks at start and daily.
   */
  updateUrl: z
    .string()
    .trim()
    .regex(/^(https?:\/\/\S+)?$/, 'an http(s) URL, or empty for no updates')
    .default(''),
  /** Kênh cập nhật — `latest` (the province's release) or `beta` (a pilot station). */
  updateChannel: z.enum(['latest', 'beta']).default('latest'),
  /** Mức ghi nhật ký kỹ thuật (`<data>/logs`): `info` by default, `debug` when support asks; SOHOA_LOG_LEVEL wins. */
  logLevel: z.enum(LOG_LEVELS).default('info'),
  /**
   * Mức chữ ký số — the PAdES level the batch signs to: `auto` = B-T when the TSA answers, B-LT when
   * the OCSP/CRL sources answer too (each file says why when lower); an explicit level is required,
   * and a file that cannot reach it fails with the reason rather than being signed lower.
   */
  signLevel: z.enum(['auto', 'B-B', 'B-T', 'B-LT', 'B-LTA']).default('auto'),
  /**
   * Lời văn các mẫu phiếu — a province's changes to the one-stop forms' texts (resources/forms/forms.vi.json):
   * per form ("common", "01" … "06"), only the keys it changes, e.g. `{ "04": { "citation": "…" } }`.
   */
  formTexts: z.record(z.string(), z.record(z.string(), z.string().max(4000))).default({}),
  /** A dossier due within this many working hours shows orange in the backlogs; overdue shows red. */
  dueSoonWorkingHours: z.number().min(0).max(80).default(8),
  /** Tháng cao điểm — the months the figures mark as peak months (1–12). */
  peakMonths: z.array(z.number().int().min(1).max(12)).default([3, 6, 9, 12]),
});
export type StationSettings = z.infer<typeof StationSettings>;

/**
 * A change to some settings. Not `StationSettings.partial()`: zod fills defaults
 * even in a partial object, so saving one field would reset every other one.
 */
export const SettingsPatch = z.object(
  Object.fromEntries(
    Object.entries(StationSettings.shape).map(([key, field]) => [key, field.removeDefault().optional()]),
  ) as {
    [K in keyof typeof StationSettings.shape]: z.ZodOptional<
      ReturnType<(typeof StationSettings.shape)[K]['removeDefault']>
    >;
  },
);
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** The settings that hold a secret: stored in the engine, never sent to any client. */
export const SECRET_SETTINGS = ['portalSecret', 'paymentSecret', 'dvcqgPassword'] as const;
export type SecretSetting = (typeof SECRET_SETTINGS)[number];

/**
 * The settings as a client sees them: every field except the secrets, and for
 * each secret only whether one is stored (`portalSecretSet`, `paymentSecretSet`).
 */
export const PublicSettings = StationSettings.omit({
  portalSecret: true,
  paymentSecret: true,
  dvcqgPassword: true,
}).extend({
  portalSecretSet: z.boolean(),
  paymentSecretSet: z.boolean(),
  dvcqgPasswordSet: z.boolean(),
});
export type PublicSettings = z.infer<typeof PublicSettings>;

/** A secret in a change: a string sets it, null clears it, leaving it out keeps the stored one. */
const SecretChange = z.string().min(1).max(500).nullable().optional();
export const PublicSettingsPatch = SettingsPatch.extend({
  portalSecret: SecretChange,
  paymentSecret: SecretChange,
  dvcqgPassword: SecretChange,
});
export type PublicSettingsPatch = z.infer<typeof PublicSettingsPatch>;

/**
 * Who may change each setting (settings.update checks every field of a change):
 * the counter's own equipment is the clerk's, the calendar and the colour
 * thresholds the supervisor's, the unit, the portal and the keys the administrator's.
 */
export const SETTING_ROLES: Record<keyof StationSettings, Role> = {
  language: 'clerk',
  scanFolder: 'clerk',
  scanFolderIdleSeconds: 'clerk',
  esclUrls: 'clerk',
  officeHours: 'supervisor',
  holidays: 'supervisor',
  extraWorkingDays: 'supervisor',
  resultPlace: 'supervisor',
  registerBook: 'supervisor',
  figureThresholds: 'supervisor',
  officerName: 'supervisor',
  unitName: 'admin',
  governingAgency: 'admin',
  agencyCode: 'admin',
  stationCode: 'admin',
  place: 'admin',
  hotline: 'admin',
  switchboard: 'admin',
  lookupUrl: 'admin',
  portalUrl: 'admin',
  portalStationId: 'admin',
  portalSecret: 'admin',
  paymentPartner: 'admin',
  paymentSecret: 'admin',
  portalDialect: 'admin',
  dvcqgAdapterUrl: 'admin',
  dvcqgAuthEndpoint: 'admin',
  dvcqgIntegrationEndpoint: 'admin',
  dvcqgShareEndpoint: 'admin',
  dvcqgUsername: 'admin',
  dvcqgMadonvi: 'admin',
  dvcqgPassword: 'admin',
  bankTransferAllowed: 'admin',
  bankBin: 'admin',
  bankAccount: 'admin',
  bankAccountName: 'admin',
  postalChargeVnd: 'admin',
  idleLockMinutes: 'admin',
  stationKind: 'admin',
  postalPointName: 'admin',
  postalPointAddress: 'admin',
  postalPrices: 'supervisor',
  uploadWindowFrom: 'supervisor',
  retentionApplicantDays: 'admin',
  retentionFilesDays: 'admin',
  updateUrl: 'admin',
  updateChannel: 'admin',
  logLevel: 'admin',
  signLevel: 'admin',
  formTexts: 'admin',
  dueSoonWorkingHours: 'supervisor',
  peakMonths: 'supervisor',
};

export const settingsCalls = {
  'settings.get': call(z.object({}), PublicSettings),
  /** Changes the given fields only; secrets are write-only (see PublicSettingsPatch). */
  'settings.update': call(PublicSettingsPatch, PublicSettings),
} as const;

export const settingsEvents = {
  /** Settings were saved (by any client): the new public view, e.g. for the training-mode tag. */
  'settings.changed': PublicSettings,
} as const;
