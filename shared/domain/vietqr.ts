/**
 * VietQR — the NAPAS 247 bank-transfer QR (EMVCo merchant-presented mode), as Vietnamese
 * banking apps read it: ID–length–value fields, the transfer to an account (service
 * QRIBFTTA) under NAPAS's GUID, the amount in đồng, a short note, and a CRC-16/CCITT-FALSE.
 * Pure, for the engine, the CLI and the tests; refuses what a bank app would refuse.
 *
 * Fields (EMV QRCPS MPM; NAPAS "Quy định về định dạng mã VietQR", v1.0 2021):
 *   00 payload format "01" · 01 point of initiation "11" (reusable) or "12" (one amount) ·
 *   38 merchant account: 00 GUID "A000000727", 01 beneficiary (00 bank BIN, 01 account), 02 service ·
 *   53 currency "704" · 54 amount · 58 country "VN" · 62 additional data: 08 purpose (the note) ·
 *   63 CRC over everything before it, "6304" included.
 */
import { StationError } from '../api/errors';
import { stripDiacritics } from './text';

export const VIETQR_GUID = 'A000000727';
/** Chuyển nhanh 24/7 đến tài khoản (inter-bank fund transfer to an account). */
export const VIETQR_SERVICE = 'QRIBFTTA';
/**
 * The largest amount the station puts in a QR: one NAPAS 247 transfer is capped below
 * 500 million đồng; a fee above that is not paid by one QR transfer.
 */
export const VIETQR_MAX_AMOUNT = 499_999_999;
/** Tag 62/08 (purpose of transaction) holds at most 25 characters. */
export const VIETQR_NOTE_MAX = 25;
/** What banks keep in a transfer's content: ASCII letters and digits, space and . , - / _ */
const NOTE_CHARS = /^[A-Za-z0-9 .,\-/_]*$/;

export interface VietQrInput {
  /** Mã BIN of the beneficiary's bank (NAPAS acquirer id), six digits, e.g. 970436. */
  bin: string;
  /** Số tài khoản, 1–19 letters or digits. */
  account: string;
  /** Số tiền (đồng): a whole number from 1 to VIETQR_MAX_AMOUNT; without it the payer types it. */
  amount?: number;
  /** Nội dung chuyển khoản, folded to ASCII (vietqrNote); at most 25 characters. */
  note?: string;
}

/** One field: two-digit id, two-digit length, value (at most 99 characters). */
export function tlv(id: string, value: string): string {
  if (!/^\d{2}$/.test(id) || value.length > 99) throw new RangeError(`bad TLV ${id} (${value.length})`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor) as 4 upper-case hex digits. */
export function crc16ccitt(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** The fields of a TLV string, in order; throws on a length running past the end. */
export function parseTlv(text: string): { id: string; value: string }[] {
  const out: { id: string; value: string }[] = [];
  let i = 0;
  while (i < text.length) {
    const id = text.slice(i, i + 2);
    const len = Number(text.slice(i + 2, i + 4));
    if (!/^\d{2}$/.test(id) || !/^\d{2}$/.test(text.slice(i + 2, i + 4)) || i + 4 + len > text.length)
      throw new RangeError(`malformed TLV at ${i}`);
    out.push({ id, value: text.slice(i + 4, i + 4 + len) });
    i += 4 + len;
  }
  return out;
}

/** True when the payload's last field is "63" + 4 hex digits matching the CRC of all before them. */
export function vietqrCrcOk(payload: string): boolean {
  const m = /^(.*6304)([0-9A-F]{4})$/s.exec(payload);
  return !!m && crc16ccitt(m[1]!) === m[2];
}

/**
 * The note as a bank keeps it: Vietnamese marks dropped (đ → d), spaces collapsed.
 * Refuses (vietqr_note_invalid) what is still outside the characters banks accept, or too long.
 */
export function vietqrNote(text: string): string {
  const folded = stripDiacritics(text).replace(/\s+/g, ' ').trim();
  if (!NOTE_CHARS.test(folded) || folded.length > VIETQR_NOTE_MAX)
    throw new StationError('vietqr_note_invalid', { max: VIETQR_NOTE_MAX });
  return folded;
}

function checkInput(input: VietQrInput): void {
  if (!/^\d{6}$/.test(input.bin)) throw new StationError('vietqr_bin_invalid', { bin: input.bin });
  if (!/^[0-9A-Za-z]{1,19}$/.test(input.account)) throw new StationError('vietqr_account_invalid');
  const a = input.amount;
  if (a !== undefined && !(Number.isSafeInteger(a) && a >= 1 && a <= VIETQR_MAX_AMOUNT))
    throw new StationError('vietqr_amount_invalid', { max: VIETQR_MAX_AMOUNT });
}

/** The VietQR payload string for a transfer to `account` at the bank `bin`; refuses bad input with a reason. */
export function vietqrPayload(input: VietQrInput): string {
  checkInput(input);
  const note = input.note === undefined ? '' : vietqrNote(input.note);
  const beneficiary = tlv('00', input.bin) + tlv('01', input.account);
  const merchant = tlv('00', VIETQR_GUID) + tlv('01', beneficiary) + tlv('02', VIETQR_SERVICE);
  const body =
    tlv('00', '01') +
    tlv('01', input.amount === undefined ? '11' : '12') +
    tlv('38', merchant) +
    tlv('53', '704') +
    (input.amount === undefined ? '' : tlv('54', String(input.amount))) +
    tlv('58', 'VN') +
    (note ? tlv('62', tlv('08', note)) : '') +
    '6304';
  return body + crc16ccitt(body);
}
