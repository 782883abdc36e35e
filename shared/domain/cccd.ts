/**
 * The QR code on a chip-based citizen ID card (căn cước công dân, CCCD):
 * `ID number|old ID (may be empty)|full name|date of birth ddMMyyyy|gender|permanent address|issue date ddMMyyyy`,
 * the fields separated by `|`. Newer cards may append fields: parse leniently,
 * validate strictly, never throw. Pure, for the renderer and the CLI alike.
 *
 * The 12-digit ID number (số định danh cá nhân, Decree 137/2015/NĐ-CP, Art. 7):
 * 3 digits birth-province code, 1 digit gender and century, 2 digits birth
 * year, 6 digits serial — cross-checked against the QR's date of birth and gender.
 */

/** Birth-province codes of the 12-digit number (Circular 07/2016/TT-BCA; the 63 pre-2025 provinces). */
export const PROVINCE_CODES: Readonly<Record<string, string>> = {
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa - Vũng Tàu',
  '079': 'Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
};

export type Gender = 'male' | 'female';

export interface IdDigits {
  provinceCode: string;
  province: string | null;
  gender: Gender;
  /** First year of the century the digit encodes (1900, 2000, …). */
  century: number;
  birthYear: number;
  serial: string;
}

/**
 * What the 12 digits say. The gender-century digit: 0/1 born 1900s (male/female),
 * 2/3 2000s, 4/5 2100s, 6/7 2200s, 8/9 1800s.
 */
export function decodeIdNumber(id: string): IdDigits | null {
  if (!/^\d{12}$/.test(id)) return null;
  const g = Number(id[3]);
  const century = g >= 8 ? 1800 : 1900 + 100 * Math.floor(g / 2);
  const provinceCode = id.slice(0, 3);
  return {
    provinceCode,
    province: PROVINCE_CODES[provinceCode] ?? null,
    gender: g % 2 === 0 ? 'male' : 'female',
    century,
    birthYear: century + Number(id.slice(4, 6)),
    serial: id.slice(6),
  };
}

export type QrErrorCode =
  'qr_empty' | 'qr_not_cccd' | 'qr_truncated' | 'qr_garbled' | 'qr_bad_date' | 'qr_impossible_birth_year';
export type QrWarningCode =
  | 'qr_unknown_province'
  | 'qr_gender_mismatch'
  | 'qr_birth_year_mismatch'
  | 'qr_issue_before_birth'
  | 'qr_extra_fields';

export interface QrIssue<C extends string> {
  code: C;
  params: Record<string, string | number>;
  /** English, for logs and the CLI; the UI shows the translated message for `code`. */
  detail: string;
}

export interface CccdPerson {
  idNumber: string;
  oldIdNumber: string | null;
  name: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: Gender | null;
  address: string | null;
  issueDate: string | null;
}

export type CccdParse =
  | { ok: true; person: CccdPerson; digits: IdDigits; warnings: QrIssue<QrWarningCode>[] }
  | { ok: false; error: QrIssue<QrErrorCode> };

const fail = (
  code: QrErrorCode,
  detail: string,
  params: Record<string, string | number> = {},
): CccdParse => ({
  ok: false,
  error: { code, params, detail },
});

/** ddMMyyyy → YYYY-MM-DD, or null when not a real date. */
function qrDate(s: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return `${m[3]}-${m[2]}-${m[1]}`;
}

/**
 * The longest name and address the applicant form takes (PersonApplicant): a card's are
 * far shorter, so a longer field is a misread, not a person.
 */
const MAX_FIELD: Record<number, number> = { 2: 200, 5: 400 };
const DEFAULT_MAX = 64;
/** C0/C1 controls, the replacement character (bytes that were not text) and lone surrogates. */
const DAMAGED = new RegExp(
  [
    '[\\u0000-\\u001f\\u007f-\\u009f\\ufffd]',
    '[\\ud800-\\udbff](?![\\udc00-\\udfff])',
    '(?<![\\ud800-\\udbff])[\\udc00-\\udfff]',
  ].join('|'),
);

/** The index of the first of the card's seven fields that is not clean text of a plausible length, or null. */
function garbledField(fields: string[]): number | null {
  for (let i = 0; i < 7; i++) {
    const f = fields[i] ?? '';
    if (DAMAGED.test(f) || f.length > (MAX_FIELD[i] ?? DEFAULT_MAX)) return i;
  }
  return null;
}

function parseGender(s: string): Gender | null {
  const g = s.normalize('NFC').trim().toLowerCase();
  if (g === 'nam' || g === 'male') return 'male';
  if (g === 'nữ' || g === 'nu' || g === 'female') return 'female';
  return null;
}

