import type { outboxCalls } from '../../../shared/api/rooms/outbox';
import type { paymentCalls } from '../../../shared/api/rooms/payment';
import type { batchCalls } from '../../../shared/api/rooms/batch';
import type { portalCalls } from '../../../shared/api/rooms/portal';
import type { StationSettings } from '../../../shared/api/rooms/settings';
import type { Catalog } from '../catalog';
import type { EngineContext, RoomHandlers } from '../context';
import type { Documents } from '../documents';
import type { DossierService } from '../dossier/service';
import { StationError } from '../../../shared/api/errors';
import { checkPortal } from '../portal/check';
import { HttpPortal } from '../portal/http';
import { verifyPdf } from '../sign/verify';
import { BatchImport, recordImportInTx } from './batch';
import { Outbox, type OutboxOptions } from './service';

export { Outbox, type OutboxOptions } from './service';

export interface OutboxRoomOptions extends OutboxOptions {
  /** The embedded sandbox portal used in training mode when no portal is configured. */
  trainingPortalUrl?: string;
  /** Starts the embedded sandbox on first need (training mode) and gives its URL. */
  trainingPortal?: () => Promise<string>;
  /** Start the worker at once (the app does; the CLI runs it through `outbox.sync`). */
  autoStart?: boolean;
  /** Bound on every portal request. */
  requestTimeoutMs?: number;
}

/**
 * The station's connector for a portal URL, with the credentials from the settings.
 * The embedded training sandbox (`training`) always gets the sandbox's own keys, so a
 * real key kept in the settings is never sent to it.
 */
export function portalFor(url: string, s: StationSettings, timeoutMs?: number, training = false): HttpPortal {
  return new HttpPortal({
    url,
    stationId: (!training && s.portalStationId) || `${s.agencyCode}/${s.stationCode}`,
    secret: (!training && s.portalSecret) || 'sandbox',
    paymentPartner: (!training && s.paymentPartner) || s.agencyCode,
    paymentSecret: (!training && s.paymentSecret) || 'sandbox-pay',
    timeoutMs,
  });
}

export function createOutboxRoom(
  ctx: EngineContext,
  deps: {
    dossiers: DossierService;
    documents: Documents;
    catalog: Catalog;
    settings: () => StationSettings;
    receive: (dossierId: string) => void;
  },
  opts: OutboxRoomOptions = {},
): {
  outbox: Outbox;
  handlers: RoomHandlers<
    keyof (typeof outboxCalls & typeof paymentCalls & typeof batchCalls & typeof portalCalls)
  >;
  /** Call after the settings changed: the outbox switches to the new portal or credentials at once. */
  reconfigure(): void;
  close(): void;
} {
  // The result's signatures are checked by the signing room's verifier (trust list: not wired yet,
  // so a good signature from an unknown CA reads 'indeterminate').
  const verify = async (bytes: Buffer) => verifyPdf(bytes).verdict;
  const outbox = new Outbox(ctx, deps.dossiers, deps.documents, deps.settings, {
    verifyPdf: verify,
    feeOf: (code) => feeOf(deps.catalog, code),
    ...opts,
  });
  const pendingKeys = new Map<string, string>();
  ctx.onReceiveInTx.push((dossierId) => recordImportInTx(ctx.store.db, pendingKeys, dossierId));
  const batch = new BatchImport(
    ctx.store.db,
    deps.catalog,
    deps.dossiers,
    deps.documents,
    deps.receive,
    pendingKeys,
    (t) => ctx.store.key.sealText(t),
  );

  /** A URL given to `outbox.sync` stays in force for this engine; otherwise settings, then the training sandbox. */
  let override: string | undefined;
  let trainingUrl = opts.trainingPortalUrl;
  let trainingStarting = false;
  /** The credentials the current connector was built with: a change rebuilds it even for the same URL. */
  let builtWith = '';
  const configure = (url?: string) => {
    if (url) override = url;
    const s = deps.settings();
    const target = override ?? (s.portalUrl || trainingUrl || '');
    if (!target) {
      if (opts.trainingPortal && !trainingStarting) {
        trainingStarting = true;
        opts.trainingPortal().then(
          (u) => {
            trainingUrl = u;
            configure();
          },
          (err: unknown) => ctx.log(`outbox: the training portal did not start: ${String(err)}`),
        );
      }
      return outbox.setPortal(null);
    }
    const credentials = JSON.stringify([
      s.portalStationId,
      s.portalSecret,
      s.paymentPartner,
      s.paymentSecret,
    ]);
    if (target === outbox.portalUrl && credentials === builtWith) return;
    builtWith = credentials;
    const training = !override && !s.portalUrl;
    outbox.setPortal(portalFor(target, s, opts.requestTimeoutMs, training), training);
  };
  configure();
  if (opts.autoStart) outbox.start();

  const handlers: RoomHandlers<
    keyof (typeof outboxCalls & typeof paymentCalls & typeof batchCalls & typeof portalCalls)
  > = {
    'outbox.overview': () => {
      configure();
      return outbox.overview();
    },
    'outbox.pause': (p) => outbox.pause(p.dossierId),
    'outbox.resume': (p) => outbox.resume(p.dossierId),
    'outbox.retryNow': (p) => outbox.retryNow(p.dossierId),
    'outbox.sync': (p) => {
      configure(p.portalUrl);
      return outbox.sync(p.timeoutMs ?? 30 * 60_000, p.untilEmpty ?? true);
    },
    'outbox.recordReturn': (p) => outbox.recordReturn(p.dossierId, p.returnedTo),
    'outbox.resultFile': (p) => {
      const f = outbox.resultFile(p.dossierId, p.fileId);
      return { fileName: f.fileName, dataBase64: f.bytes.toString('base64') };
    },
    'portal.check': async (p) => {
      const secret = p.secret ?? deps.settings().portalSecret;
      if (!secret) throw new StationError('portal_check_no_key');
      try {
        const timeoutMs = p.timeoutMs ?? 10_000;
        const answer = await checkPortal({ url: p.url, stationId: p.stationId, secret, timeoutMs });
        ctx.log(`outbox: portal check ${answer.url} as ${p.stationId}: ok in ${answer.latencyMs} ms`);
        return { ok: true as const, ...answer, usedStoredSecret: p.secret === undefined };
      } catch (err) {
        ctx.log(`outbox: portal check ${p.url} as ${p.stationId}: ${(err as Error).message}`);
        throw err;
      }
    },
    'batch.import': (p) => batch.run(p.dir),
    'payment.request': (p) => {
      configure();
      return outbox.requestPayment(p.dossierId, p.method);
    },
    'payment.check': (p) => {
      configure();
      return outbox.checkPayment(p.dossierId);
    },
    'payment.status': (p) => outbox.paymentStatus(p.dossierId),
  };
  return { outbox, handlers, reconfigure: () => configure(), close: () => outbox.stop() };
}

function feeOf(catalog: Catalog, code: string): number {
  try {
    return catalog.get(code).feeVnd;
  } catch {
    return 0; // a procedure no longer in the catalogue: no fee to ask
  }
}
