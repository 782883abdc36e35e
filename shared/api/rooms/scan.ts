import { z } from 'zod';
import { call, ComponentRef, Id, PageRef } from '../define';
import { UPLOAD_CHUNK_BYTES } from '../limits';
import { AppError, Dossier, FileUpload, Page, PageRejection } from '../types';

/** Where the paper lies: the glass (flatbed), the feeder (ADF), or the feeder reading both sides. */
export const ScanSource = z.enum(['flatbed', 'adf', 'adf-duplex']);
export type ScanSource = z.infer<typeof ScanSource>;

export const ColorMode = z.enum(['color', 'gray', 'lineart']);
export type ColorMode = z.infer<typeof ColorMode>;

export const ScanDriverKind = z.enum(['sane', 'escl', 'wia', 'folder']);
export type ScanDriverKind = z.infer<typeof ScanDriverKind>;

/** A scanner the station can drive, with what it can do. */
export const ScanDevice = z.object({
  /** `test:0` (SANE), `escl:http://host:port/eSCL`, `wia:<id>`, `folder:<path>`. */
  id: z.string().min(1),
  driver: ScanDriverKind,
  name: z.string(),
  sources: z.array(ScanSource),
  resolutions: z.array(z.number().int().positive()),
  modes: z.array(ColorMode),
  /** Largest scan area, in millimetres (0 when unknown). */
  maxWidthMm: z.number().min(0),
  maxHeightMm: z.number().min(0),
});
export type ScanDevice = z.infer<typeof ScanDevice>;

export const ScanSettings = z.object({
  deviceId: z.string().min(1),
  source: ScanSource.default('adf'),
  dpi: z.number().int().min(50).max(1200).default(300),
  mode: ColorMode.default('gray'),
  /** Stop after this many pages (0 or absent: until the feeder is empty). */
  maxPages: z.number().int().min(0).max(1000).optional(),
});
export type ScanSettings = z.infer<typeof ScanSettings>;

/** A named set of scan settings the clerk picks in one click; the digitization rule asks ≥ 200 dpi. */
export const ScanProfile = z.object({
  id: Id,
  name: z.string().trim().min(1).max(80),
  deviceId: z.string().min(1),
  source: ScanSource,
  dpi: z.number().int().min(200).max(1200),
  mode: ColorMode,
});
export type ScanProfile = z.infer<typeof ScanProfile>;

/** The profile a procedure's component (thành phần) uses unless the clerk picks another. */
export const ScanDefault = z.object({
  procedureCode: z.string().min(1),
  componentCode: z.string().min(1),
  profileId: Id,
});
export type ScanDefault = z.infer<typeof ScanDefault>;

export const ScanJobState = z.enum(['scanning', 'page', 'done', 'failed', 'cancelled']);
export type ScanJobState = z.infer<typeof ScanJobState>;

export const ScanProgress = z.object({
  jobId: Id,
  dossierId: Id,
  componentCode: z.string(),
  state: ScanJobState,
  /** Pages stored so far in this job. */
  pages: z.number().int().min(0),
  /** The page that just arrived (state `page`). */
  page: Page.optional(),
  /** Why the job stopped (state `failed`), or a page the station could not use. */
  error: AppError.optional(),
});
export type ScanProgress = z.infer<typeof ScanProgress>;

/** What an import answers: the dossier, the pages added and each file refused with its reason. */
export const ImportResult = z.object({
  dossier: Dossier,
  added: z.array(Page),
  rejected: z.array(PageRejection),
});

export const scanCalls = {
  'scan.devices': call(
    z.object({
      /** Ask the network again (mDNS). */
      refresh: z.boolean().optional(),
      /** Network scanners to look at for this listing only, besides those in the settings. */
      esclUrls: z.array(z.string().url()).max(20).optional(),
    }),
    z.array(ScanDevice),
  ),
  'scan.start': call(ComponentRef.extend({ settings: ScanSettings }), z.object({ jobId: Id })),
  'scan.cancel': call(z.object({ jobId: Id }), z.object({ cancelled: z.boolean() })),
  'scan.profiles': call(
    z.object({}),
    z.object({ profiles: z.array(ScanProfile), defaults: z.array(ScanDefault) }),
  ),
  'scan.profile.save': call(ScanProfile.partial({ id: true }), ScanProfile),
  'scan.profile.delete': call(z.object({ id: Id }), z.object({ deleted: z.boolean() })),
  'scan.default.set': call(
    z.object({
      procedureCode: z.string().min(1),
      componentCode: z.string().min(1),
      profileId: Id.nullable(),
    }),
    z.array(ScanDefault),
  ),
  /** Moves a page scanned into the wrong component to the end of another one. */
  'scan.page.move': call(PageRef.extend({ componentCode: z.string().min(1) }), Dossier),
  /** Import files (JPEG, PNG, TIFF, PDF — each PDF page becomes a page keeping the original). */
  'scan.import': call(ComponentRef.extend({ files: z.array(FileUpload).min(1).max(500) }), ImportResult),
  /**
   * One chunk of a file too big for one call (shared/api/upload.ts), in order from offset 0;
   * the last chunk imports the file as `scan.import` does and answers with its result.
   * The engine holds at most UPLOAD_DOSSIER_BYTES of unfinished files per dossier.
   */
  'scan.uploadChunk': call(
    ComponentRef.extend({
      uploadId: z.uuid(),
      name: z.string().min(1).max(255),
      /** The whole file's size, said with the first chunk and every one after. */
      total: z.number().int().min(1),
      offset: z.number().int().min(0),
      dataBase64: z
        .string()
        .min(1)
        .max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4),
      /** Page images only, as dossier.addPages takes them (a PDF is refused). */
      imagesOnly: z.boolean().optional(),
    }),
    z.object({ received: z.number().int(), done: ImportResult.nullable() }),
  ),
  /**
   * Web mode: files already sent as raw bytes to the web server's `PUT /upload` (staged on
   * disk, electron/engine/scan/staged.ts), named by the ids it answered, imported in order as
   * `scan.import` does. A staged file is imported once; one that is not there (cut off, taken,
   * expired) is refused as `upload_incomplete`.
   */
  'scan.importStaged': call(
    ComponentRef.extend({
      uploads: z
        .array(z.object({ uploadId: z.uuid(), name: z.string().min(1).max(255) }))
        .min(1)
        .max(500),
      /** Page images only, as dossier.addPages takes them (a PDF is refused). */
      imagesOnly: z.boolean().optional(),
    }),
    ImportResult,
  ),
} as const;

export const scanEvents = {
  'scan.progress': ScanProgress,
} as const;
