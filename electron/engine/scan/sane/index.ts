import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScanDevice } from '../../../../shared/api/rooms/scan';
import { StationError } from '../../../../shared/api/errors';
import type { PageSink, ScanDriver, ScanRequest } from '../driver';
import { assertWholePage } from '../page-check';
import { runChild } from '../proc';
import { parseList, parseOptions, saneError, type SaneOptions, toDevice } from './parse';

export interface SaneDriverOptions {
  /** `scanimage` unless told otherwise. */
  command?: string;
  /** SANE_CONFIG_DIR for the child (from SOHOA_SANE_CONFIG_DIR, or SANE_CONFIG_DIR passed through). */
  configDir?: string;
  /** Seconds a page may take before the driver counts as hung. */
  pageTimeoutS?: number;
  listTimeoutS?: number;
  /**
   * Milliseconds scanimage may take to exit once it has printed "Batch terminated" (default 5000).
   * SANE backends built on sanei_thread cancel their reader thread asynchronously in
   * sane_cancel; a thread cancelled inside malloc leaves glibc's arena lock held and then
   * deadlocks on it while exiting, and scanimage waits in pthread_join for ever (seen with
   * the test backend's jam, in about 1 run in 100 on a loaded machine). What it reported
   * before stands; the process is killed.
   */
  exitGraceMs?: number;
  /** Backend-specific options appended to every scan (e.g. a fault the SANE test backend should raise). */
  extraArgs?: string[];
  /**
   * Training stations: when no config dir is given, a folder (in the data dir) whose
   * dll.conf is the system's (minus SANE's network backends) plus SANE's `test` backend,
   * searched before the system's own (`SANE_CONFIG_DIR=<dir>:`, so each backend still
   * finds its own .conf), so the virtual test scanner sits beside the real USB ones.
   */
  trainingDir?: string;
}

const SYSTEM_DLL_CONF = '/etc/sane.d/dll.conf';

/** Writes the training dll.conf: every backend the system enables, plus `test`. */
export function trainingConfig(dir: string, systemDllConf = SYSTEM_DLL_CONF): string {
  let system: string[] = [];
  try {
    system = fs
      .readFileSync(systemDllConf, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
  } catch {
    // No system SANE config (Windows, macOS): the test backend alone.
  }
  // Network scanners are the eSCL driver's: SANE's own network backends (which search the LAN
  // when listing) stay out, and an empty dll.d hides the system's dll.d entries (sane-airscan).
  const network = new Set(['airscan', 'escl', 'net']);
  fs.mkdirSync(path.join(dir, 'dll.d'), { recursive: true });
  const content = [...new Set([...system.filter((b) => !network.has(b)), 'test'])].join('\n') + '\n';
  const file = path.join(dir, 'dll.conf');
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== content) fs.writeFileSync(file, content);
  return `${dir}${path.delimiter}`;
}

/** SANE (Linux) through `scanimage` from sane-utils — always a child process, always under a timeout. */
export class SaneDriver implements ScanDriver {
  readonly kind = 'sane' as const;
  private readonly command: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly pageTimeoutS: number;
  private readonly listTimeoutS: number;
  private readonly options = new Map<string, SaneOptions>();
  private readonly extraArgs: string[];
  private readonly exitGraceMs: number;

  constructor(opts: SaneDriverOptions = {}) {
    this.command = opts.command ?? 'scanimage';
    let configDir = opts.configDir ?? process.env.SOHOA_SANE_CONFIG_DIR ?? process.env.SANE_CONFIG_DIR;
    if (!configDir && opts.trainingDir && process.platform === 'linux') {
      try {
        configDir = trainingConfig(opts.trainingDir);
      } catch {
        // A data dir we cannot write to only costs the training scanner.
      }
    }
    this.env = { ...process.env, ...(configDir ? { SANE_CONFIG_DIR: configDir } : {}) };
    this.pageTimeoutS = opts.pageTimeoutS ?? 90;
    this.listTimeoutS = opts.listTimeoutS ?? 30;
    this.extraArgs = opts.extraArgs ?? [];
    this.exitGraceMs = opts.exitGraceMs ?? 5000;
  }

  async list(): Promise<ScanDevice[]> {
    const r = await runChild(this.command, ['-f', '%d|%v|%m|%t%n', '-L'], {
      env: this.env,
      idleTimeoutMs: this.listTimeoutS * 1000,
    });
    if (r.spawnError || r.timedOut) return [];
    const listed = parseList(r.stdout);
    const devices: ScanDevice[] = [];
    for (const d of listed) {
      try {
        devices.push(toDevice(d, await this.optionsOf(d.name)));
      } catch {
        // A device that cannot tell its options is left out of the list rather than failing it.
      }
    }
    return devices;
  }

