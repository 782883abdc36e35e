import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nfcDeep } from '../../shared/api/nfc';
import { fastStation as station } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import { makeBatch } from '../outbox/fixtures';

/** A name as a keyboard in combining-marks mode sends it: base letters and combining marks. */
const NAME = 'Nguyễn Thị Ánh Tuyết';
const decomposed = (s: string) => s.normalize('NFD');

describe('text stays Vietnamese: one Unicode form whatever the keyboard, file or QR', () => {
  it('composes every string of a value, keys too, and leaves ASCII, numbers and buffers alone', () => {
    expect(decomposed(NAME)).not.toBe(NAME); // the test's input really is decomposed
    const value = { [decomposed('Họ tên')]: [decomposed(NAME), 42, null, 'QUJD'], ok: true };
    expect(nfcDeep(value)).toEqual({ 'Họ tên': [NAME, 42, null, 'QUJD'], ok: true });
    const bytes = new Uint8Array([1, 2, 3]);
    expect(nfcDeep({ bytes }).bytes).toBe(bytes);
  });

  it('a name typed decomposed is stored composed, and found by its composed form', async () => {
    const st = station(tempDir());
    try {
      const d = await st.client.call('dossier.create', {
        procedureCode: '1.001193',
        applicantName: decomposed(NAME),
      });
      await st.client.call('reception.setApplicant', {
        dossierId: d.id,
        applicant: {
          kind: 'person',
          name: decomposed(NAME),
          address: decomposed('Thôn Phú Quý, Xã Tam Xuân'),
        },
      });
      const got = await st.client.call('dossier.get', { dossierId: d.id });
      expect(got.applicant?.name).toBe(NAME);
      expect(got.applicant?.address).toBe('Thôn Phú Quý, Xã Tam Xuân');
      const list = await st.client.call('dossier.list', {});
      expect(list.find((x) => x.id === d.id)?.applicantName).toBe(NAME);
    } finally {
      st.close();
    }
  });

  it('a catalogue and a batch dossier.json written decomposed come in composed', async () => {
    const st = station(tempDir());
    try {
      const exported = await st.client.call('catalog.export', { format: 'json' });
      const text = Buffer.from(exported.dataBase64, 'base64').toString('utf8').normalize('NFD');
      const imported = await st.client.call('catalog.import', {
        fileName: 'danh-muc.json',
        dataBase64: Buffer.from(text).toString('base64'),
      });
      expect(imported.procedures.find((p) => p.code === '1.001193')?.name).toBe('Đăng ký khai sinh');

      const dir = tempDir();
      const [folder] = await makeBatch(dir, 1);
      const file = path.join(dir, folder ?? '', 'dossier.json');
      const spec = JSON.parse(fs.readFileSync(file, 'utf8')) as { applicant: { name: string } };
      spec.applicant.name = decomposed(NAME);
      fs.writeFileSync(file, JSON.stringify(spec));
      await st.client.call('batch.import', { dir });
      const list = await st.client.call('dossier.list', {});
      expect(list.map((x) => x.applicantName)).toContain(NAME);
    } finally {
      st.close();
    }
  });
});
