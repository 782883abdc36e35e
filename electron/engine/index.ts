import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type UpdateFeed, updateFeedOf } from '../../shared/api/update-feed';
import type { EventMessage } from '../../shared/api/wire';
import { createDispatcher, type Dispatch } from './api/dispatch';
import type { Handlers } from './api/handlers';
import { Catalog } from './catalog';
import type { Caller, EngineContext, Logger } from './context';
import { SignChoice } from '../../shared/api/rooms/sign';
import { dossierHandlers } from './dossier/handlers';
import { Corrections } from './reception/correction';
import { Reception } from './reception/service';
import { Forms } from './reception/forms';
import { Notices } from './reception/notices';
import { trailOf } from './outbox/lifecycle';
import { EditLeases } from './dossier/leases';
import { receptionView } from './reception/view';
import { receptionHandlers } from './reception/handlers';
import { DossierService } from './dossier/service';
import { imagingHandlers, ImagingService } from './imaging';
import { scanHandlers, ScanService } from './scan';
import { ALL_MIGRATIONS } from './schema';
import { Settings } from './settings';
import { signHandlers, SignService } from './sign';
import { openStore } from './store';
import { createOutboxRoom, type OutboxRoomOptions } from './outbox';
import { PaymentService } from './payment/service';
import { paymentHandlers } from './payment/handlers';
import { BatchImport } from './batch/service';
import { batchHandlers } from './batch/handlers';
import { portalHandlers } from './portal/handlers';
import { createReportsRoom } from './reports';
import { AuditLog } from './audit';
import { AuditAnchor } from './audit/anchor';
import { Accounts, accountsHandlers } from './accounts';
import { auditHandlers } from './audit/handlers';
import { appHandlers } from './app/handlers';
import { catalogHandlers } from './catalog/handlers';
import { componentPdfView, Documents, documentsHandlers, DocumentVersions } from './documents';
import { settingsHandlers } from './settings/handlers';
import { createPrivacyRoom, type PrivacyOptions } from './privacy';

export { resolveDataDir } from './store';
export type { Dispatch } from './api/dispatch';
export type { EngineContext } from './context';
/** For the hosts (engine/host, electron/web): the built-in training portal beside the engine. */
export { createTrainingPortal, type TrainingPortal } from './training';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
export const VERSION = pkg.version;

export interface EngineOptions {
  dataDir: string;
  log?: Logger;
  /** The outbox's portal and worker (training sandbox URL, auto start, timings). */
  outbox?: OutboxRoomOptions;
  /** Background cleanup/OCR: worker count, or OCR off (`SOHOA_OCR=0` does the same). */
  imaging?: { ocrWorkers?: number; ocr?: boolean };
  /** The personal data purge: by itself at start and daily (off unless asked), and its clock. */
  privacy?: PrivacyOptions;
}

export interface Engine {
  readonly dataDir: string;
  dispatch: Dispatch;
  /** Every event the engine emits, as wire messages ready for any transport. */
  onEvent(listener: (event: EventMessage) => void): () => void;
  /** For the Electron host: where the shell looks for app updates (the updateUrl/updateChannel settings). */
  updateFeed(): UpdateFeed;
  close(): void;
}

/** The audit trail's actor: the signed-in person (name and username), else the clerk set at the station. */
function actorOf(caller: Caller, settings: Settings): string {
  if (caller.username) return `${caller.name} (${caller.username})`;
  return settings.get().officerName;
}

/** Opens the data directory and builds the engine that every transport serves. */
export function createEngine(opts: EngineOptions): Engine {
  const dataDir = path.resolve(opts.dataDir);
  const store = openStore(dataDir, ALL_MIGRATIONS);
  const bus = new EventEmitter();
  const log = opts.log ?? (() => {});
  const closers: (() => void)[] = [];
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    for (const c of closers.reverse()) c();
    bus.removeAllListeners();
    store.close();
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
      },
    };
    const settings = new Settings(store.db, store.key);
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
    );
    dossiers.summaryViews.push((id) => {
      const t = trailOf(store.db, id);
      return { resolvedAt: t.resolvedAt, handedOverAt: t.returnedAt };
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

    // Payment talks to the portal the outbox is configured for, about dossiers the outbox sent.
    const payment = new PaymentService(ctx, dossiers, catalog, settings, {
      connector: () => outboxRoom.connector(),
      submission: (id) => outboxRoom.outbox.submission(id),
    });
    const outboxRoom = createOutboxRoom(
      ctx,
      { dossiers, documents, settings },
      { feeOf: (code) => payment.feeOf(code), paymentOf: (id) => payment.paymentOf(id), ...opts.outbox },
    );
    closers.push(() => outboxRoom.close());
    const batch = new BatchImport(ctx, catalog, dossiers, reception, documents);

    const reports = createReportsRoom(ctx, { catalog, dossiers, settings: () => settings.get() });
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

    const onDossierChanged = (e: EventMessage) => {
      if (e.name === 'dossier.changed') imaging.schedule((e.payload as { dossierId: string }).dossierId);
    };
    bus.on('event', onDossierChanged);
    closers.push(() => void imaging.close());

    const handlers: Handlers = {
      ...appHandlers({ version: VERSION, dataDir }, settings),
      ...settingsHandlers(ctx, settings, () => outboxRoom.reconfigure()),
      ...catalogHandlers(catalog),
      ...dossierHandlers(dossiers),
      ...documentsHandlers(documents, versions),
      ...scanHandlers(scan, dossiers),
      ...receptionHandlers(reception, corrections, forms, notices, () => settings.get().officerName),
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
    };
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
        bus.on('event', listener);
        return () => bus.off('event', listener);
      },
      updateFeed: () => updateFeedOf(settings.get()),
      close,
    };
  } catch (err) {
    close();
    throw err;
  }
}
