import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StationError } from '../../../shared/api/errors';
import { MAX_IMPORT_BYTES } from './import';

/** Bytes of staged, not yet imported files the station keeps on disk for all pages together. */
export const STAGED_TOTAL_BYTES = 2 * 1024 * 1024 * 1024;
/** A staged file no call has taken for this long is removed (a page closed between upload and import). */
export const STAGED_IDLE_MS = 10 * 60_000;

const MB = 1024 * 1024;

interface Staged {
  file: string;
  name: string;
  size: number;
  key: Buffer;
  iv: Buffer;
  tag: Buffer;
  at: number;
}

/**
 * Web mode's files, received as raw bytes over HTTP (electron/web/server.ts `PUT /upload`) and
 * written as they arrive to `<data>/staging/<id>.part` — never gathered whole in memory — then
 * imported by `scan.importStaged`, which names them by id. Each file is sealed on its way to disk
 * with AES-256-GCM under a key of its own held only in memory, so nothing lies readable on disk
 * and a file left by a crash is noise, removed at the next start. A file that stops short of its
 * announced size, goes over it or is aborted is removed at once; one not taken within
 * STAGED_IDLE_MS too. Bounded: a file at most MAX_IMPORT_BYTES, all of them STAGED_TOTAL_BYTES.
 */
export class StagedUploads {
  private readonly staged = new Map<string, Staged>();
  /** Bytes announced by files on their way in or staged. */
  private reserved = 0;

  constructor(
    readonly dir: string,
    private readonly now: () => number = () => Date.now(),
  ) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /**
   * Streams one file's bytes to its staging file; answers its id once every announced byte is
   * on disk. Refused before a byte is written when the announced size is over the limits.
   */
  async receive(body: Readable, size: number, name: string): Promise<{ uploadId: string; size: number }> {
    this.dropIdle();
    if (size > MAX_IMPORT_BYTES)
      throw new StationError('file_too_large', { name, megabytes: Math.round(size / MB) });
    if (this.reserved + size > STAGED_TOTAL_BYTES)
      throw new StationError('message_too_large', {
        megabytes: Math.ceil((this.reserved + size) / MB),
        limit: STAGED_TOTAL_BYTES / MB,
      });
    this.reserved += size;
    const uploadId = crypto.randomUUID();
    const file = path.join(this.dir, `${uploadId}.part`);
    const key = crypto.randomBytes(32);
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    let received = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        received += chunk.length;
        if (received > size)
          done(new StationError('upload_incomplete', { name }, 'more bytes than announced'));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(body, count, cipher, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
      if (received !== size)
        throw new StationError('upload_incomplete', { name }, `${received} of ${size} bytes`);
    } catch (err) {
      this.reserved -= size;
      fs.rmSync(file, { force: true });
      if (err instanceof StationError) throw err;
      if ((err as NodeJS.ErrnoException).code === 'ENOSPC') throw new StationError('disk_full', {});
      throw new StationError('upload_incomplete', { name }, (err as Error).message);
    }
    this.staged.set(uploadId, { file, name, size, key, iv, tag: cipher.getAuthTag(), at: this.now() });
    return { uploadId, size };
  }

  /** The whole file of a staged upload, once: its staging file is removed as it is taken. */
  async take(uploadId: string, name: string): Promise<Buffer> {
    this.dropIdle();
    const s = this.staged.get(uploadId);
    if (!s) throw new StationError('upload_incomplete', { name }, `no staged upload ${uploadId}`);
    this.staged.delete(uploadId);
    try {
      const sealed = await fs.promises.readFile(s.file);
      const decipher = crypto.createDecipheriv('aes-256-gcm', s.key, s.iv);
      decipher.setAuthTag(s.tag);
      return Buffer.concat([decipher.update(sealed), decipher.final()]);
    } catch (err) {
      throw new StationError('upload_incomplete', { name }, (err as Error).message);
    } finally {
      this.reserved -= s.size;
      fs.rmSync(s.file, { force: true });
    }
  }

  /** Removes a staged upload that will not be imported (a call refused before it took its files). */
  discard(uploadId: string): void {
    const s = this.staged.get(uploadId);
    if (!s) return;
    this.staged.delete(uploadId);
    this.reserved -= s.size;
    fs.rmSync(s.file, { force: true });
  }

  /** Files staged now (tests). */
  count(): number {
    return this.staged.size;
  }

  private dropIdle(): void {
    const t = this.now();
    for (const [id, s] of this.staged) if (t - s.at > STAGED_IDLE_MS) this.discard(id);
  }

  /** Engine shutdown: every staged file goes. */
  close(): void {
    for (const id of [...this.staged.keys()]) this.discard(id);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
