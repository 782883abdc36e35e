import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type UpdateFeed, updateFeedOf } from '../../shared/api/update-feed';
import type { EventMessage } from '../../shared/api/wire';
import { CITIZEN_EVENTS } from '../../shared/api/contract';
import { createDispatcher, type Dispatch } from './api/dispatch';
import type { Handlers } from './api/handlers';
import { Catalog } from './catalog';
import type { Caller, EngineContext, Logger } from './context';
import { toAppError } from './api/errors';
import { createLog, errorDetail, logHandlers } from './log';
import { onWorkerFault } from './worker-spawn';
import { SignChoice } from '../../shared/api/rooms/sign';
import { dossierHandlers } from './dossier/handlers';
import { Corrections } from './reception/correction';
import { Reception } from './reception/service';
import { Forms } from './reception/forms';
import { checkFormTexts } from './reception/form-texts';
import { Notices } from './reception/notices';
import { trailOf } from './outbox/lifecycle';
import { EditLeases } from './dossier/leases';
import { receptionView } from './reception/view';
import { receptionHandlers } from './reception/handlers';
import { assertReceptionReady } from './reception/gate';
import { setupHandlers } from './setup';
import { DossierService } from './dossier/service';
import { imagingHandlers, type ImagingOptions, ImagingService } from './imaging';
import { scanHandlers, ScanService } from './scan';
import type { StagedUploads } from './scan/staged';
import { ALL_MIGRATIONS } from './schema';
import { Settings } from './settings';
import { signHandlers, SignService } from './sign';
import { openStore, type Store } from './store';
import { createOutboxRoom, type OutboxRoomOptions } from './outbox';
import { PaymentService } from './payment/service';
import { paymentHandlers } from './payment/handlers';
import { BatchImport } from './batch/service';
import { batchHandlers } from './batch/handlers';
import { portalHandlers } from './portal/handlers';
import { portalRating, ratingEvent } from './portal/request';
import { createReportsRoom } from './reports';
import { AuditLog } from './audit';
import { AuditAnchor } from './audit/anchor';
import { Accounts, accountsHandlers } from './accounts';
import { auditHandlers } from './audit/handlers';
import { appHandlers } from './app/handlers';
import { catalogHandlers } from './catalog/handlers';
import { DvcqgPortal } from './portal/dvcqg/connector';
import { componentPdfView, Documents, documentsHandlers, DocumentVersions } from './documents';
import { settingsHandlers } from './settings/handlers';
import { createPrivacyRoom, type PrivacyOptions } from './privacy';
import { Feedback, feedbackHandlers } from './feedback';
import { CitizenScreen, citizenHandlers, type CitizenOptions } from './citizen';
import { Agencies, agencyHandlers, PostDesk } from './agency';

export { resolveDataDir } from './store';
export type { Dispatch } from './api/dispatch';
export type { EngineContext } from './context';
/** For the hosts (engine/host, electron/web): the built-in training portal beside the engine. */
export { createTrainingPortal, type TrainingPortal } from './training';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
export const VERSION = pkg.version;

export interface EngineOptions {
  dataDir: string;
  /** A copy as text of the log's warnings, errors and text lines (stderr in web mode); the log is `<data>/logs/engine-*.log`. */
  log?: (line: string) => void;
  /** The outbox's portal and worker (training sandbox URL, auto start, timings). */
  outbox?: OutboxRoomOptions;
  /** Background cleanup/OCR: worker count, or OCR off (`SOHOA_OCR=0` does the same); start delay and stage times for benchmarks. */
  imaging?: ImagingOptions;
  /** The personal data purge: by itself at start and daily (off unless asked), and its clock. */
  privacy?: PrivacyOptions;
  /** The citizen screen: the thank-you's length, the look-up limit. */
  citizen?: CitizenOptions;
}

/**
 * The citizen screen's own channel (docs/architecture.md, "Citizen screen"): a dispatcher that
 * answers only the citizen calls, the `citizen.view` events only, and web mode's pairing.
 */
export interface CitizenChannel {
  dispatch: Dispatch;
  /** A citizen screen listens: counted for the clerk's screens until the returned function is called. */
  onEvent(listener: (event: EventMessage) => void): () => void;
  /** Trades a pairing code shown on the clerk's screen for a citizen token (refused when wrong, used or expired). */
  pair(code: string): string;
  /** True for a token `pair` gave in this run. */
  validToken(token: string): boolean;
}

