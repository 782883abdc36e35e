import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ScanDevice } from '../../../../shared/api/rooms/scan';
import { StationError } from '../../../../shared/api/errors';
import type { PageSink, ScanDriver, ScanRequest } from '../driver';

/** Files the vendor software may write; anything else in the folder is left alone. */
const ACCEPTED = /\.(jpe?g|png|tiff?|pdf)$/i;
/** A file larger than this is moved to failed/ without being read. */
export const MAX_FOLDER_FILE = 200 * 1024 * 1024;

export interface FolderDriverOptions {
  folder: () => string;
  /** The scan ends after this long without a new file. */
  idleMs: () => number;
  /** How often the folder is looked at. */
  pollMs?: number;
  /** A file counts as complete once its size and time have not changed for this long. */
  stableMs?: number;
}

interface Seen {
  size: number;
  mtimeMs: number;
  stableSince: number;
}

/** Moves a handled file aside, never over another one, so it is never imported twice. */
export function moveAside(folder: string, file: string, sub: 'imported' | 'failed'): string {
  const dir = path.join(folder, sub);
  fs.mkdirSync(dir, { recursive: true });
  const ext = path.extname(file);
  let target = path.join(dir, path.basename(file));
  for (let i = 1; fs.existsSync(target); i++)
    target = path.join(dir, `${path.basename(file, ext)}-${i}${ext}`);
  fs.renameSync(path.join(folder, file), target);
  return target;
}

/**
 * Scan to folder: many counters' scanners save files through their vendor
 * software. During a "scan" with this device the station watches the folder,
 * takes each file once its size has stopped changing, hands it on, and moves it
 * to `imported/` (or `failed/`, with the reason beside it).
 */
export class FolderDriver implements ScanDriver {
  readonly kind = 'folder' as const;
  constructor(private readonly opts: FolderDriverOptions) {}

  private device(folder: string): ScanDevice {
    return {
      id: `folder:${folder}`,
      driver: 'folder',
      name: folder,
      sources: ['adf'],
      resolutions: [],
      modes: ['color', 'gray', 'lineart'],
      maxWidthMm: 0,
      maxHeightMm: 0,
    };
  }

  async list(): Promise<ScanDevice[]> {
    const folder = this.opts.folder();
    return folder && fs.existsSync(folder) ? [this.device(folder)] : [];
  }

  async capabilities(device: string): Promise<ScanDevice> {
    if (!fs.existsSync(device)) throw new StationError('scan_unknown_device', { device });
    return this.device(device);
  }

  async scan(req: ScanRequest, onPage: PageSink, signal: AbortSignal): Promise<number> {
    const folder = req.device;
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory())
      throw new StationError('scan_unknown_device', { device: req.label });
    const pollMs = this.opts.pollMs ?? 500;
    const stableMs = this.opts.stableMs ?? 2000;
    const seen = new Map<string, Seen>();
    const hashes = new Set<string>();
    let pages = 0;
    let lastActivity = Date.now();
    while (!signal.aborted) {
      if (req.maxPages > 0 && pages >= req.maxPages) break;
      if (Date.now() - lastActivity > this.opts.idleMs()) break;
      let names: string[];
      try {
        names = fs
          .readdirSync(folder)
          .filter((n) => ACCEPTED.test(n))
          .sort();
      } catch (err) {
        throw new StationError('scan_device_gone', { device: req.label }, String(err));
      }
      const now = Date.now();
      for (const name of names) {
        if (req.maxPages > 0 && pages >= req.maxPages) break;
        let st: fs.Stats;
        try {
          st = fs.statSync(path.join(folder, name));
        } catch {
          continue;
        }
        if (!st.isFile()) continue;
        const prev = seen.get(name);
        if (!prev || prev.size !== st.size || prev.mtimeMs !== st.mtimeMs) {
          // Still being written (or just appeared): wait until two looks agree.
          seen.set(name, { size: st.size, mtimeMs: st.mtimeMs, stableSince: now });
          lastActivity = now;
          continue;
        }
        if (now - prev.stableSince < stableMs || st.size === 0) continue;
        seen.delete(name);
        lastActivity = now;
        if (st.size > MAX_FOLDER_FILE) {
          const to = moveAside(folder, name, 'failed');
          fs.writeFileSync(`${to}.txt`, `file_too_large: ${st.size} bytes\n`);
          continue;
        }
        const bytes = fs.readFileSync(path.join(folder, name));
        const hash = crypto.createHash('sha256').update(bytes).digest('hex');
        if (hashes.has(hash)) {
          // The same scan saved twice: keep it aside, do not add the page again.
          moveAside(folder, name, 'imported');
          continue;
        }
        hashes.add(hash);
        const index = pages++;
        try {
          await onPage({ index, name, bytes });
          moveAside(folder, name, 'imported');
        } catch (err) {
          const to = moveAside(folder, name, 'failed');
          fs.writeFileSync(`${to}.txt`, `${err instanceof Error ? err.message : String(err)}\n`);
        }
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
    return pages;
  }
}
