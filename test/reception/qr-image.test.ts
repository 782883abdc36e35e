import QRCode from 'qrcode';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readQrFromImage } from '../../electron/engine/reception/qr-image';
import { parseCccdQr } from '../../shared/domain/cccd';

const TEXT = '049090001234|205123456|NGUYỄN VĂN AN|15081990|Nam|Thôn 1, Xã Tam Xuân, Quảng Nam|20042021';

/** A photographed card: a grey card with the QR in its corner, on a darker desk. */
async function cardPhoto(format: 'jpeg' | 'png'): Promise<Buffer> {
  const qr = await QRCode.toBuffer(TEXT, { type: 'png', width: 260, margin: 2 });
  const card = await sharp({ create: { width: 1012, height: 638, channels: 3, background: '#d9e4ea' } })
    .composite([{ input: qr, left: 700, top: 40 }])
    .png()
    .toBuffer();
  const desk = sharp({ create: { width: 1600, height: 1100, channels: 3, background: '#5a4a3a' } }).composite(
    [{ input: card, left: 280, top: 230 }],
  );
  return (format === 'jpeg' ? desk.jpeg() : desk.png()).toBuffer();
}

describe('reading the QR off a scanned ID card image', () => {
  it('finds the CCCD QR on a card photo and fills the person from it', async () => {
    const texts = await readQrFromImage(await cardPhoto('jpeg'), 'cccd.jpg');
    expect(texts).toEqual([TEXT]);
    const parsed = parseCccdQr(texts[0]!, '2026-11-27');
    expect(parsed.ok && parsed.person.name).toBe('NGUYỄN VĂN AN');
  });

  it('answers with no text for an image without a QR, and refuses a file that is not an image', async () => {
    const blank = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect(await readQrFromImage(blank, 'blank.png')).toEqual([]);
    await expect(readQrFromImage(Buffer.from('not an image'), 'x.txt')).rejects.toMatchObject({
      code: 'image_unsupported',
    });
  });
});
