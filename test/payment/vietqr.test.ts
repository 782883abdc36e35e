import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { StationError } from '../../shared/api/errors';
import {
  crc16ccitt,
  parseTlv,
  VIETQR_MAX_AMOUNT,
  vietqrCrcOk,
  vietqrNote,
  vietqrPayload,
} from '../../shared/domain/vietqr';
import { readQrFromImage } from '../../electron/engine/reception/qr-image';

/**
 * Published payloads with their CRCs, from the test suite and README of the Go library
 * github.com/subiz/vietqr (vietqr_test.go, README.md), made by and checked against bank apps.
 */
const PUBLISHED = {
  // No amount, no note: reusable ("11").
  staticNoAmount:
    '00020101021138540010A00000072701240006970423011000999999990208QRIBFTTA53037045802VN6304CBB4',
  // 40 123 đồng, "test text string": one amount ("12").
  withNote:
    '00020101021238570010A00000072701270006970422011300234579234420208QRIBFTTA53037045405401235802VN62200816test text string6304D9C6',
  // The note "chuyển khoản" folded to ASCII as banks expect.
  foldedNote:
    '00020101021238570010A00000072701270006970422011300234579234420208QRIBFTTA53037045405401235802VN62160812chuyen khoan6304722F',
  // README: 120 000 đồng to 0011001932418 at 970415, "ủng hộ lũ lụt". The README prints "010211"
  // but its CRC C15C is that of "010212" (one amount), as written here: the printed line fails its own CRC.
  readme:
    '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C',
};

/** The StationError code `fn` throws, or null when it does not throw. */
function code(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof StationError ? err.code : `not a StationError: ${String(err)}`;
  }
}

describe('VietQR payload', () => {
  it('matches the CRC of every published example and the CRC-16/CCITT-FALSE check value', () => {
    // The catalogue check value of CRC-16/CCITT-FALSE: "123456789" → 29B1.
    expect(crc16ccitt('123456789')).toBe('29B1');
    for (const [name, payload] of Object.entries(PUBLISHED)) {
      expect(vietqrCrcOk(payload), name).toBe(true);
      expect(crc16ccitt(payload.slice(0, -4)), name).toBe(payload.slice(-4));
    }
    // One character changed: the CRC no longer holds.
    expect(vietqrCrcOk(PUBLISHED.withNote.replace('40123', '40124'))).toBe(false);
  });

  it('builds the published payloads byte for byte, the note folded to ASCII', () => {
    expect(vietqrPayload({ bin: '970423', account: '0099999999' })).toBe(PUBLISHED.staticNoAmount);
    expect(
      vietqrPayload({ bin: '970422', account: '0023457923442', amount: 40123, note: 'test text string' }),
    ).toBe(PUBLISHED.withNote);
    expect(
      vietqrPayload({ bin: '970422', account: '0023457923442', amount: 40123, note: 'chuyển khoản' }),
    ).toBe(PUBLISHED.foldedNote);
    expect(
      vietqrPayload({ bin: '970415', account: '0011001932418', amount: 120000, note: 'ủng hộ lũ lụt' }),
    ).toBe(PUBLISHED.readme);
  });

  it('has the TLV structure of the specification: lengths, GUID, BIN, account, service, 53, 54, 58, 62/08, 63', () => {
    const payload = vietqrPayload({
      bin: '970436',
      account: '0011000123456',
      amount: 50000,
      note: 'Lệ phí H47-261127-0001',
    });
    const top = parseTlv(payload);
    expect(top.map((f) => f.id)).toEqual(['00', '01', '38', '53', '54', '58', '62', '63']);
    const field = (id: string) => top.find((f) => f.id === id)!.value;
    expect(field('00')).toBe('01');
    expect(field('01')).toBe('12');
    expect(field('53')).toBe('704');
    expect(field('54')).toBe('50000');
    expect(field('58')).toBe('VN');
    const merchant = parseTlv(field('38'));
    expect(merchant).toEqual([
      { id: '00', value: 'A000000727' },
      { id: '01', value: '0006970436' + '0113' + '0011000123456' },
      { id: '02', value: 'QRIBFTTA' },
    ]);
    expect(parseTlv(merchant[1]!.value)).toEqual([
      { id: '00', value: '970436' },
      { id: '01', value: '0011000123456' },
    ]);
    expect(parseTlv(field('62'))).toEqual([{ id: '08', value: 'Le phi H47-261127-0001' }]);
    expect(field('63')).toBe(crc16ccitt(payload.slice(0, -4)));
    // Every length is the value's own length.
    let rebuilt = '';
    for (const f of top) rebuilt += f.id + String(f.value.length).padStart(2, '0') + f.value;
    expect(rebuilt).toBe(payload);
  });

  it('refuses an amount with decimals, zero, negative or above the limit, a BIN not of six digits, a bad account or note', () => {
    const ok = { bin: '970436', account: '0011000123456' };
    expect(code(() => vietqrPayload({ ...ok, amount: 50000.5 }))).toBe('vietqr_amount_invalid');
    expect(code(() => vietqrPayload({ ...ok, amount: 0 }))).toBe('vietqr_amount_invalid');
    expect(code(() => vietqrPayload({ ...ok, amount: -100 }))).toBe('vietqr_amount_invalid');
    expect(code(() => vietqrPayload({ ...ok, amount: VIETQR_MAX_AMOUNT + 1 }))).toBe('vietqr_amount_invalid');
    expect(code(() => vietqrPayload({ ...ok, amount: VIETQR_MAX_AMOUNT }))).toBeNull();
    for (const bin of ['97043', '9704361', '97043a', '', ' 970436'])
      expect(
        code(() => vietqrPayload({ ...ok, bin })),
        bin,
      ).toBe('vietqr_bin_invalid');
    for (const account of ['', '0011-000', '12345678901234567890', 'số 1'])
      expect(
        code(() => vietqrPayload({ ...ok, account })),
        account,
      ).toBe('vietqr_account_invalid');
    for (const note of ['phí #12', 'a@b', 'x'.repeat(26), 'lệ phí 🙂', 'a|b'])
      expect(
        code(() => vietqrPayload({ ...ok, note })),
        note,
      ).toBe('vietqr_note_invalid');
    expect(vietqrNote('  Lệ  phí   Đăng ký  ')).toBe('Le phi Dang ky');
  });

  it('renders to a QR image that ZXing decodes back to the very same payload', async () => {
    const payload = vietqrPayload({
      bin: '970436',
      account: '0011000123456',
      amount: 50000,
      note: '000.00.00.H47-261127-0001',
    });
    const png = await QRCode.toBuffer(payload, {
      type: 'png',
      errorCorrectionLevel: 'M',
      margin: 2,
      width: 360,
    });
    expect(await readQrFromImage(png, 'vietqr.png')).toEqual([payload]);
  });
});
