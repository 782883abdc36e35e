import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { SupportExport } from '../../../shared/api/rooms/log';
import type { PublicSettings } from '../../../shared/api/rooms/settings';
import { LOG_DIR, recentLogFiles } from '../../../shared/domain/log-files';

export interface SupportOptions {
  dataDir: string;
  version: string;
  /** The settings as a client sees them (the portal and payment keys already left out). */
  settings: PublicSettings;
  days: number;
  now?: () => number;
}

const VN_OFFSET_MS = 7 * 3_600_000;
const vnIso = (ms: number) => `${new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;

/** `nhat-ky-ho-tro-20260302-0915.zip`, the time in Vietnam. */
export function supportZipName(ms: number): string {
  const [day, time] = vnIso(ms).split('T') as [string, string];
  return `nhat-ky-ho-tro-${day.replaceAll('-', '')}-${time.slice(0, 5).replace(':', '')}.zip`;
}

/**
 * The settings a support person may read: no secret (the client view has none), and no
 * person — the officer on duty is said to be set, not named.
 */
function shareableSettings(s: PublicSettings): Record<string, unknown> {
  const { officerName, ...rest } = s;
  return { ...rest, officerNameSet: officerName !== '' };
}

function diskFreeMb(dir: string): number | null {
  try {
    const st = fs.statfsSync(dir);
    return Math.round((st.bavail * st.bsize) / 1_048_576);
  } catch {
    return null;
  }
}

/** What the support desk needs to know about the station, beside its logs. */
function stationJson(opts: SupportOptions, files: string[], now: number): string {
  return JSON.stringify(
    {
      exportedAt: vnIso(now),
      app: {
        version: opts.version,
        node: process.versions.node,
        electron: process.versions.electron ?? null,
      },
      os: {
        platform: process.platform,
        release: os.release(),
        arch: process.arch,
        cpus: os.cpus().length,
        memoryMb: Math.round(os.totalmem() / 1_048_576),
        dataDiskFreeMb: diskFreeMb(opts.dataDir),
      },
      logs: { days: opts.days, files },
      settings: shareableSettings(opts.settings),
    },
    null,
    2,
  );
}

function writeAtomic(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, bytes, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Gửi nhật ký hỗ trợ: the last `days` days of `engine-*.log` and `main-*.log` and a
 * `station.json`, zipped into `<data>/support/nhat-ky-ho-tro-YYYYMMDD-HHmm.zip`.
 */
export function exportSupport(opts: SupportOptions): SupportExport {
  const now = (opts.now ?? Date.now)();
  const logDir = path.join(opts.dataDir, LOG_DIR);
  const names = fs.existsSync(logDir) ? recentLogFiles(fs.readdirSync(logDir), now, opts.days) : [];
  const entries: Record<string, Uint8Array> = {};
  for (const name of names) entries[`logs/${name}`] = fs.readFileSync(path.join(logDir, name));
  entries['station.json'] = new TextEncoder().encode(stationJson(opts, names, now));
  const zip = zipSync(entries, { level: 6, mtime: new Date(now) });
  const dir = path.join(opts.dataDir, 'support');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, supportZipName(now));
  writeAtomic(file, zip);
  return { path: file, size: zip.byteLength, files: Object.keys(entries) };
}
