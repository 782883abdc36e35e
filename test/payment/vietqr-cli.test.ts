import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { readQrFromImage } from '../../electron/engine/reception/qr-image';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { parseTlv, vietqrCrcOk } from '../../shared/domain/vietqr';
import { runSohoa } from '../helpers/cli';
import { failure } from '../helpers/station';
import { tempDir } from '../helpers/tmp';

const sohoa = (args: string[]) =>
  runSohoa(args, { ...process.env, SOHOA_LANG: '', SOHOA_DATA_DIR: '', SOHOA_OCR: '0' });

/** The unit's bank account, set as the administrator would (a station without accounts: the station itself). */
async function setBank(data: string, patch: Record<string, unknown>): Promise<void> {
  const engine = createEngine({ dataDir: data, imaging: { ocr: false } });
  const client = connectInProcess(engine);
  try {
    await client.call('settings.update', patch);
  } finally {
    client.dispose();
    engine.close();
  }
}

describe('sohoa payment vietqr', { timeout: 120_000 }, () => {
  it('prints the payload for the account given, or the unit account of the settings, and writes a QR that decodes to it', async () => {
    const data = path.join(tempDir(), 'station');
    const given = await sohoa([
      '--data',
      data,
      'payment',
      'vietqr',
      '--amount',
      '40123',
      '--note',
      'chuyển khoản',
      '--bank',
      '970422',
      '--account',
      '0023457923442',
      '--json',
    ]);
    expect(given.err).toBe('');
    expect(given.code).toBe(0);
    // The published example (github.com/subiz/vietqr, vietqr_test.go), CRC included.
    expect(JSON.parse(given.out)).toEqual({
      payload:
        '00020101021238570010A00000072701270006970422011300234579234420208QRIBFTTA53037045405401235802VN62160812chuyen khoan6304722F',
    });

    // Without --bank/--account and no account in the settings: refused, in words.
    const none = await sohoa([
      '--data',
      data,
      '--lang',
      'vi',
      'payment',
      'vietqr',
      '--amount',
      '5000',
      '--note',
      'x',
    ]);
    expect(none.code).toBe(1);
    expect(none.err).toContain('vietqr_not_configured');
    expect(none.err).toContain('chưa được cài đặt tài khoản nhận chuyển khoản');

    await setBank(data, { bankTransferAllowed: true, bankBin: '970436', bankAccount: '0011000123456' });
    const png = path.join(tempDir(), 'qr.png');
    const own = await sohoa([
      '--data',
      data,
      'payment',
      'vietqr',
      '--amount',
      '25000',
      '--note',
      'Lệ phí 000.00.00.H47',
      '--png',
      png,
    ]);
    expect(own.err).toBe('');
    expect(own.code).toBe(0);
    const payload = own.out.trim();
    expect(vietqrCrcOk(payload)).toBe(true);
    const merchant = parseTlv(parseTlv(payload).find((f) => f.id === '38')!.value);
    expect(parseTlv(merchant[1]!.value)).toEqual([
      { id: '00', value: '970436' },
      { id: '01', value: '0011000123456' },
    ]);
    expect(payload).toContain('0820Le phi 000.00.00.H47');
    expect(await readQrFromImage(fs.readFileSync(png), 'qr.png')).toEqual([payload]);
  });

  it('refuses decimals, an amount above the limit, a BIN not of six digits and a note banks do not take', async () => {
    const data = path.join(tempDir(), 'station');
    const bank = { bin: '970436', account: '0011000123456' };
    const engine = createEngine({ dataDir: data, imaging: { ocr: false } });
    const client = connectInProcess(engine);
    try {
      const cases: [Record<string, unknown>, string][] = [
        [{ ...bank, amount: 50000.5, note: 'le phi' }, 'vietqr_amount_invalid'],
        [{ ...bank, amount: 500_000_000, note: 'le phi' }, 'vietqr_amount_invalid'],
        [{ ...bank, bin: '97043', amount: 50000, note: 'le phi' }, 'vietqr_bin_invalid'],
        [{ ...bank, amount: 50000, note: 'phí #1 @quầy' }, 'vietqr_note_invalid'],
        // The unit takes no transfers yet: its own account is not offered even once it is entered.
        [{ amount: 50000, note: 'le phi' }, 'vietqr_not_configured'],
      ];
      await client.call('settings.update', { bankBin: '970436', bankAccount: '0011000123456' });
      for (const [params, expected] of cases)
        expect((await failure(client.call('payment.vietqr', params as never))).code, expected).toBe(expected);
    } finally {
      client.dispose();
      engine.close();
    }
    // And through the command line, in words.
    const cli = await sohoa([
      '--data',
      data,
      '--lang',
      'vi',
      'payment',
      'vietqr',
      '--amount',
      '50000.5',
      '--note',
      'x',
      '--bank',
      '970436',
      '--account',
      '0011000123456',
    ]);
    expect(cli.code).toBe(1);
    expect(cli.err).toContain('[vietqr_amount_invalid]');
    expect(cli.err).toContain('không có phần lẻ');
    const usage = await sohoa(['--data', data, 'payment', 'vietqr', '--amount', 'abc', '--note', 'x']);
    expect(usage.code).toBe(2);
  });
});
