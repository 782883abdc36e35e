import type { receptionCalls } from '../../../shared/api/rooms/reception';
import type { Catalog } from '../catalog';
import type { RoomHandlers } from '../context';
import { readQrFromImage } from './qr-image';
import type { Reception } from './reception';

export function receptionHandlers(r: Reception, catalog: Catalog): RoomHandlers<keyof typeof receptionCalls> {
  return {
    'dossier.setApplicant': (p) => r.setApplicant(p.dossierId, p.applicant),
    'dossier.completeness': (p) => r.completeness(p.dossierId, p.exceptions),
    'dossier.receive': (p) => r.receive(p.dossierId, { exceptions: p.exceptions, sets: p.sets }),
    'dossier.requestCompletion': (p) => r.requestCompletion(p.dossierId, p.reason),
    'dossier.resumeProcessing': (p) => r.resumeProcessing(p.dossierId),
    'receipt.pdf': (p) => r.receipt(p.dossierId, p.form ?? '01'),
    'catalog.import': async (p) => {
      const procedures = await catalog.import(p.fileName, Buffer.from(p.dataBase64, 'base64'));
      return { imported: procedures.length, procedures };
    },
    'applicant.readQr': async (p) => ({
      texts: await readQrFromImage(Buffer.from(p.file.dataBase64, 'base64'), p.file.name),
    }),
    'catalog.export': async (p) => {
      const f = await catalog.export(p.format);
      return { fileName: f.fileName, mime: f.mime, dataBase64: f.bytes.toString('base64') };
    },
  };
}
