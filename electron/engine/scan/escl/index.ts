import type { ScanDevice } from '../../../../shared/api/rooms/scan';
import { StationError } from '../../../../shared/api/errors';
import type { PageSink, ScanDriver, ScanRequest } from '../driver';
import { assertWholePage, incompletePage } from '../page-check';
import {
  EsclAnswerError,
  type EsclCaps,
  MAX_XML_BYTES,
  parseCapabilities,
  parseStatus,
  scanSettingsXml,
  statusError,
  toDevice,
} from './client';

export interface EsclDriverOptions {
  /** Base URLs (…/eSCL) to list: the manual ones and those found by mDNS. */
  urls: () => string[];
  /** Seconds one HTTP exchange may take. */
  requestTimeoutS?: number;
  /** Seconds a page may stay "not ready yet" (503) before the device counts as hung. */
  pageTimeoutS?: number;
  /** Pause between polls of a page that is not ready (ms). */
  retryMs?: number;
}

/** A page above this size is refused as it arrives (bounded memory; an A4 colour page at 600 dpi is ~100 MB raw). */
export const MAX_PAGE_BYTES = 200 * 1024 * 1024;

/**
 * One page's body, counted as it arrives: a line dropped before the announced
 * Content-Length, or a PNG that holds less than its header says, is a page that came
 * short (`scan_page_incomplete`), never a page.
 */
