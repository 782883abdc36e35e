import crypto from 'node:crypto';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { UploadStaging, UPLOAD_IDLE_MS } from '../../electron/engine/scan/uploads';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import type { StationClient } from '../../shared/api/client';
import { MAX_MESSAGE_BYTES, UPLOAD_CHUNK_BYTES, UPLOAD_DOSSIER_BYTES } from '../../shared/api/limits';
import { sendFiles } from '../../shared/api/upload';
import { goodScanPdf } from '../helpers/bad-corpus';
import { tempDir } from '../helpers/tmp';

let engine: Engine | undefined;
afterEach(() => {
  engine?.close();
  engine = undefined;
});

/** The client, with every call's method and envelope size noted. */
function counting(client: StationClient) {
  const seen: { method: string; bytes: number }[] = [];
  const wrapped: StationClient = {
    call: (method, params) => {
      seen.push({ method, bytes: JSON.stringify(params).length });
      return client.call(method, params);
    },
    on: (name, listener) => client.on(name, listener),
  };
  return { wrapped, seen };
}

/** An uncompressed TIFF scan of about `mb` megabytes: a 600 dpi colour page as some vendor software saves it. */
async function bigTiff(mb: number): Promise<Buffer> {
  const side = Math.round(Math.sqrt((mb * 1024 * 1024) / 3));
  return sharp({ create: { width: side, height: side, channels: 3, background: '#f4f4f0' } })
    .tiff({ compression: 'none' })
    .toBuffer();
}

describe('files travel in chunks, with a cap per dossier', () => {
  it('a file bigger than one message is sent in chunks and imported as one page; no call passes the bound', async () => {
    engine = createEngine({ dataDir: tempDir(), imaging: { ocr: false } });
    const client = connectInProcess(engine);
    const d = await client.call('dossier.create', {
      procedureCode: '1.001193',
      applicantName: 'Phan Văn Lớn',
    });
    const tiff = await bigTiff(50);
    expect(tiff.toString('base64').length).toBeGreaterThan(MAX_MESSAGE_BYTES);
    const small = await sharp({ create: { width: 800, height: 1100, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const { wrapped, seen } = counting(client);
    const out = await sendFiles(
      wrapped,
      [
        { name: 'nho.png', dataBase64: small.toString('base64') },
        { name: 'lon.tif', dataBase64: tiff.toString('base64') },
      ],
      { method: 'dossier.addPages', dossierId: d.id, componentCode: 'TK', newId: () => crypto.randomUUID() },
    );
    expect(out.rejected).toEqual([]);
    expect(out.added.map((p) => p.sourceName)).toEqual(['nho.png', 'lon.tif']);
    expect(seen.map((s) => s.method)).toEqual([
      'dossier.addPages',
      ...Array.from({ length: Math.ceil(tiff.length / (UPLOAD_CHUNK_BYTES - 2)) }, () => 'scan.uploadChunk'),
    ]);
    expect(Math.max(...seen.map((s) => s.bytes))).toBeLessThan(MAX_MESSAGE_BYTES / 4);
    client.dispose();
  });

  it('refuses chunks out of order, a file above the import limit, and more unfinished bytes per dossier than the cap', async () => {
    engine = createEngine({ dataDir: tempDir(), imaging: { ocr: false } });
    const client = connectInProcess(engine);
    const d = await client.call('dossier.create', {
      procedureCode: '1.001193',
      applicantName: 'Hà Thị Giới',
    });
    const chunk = (over: Record<string, unknown>) =>
      client
        .call('scan.uploadChunk', {
          dossierId: d.id,
          componentCode: 'TK',
          uploadId: crypto.randomUUID(),
          name: 'x.tif',
          total: 1000,
          offset: 0,
          dataBase64: Buffer.alloc(300).toString('base64'),
          ...over,
        })
        .then(
          (r) => ({ ok: r }),
          (e: { error: { code: string } }) => ({ code: e.error.code }),
        );
    const id = crypto.randomUUID();
    expect(await chunk({ uploadId: id })).toEqual({ ok: { received: 300, done: null } });
    expect(await chunk({ uploadId: id, offset: 600 })).toEqual({ code: 'invalid_request' });
    expect(await chunk({ uploadId: crypto.randomUUID(), offset: 300 })).toEqual({ code: 'invalid_request' });
    expect(await chunk({ total: 201 * 1024 * 1024 })).toEqual({ code: 'file_too_large' });
    // The cap counts what each unfinished file announces: the second 150 MB file is refused at once.
    const big = 150 * 1024 * 1024;
    expect(await chunk({ total: big })).toMatchObject({ ok: { received: 300 } });
    expect(await chunk({ total: big })).toEqual({ code: 'message_too_large' });
    expect(big * 2).toBeGreaterThan(UPLOAD_DOSSIER_BYTES);
    client.dispose();
  });

  it('a PDF sent in chunks for page images only is refused like dossier.addPages refuses it', async () => {
    engine = createEngine({ dataDir: tempDir(), imaging: { ocr: false } });
    const client = connectInProcess(engine);
    const d = await client.call('dossier.create', { procedureCode: '1.001193', applicantName: 'Vũ Văn Ảnh' });
    const pdf = await goodScanPdf();
    const r = await client.call('scan.uploadChunk', {
      dossierId: d.id,
      componentCode: 'TK',
      uploadId: crypto.randomUUID(),
      name: 'to-khai.pdf',
      total: pdf.length,
      offset: 0,
      dataBase64: pdf.toString('base64'),
      imagesOnly: true,
    });
    expect(r.done?.rejected.map((x) => x.error.code)).toEqual(['image_unsupported']);
    client.dispose();
  });

  it('drops a file left unfinished (a page closed mid-upload) after a while, freeing its share of the cap', () => {
    let now = 0;
    const s = new UploadStaging(() => now);
    const base = { dossierId: 'd', componentCode: 'TK', name: 'a.tif', offset: 0, bytes: Buffer.alloc(10) };
    const half = Math.ceil(UPLOAD_DOSSIER_BYTES / 2) + 1;
    s.add({ ...base, uploadId: 'u1', total: half });
    expect(() => s.add({ ...base, uploadId: 'u2', total: half })).toThrow(/message_too_large/);
    now += UPLOAD_IDLE_MS + 1;
    expect(s.add({ ...base, uploadId: 'u2', total: half })).toEqual({ received: 10, file: null });
    expect(s.heldFor('d')).toBe(10);
  });
});
