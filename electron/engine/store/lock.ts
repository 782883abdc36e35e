import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StationError } from '../../../shared/api/errors';

const LOCK_NAME = 'engine.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One engine per data directory: two engines writing the same dossiers would
 * race on counters and files. The lock file names its owner; a lock left by a
 * process that no longer runs on this host is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_NAME);
  const mine = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: 'wx', mode: 0o600 });
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8') === mine) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner: { pid?: number; host?: string } = {};
      try {
        owner = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof owner;
      } catch {
        /* unreadable lock: treat as stale */
      }
      const stale = typeof owner.pid !== 'number' || (owner.host === os.hostname() && !isAlive(owner.pid));
      if (!stale) throw new StationError('data_dir_locked', { dir: dataDir, pid: owner.pid ?? '?' });
      fs.rmSync(file, { force: true });
    }
  }
  throw new StationError('data_dir_locked', { dir: dataDir, pid: '?' });
}
