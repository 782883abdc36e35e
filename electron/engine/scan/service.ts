import path from 'node:path';
import crypto from 'node:crypto';
import type { Dossier, Page } from '../../../shared/api/contract';
import type { ScanDevice, ScanDriverKind, ScanProgress, ScanSettings } from '../../../shared/api/rooms/scan';
import { StationError } from '../../../shared/api/errors';
import type { EngineContext } from '../context';
import { faultFields, toAppError } from '../api/errors';
import type { DossierService, IngestedPages } from '../dossier/service';
import { ingestImage } from '../pdf/ingest';
import type { Settings } from '../settings';
import type { ScanDriver, ScannedPage } from './driver';
import { EsclDriver } from './escl';
import { browseUscan } from './escl/discovery';
import { FolderDriver } from './folder';
import { ingestAny } from './import';
import { ScanProfiles } from './profiles';
import { StagedUploads } from './staged';
import { type Chunk, UploadStaging } from './uploads';
import { SaneDriver } from './sane';
import { WiaDriver } from './wia';

export interface ScanServiceOptions {
  drivers?: Partial<Record<ScanDriverKind, ScanDriver>>;
  /** Allow asking the LAN for eSCL scanners by mDNS when a listing asks for it (never with SOHOA_MDNS=0). */
  mdns?: boolean;
  /** Training station (the app is in training mode): offer SANE's virtual test scanner. */
  trainingDevices?: boolean;
}

interface Job {
  id: string;
  controller: AbortController;
  done: Promise<void>;
}

/** What the page check at ingest names a damaged file; off a scanner, that is a page that came short. */
const DAMAGED = new Set(['image_truncated', 'pdf_damaged', 'pdf_page_damaged', 'scan_page_incomplete']);

/** The `scan_page_incomplete` fault for a page refused as damaged, or null for another refusal. */
function incompleteScan(err: unknown, device: string, page: number): StationError | null {
  if (!(err instanceof StationError) || !DAMAGED.has(err.code)) return null;
  if (err.code === 'scan_page_incomplete') return err;
  return new StationError('scan_page_incomplete', { device, page }, `${err.code}: ${err.detail ?? ''}`);
}

/** Which driver a device id belongs to, and the id as that driver knows it. */
export function splitDeviceId(id: string): { kind: ScanDriverKind; device: string } {
  for (const kind of ['escl', 'wia', 'folder'] as const)
    if (id.startsWith(`${kind}:`)) return { kind, device: id.slice(kind.length + 1) };
  return { kind: 'sane', device: id };
}

export interface DriverSettings {
  /** Where the training SANE config lives (SANE's test scanner beside the real ones); none = system config. */
  saneTrainingDir?: string;
  esclUrls: () => string[];
  folder: () => string;
  folderIdleMs: () => number;
}

/** One driver per kind of device; the CLI uses them directly to scan into a folder. */
export function createDrivers(s: DriverSettings): Record<ScanDriverKind, ScanDriver> {
  return {
    sane: new SaneDriver({ trainingDir: s.saneTrainingDir }),
    escl: new EsclDriver({ urls: s.esclUrls }),
    wia: new WiaDriver(),
    folder: new FolderDriver({ folder: s.folder, idleMs: s.folderIdleMs }),
  };
}

/**
 * The scanning room: lists devices across drivers, runs scan jobs that store
 * each page the moment it arrives and tell the clients page by page
 * (`scan.progress`), cancels, imports files, keeps profiles.
 */
export class ScanService {
  readonly profiles: ScanProfiles;
  private readonly drivers: Record<ScanDriverKind, ScanDriver>;
  private readonly jobs = new Map<string, Job>();
  private discovered: string[] = [];
  private extraUrls: string[] = [];
  /** Device names from the last listing, so messages name the scanner as the clerk sees it. */
  private readonly names = new Map<string, string>();
  private readonly mdns: boolean;
  private readonly uploads = new UploadStaging();
  /** Web mode's files received as raw bytes, waiting for `scan.importStaged`. */
  readonly staged: StagedUploads;

  constructor(
    private readonly ctx: EngineContext,
    private readonly dossiers: DossierService,
    private readonly settings: Settings,
    opts: ScanServiceOptions = {},
  ) {
    this.profiles = new ScanProfiles(ctx.store.db);
    this.staged = new StagedUploads(path.join(ctx.dataDir, 'staging'));
    this.mdns = opts.mdns ?? process.env.SOHOA_MDNS !== '0';
    this.drivers = {
      ...createDrivers({
        saneTrainingDir: opts.trainingDevices === false ? undefined : path.join(ctx.dataDir, 'sane-training'),
        esclUrls: () => [
          ...new Set([...this.settings.get().esclUrls, ...this.discovered, ...this.extraUrls]),
        ],
        folder: () => this.settings.get().scanFolder,
        folderIdleMs: () => this.settings.get().scanFolderIdleSeconds * 1000,
      }),
      ...opts.drivers,
    };
  }

