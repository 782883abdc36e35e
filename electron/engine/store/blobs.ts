import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StationError } from '../../../shared/api/errors';
import { type DataKey, isSealedBlob } from './data-key';

/** A SHA-256 hex digest naming a stored file. */
export type BlobId = string;

const BLOB_ID = /^[0-9a-f]{64}$/;

export function sha256(bytes: Uint8Array): BlobId {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

function fsyncDir(dir: string): void {
  // Directories cannot be opened for fsync on Windows; there rename is already durable enough.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Content-addressed files: a blob is named by the hash of its content, written
 * once through a temp file + fsync + rename, and never overwritten; with the
 * station's data key, sealed (AES-256-GCM) on disk. The database only holds ids.
 */
export class BlobStore {
  private readonly tmpDir: string;

  constructor(
    private readonly root: string,
    private readonly key: DataKey | null = null,
  ) {
    this.tmpDir = path.join(root, 'tmp');
    fs.mkdirSync(this.tmpDir, { recursive: true });
    this.sweepTemp();
  }

  pathOf(id: BlobId): string {
    if (!BLOB_ID.test(id)) throw new StationError('internal', {}, `bad blob id ${id}`);
    return path.join(this.root, id.slice(0, 2), id.slice(2));
  }

  has(id: BlobId): boolean {
    return fs.existsSync(this.pathOf(id));
  }

  put(bytes: Uint8Array): BlobId {
    const id = sha256(bytes);
    const final = this.pathOf(id);
    if (fs.existsSync(final)) return id;
    const dir = path.dirname(final);
    fs.mkdirSync(dir, { recursive: true });
    const tmp = path.join(this.tmpDir, `${id}.${process.pid}.${crypto.randomUUID()}`);
    try {
      const fd = fs.openSync(tmp, 'wx', 0o600);
      try {
        fs.writeSync(fd, this.key ? this.key.sealBlob(id, bytes) : bytes);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, final);
      fsyncDir(dir);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT') throw new StationError('disk_full', {}, String(err));
      throw err;
    }
    return id;
  }

  /**
   * `put` with the writes and both fsyncs on libuv's threads, so the engine's loop is not held
   * for a disk flush (web mode's page import, issue 18: each fsync can take hundreds of ms on a
   * busy disk). The same file, name and durability as `put`.
   */
  async putAsync(bytes: Uint8Array): Promise<BlobId> {
    const id = sha256(bytes);
    const final = this.pathOf(id);
    if (fs.existsSync(final)) return id;
    const dir = path.dirname(final);
    const tmp = path.join(this.tmpDir, `${id}.${process.pid}.${crypto.randomUUID()}`);
    try {
      await fs.promises.mkdir(dir, { recursive: true });
      const fh = await fs.promises.open(tmp, 'wx', 0o600);
      try {
        await fh.writeFile(this.key ? this.key.sealBlob(id, bytes) : bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fs.promises.rename(tmp, final);
      if (process.platform !== 'win32') {
        const dh = await fs.promises.open(dir, 'r');
        try {
          await dh.sync();
        } finally {
          await dh.close();
        }
      }
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT') throw new StationError('disk_full', {}, String(err));
      throw err;
    }
    return id;
  }

  get(id: BlobId): Buffer {
    const file = fs.readFileSync(this.pathOf(id));
    if (this.key) return this.key.openBlob(id, file);
    if (isSealedBlob(file))
      throw new StationError('data_key_mismatch', { dir: this.root }, 'sealed blob, no key');
    return file;
  }

  /**
   * Removes a blob's file (the privacy room's purge, docs/architecture.md). The caller makes
   * sure no row still refers to it: content-addressed, one file may serve several rows.
   * True when a file was there.
   */
  delete(id: BlobId): boolean {
    const file = this.pathOf(id);
    if (!fs.existsSync(file)) return false;
    fs.rmSync(file, { force: true });
    return true;
  }

  /** Temp files are only ever left by a crash mid-write; they were never referenced. */
  private sweepTemp(): void {
    for (const name of fs.readdirSync(this.tmpDir)) fs.rmSync(path.join(this.tmpDir, name), { force: true });
  }
}
