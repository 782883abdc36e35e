import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHOICES } from '../../electron/engine/imaging/cleanup';
import { processPage } from '../../electron/engine/imaging/pipeline';
import { scanImage } from '../helpers/images';

const source = (bytes: Buffer) => ({
  bytes,
  mime: 'image/png',
  frame: 0,
  width: 600,
  height: 848,
  dpi: 100,
  rotation: 90,
  name: 'p.png',
});

describe('the one page pipeline', () => {
  it('refuses an all-black page on every path (the dossier path assembles without a pool)', async () => {
    const black = await sharp({ create: { width: 600, height: 848, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    await expect(processPage(source(black), DEFAULT_CHOICES, null)).rejects.toMatchObject({
      code: 'image_all_black',
      params: { name: 'p.png' },
    });
  });

  it('gives an image page cleaned for the PDF with the clerk’s turn, and drops a blank one only when asked', async () => {
    const r = await processPage(
      source(await scanImage('png', { width: 600, height: 848 })),
      DEFAULT_CHOICES,
      null,
    );
    expect(r.kind).toBe('image');
    expect(r.page).toMatchObject({ rotation: 90 });
    expect(r.page?.prepared).toBeDefined();
    const white = await sharp({ create: { width: 600, height: 848, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect((await processPage(source(white), DEFAULT_CHOICES, null)).page).not.toBeNull();
    const dropped = await processPage(source(white), DEFAULT_CHOICES, null, { dropBlank: true });
    expect(dropped).toMatchObject({ page: null, analysis: { blank: true } });
  });
});