async function pageBody(r: Response, device: string, page: number, signal: AbortSignal): Promise<Buffer> {
  const header = r.headers.get('content-length');
  const announced = header === null ? null : Number(header);
  if (announced !== null && announced > MAX_PAGE_BYTES)
    throw new StationError('file_too_large', {
      name: `${device} #${page}`,
      megabytes: Math.round(announced / 1048576),
    });
  const chunks: Buffer[] = [];
  let got = 0;
  try {
    const reader = r.body?.getReader();
    for (;;) {
      const next = reader ? await reader.read() : { done: true as const, value: undefined };
      if (next.done) break;
      const chunk = next.value;
      got += chunk.length;
      if (got > MAX_PAGE_BYTES) {
        await reader?.cancel();
        throw new StationError('file_too_large', {
          name: `${device} #${page}`,
          megabytes: Math.round(got / 1048576),
        });
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (err) {
    if (err instanceof StationError || signal.aborted) throw err;
    throw incompletePage(
      device,
      page,
      `line closed after ${got}${announced === null ? '' : ` of ${announced}`} bytes: ${String(err)}`,
    );
  }
  if (announced !== null && got < announced)
    throw incompletePage(device, page, `${got} of ${announced} bytes`);
  const bytes = Buffer.concat(chunks);
  assertWholePage(bytes, device, page);
  return bytes;
}

/** An eSCL document's text, read up to MAX_XML_BYTES and no further. */
async function xmlBody(r: Response): Promise<string> {
  const reader = r.body?.getReader();
  const chunks: Uint8Array[] = [];
  let got = 0;
  for (;;) {
    const next = reader ? await reader.read() : { done: true as const, value: undefined };
    if (next.done) break;
    got += next.value.length;
    if (got > MAX_XML_BYTES) {
      await reader?.cancel();
      throw new EsclAnswerError(`document above ${MAX_XML_BYTES} bytes`);
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/**
 * Driverless network scanners (eSCL / AirScan): HTTP on the engine's own loop,
 * every request bounded by a timeout, so a silent device cannot hang anything.
 */
export class EsclDriver implements ScanDriver {
  readonly kind = 'escl' as const;
  private readonly requestTimeoutMs: number;
  private readonly pageTimeoutMs: number;
  private readonly retryMs: number;

  constructor(private readonly opts: EsclDriverOptions) {
    this.requestTimeoutMs = (opts.requestTimeoutS ?? 20) * 1000;
    this.pageTimeoutMs = (opts.pageTimeoutS ?? 90) * 1000;
    this.retryMs = opts.retryMs ?? 500;
  }

  private async request(
    url: string,
    init: RequestInit,
    device: string,
    signal?: AbortSignal,
  ): Promise<Response> {
    const timeout = AbortSignal.timeout(this.requestTimeoutMs);
    try {
      return await fetch(url, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (err) {
      if (signal?.aborted) throw err;
      if (timeout.aborted)
        throw new StationError('scan_timeout', { device, seconds: this.requestTimeoutMs / 1000 }, url);
      throw new StationError('scan_device_gone', { device }, `${url}: ${String(err)}`);
    }
  }

  async caps(base: string): Promise<EsclCaps> {
    const r = await this.request(`${base}/ScannerCapabilities`, {}, base);
    if (!r.ok) throw new StationError('scan_unknown_device', { device: base }, `HTTP ${r.status}`);
    try {
      return parseCapabilities(await xmlBody(r));
    } catch (err) {
      throw new StationError('scan_unknown_device', { device: base }, String(err));
    }
  }

  async list(): Promise<ScanDevice[]> {
    const found = await Promise.all(
      this.opts.urls().map(async (u) => {
        try {
          return toDevice(u, await this.caps(u));
        } catch {
          return null;
        }
      }),
    );
    return found.filter((d): d is ScanDevice => d !== null);
  }

  async capabilities(device: string): Promise<ScanDevice> {
    return toDevice(device, await this.caps(device));
  }

  private async status(base: string): Promise<ReturnType<typeof parseStatus> | null> {
    try {
      const r = await this.request(`${base}/ScannerStatus`, {}, base);
      return r.ok ? parseStatus(await xmlBody(r)) : null;
    } catch {
      return null;
    }
  }

  async scan(req: ScanRequest, onPage: PageSink, signal: AbortSignal): Promise<number> {
    const base = req.device.replace(/\/+$/, '');
    const caps = await this.caps(base);
    if (!caps.sources.includes(req.source))
      throw new StationError('scan_setting_unsupported', {
        device: req.label,
        setting: 'source',
        value: req.source,
      });
    if (!caps.modes.includes(req.mode))
      throw new StationError('scan_setting_unsupported', {
        device: req.label,
        setting: 'mode',
        value: req.mode,
      });
    if (!caps.resolutions.includes(req.dpi))
      throw new StationError('scan_setting_unsupported', {
        device: req.label,
        setting: 'dpi',
        value: req.dpi,
      });
    const format =
      caps.formats.includes('image/jpeg') || caps.formats.length === 0 ? 'image/jpeg' : 'image/png';
    const body = scanSettingsXml({
      source: req.source,
      dpi: req.dpi,
      mode: req.mode,
      format,
      width: Math.min(caps.maxWidth || 2480, 2480),
      height: Math.min(caps.maxHeight || 3508, 3508),
    });
    // POST ScanJobs: 503 means another job runs — wait a little, then tell the clerk it is busy.
    let job: string | null = null;
    for (let attempt = 0; attempt < 5 && !job; attempt++) {
      const r = await this.request(
        `${base}/ScanJobs`,
        { method: 'POST', body, headers: { 'Content-Type': 'text/xml' } },
        req.label,
        signal,
      );
      await r.arrayBuffer();
      if (r.status === 201) {
        const location = r.headers.get('location');
        if (!location) throw new StationError('scan_failed', { device: req.label }, 'no Location');
        job = new URL(location, `${base}/`).toString().replace(/\/+$/, '');
      } else if (r.status === 503) {
        await sleep(this.retryMs * 2, signal);
        if (signal.aborted) return 0;
      } else {
        throw statusError(await this.status(base), req.label, `POST ScanJobs: HTTP ${r.status}`);
      }
    }
    if (!job) throw new StationError('scan_device_busy', { device: req.label });
    const ext = format === 'image/png' ? 'png' : 'jpg';
    let pages = 0;
    const delivered: Promise<void>[] = [];
    let waitingSince = Date.now();
    let failed = false;
    try {
      while (!signal.aborted) {
        if (req.maxPages > 0 && pages >= req.maxPages) break;
        const r = await this.request(`${job}/NextDocument`, {}, req.label, signal).catch((err: unknown) => {
          if (signal.aborted) return null;
          throw err;
        });
        if (!r) break;
        if (r.status === 200) {
          const index = pages;
          const bytes = await pageBody(r, req.label, index + 1, signal).catch((err: unknown) => {
            failed = true;
            throw err;
          });
          pages++;
          waitingSince = Date.now();
          delivered.push(
            onPage({ index, name: `scan-${String(index + 1).padStart(4, '0')}.${ext}`, bytes }).catch(
              () => {},
            ),
          );
          continue;
        }
        await r.arrayBuffer();
        if (r.status === 404) {
          if (pages === 0 && req.source !== 'flatbed')
            throw statusError(await this.status(base), req.label, 'no page');
          break;
        }
        if (r.status === 503) {
          if (Date.now() - waitingSince > this.pageTimeoutMs)
            throw new StationError('scan_timeout', { device: req.label, seconds: this.pageTimeoutMs / 1000 });
          await sleep(this.retryMs, signal);
          continue;
        }
        throw statusError(await this.status(base), req.label, `NextDocument: HTTP ${r.status}`);
      }
    } finally {
      if (signal.aborted || failed || (req.maxPages > 0 && pages >= req.maxPages)) {
        // Tell the device to stop feeding (also after a page that came short: the pages after it
        // would be filed out of order); a device that is gone is no reason to fail here.
        await this.request(job, { method: 'DELETE' }, req.label).then(
          (r) => r.arrayBuffer(),
          () => undefined,
        );
      }
      await Promise.all(delivered);
    }
    return pages;
  }
}
