import type { outboxCalls } from '../../../shared/api/rooms/outbox';
import type { StationSettings } from '../../../shared/api/rooms/settings';
import type { Catalog } from '../catalog';
import type { EngineContext, RoomHandlers } from '../context';
import type { DossierService } from '../dossier/service';
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

/** The station's connector for a portal URL, with the credentials from the settings. */
export function portalFor(url: string, s: StationSettings, timeoutMs?: number): HttpPortal {
  return new HttpPortal({
    url,
    stationId: s.portalStationId || `${s.agencyCode}/${s.stationCode}`,
    secret: s.portalSecret || 'sandbox',
    paymentPartner: s.paymentPartner || s.agencyCode,
    paymentSecret: s.paymentSecret || 'sandbox-pay',
    timeoutMs,
  });
}

export function createOutboxRoom(
  ctx: EngineContext,
  deps: {
    dossiers: DossierService;
    catalog: Catalog;
    settings: () => StationSettings;
    receive: (dossierId: string) => void;
  },
  opts: OutboxRoomOptions = {},
): { outbox: Outbox; handlers: RoomHandlers<keyof typeof outboxCalls>; close(): void } {
  // The result's signatures are checked by the signing room's verifier (trust list: not wired yet,
  // so a good signature from an unknown CA reads 'indeterminate').
  const verify = async (bytes: Buffer) => verifyPdf(bytes).verdict;
  const outbox = new Outbox(ctx, deps.dossiers, deps.settings, {
    verifyPdf: verify,
    feeOf: (code) => feeOf(deps.catalog, code),
    ...opts,
  });
  const pendingKeys = new Map<string, string>();
  ctx.onReceiveInTx.push((dossierId) => recordImportInTx(ctx.store.db, pendingKeys, dossierId));
  const batch = new BatchImport(ctx.store.db, deps.catalog, deps.dossiers, deps.receive, pendingKeys);

  /** A URL given to `outbox.sync` stays in force for this engine; otherwise settings, then the training sandbox. */
  let override: string | undefined;
  let trainingUrl = opts.trainingPortalUrl;
  let trainingStarting = false;
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
    if (target === outbox.portalUrl) return;
    outbox.setPortal(portalFor(target, s, opts.requestTimeoutMs), !override && !s.portalUrl);
  };
  configure();
  if (opts.autoStart) outbox.start();

  const handlers: RoomHandlers<keyof typeof outboxCalls> = {
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
  return { outbox, handlers, close: () => outbox.stop() };
}

function feeOf(catalog: Catalog, code: string): number {
  try {
    return catalog.get(code).feeVnd;
  } catch {
    return 0; // a procedure no longer in the catalogue: no fee to ask
  }
}
