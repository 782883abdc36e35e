import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { BlobStore, openStore } from '../../electron/engine/store';
import { keyFileFor } from '../../electron/engine/store/data-key';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { ALL_MIGRATIONS } from '../../electron/engine/schema';
import { b64, scanImage } from '../helpers/images';
import { tempDir } from '../helpers/tmp';

const CCCD = '049190001234';
const PHONE = '0905123456';
const SECRET = 'khoa-cong-QNAM-9c1e77';

/** Every byte the station wrote in its data folder (database, its WAL, blob files). */
function everything(dir: string): Buffer {
  const parts: Buffer[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else parts.push(fs.readFileSync(p));
    }
  };
  walk(dir);
  return Buffer.concat(parts);
}

async function stationWithData(dir: string) {
  const engine = createEngine({ dataDir: dir, imaging: { ocr: false } });
  const client = connectInProcess(engine);
  const d = await client.call('dossier.create', { procedureCode: '1.001193', applicantName: 'tạm' });
  await client.call('reception.setApplicant', {
    dossierId: d.id,
    applicant: {
      kind: 'person',
      name: 'Nguyễn Thị Lan',
      idNumber: CCCD,
      birthDate: '1990-05-12',
      gender: 'female',
      address: 'Thôn 3, xã Tam Xuân 1, huyện Núi Thành, Quảng Nam',
      phone: PHONE,
      email: '',
    },
  });
  const png = await scanImage('png', { dpi: 100, width: 300, height: 420 });
  await client.call('dossier.addPages', {
    dossierId: d.id,
    componentCode: 'TK',
    files: [{ name: 'cccd.png', dataBase64: b64(png) }],
  });
  await client.call('settings.update', { portalSecret: SECRET });
  return { engine, client, dossierId: d.id, png };
}

describe("the citizen's data at rest", () => {
  it('is sealed on disk — page images, applicant details, portal key — and reads back whole in the app', async () => {
    const dir = tempDir();
    const { engine, client, dossierId, png } = await stationWithData(dir);
    client.dispose();
    engine.close();

    const disk = everything(dir);
    expect(disk.includes(Buffer.from(CCCD))).toBe(false);
    expect(disk.includes(Buffer.from(PHONE))).toBe(false);
    expect(disk.includes(Buffer.from(SECRET))).toBe(false);
    expect(disk.includes(png.subarray(0, 64))).toBe(false); // the scan's PNG header and first bytes
    // The key is not in the data folder: it is a private file in the user's configuration folder.
    const keyFile = keyFileFor(dir);
    expect(path.relative(dir, keyFile).startsWith('..')).toBe(true);
    expect(fs.statSync(keyFile).mode & 0o077).toBe(0);

    const again = createEngine({ dataDir: dir, imaging: { ocr: false } });
    const c2 = connectInProcess(again);
    try {
      const d = await c2.call('dossier.get', { dossierId });
      expect(d.applicant).toMatchObject({ idNumber: CCCD, phone: PHONE });
      const page = d.components.find((c) => c.code === 'TK')!.pages[0]!;
      expect(page.bytes).toBe(png.length);
      const thumb = await c2.call('dossier.thumbnail', { pageId: page.id });
      expect(thumb.dataUrl).toMatch(/^data:image\/jpeg;base64,/);
      await c2.call('documents.assemble', { dossierId, componentCode: 'TK' });
      const pdf = await c2.call('documents.componentPdf', { dossierId, componentCode: 'TK' });
      expect(Buffer.from(pdf.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      c2.dispose();
      again.close();
    }
  });

  it('a copied data folder cannot be opened without its key, and the copy is left as it was', async () => {
    const dir = tempDir();
    const { engine, client } = await stationWithData(dir);
    client.dispose();
    engine.close();
    const copy = path.join(tempDir(), 'stolen-backup');
    fs.cpSync(dir, copy, { recursive: true });
    const before = fs.readFileSync(path.join(copy, 'key-check'));
    let failure: unknown = null;
    try {
      openStore(copy, ALL_MIGRATIONS);
    } catch (err) {
      failure = err;
    }
    expect(failure).toMatchObject({ code: 'data_key_mismatch' });
    expect(fs.readFileSync(path.join(copy, 'key-check')).equals(before)).toBe(true);
    expect(fs.existsSync(keyFileFor(copy))).toBe(false);
    // Through the engine the clerk gets the Vietnamese message saying what to do.
    expect(() => createEngine({ dataDir: copy, imaging: { ocr: false } })).toThrow(/key|khóa/i);
  });

  it('a sealed file that was altered is refused as damaged; files from before encryption still read', async () => {
    const dir = tempDir();
    const store = openStore(dir, ALL_MIGRATIONS);
    try {
      const id = store.blobs.put(Buffer.from('trang quét của công dân'));
      const file = store.blobs.pathOf(id);
      const sealed = fs.readFileSync(file);
      const altered = Buffer.from(sealed);
      altered[altered.length - 20]! ^= 0x01;
      fs.chmodSync(file, 0o600);
      fs.writeFileSync(file, altered);
      expect(() => store.blobs.get(id)).toThrow(expect.objectContaining({ code: 'data_damaged' }));
      // A station upgraded from before encryption: its plain files still open.
      const legacy = new BlobStore(path.join(tempDir(), 'blobs'));
      const old = legacy.put(Buffer.from('bản quét cũ'));
      fs.mkdirSync(path.dirname(store.blobs.pathOf(old)), { recursive: true });
      fs.copyFileSync(legacy.pathOf(old), store.blobs.pathOf(old));
      expect(store.blobs.get(old).toString()).toBe('bản quét cũ');
    } finally {
      store.close();
    }
  });
});
