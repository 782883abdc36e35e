import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PersonApplicant } from '../../shared/api/types';
import { type CccdParse, parseCccdQr } from '../../shared/domain/cccd';
import { anyText, fuzz, mutated, timed } from './kit';

const TODAY = '2026-11-27';
const GOOD = '049090001234|205123456|NGUYỄN VĂN AN|15081990|Nam|Thôn 1, Xã Tam Xuân, Quảng Nam|20042021';

/** A real card's number and dates for a birth day: province, gender/century digit, year, serial. */
const validCore = fc
  .tuple(
    fc.date({ min: new Date('1920-01-01'), max: new Date('2026-11-01'), noInvalidDate: true }),
    fc.boolean(),
    fc.stringMatching(/^\d{6}$/),
  )
  .map(([birth, woman, serial]) => {
    const y = birth.getUTCFullYear();
    const digit = (y >= 2000 ? 2 : 0) + (woman ? 1 : 0);
    const dd = String(birth.getUTCDate()).padStart(2, '0');
    const mm = String(birth.getUTCMonth() + 1).padStart(2, '0');
    return { id: `049${digit}${String(y % 100).padStart(2, '0')}${serial}`, birth: `${dd}${mm}${y}` };
  });

/** A QR text of the card's shape with any content in its fields (a real number and date of birth half the time). */
const cardLike = fc
  .tuple(
    fc.oneof(
      validCore,
      fc.record({ id: fc.oneof(fc.stringMatching(/^\d{12}$/), anyText(20)), birth: anyText(12) }),
    ),
    fc.oneof(fc.constant(''), fc.stringMatching(/^\d{9}$/)),
    anyText(300),
    fc.constantFrom('Nam', 'Nữ', 'nu', 'female', '', 'X'),
    anyText(600),
    fc.oneof(fc.constant(''), fc.stringMatching(/^\d{8}$/)),
    fc.array(anyText(30), { maxLength: 3 }),
  )
  .map(([core, old, name, gender, address, issue, extra]) =>
    [core.id, old, name, core.birth, gender, address, issue, ...extra].join('|'),
  );

/** What every answer of the parser must be: a verdict, and an accepted card the applicant form can save. */
function checkAnswer(r: CccdParse): void {
  if (!r.ok) {
    expect(r.error.code).toMatch(/^qr_/);
    return;
  }
  expect(r.person.idNumber).toMatch(/^\d{12}$/);
  expect(r.person.birthDate <= TODAY).toBe(true);
  const applicant = PersonApplicant.safeParse({
    kind: 'person',
    idNumber: r.person.idNumber,
    name: r.person.name,
    birthDate: r.person.birthDate,
    gender: r.person.gender ?? undefined,
    address: r.person.address ?? undefined,
  });
  expect(applicant.success, JSON.stringify(applicant.error?.issues)).toBe(true);
}

describe('fuzz: the CCCD QR text (keyboard-wedge scanner, photo of the card)', () => {
  it('answers any text with a verdict, never a throw', () => {
    fc.assert(
      fc.property(anyText(2000), (text) => checkAnswer(parseCccdQr(text, TODAY))),
      fuzz(400),
    );
  });

  it('answers texts of the card’s shape and damaged copies of a real one; what it accepts, the form can save', () => {
    fc.assert(
      fc.property(fc.oneof(cardLike, mutated(GOOD)), (text) => checkAnswer(parseCccdQr(text, TODAY))),
      fuzz(400),
    );
  });

  it('answers a megabyte of pipes and digits quickly', async () => {
    const huge = `${GOOD}|${'0|'.repeat(500_000)}`;
    const { ms, value } = await timed(() => parseCccdQr(huge, TODAY));
    expect(ms).toBeLessThan(1000);
    checkAnswer(value);
  });
});
