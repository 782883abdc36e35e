import type { privacyCalls } from '../../../shared/api/rooms/privacy';
import { faultFields } from '../api/errors';
import type { AuditLog } from '../audit';
import type { Caller, EngineContext, RoomHandlers } from '../context';
import type { Documents } from '../documents';
import type { DossierService } from '../dossier/service';
import type { Settings } from '../settings';
import { exportApplicant } from './export';
import { privacyHandlers } from './handlers';
import { Privacy } from './service';

export { privacyMigrations } from './schema';
export { Privacy, holdReason } from './service';

export interface PrivacyOptions {
  /** Purge by itself once at start, then every `everyMs` (the app and web mode do; tests ask for it). */
  autoPurge?: boolean;
  /** Default: daily. */
  everyMs?: number;
  /** The clock the retention is measured with (tests move it). */
  now?: () => Date;
}

/** The actor of the purges the station runs by itself, in the audit trail. */
export const AUTO_ACTOR = 'Trạm (tự xóa theo thời hạn lưu trữ)';

/**
 * The privacy room (docs/architecture.md, privacy): the personal data lifecycle, its calls,
 * and the daily purge — a timer the engine closes with everything else.
 */
export function createPrivacyRoom(
  ctx: EngineContext,
  deps: {
    settings: Settings;
    dossiers: DossierService;
    documents: Pick<Documents, 'storedAll'>;
    audit: Pick<AuditLog, 'append'>;
    actorOf: (caller: Caller) => string;
  },
  opts: PrivacyOptions = {},
): { privacy: Privacy; handlers: RoomHandlers<keyof typeof privacyCalls>; close(): void } {
  const now = opts.now ?? (() => new Date());
  const privacy = new Privacy(ctx.store, deps.settings, deps.dossiers, deps.audit, now);
  const handlers = privacyHandlers(
    privacy,
    (id) => exportApplicant(ctx.store, deps.dossiers, deps.documents, id, now()),
    deps.actorOf,
  );
  let timer: NodeJS.Timeout | null = null;
  let first: NodeJS.Immediate | null = null;
  const run = () => {
    try {
      const r = privacy.purge(false, AUTO_ACTOR);
      if (r.purged.length) ctx.log.info('privacy.purge', { count: r.purged.length });
    } catch (err) {
      ctx.log.error('privacy.purge', { ok: false, ...faultFields(err) });
    }
  };
  if (opts.autoPurge) {
    first = setImmediate(run);
    timer = setInterval(run, opts.everyMs ?? 86_400_000);
    timer.unref();
  }
  return {
    privacy,
    handlers,
    close() {
      if (first) clearImmediate(first);
      if (timer) clearInterval(timer);
      first = timer = null;
    },
  };
}
