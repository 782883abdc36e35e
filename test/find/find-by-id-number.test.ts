import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { failure } from '../helpers/station';
import { tempDir } from '../helpers/tmp';

describe('a citizen back at the counter without the receipt gives the ID number', () => {
  it('finds the dossiers of that applicant (sealed at rest), by the whole number only', async () => {
    const engine = createEngine({ dataDir: tempDir(), imaging: { ocr: false } });
    const client = connectInProcess(engine);
    try {
      const make = async (
        name: string,
        applicant: Parameters<typeof client.call<'reception.setApplicant'>>[1]['applicant'],
      ) => {
        const d = await client.call('dossier.create', { procedureCode: '1.001193', applicantName: name });
        await client.call('reception.setApplicant', { dossierId: d.id, applicant });
        return d.id;
      };
      const first = await make('Lê Văn Hùng', {
        kind: 'person',
        name: 'Lê Văn Hùng',
        idNumber: '049190009876',
      });
      const second = await make('Lê Văn Hùng', {
        kind: 'person',
        name: 'Lê Văn Hùng',
        idNumber: '049190009876',
      });
      await make('Trần Thị Bình', { kind: 'person', name: 'Trần Thị Bình', idNumber: '049190001111' });
      const firm = await make('Công ty TNHH Tam Xuân', {
        kind: 'organisation',
        name: 'Công ty TNHH Tam Xuân',
        taxCode: '4000123456',
      });
      await client.call('dossier.create', { procedureCode: '1.001193', applicantName: 'Chưa có người nộp' });

      expect((await client.call('dossier.findByIdNumber', { idNumber: '049190009876' })).sort()).toEqual(
        [first, second].sort(),
      );
      expect(await client.call('dossier.findByIdNumber', { idNumber: '4000123456' })).toEqual([firm]);
      expect(await client.call('dossier.findByIdNumber', { idNumber: '049190002222' })).toEqual([]);
      // A part of a number is no ID number: refused, never a list of everyone starting with it.
      expect((await failure(client.call('dossier.findByIdNumber', { idNumber: '0491900' }))).code).toBe(
        'invalid_request',
      );
    } finally {
      client.dispose();
      engine.close();
    }
  });
});
