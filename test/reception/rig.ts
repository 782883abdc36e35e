import { receptionView } from '../../electron/engine/reception/view';
import path from 'node:path';
import { Catalog } from '../../electron/engine/catalog';
import { componentPdfView } from '../../electron/engine/documents';
import { DossierService } from '../../electron/engine/dossier/service';
import { Reception } from '../../electron/engine/reception/service';
import { Forms } from '../../electron/engine/reception/forms';
import { Notices } from '../../electron/engine/reception/notices';
import { ALL_MIGRATIONS } from '../../electron/engine/schema';
import { Settings } from '../../electron/engine/settings';
import { BlobStore, openStore, type Store } from '../../electron/engine/store';
import { openDb } from '../../electron/engine/store/db';
import { loadDataKey } from '../../electron/engine/store/data-key';

export interface Rig {
  store: Store;
  catalog: Catalog;
  dossiers: DossierService;
  reception: Reception;
  /** The one-stop forms (01–05) and the register book. */
  forms: Forms;
  /** Refusals (form 03) and apologies (form 04); `apologized` collects what the outbox would be told. */
  notices: Notices;
  apologized: string[];
  settings: Settings;
  hooks: ((id: string) => void)[];
  /** The clock reception reads; tests move it. */
  clock: { now: Date };
}

/**
 * The rooms under reception on a store, wired as the engine wires them (the sample catalogue
 * seeded, no events): also what bench:reports seeds its dossiers through.
 */
export function baseRooms(store: Store, hooks: ((id: string) => void)[] = []) {
  const catalog = new Catalog(store.db);
  catalog.seedIfEmpty();
  const settings = new Settings(store.db, store.key);
  const dossiers = new DossierService(
    store,
    catalog,
    () => {},
    hooks,
    componentPdfView(store),
    receptionView(store.key, store.db),
  );
  return { catalog, settings, dossiers };
}

function build(store: Store, now: Date): Rig {
  const hooks: ((id: string) => void)[] = [];
  const clock = { now };
  const { catalog, settings, dossiers } = baseRooms(store, hooks);
  const reception = new Reception(
    store,
    catalog,
    dossiers,
    settings,
    () => {},
    () => clock.now,
  );
  const forms = new Forms(
    store,
    catalog,
    dossiers,
    settings,
    (id) => reception.completeness(id).missing,
    undefined,
    () => clock.now,
  );
  const apologized: string[] = [];
  const notices = new Notices(
    store,
    dossiers,
    settings,
    { apologizedInTx: (id) => void apologized.push(id), resolvedAt: () => null },
    () => {},
    () => clock.now,
  );
  return { store, catalog, dossiers, reception, forms, notices, apologized, settings, hooks, clock };
}

/** The engine's reception room on a data directory, with a clock the test controls. */
export function openRig(dataDir: string, now = new Date('2026-03-02T02:00:00Z')): Rig {
  return build(openStore(dataDir, ALL_MIGRATIONS), now);
}

/** A second connection to the same database file, bypassing the data-dir lock (to race writers). */
export function openRigUnlocked(dataDir: string, now: Date): Rig {
  const db = openDb(path.join(dataDir, 'station.db'), ALL_MIGRATIONS);
  const key = loadDataKey(dataDir);
  const store: Store = {
    dataDir,
    db,
    blobs: new BlobStore(path.join(dataDir, 'blobs'), key),
    key,
    auditAnchorFile: path.join(dataDir, 'unused-audit-anchor'),
    close: () => db.close(),
  };
  return build(store, now);
}
