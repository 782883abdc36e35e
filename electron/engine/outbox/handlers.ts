import type { DvcqgOverride, outboxCalls } from '../../../shared/api/rooms/outbox';
import type { RoomHandlers } from '../context';
import type { Outbox } from './service';

/** `configure`: (re)connects to the portal of the settings, or to the URL `outbox.sync` names. */
export function outboxHandlers(
  outbox: Outbox,
  configure: (portalUrl?: string, dvcqg?: DvcqgOverride) => void,
): RoomHandlers<keyof typeof outboxCalls> {
  return {
    'outbox.overview': () => {
      configure();
      return outbox.overview();
    },
    'outbox.pause': (p) => outbox.pause(p.dossierId),
    'outbox.resume': (p) => outbox.resume(p.dossierId),
    'outbox.retryNow': (p) => outbox.retryNow(p.dossierId),
    'outbox.sendNow': (p) => outbox.sendNow(p.dossierId),
    'outbox.sync': (p) => {
      configure(p.portalUrl, p.dvcqg);
      return outbox.sync(p.timeoutMs ?? 30 * 60_000, p.untilEmpty ?? true);
    },
    'outbox.recordReturn': (p) => outbox.recordReturn(p.dossierId, p.returnedTo),
    'outbox.resultFile': (p) => {
      const f = outbox.resultFile(p.dossierId, p.fileId);
      return { fileName: f.fileName, dataBase64: f.bytes.toString('base64') };
    },
  };
}