  /** Every device the drivers can see; `esclUrls` adds network scanners for this listing (CLI). */
  async devices(refresh = false, esclUrls: string[] = []): Promise<ScanDevice[]> {
    this.extraUrls = esclUrls;
    // Multicast only when asked (the clerk's "search the network" button, `sohoa devices --discover`).
    if (this.mdns && refresh) {
      try {
        this.discovered = (await browseUscan(2000)).map((d) => d.url);
      } catch (err) {
        this.ctx.log.warn('scan.discovery', { kind: 'mdns', ...faultFields(err) });
      }
    }
    const lists = await Promise.all(
      Object.values(this.drivers).map((d) =>
        d.list().catch((err: unknown) => {
          this.ctx.log.warn('scan.list', { kind: d.kind, ...faultFields(err) });
          return [] as ScanDevice[];
        }),
      ),
    );
    const all = lists.flat();
    for (const d of all) this.names.set(d.id, d.name);
    return all;
  }

  /** Starts a scan into a component; pages arrive as `scan.progress` events. */
  start(dossierId: string, componentCode: string, settings: ScanSettings): { jobId: string } {
    const dossier = this.dossiers.get(dossierId);
    if (!dossier.components.some((c) => c.code === componentCode))
      throw new StationError('unknown_component', { code: componentCode });
    this.dossiers.assertEditable(dossierId);
    const { kind, device } = splitDeviceId(settings.deviceId);
    const driver = this.drivers[kind];
    const id = crypto.randomUUID();
    const controller = new AbortController();
    let stored = 0;
    let fault = null as StationError | null;
    const label = this.names.get(settings.deviceId) ?? settings.deviceId;
    const base = { jobId: id, dossierId, componentCode };
    const emit = (p: Omit<ScanProgress, 'jobId' | 'dossierId' | 'componentCode'>) =>
      this.ctx.emit('scan.progress', { ...base, ...p });
    // Pages are processed one after another, in the order they came off the device.
    let chain: Promise<unknown> = Promise.resolve();
    const sink = (page: ScannedPage): Promise<void> => {
      // Into the blob store at once, before any processing: a capture is never lost.
      // Written once: the dossier room files the page under this same blob.
      const raw = this.ctx.store.blobs.put(page.bytes);
      const next = chain.then(async () => {
        try {
          const added: Page[] = await this.dossiers.addStoredPage(
            dossierId,
            componentCode,
            raw,
            page.bytes,
            page.name,
            ingestAny,
          );
          for (const p of added) emit({ state: 'page', pages: ++stored, page: p });
        } catch (err) {
          this.ctx.log.warn('scan.page', { scanId: id, count: page.index + 1, ...faultFields(err) });
          // A damaged page off a scanner is the scan's fault: the job stops there (see incompleteScan).
          // A file in the scan folder is a file of its own: it is set apart and the watch goes on.
          const e = kind === 'folder' ? null : incompleteScan(err, label, page.index + 1);
          if (e) {
            fault ??= e;
            controller.abort();
          }
          emit({ state: 'page', pages: stored, error: toAppError(e ?? err) });
          throw e ?? err;
        }
      });
      chain = next.catch(() => {});
      return next;
    };
    const run = async () => {
      emit({ state: 'scanning', pages: 0 });
      try {
        await driver.scan(
          {
            device,
            label,
            source: settings.source,
            dpi: settings.dpi,
            mode: settings.mode,
            maxPages: settings.maxPages ?? 0,
          },
          sink,
          controller.signal,
        );
        await chain;
        if (fault) emit({ state: 'failed', pages: stored, error: fault.toValue() });
        else emit({ state: controller.signal.aborted ? 'cancelled' : 'done', pages: stored });
      } catch (err) {
        await chain;
        if (controller.signal.aborted && !fault)
          this.ctx.log.info('scan.cancelled', { scanId: id, device: settings.deviceId });
        else
          this.ctx.log.warn('scan.fault', {
            scanId: id,
            device: settings.deviceId,
            ...faultFields(fault ?? err),
          });
        if (fault) emit({ state: 'failed', pages: stored, error: fault.toValue() });
        else if (controller.signal.aborted) emit({ state: 'cancelled', pages: stored });
        else emit({ state: 'failed', pages: stored, error: toAppError(err) });
      } finally {
        this.jobs.delete(id);
      }
    };
    this.jobs.set(id, { id, controller, done: run() });
    return { jobId: id };
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  /** Waits for a job to end (CLI, tests). */
  async wait(jobId: string): Promise<void> {
    await this.jobs.get(jobId)?.done;
  }

  /** Imports files one by one: a bad file is reported, the good ones still go in. */
  async importFiles(
    dossierId: string,
    componentCode: string,
    files: { name: string; bytes: Buffer }[],
    ingest: (bytes: Buffer, name: string) => Promise<IngestedPages> = ingestAny,
  ): Promise<{
    dossier: Dossier;
    added: Page[];
    rejected: { name: string; error: ReturnType<typeof toAppError> }[];
  }> {
    this.dossiers.assertEditable(dossierId);
    this.dossiers.get(dossierId);
    const added: Page[] = [];
    const rejected: { name: string; error: ReturnType<typeof toAppError> }[] = [];
    for (const f of files) {
      try {
        added.push(...(await this.dossiers.addPageBytes(dossierId, componentCode, f.bytes, f.name, ingest)));
      } catch (err) {
        if (err instanceof StationError && (err.code === 'disk_full' || err.code === 'unknown_component'))
          throw err;
        rejected.push({ name: f.name, error: toAppError(err) });
      }
    }
    return { dossier: this.dossiers.get(dossierId), added, rejected };
  }

  /**
   * One chunk of a file too big for one call (`scan.uploadChunk`): gathered in order in
   * bounded memory (uploads.ts); the last one imports the file as `importFiles` does.
   */
  async uploadChunk(c: Omit<Chunk, 'bytes'> & { dataBase64: string; imagesOnly?: boolean }): Promise<{
    received: number;
    done: Awaited<ReturnType<ScanService['importFiles']>> | null;
  }> {
    this.dossiers.assertEditable(c.dossierId);
    if (!this.dossiers.get(c.dossierId).components.some((x) => x.code === c.componentCode))
      throw new StationError('unknown_component', { code: c.componentCode });
    const { dataBase64, imagesOnly, ...rest } = c;
    const r = this.uploads.add({ ...rest, bytes: Buffer.from(dataBase64, 'base64') });
    if (!r.file) return { received: r.received, done: null };
    const ingest = imagesOnly ? ingestImage : ingestAny;
    return {
      received: r.received,
      done: await this.importFiles(c.dossierId, c.componentCode, [r.file], ingest),
    };
  }

  /**
   * Files staged by web mode's `PUT /upload` (staged.ts), imported in order as `importFiles`
   * does; each staged file is taken (and removed) as it is read, one at a time, so only one
   * file's bytes are held. A refused call removes the files it named.
   */
  async importStaged(
    dossierId: string,
    componentCode: string,
    uploads: { uploadId: string; name: string }[],
    imagesOnly = false,
  ): Promise<Awaited<ReturnType<ScanService['importFiles']>>> {
    try {
      this.dossiers.assertEditable(dossierId);
      if (!this.dossiers.get(dossierId).components.some((x) => x.code === componentCode))
        throw new StationError('unknown_component', { code: componentCode });
    } catch (err) {
      for (const u of uploads) this.staged.discard(u.uploadId);
      throw err;
    }
    const ingest = imagesOnly ? ingestImage : ingestAny;
    const out: Awaited<ReturnType<ScanService['importFiles']>> = {
      dossier: this.dossiers.get(dossierId),
      added: [],
      rejected: [],
    };
    for (const [i, u] of uploads.entries()) {
      let bytes: Buffer;
      try {
        bytes = await this.staged.take(u.uploadId, u.name);
      } catch (err) {
        out.rejected.push({ name: u.name, error: toAppError(err) });
        continue;
      }
      try {
        const r = await this.importFiles(dossierId, componentCode, [{ name: u.name, bytes }], ingest);
        out.dossier = r.dossier;
        out.added.push(...r.added);
        out.rejected.push(...r.rejected);
      } catch (err) {
        for (const rest of uploads.slice(i + 1)) this.staged.discard(rest.uploadId);
        throw err;
      }
    }
    return out;
  }

  /** Stops every running job (engine shutdown); pages already stored stay. */
  async close(): Promise<void> {
    this.staged.close();
    const running = [...this.jobs.values()];
    for (const j of running) j.controller.abort();
    await Promise.allSettled(running.map((j) => j.done));
  }
}
