import path from 'node:path';
import QRCode from 'qrcode';
import { type Command, need, parse, printJson, UsageError, withClient, writeAtomic } from './kit';

/** `--amount N`: a number as typed (decimals reach the VietQR rules, which refuse them in words). */
function amountOf(raw: string | undefined): number {
  const text = need(raw, '--amount N');
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--amount: not a number: ${text}`);
  return n;
}

export const paymentCommands: Record<string, Command> = {
  'payment vietqr': {
    usage:
      'payment vietqr --amount N --note TEXT [--bank BIN --account NUMBER] [--png FILE] [--json]   a VietQR bank-transfer payload (and QR image); the unit account from the settings unless given',
    async run(argv, ctx) {
      const { values } = parse(argv, {
        amount: { type: 'string' },
        note: { type: 'string' },
        bank: { type: 'string' },
        account: { type: 'string' },
        png: { type: 'string' },
        json: { type: 'boolean' },
      });
      const amount = amountOf(values.amount);
      const note = need(values.note, '--note TEXT');
      const { payload } = await withClient(ctx, (c) =>
        c.call('payment.vietqr', { amount, note, bin: values.bank, account: values.account }),
      );
      if (values.png) {
        const file = path.resolve(values.png);
        const png = await QRCode.toBuffer(payload, {
          type: 'png',
          errorCorrectionLevel: 'M',
          margin: 2,
          width: 480,
        });
        writeAtomic(file, png);
      }
      if (values.json) return printJson({ payload });
      console.log(payload);
    },
  },
};
