import { StationError } from '../../../shared/api/errors';
import { UPLOAD_DOSSIER_BYTES } from '../../../shared/api/limits';
import { MAX_IMPORT_BYTES } from './import';

/** Bytes of unfinished files the engine holds for all dossiers together. */
export const UPLOAD_TOTAL_BYTES = 2 * UPLOAD_DOSSIER_BYTES;
/** An unfinished file with no chunk for this long is dropped (a page closed mid-upload). */
export const UPLOAD_IDLE_MS = 10 * 60_000;

interface Upload {
  dossierId: string;
  componentCode: string;
  name: string;
  total: number;
  chunks: Buffer[];
  received: number;
  touched: number;
}

export interface Chunk {
  dossierId: string;
  componentCode: string;
  uploadId: string;
  name: string;
  total: number;
  offset: number;
  bytes: Buffer;
}

const MB = 1024 * 1024;

/**
 * Files too big for one call, gathered chunk by chunk in memory (never on disk, where
 * they would lie unsealed) until whole. Bounded: a file at most MAX_IMPORT_BYTES, each
 * dossier's unfinished files at most UPLOAD_DOSSIER_BYTES (counted at the size the
 * first chunk announces, so a refused file costs nothing), all of them at most
 * UPLOAD_TOTAL_BYTES; chunks in order; idle files dropped.
 */
export class UploadStaging {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Adds one chunk; the whole file once its last chunk is in, else null. */
  add(c: Chunk): { received: number; file: { name: string; bytes: Buffer } | null } {
    this.dropIdle();
    const u = this.uploads.get(c.uploadId) ?? this.open(c);
    if (u.dossierId !== c.dossierId || u.componentCode !== c.componentCode || u.total !== c.total)
      throw new StationError('invalid_request', {}, `chunk of upload ${c.uploadId} for another file`);
    if (c.offset !== u.received || u.received + c.bytes.length > u.total) {
      this.uploads.delete(c.uploadId);
      throw new StationError(
        'invalid_request',
        {},
        `chunk at ${c.offset}, expected ${u.received} of ${u.total}`,
      );
    }
    u.chunks.push(c.bytes);
    u.received += c.bytes.length;
    u.touched = this.now();
    if (u.received < u.total) return { received: u.received, file: null };
    this.uploads.delete(c.uploadId);
    return { received: u.received, file: { name: u.name, bytes: Buffer.concat(u.chunks) } };
  }

  private open(c: Chunk): Upload {
    if (c.offset !== 0)
      throw new StationError('invalid_request', {}, `upload ${c.uploadId} starts at ${c.offset}`);
    if (c.total > MAX_IMPORT_BYTES)
      throw new StationError('file_too_large', { name: c.name, megabytes: Math.round(c.total / MB) });
    const held = (pred: (u: Upload) => boolean) =>
      [...this.uploads.values()].filter(pred).reduce((n, u) => n + u.total, 0);
    const dossier = held((u) => u.dossierId === c.dossierId);
    if (dossier + c.total > UPLOAD_DOSSIER_BYTES || held(() => true) + c.total > UPLOAD_TOTAL_BYTES)
      throw new StationError('message_too_large', {
        megabytes: Math.ceil((dossier + c.total) / MB),
        limit: UPLOAD_DOSSIER_BYTES / MB,
      });
    const u: Upload = {
      dossierId: c.dossierId,
      componentCode: c.componentCode,
      name: c.name,
      total: c.total,
      chunks: [],
      received: 0,
      touched: this.now(),
    };
    this.uploads.set(c.uploadId, u);
    return u;
  }

  private dropIdle(): void {
    const t = this.now();
    for (const [id, u] of this.uploads) if (t - u.touched > UPLOAD_IDLE_MS) this.uploads.delete(id);
  }

  /** Bytes held for a dossier (tests, figures). */
  heldFor(dossierId: string): number {
    return [...this.uploads.values()]
      .filter((u) => u.dossierId === dossierId)
      .reduce((n, u) => n + u.received, 0);
  }
}
