import type { ColorMode, ScanDevice, ScanSource } from '../../../shared/api/rooms/scan';

/** What a driver is asked to scan, in the station's own words (each driver maps them). */
export interface ScanRequest {
  /** The device id as the driver knows it (without the `escl:`/`wia:`/`folder:` prefix). */
  device: string;
  /** The id the clerk sees, for messages. */
  label: string;
  source: ScanSource;
  dpi: number;
  mode: ColorMode;
  /** 0 = until the feeder is empty. */
  maxPages: number;
}

/** One page as it comes off the device, before any processing. */
export interface ScannedPage {
  index: number;
  name: string;
  bytes: Buffer;
}

/**
 * A page sink. The driver calls it the moment a page is whole and does not wait
 * for the station to process it; a returned rejection marks only that page.
 */
export type PageSink = (page: ScannedPage) => Promise<void>;

/**
 * One interface for every way paper reaches the station. `scan` resolves with
 * the number of pages delivered, or rejects with a StationError (pages already
 * delivered stay delivered); it stops promptly when `signal` aborts.
 */
export interface ScanDriver {
  readonly kind: ScanDevice['driver'];
  list(): Promise<ScanDevice[]>;
  capabilities(device: string): Promise<ScanDevice>;
  scan(req: ScanRequest, onPage: PageSink, signal: AbortSignal): Promise<number>;
}

/** Common resolutions offered when a device accepts a whole range. */
export const COMMON_DPI = [100, 150, 200, 240, 300, 400, 600];

export const rangeToDpi = (min: number, max: number): number[] =>
  COMMON_DPI.filter((d) => d >= min && d <= max);
