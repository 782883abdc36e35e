import fs from 'node:fs';
import path from 'node:path';
import { BlobStore } from './blobs';
import { type DataKey, loadDataKey, sideFileFor } from './data-key';
import { type Db, openDb } from './db';
import { acquireDataDirLock } from './lock';
import type { Migration } from './migrations';

export { BlobStore, sha256, type BlobId } from './blobs';
export { type Db, transaction, appliedMigrations } from './db';
export type { Migration } from './migrations';
export { resolveDataDir } from './data-dir';
export { DataKey } from './data-key';

export interface Store {
  readonly dataDir: string;
  readonly db: Db;
  readonly blobs: BlobStore;
  /** Seals personal data at rest (blobs are sealed by the blob store itself). */
  readonly key: DataKey;
  /** The audit chain's sealed head, in the key folder (outside the data folder). */
  readonly auditAnchorFile: string;
  close(): void;
}

/** Opens the data directory: takes its lock first, then the database and the blob files. */
export function openStore(
  dataDir: string,
  migrations: readonly Migration[],
  opts: { key?: string; keyDir?: string } = {},
): Store {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const release = acquireDataDirLock(dataDir);
  try {
    const key = loadDataKey(dataDir, opts);
    const db = openDb(path.join(dataDir, 'station.db'), migrations);
    const blobs = new BlobStore(path.join(dataDir, 'blobs'), key);
    const auditAnchorFile = sideFileFor(dataDir, 'audit', opts.keyDir);
    fs.mkdirSync(path.dirname(auditAnchorFile), { recursive: true, mode: 0o700 });
    return {
      dataDir,
      db,
      blobs,
      key,
      auditAnchorFile,
      close() {
        db.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
