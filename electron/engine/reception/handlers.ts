import type { receptionCalls } from '../../../shared/api/rooms/reception';
import type { RoomHandlers } from '../context';
import { readQrFromImage } from './qr-image';
import type { Corrections } from './correction';
import type { Forms } from './forms';
import type { Notices } from './notices';
import type { Reception } from './service';

export function receptionHandlers(
  r: Reception,
  corrections: Corrections,
  forms: Forms,
  notices: Notices,
  officerName: () => string,
  /** Refuses a real reception while the station still holds sample settings (reception/gate.ts). */
  assertReady: () => void = () => {},
): RoomHandlers<keyof typeof receptionCalls> {
  // The signed-in clerk, else the clerk set at a station without accounts.
  const who = (caller: { username?: string | null; name: string }) =>
    caller.username ? caller.name : officerName();
  return {
    'reception.setApplicant': (p) => r.setApplicant(p.dossierId, p.applicant),
    'reception.completeness': (p) => r.completeness(p.dossierId, p.exceptions),
    'reception.receive': (p, caller) => {
      assertReady();
      return r.receive(p.dossierId, {
        exceptions: p.exceptions,
        sets: p.sets,
        consent: p.consent,
        officer: caller.username ? caller.name : undefined,
        resultMethod: p.resultMethod,
        deliveryAddress: p.deliveryAddress,
        checkSigned: true,
        unsignedReason: p.unsignedReason,
      });
    },
    'reception.requestCompletion': (p, caller) => r.requestCompletion(p.dossierId, p.reason, who(caller)),
    'reception.resumeProcessing': (p, caller) => r.resumeProcessing(p.dossierId, who(caller)),
    'reception.receipt': (p, caller) =>
      forms.pdf(p.dossierId, p.form, caller.username ? caller.name : undefined),
    'reception.refuse': (p, caller) => notices.refuse(p.dossierId, p.reason, who(caller)),
    'reception.withdraw': (p, caller) => notices.withdraw(p.dossierId, p.reason, who(caller)),
    'reception.apologize': (p, caller) =>
      notices.apologize(
        p.dossierId,
        { reason: p.reason, cause: p.cause, newAppointmentAt: p.newAppointmentAt },
        who(caller),
      ),
    'reception.stopNotice': (p, caller) => notices.stopNotice(p.dossierId, p.reason, who(caller)),
    'reception.formTexts': () => forms.texts(),
    'reception.setFormTexts': (p) => forms.setTexts(p.changes),
    'reception.register': (p) => forms.register({ from: p.from, to: p.to }, p.format),
    'reception.correct': (p, caller) => corrections.correct(p.dossierId, p.reason, caller.name),
    'reception.finishCorrection': (p, caller) => corrections.finish(p.dossierId, caller.name),
    'reception.readQr': async (p) => ({
      texts: await readQrFromImage(Buffer.from(p.file.dataBase64, 'base64'), p.file.name),
    }),
  };
}
