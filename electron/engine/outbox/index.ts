import type { DvcqgOverride, outboxCalls } from '../../../shared/api/rooms/outbox';
import { faultFields } from '../api/errors';
import type { StationSettings } from '../../../shared/api/rooms/settings';
import type { EngineContext, RoomHandlers } from '../context';
import type { Documents } from '../documents';
import type { DossierService } from '../dossier/service';
import type { PortalConnector } from '../portal/connector';
import { DvcqgPortal } from '../portal/dvcqg/connector';
import { HttpPortal } from '../portal/http';
import type { Settings } from '../settings';
import { verifyPdf } from '../sign/verify';
import { outboxHandlers } from './handlers';
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
export function portalFor(
  url: string,
  s: StationSettings,
  timeoutMs?: number,
  training = false,
): PortalConnector {
  const files = filePortalFor(url, s, timeoutMs, training);
  if (s.portalDialect !== 'dvcqg' || !s.dvcqgAdapterUrl) return files;
  return new DvcqgPortal(
    {
      adapterUrl: s.dvcqgAdapterUrl,
      authEndpoint: s.dvcqgAuthEndpoint,
      integrationEndpoint: s.dvcqgIntegrationEndpoint,
      shareEndpoint: s.dvcqgShareEndpoint,
      username: s.dvcqgUsername,
      password: s.dvcqgPassword,
      madonvi: s.dvcqgMadonvi,
      timeoutMs,
    },
    files,
  );
}

/** The settings an `outbox.sync` with a DVCQG dialect overrides for this engine. */
function dvcqgSettings(d: DvcqgOverride): Partial<StationSettings> {
  const out: Partial<StationSettings> = { portalDialect: 'dvcqg', dvcqgAdapterUrl: d.adapterUrl };
  if (d.authEndpoint) out.dvcqgAuthEndpoint = d.authEndpoint;
  if (d.integrationEndpoint) out.dvcqgIntegrationEndpoint = d.integrationEndpoint;
  if (d.shareEndpoint) out.dvcqgShareEndpoint = d.shareEndpoint;
  if (d.username) out.dvcqgUsername = d.username;
  if (d.madonvi) out.dvcqgMadonvi = d.madonvi;
  if (d.password) out.dvcqgPassword = d.password;
  return out;
}

/** Our own protocol's connector: the portal itself, or in the DVCQG dialect the province's file service. */
export function filePortalFor(
  url: string,
  s: StationSettings,
  timeoutMs?: number,
  training = false,
): HttpPortal {
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
  deps: { dossiers: DossierService; documents: Documents; settings: Settings },
  opts: OutboxRoomOptions = {},
): {
  outbox: Outbox;
  handlers: RoomHandlers<keyof typeof outboxCalls>;
  /** Call after the settings changed: the outbox switches to the new portal or credentials at once. */
  reconfigure(): void;
  /** The portal of the settings (configured first), for the rooms that talk to it too (payment). */
  connector(): PortalConnector | null;
  close(): void;
} {
  // The result's signatures are checked by the signing room's verifier (trust list: not wired yet,
  // so a good signature from an unknown CA reads 'indeterminate').
  const verify = async (bytes: Buffer) => verifyPdf(bytes).verdict;
  const outbox = new Outbox(ctx, deps.dossiers, deps.documents, deps.settings, {
    verifyPdf: verify,
    ...opts,
  });

  /** A URL given to `outbox.sync` stays in force for this engine; otherwise settings, then the training sandbox. */
  let override: string | undefined;
  let trainingUrl = opts.trainingPortalUrl;
  let trainingStarting = false;
  /** The credentials the current connector was built with: a change rebuilds it even for the same URL. */
  let builtWith = '';
  let dialect: Partial<StationSettings> = {};
  const configure = (url?: string, dvcqg?: DvcqgOverride) => {
    if (url) override = url;
    if (dvcqg) dialect = dvcqgSettings(dvcqg);
    const s = { ...deps.settings.get(), ...dialect };
    const target = override ?? (s.portalUrl || trainingUrl || '');
    if (!target) {
      if (opts.trainingPortal && !trainingStarting) {
        trainingStarting = true;
        opts.trainingPortal().then(
          (u) => {
            trainingUrl = u;
            configure();
          },
          (err: unknown) => ctx.log.error('training.start', { ok: false, ...faultFields(err) }),
        );
      }
      return outbox.setPortal(null);
    }
    const credentials = JSON.stringify([
      s.portalStationId,
      s.portalSecret,
      s.paymentPartner,
      s.paymentSecret,
      s.portalDialect,
      s.dvcqgAdapterUrl,
      s.dvcqgAuthEndpoint,
      s.dvcqgIntegrationEndpoint,
      s.dvcqgShareEndpoint,
      s.dvcqgUsername,
      s.dvcqgPassword,
      s.dvcqgMadonvi,
    ]);
    if (target === outbox.portalUrl && credentials === builtWith) return;
    builtWith = credentials;
    const training = !override && !s.portalUrl;
    outbox.setPortal(portalFor(target, s, opts.requestTimeoutMs, training), training);
  };
  configure();
  if (opts.autoStart) outbox.start();

  return {
    outbox,
    handlers: outboxHandlers(outbox, configure),
    reconfigure: () => configure(),
    connector: () => {
      configure();
      return outbox.connector;
    },
    close: () => outbox.stop(),
  };
}
export {
  type Exchange,
  exchangeOf,
  inOutbox,
  outboxRefersTo,
  purgeReturnedTo,
  resultBlobs,
  results,
  sentFiles,
} from './lifecycle';