export interface Engine {
  readonly dataDir: string;
  dispatch: Dispatch;
  /** Every event for the station's screens (all but the citizen screen's), as wire messages ready for any transport. */
  onEvent(listener: (event: EventMessage) => void): () => void;
  /** The channel a citizen screen is given instead (its transport decides, never the page). */
  citizen: CitizenChannel;
  /** For the Electron host: where the shell looks for app updates (the updateUrl/updateChannel settings). */
  updateFeed(): UpdateFeed;
  /** Web mode's files as raw bytes, staged on disk for `scan.importStaged` (scan/staged.ts). */
  uploads: Pick<StagedUploads, 'receive'>;
  close(): void;
}

/** Who calls on a citizen screen's channel: nobody signed in, no role (its calls are public to it alone). */
const CITIZEN_CALLER: Caller = { username: null, name: 'Người dân', role: null, session: null };

/** The audit trail's actor: the signed-in person (name and username), else the clerk set at the station. */
function actorOf(caller: Caller, settings: Settings): string {
  if (caller.username) return `${caller.name} (${caller.username})`;
  return settings.get().officerName;
}

/** Opens the data directory and builds the engine that every transport serves. */
export function createEngine(opts: EngineOptions): Engine {
  const dataDir = path.resolve(opts.dataDir);
  const log = createLog({ dataDir, tee: opts.log });
  let store: Store;
  try {
    store = openStore(dataDir, ALL_MIGRATIONS);
  } catch (err) {
    log.error('engine.start', { ok: false, code: toAppError(err).code, detail: errorDetail(err) });
    log.close();
    throw err;
  }
  const bus = new EventEmitter();
  const closers: (() => void)[] = [];
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    for (const c of closers.reverse()) c();
    bus.removeAllListeners();
    store.close();
    log.info('engine.stop');
    log.close();
  };
  try {
    const ctx: EngineContext = {
      dataDir,
      store,
      log,
      onReceiveInTx: [],
      emit(name, payload) {
        const event: EventMessage = { kind: 'event', name, payload };
        bus.emit('event', event);
        log.debug('event', { kind: name });
      },
    };
    const settings = new Settings(store.db, store.key);
    followLogLevel(log, settings, bus);
    closers.push(onWorkerFault((f) => log.error('worker.fault', f)));
    const catalog = new Catalog(store.db);
    catalog.seedIfEmpty();
    const dossiers = new DossierService(
      store,
      catalog,
      (dossierId) => ctx.emit('dossier.changed', { dossierId }),
      ctx.onReceiveInTx,
      componentPdfView(store),
      receptionView(store.key, store.db),
    );
    // Imaging: cleanup + OCR in the background after pages change; documents assemble its cleaned pages.
    const imaging = new ImagingService(ctx, dossiers, opts.imaging);
    const documents = new Documents(store, dossiers, imaging);
    const reception = new Reception(store, catalog, dossiers, settings, (dossierId) =>
      ctx.emit('dossier.changed', { dossierId }),
    );
    // Đính chính: reception keeps the received version (documents) and asks the outbox, which it
    // may not import (docs/architecture.md, room matrix), through these two functions.
    const versions = new DocumentVersions(store, dossiers);
    const corrections = new Corrections(
      store,
      dossiers,
      versions,
      {
        uploading: (id) => outboxRoom.outbox.uploading(id),
        finishedInTx: (id, c) => void outboxRoom.outbox.enqueueUpdateInTx(id, c),
      },
      (dossierId) => ctx.emit('dossier.changed', { dossierId }),
    );

    // The forms print what the outbox knows of the dossier's way; the apology tells the portal
    // through the outbox and asks it when the result came (reception may not import the outbox).
    const forms = new Forms(
      store,
      catalog,
      dossiers,
      settings,
      (id) => reception.completeness(id).missing,
      (id) => trailOf(store.db, id),
      undefined,
      (id) => agencies.onBehalfOf(id),
    );
    dossiers.summaryViews.push((id) => {
      const t = trailOf(store.db, id);
      return { resolvedAt: t.resolvedAt, handedOverAt: t.returnedAt, portalState: t.submitState };
    });
    const notices = new Notices(
      store,
      dossiers,
      settings,
      {
        apologizedInTx: (id, apology) => void outboxRoom.outbox.enqueueApologyInTx(id, apology),
        resolvedAt: (id) => trailOf(store.db, id).resolvedAt,
      },
      (dossierId) => ctx.emit('dossier.changed', { dossierId }),
    );

    const scan = new ScanService(ctx, dossiers, settings);
    closers.push(() => void scan.close());

    // Đánh giá hài lòng: the citizens' ratings, read by the figures and sent with the hand-over.
    const feedback = new Feedback(store.db, dossiers, catalog, settings);
    // Payment talks to the portal the outbox is configured for, about dossiers the outbox sent.
    const payment = new PaymentService(ctx, dossiers, catalog, settings, {
      connector: () => outboxRoom.connector(),
      submission: (id) => outboxRoom.outbox.submission(id),
    });
    const outboxRoom = createOutboxRoom(
      ctx,
      { dossiers, documents, settings },
      {
        feeOf: (code) => payment.feeOf(code),
        paymentOf: (id) => payment.paymentOf(id),
        // The rating goes to the portal with the hand-over (docs/portal-protocol.md, "Return").
        ratingOf: (id) => {
          const r = feedback.ratingOf(id);
          return r ? portalRating(r) : null;
        },
        ...opts.outbox,
      },
    );
    closers.push(() => outboxRoom.close());
    // Every counter event reaches the portal as an outbox item of its own, in order (docs/portal-protocol.md, "Events").
    reception.eventsInTx.push((id, e) => void outboxRoom.outbox.enqueueEventInTx(id, e));
    notices.eventsInTx.push((id, e) => void outboxRoom.outbox.enqueueEventInTx(id, e));
    feedback.rated.push((id, r) => void outboxRoom.outbox.enqueueEventInTx(id, ratingEvent(r)));
    // The post-office counter: receives on agencies' behalf through reception, follows the outbox.
    const agencies = new Agencies(
      store,
      settings,
      dossiers,
      reception,
      (c) => payment.feeOf(c),
      ctx.onReceiveInTx,
    );
    const postDesk = new PostDesk(
      store,
      settings,
      catalog,
      dossiers,
      agencies,
      {
        resolvedAt: (id) => trailOf(store.db, id).resolvedAt,
        recordReturn: (id, to) => void outboxRoom.outbox.recordReturn(id, to),
        notSent: () => outboxRoom.outbox.pendingCount(),
        eventInTx: (id, e) => void outboxRoom.outbox.enqueueEventInTx(id, e),
      },
      () => forms.context(),
    );
    const batch = new BatchImport(ctx, catalog, dossiers, reception, documents);

    const reports = createReportsRoom(ctx, { catalog, dossiers, feedback, settings: () => settings.get() });
    const audit = new AuditLog(store.db, store.key, new AuditAnchor(store.auditAnchorFile, store.key));
    audit.checkAnchor();
    const leases = new EditLeases();
    const accounts = new Accounts(store.db, settings, () => audit.problems());

    // Privacy: the personal data lifecycle, after the hand-over (docs/architecture.md, privacy).
    const privacy = createPrivacyRoom(
      ctx,
      { settings, dossiers, documents, audit, actorOf: (caller) => actorOf(caller, settings) },
      opts.privacy,
    );
    closers.push(() => privacy.close());

    const sign = new SignService(ctx, settings, dossiers, documents, {
      get: (u) => {
        const raw = accounts.certificateOf(u);
        const parsed = raw ? SignChoice.safeParse(JSON.parse(raw)) : null;
        return parsed?.success ? parsed.data : null;
      },
      set: (u, choice) => accounts.rememberCertificate(u, JSON.stringify(choice)),
    });
    closers.push(() => void sign.close());

    // Màn hình người dân: follows the dossier the clerk's screen shows (docs/architecture.md, "Citizen screen").
    const citizen = new CitizenScreen(
      ctx,
      { dossiers, reception, payment, feedback, settings, catalog },
      (dossierId, r) =>
        audit.append(
          'citizen.rate',
          dossierId,
          JSON.stringify({ level: r.level, reasons: r.reasons }),
          'Người dân (màn hình người dân)',
        ),
      opts.citizen,
    );
    closers.push(() => citizen.close());

    const onDossierChanged = (e: EventMessage) => {
      if (e.name === 'dossier.changed') imaging.schedule((e.payload as { dossierId: string }).dossierId);
      if (e.name === 'dossier.changed' || e.name === 'outbox.changed')
        citizen.changed((e.payload as { dossierId: string | null }).dossierId);
    };
    bus.on('event', onDossierChanged);
    closers.push(() => void imaging.close());

    const handlers: Handlers = {
      ...appHandlers({ version: VERSION, dataDir }, settings),
      ...settingsHandlers(
        ctx,
        settings,
        () => outboxRoom.reconfigure(),
        (p) => void ('formTexts' in p && p.formTexts && checkFormTexts(p.formTexts)),
      ),
      ...catalogHandlers(catalog, () => {
        const c = outboxRoom.connector();
        return c instanceof DvcqgPortal ? (code) => c.procedure(code) : null;
      }),
      ...dossierHandlers(dossiers),
      ...documentsHandlers(documents, versions),
      ...scanHandlers(scan, dossiers),
      ...receptionHandlers(
        reception,
        corrections,
        forms,
        notices,
        () => settings.get().officerName,
        () => assertReceptionReady(settings),
      ),
      ...outboxRoom.handlers,
      ...paymentHandlers(payment),
      ...batchHandlers(batch),
      ...portalHandlers(ctx, settings),
      ...signHandlers(sign),
      ...imagingHandlers(imaging),
      ...reports.handlers,
      ...auditHandlers(audit),
      ...accountsHandlers(accounts),
      ...privacy.handlers,
      ...logHandlers({ dataDir, version: VERSION, settings: () => settings.view() }),
      ...feedbackHandlers(feedback),
      ...citizenHandlers(citizen),
      ...agencyHandlers(agencies, postDesk, settings),
      ...setupHandlers(ctx, settings, accounts),
    };
    log.info('engine.start', { ok: true, version: VERSION, platform: process.platform });
    const forCitizen = (e: EventMessage) => CITIZEN_EVENTS.includes(e.name as never);
    return {
      dataDir,
      dispatch: createDispatcher(
        handlers,
        log,
        (method, params, result, caller) => audit.record(method, params, result, actorOf(caller, settings)),
        (role, session) => accounts.authorize(role, session),
        (method, params, caller) => {
          if (!leases.isEdit(method)) return;
          const p = params as { dossierId?: string; pageId?: string };
          const id = p.dossierId ?? (p.pageId ? dossiers.dossierOfPage(p.pageId) : null);
          if (id) leases.take(id, caller);
        },
      ),
      onEvent(listener) {
        const station = (e: EventMessage) => {
          if (!forCitizen(e)) listener(e);
        };
        bus.on('event', station);
        return () => bus.off('event', station);
      },
      citizen: {
        dispatch: createDispatcher(
          handlers,
          log,
          () => {},
          () => CITIZEN_CALLER,
          () => {},
          'citizen',
        ),
        onEvent(listener) {
          const screen = (e: EventMessage) => {
            if (forCitizen(e)) listener(e);
          };
          bus.on('event', screen);
          citizen.connected(1);
          let off = false;
          return () => {
            if (off) return;
            off = true;
            bus.off('event', screen);
            citizen.connected(-1);
          };
        },
        pair: (code) => citizen.pairing.redeem(code),
        validToken: (token) => citizen.pairing.valid(token),
      },
      updateFeed: () => updateFeedOf(settings.get()),
      uploads: scan.staged,
      close,
    };
  } catch (err) {
    log.error('engine.start', { ok: false, code: toAppError(err).code, detail: errorDetail(err) });
    close();
    throw err;
  }
}

/** The log's level from the settings (SOHOA_LOG_LEVEL wins), followed when they change. */
function followLogLevel(log: Logger, settings: Settings, bus: EventEmitter): void {
  log.setLevel(settings.get().logLevel);
  bus.on('event', (e: EventMessage) => {
    if (e.name === 'settings.changed') log.setLevel(settings.get().logLevel);
  });
}