/**
 * Reads a CCCD QR text. `today` (YYYY-MM-DD) bounds a plausible birth year;
 * it defaults to the current date.
 */
export function parseCccdQr(text: string, today = new Date().toISOString().slice(0, 10)): CccdParse {
  const raw = text
    .normalize('NFC')
    .replace(/[\r\n]+$/g, '')
    .trim();
  if (!raw) return fail('qr_empty', 'the QR text is empty');
  const fields = raw.split('|').map((f) => f.trim());
  const id = fields[0] ?? '';
  if (fields.length < 2 || !/^\d{12}$/.test(id)) {
    // What the code looks like, as an i18next context (`qr_not_cccd_vietqr`…): words on screen come from i18n.
    const context = /^000201/.test(raw)
      ? 'vietqr'
      : /^https?:\/\//i.test(raw)
        ? 'link'
        : /^\d{9}$/.test(id)
          ? 'old_id'
          : 'other';
    return fail('qr_not_cccd', `the QR (${context}) has no 12-digit ID number as its first field`, {
      context,
    });
  }
  if (
    fields.length < 7 ||
    fields.slice(0, 7).some((f, i) => i !== 1 && i !== 6 && f === '') ||
    !fields[3] ||
    fields[3].length < 8
  )
    return fail(
      'qr_truncated',
      `the QR has ${fields.length} of 7 fields or an empty one; scan the card again`,
      {
        fields: fields.length,
      },
    );
  const garbled = garbledField(fields);
  if (garbled !== null)
    return fail(
      'qr_garbled',
      `field ${garbled + 1} holds control characters, damaged text or more than the form takes; scan again`,
      { field: garbled + 1 },
    );
  const birthDate = qrDate(fields[3]);
  if (!birthDate)
    return fail('qr_bad_date', `"${fields[3]}" is not a date of birth ddMMyyyy`, { value: fields[3] });
  const issueRaw = fields[6] ?? '';
  const issueDate = issueRaw ? qrDate(issueRaw) : null;
  if (issueRaw && !issueDate)
    return fail('qr_bad_date', `"${issueRaw}" is not an issue date ddMMyyyy`, { value: issueRaw });
  const digits = decodeIdNumber(id)!;
  const thisYear = Number(today.slice(0, 4));
  if (digits.birthYear > thisYear || digits.birthYear < thisYear - 130)
    return fail(
      'qr_impossible_birth_year',
      `ID number ${id} encodes birth year ${digits.birthYear}, which is impossible`,
      { id, year: digits.birthYear },
    );
  const qrYear = Number(birthDate.slice(0, 4));
  if (qrYear > thisYear || birthDate > today)
    return fail('qr_impossible_birth_year', `date of birth ${birthDate} is in the future`, {
      id,
      year: qrYear,
    });
  const warnings: QrIssue<QrWarningCode>[] = [];
  if (!digits.province)
    warnings.push({
      code: 'qr_unknown_province',
      params: { code: digits.provinceCode },
      detail: `birth-province code ${digits.provinceCode} is not in the table`,
    });
  const gender = parseGender(fields[4] ?? '');
  if (gender && gender !== digits.gender)
    warnings.push({
      code: 'qr_gender_mismatch',
      params: { id: gender === 'male' ? 'nữ' : 'nam', qr: gender === 'male' ? 'nam' : 'nữ' },
      detail: `the ID number's 4th digit says ${digits.gender}, the QR says ${gender}`,
    });
  if (qrYear !== digits.birthYear)
    warnings.push({
      code: 'qr_birth_year_mismatch',
      params: { id: digits.birthYear, qr: qrYear },
      detail: `the ID number encodes birth year ${digits.birthYear}, the QR's date of birth is ${qrYear}`,
    });
  if (issueDate && issueDate < birthDate)
    warnings.push({
      code: 'qr_issue_before_birth',
      params: { issue: issueDate, birth: birthDate },
      detail: `issue date ${issueDate} is before the date of birth ${birthDate}`,
    });
  if (fields.length > 7)
    warnings.push({
      code: 'qr_extra_fields',
      params: { n: fields.length - 7 },
      detail: `${fields.length - 7} extra field(s) after the issue date were ignored`,
    });
  return {
    ok: true,
    person: {
      idNumber: id,
      oldIdNumber: fields[1] || null,
      name: fields[2]!,
      birthDate,
      gender,
      address: fields[5] || null,
      issueDate,
    },
    digits,
    warnings,
  };
}