  async capabilities(device: string): Promise<ScanDevice> {
    const opts = await this.optionsOf(device);
    return toDevice({ name: device, vendor: '', model: device, type: '' }, opts);
  }

  private async optionsOf(device: string): Promise<SaneOptions> {
    const known = this.options.get(device);
    if (known) return known;
    const r = await runChild(this.command, ['--help', '-d', device], {
      env: this.env,
      idleTimeoutMs: this.listTimeoutS * 1000,
    });
    if (r.spawnError) throw new StationError('scan_unknown_device', { device }, r.spawnError);
    if (r.timedOut) throw new StationError('scan_timeout', { device, seconds: this.listTimeoutS });
    if (!/Options specific to device/.test(r.stdout))
      throw new StationError('scan_unknown_device', { device }, r.stderr.trim());
    const opts = parseOptions(r.stdout);
    this.options.set(device, opts);
    return opts;
  }

  /** The scanimage arguments for a request (exported through the class for tests and the bench). */
  async args(req: ScanRequest, outPattern: string): Promise<string[]> {
    const opts = await this.optionsOf(req.device);
    const source = opts.sources[req.source];
    if (source === undefined)
      throw new StationError('scan_setting_unsupported', {
        device: req.label,
        setting: 'source',
        value: req.source,
      });
    const mode = opts.modes[req.mode];
    if (mode === undefined)
      throw new StationError('scan_setting_unsupported', {
        device: req.label,
        setting: 'mode',
        value: req.mode,
      });
    const args = ['-d', req.device];
    if (source) args.push('--source', source);
    args.push('--mode', mode, '--resolution', String(req.dpi));
    // The whole area the device can read (A4 at most): the clerk scans whole sheets.
    if (opts.maxWidthMm) args.push('-x', String(Math.min(opts.maxWidthMm, 210)));
    if (opts.maxHeightMm) args.push('-y', String(Math.min(opts.maxHeightMm, 297)));
    if (opts.hasTestPicture) args.push('--test-picture', 'Grid');
    args.push(...this.extraArgs);
    args.push('--format=png', `--batch=${outPattern}`, '--batch-print');
    if (req.source === 'flatbed') args.push('--batch-count=1');
    else if (req.maxPages > 0) args.push(`--batch-count=${req.maxPages}`);
    return args;
  }

  async scan(req: ScanRequest, onPage: PageSink, signal: AbortSignal): Promise<number> {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-sane-'));
    // A page that came short stops the batch: the pages after it would be filed out of order.
    const stop = new AbortController();
    let fault = null as StationError | null;
    try {
      const args = await this.args(req, path.join(tmp, 'p%04d.png'));
      let pages = 0;
      // Files are read one after another, so pages reach the sink in the order they were scanned.
      let reading: Promise<void> = Promise.resolve();
      const delivered: Promise<void>[] = [];
      const r = await runChild(this.command, args, {
        env: this.env,
        idleTimeoutMs: this.pageTimeoutS * 1000,
        signal: AbortSignal.any([signal, stop.signal]),
        endMarker: /^Batch terminated, \d+ pages? scanned/m,
        endGraceMs: this.exitGraceMs,
        onLine: (file) => {
          const index = pages++;
          reading = reading.then(async () => {
            const bytes = await fs.promises.readFile(file);
            await fs.promises.rm(file, { force: true });
            if (fault) return;
            try {
              assertWholePage(bytes, req.label, index + 1);
            } catch (err) {
              fault = err as StationError;
              stop.abort();
              return;
            }
            const name = `scan-${String(index + 1).padStart(4, '0')}.png`;
            delivered.push(onPage({ index, name, bytes }).catch(() => {}));
          });
          // An unreadable temp file costs that page only, never the ones after it.
          reading = reading.catch(() => {});
        },
      });
      await reading;
      await Promise.all(delivered);
      if (fault) throw fault;
      if (r.cancelled) return pages;
      if (r.spawnError) throw new StationError('scan_failed', { device: req.label }, r.spawnError);
      if (r.timedOut)
        throw new StationError('scan_timeout', { device: req.label, seconds: this.pageTimeoutS });
      // What the backend reported decides, not the exit status alone: scanimage has been seen
      // to exit 0 after a jam when a signal raced its shutdown, and one killed after its batch
      // ended (exitGraceMs) has no exit status at all.
      const reported = /scanimage: (sane_\w+|open of device)/.test(r.stderr);
      if ((r.code === 0 || r.killedAfterEnd) && !reported) return pages;
      const err = saneError(r.stderr, req.label, pages);
      if (err) throw err;
      return pages;
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
}
