import { describe, expect, it } from 'vitest';
import { decodeIdNumber, parseCccdQr } from '../../shared/domain/cccd';
import { ui } from '../../shared/i18n';

const TODAY = '2026-11-27';
const good = '049090001234|205123456|NGUYỄN VĂN AN|15081990|Nam|Thôn 1, Xã Tam Xuân, Quảng Nam|20042021';

describe('filling the applicant from the CCCD QR', () => {
  it('reads every field of a citizen ID card QR and checks the number against them', () => {
    const r = parseCccdQr(good, TODAY);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.person).toEqual({
      idNumber: '049090001234',
      oldIdNumber: '205123456',
      name: 'NGUYỄN VĂN AN',
      birthDate: '1990-08-15',
      gender: 'male',
      address: 'Thôn 1, Xã Tam Xuân, Quảng Nam',
      issueDate: '2021-04-20',
    });
    expect(r.digits).toMatchObject({ province: 'Quảng Nam', gender: 'male', birthYear: 1990 });
    expect(r.warnings).toEqual([]);
  });

  it('reads a woman born in the 2000s with no old ID number, and a newer card with extra fields', () => {
    const r = parseCccdQr(
      '049305001122||TRẦN THỊ BÌNH|02022005|Nữ|Hội An, Quảng Nam|01032022|extra|more',
      TODAY,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.person.oldIdNumber).toBeNull();
    expect(r.person.gender).toBe('female');
    expect(r.digits.century).toBe(2000);
    expect(r.warnings.map((w) => w.code)).toEqual(['qr_extra_fields']);
  });

  it('accepts the burst a keyboard-wedge scanner types, with its trailing newline', () => {
    expect(parseCccdQr(`${good}\r\n`, TODAY).ok).toBe(true);
  });

  it.each([
    [
      'gender digit says female, QR says Nam',
      '049190001234||A|15081990|Nam|x|20042021',
      'qr_gender_mismatch',
    ],
    [
      'birth year digits say 1991, QR says 1990',
      '049091001234||A|15081990|Nam|x|20042021',
      'qr_birth_year_mismatch',
    ],
    ['unknown birth-province code', '099090001234||A|15081990|Nam|x|20042021', 'qr_unknown_province'],
    ['issued before birth', '049090001234||A|15081990|Nam|x|20041980', 'qr_issue_before_birth'],
  ])('warns when %s', (_story, text, code) => {
    const r = parseCccdQr(text, TODAY);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings.map((w) => w.code)).toContain(code);
  });

  it.each([
    ['an empty read', '', 'qr_empty'],
    [
      'a VietQR payment code from another card',
      '00020101021138570010A00000072701270006970436011300123456789020208QRIBFTTA53037045802VN6304ABCD',
      'qr_not_cccd',
    ],
    ['a health-insurance style QR', 'GD4494920000123|4e677579e1bb856e|15/08/1990|1|...', 'qr_not_cccd'],
    ['an old 9-digit ID card', '205123456|NGUYEN VAN AN|15081990', 'qr_not_cccd'],
    ['a web link', 'https://example.gov.vn/x', 'qr_not_cccd'],
    ['a truncated read', '049190001234|205123456|NGUYỄN VĂN AN|1508', 'qr_truncated'],
    ['a read cut before the address', '049190001234|205123456|NGUYỄN VĂN AN|15081990|Nam', 'qr_truncated'],
    ['an impossible date of birth', '049190001234||A|31021990|Nam|x|20042021', 'qr_bad_date'],
    [
      'an ID number encoding birth year 2190',
      '049490001234||A|15082190|Nam|x|20042021',
      'qr_impossible_birth_year',
    ],
    [
      'an ID number encoding a person born in 1820',
      '049820001234||A|15081820|Nam|x|20042021',
      'qr_impossible_birth_year',
    ],
    ['a date of birth in the future', '049226001234||A|15082030|Nam|x|20042021', 'qr_impossible_birth_year'],
  ])('refuses %s with a precise reason, never crashing', (_story, text, code) => {
    const r = parseCccdQr(text, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.detail.length).toBeGreaterThan(10);
    }
  });

  it('decodes the digits of the number on its own', () => {
    expect(decodeIdNumber('001301000001')).toMatchObject({
      province: 'Hà Nội',
      gender: 'female',
      birthYear: 2001,
    });
    expect(decodeIdNumber('12345')).toBeNull();
  });
});

describe('a code that is not a CCCD QR, told in Vietnamese', () => {
  it.each([
    ['a VietQR payment code', '00020101021138570010A000000727012700069704360113001234567890', 'VietQR'],
    ['a web link', 'https://example.gov.vn/x', 'đường dẫn'],
    ['an old 9-digit ID card', '205123456|NGUYEN VAN AN|15081990', 'CMND cũ'],
  ])('says what %s is, with no English word in the sentence', async (_story, text, words) => {
    const i18next = (await import('i18next')).default.createInstance();
    await i18next.init({ lng: 'vi', resources: { vi: { translation: ui.vi } } });
    const r = parseCccdQr(text, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const shown = i18next.t(`desk.qr.${r.error.code}`, r.error.params);
    expect(shown).toContain(words);
    expect(shown).toContain('Hãy quét mã QR ở mặt trước thẻ CCCD');
    expect(shown).not.toMatch(/(?<!\p{L})(a|an|the|is|not|code|link|card|payment)(?!\p{L})/u);
  });
});
