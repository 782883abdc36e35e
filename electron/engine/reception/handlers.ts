import type { receptionCalls } from '../../../shared/api/rooms/reception';
import type { RoomHandlers } from '../context';
import { readQrFromImage } from './qr-image';
import type { Corrections } from './correction';
import type { Reception } from './service';

export function receptionHandlers(
  r: Reception,
  corrections: Corrections,
): RoomHandlers<keyof typeof receptionCalls> {
  return {
    'reception.setApplicant': (p) => r.setApplicant(p.dossierId, p.applicant),
    'reception.completeness': (p) => r.completeness(p.dossierId, p.exceptions),
    'reception.receive': (p, caller) =>
      r.receive(p.dossierId, {
        exceptions: p.exceptions,
        sets: p.sets,
        consent: p.consent,
        officer: caller.username ? caller.name : undefined,
      }),
    'reception.requestCompletion': (p) => r.requestCompletion(p.dossierId, p.reason),
    'reception.resumeProcessing': (p) => r.resumeProcessing(p.dossierId),
    'reception.receipt': (p, caller) =>
      r.receipt(p.dossierId, p.form, caller.username ? caller.name : undefined),
    'reception.correct': (p, caller) => corrections.correct(p.dossierId, p.reason, caller.name),
    'reception.finishCorrection': (p, caller) => corrections.finish(p.dossierId, caller.name),
    'reception.readQr': async (p) => ({
      texts: await readQrFromImage(Buffer.from(p.file.dataBase64, 'base64'), p.file.name),
    }),
  };
}
