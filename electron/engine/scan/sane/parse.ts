import type { ColorMode, ScanDevice, ScanSource } from '../../../../shared/api/rooms/scan';
import { StationError } from '../../../../shared/api/errors';
import { rangeToDpi } from '../driver';

export interface SaneListed {
  name: string;
  vendor: string;
  model: string;
  type: string;
}

/** Output of `scanimage -f '%d|%v|%m|%t%n' -L`. */
export function parseList(stdout: string): SaneListed[] {
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.includes('|'))
    .map((l) => {
      const [name = '', vendor = '', model = '', type = ''] = l.split('|');
      return { name, vendor, model, type };
    })
    .filter((d) => d.name);
}

/** An option line of `scanimage --help -d DEV`: `    --mode Gray|Color [Gray]`. */
function optionValues(help: string, option: string): string | undefined {
  const re = new RegExp(`^\\s+${option.replace(/-/g, '\\-')}[ =](.+?)(?:\\s+\\[[^\\]]*\\])?\\s*$`, 'm');
  return re.exec(help)?.[1]?.trim();
}

export interface SaneOptions {
  /** The backend's own words for each of our sources and modes. */
  sources: Partial<Record<ScanSource, string>>;
  modes: Partial<Record<ColorMode, string>>;
  resolutions: number[];
  maxWidthMm: number;
  maxHeightMm: number;
  hasTestPicture: boolean;
}

const splitList = (v: string | undefined): string[] =>
  v
    ? v
        .replace(/dpi$/, '')
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

const rangeMm = (v: string | undefined): number => {
  const m = v ? /\.\.([\d.]+)mm/.exec(v) : null;
  return m ? Number(m[1]) : 0;
};

/** Reads what a device can do from `scanimage --help -d DEV`. */
export function parseOptions(help: string): SaneOptions {
  const sourceWords = splitList(optionValues(help, '--source'));
  const sources: SaneOptions['sources'] = {};
  for (const w of sourceWords) {
    if (/duplex/i.test(w)) sources['adf-duplex'] ??= w;
    else if (/adf|feeder/i.test(w)) sources.adf ??= w;
    else if (/flatbed|platen/i.test(w)) sources.flatbed ??= w;
  }
  // A device without a --source option scans from its glass.
  if (sourceWords.length === 0) sources.flatbed = '';
  const modes: SaneOptions['modes'] = {};
  for (const w of splitList(optionValues(help, '--mode'))) {
    if (/colou?r/i.test(w)) modes.color ??= w;
    else if (/gr[ae]y/i.test(w)) modes.gray ??= w;
    else if (/lineart|binary|black|halftone/i.test(w)) modes.lineart ??= w;
  }
  const res = optionValues(help, '--resolution') ?? '';
  const range = /^([\d.]+)\.\.([\d.]+)dpi/.exec(res);
  const resolutions = range
    ? rangeToDpi(Number(range[1]), Number(range[2]))
    : splitList(res)
        .map(Number)
        .filter((n) => Number.isFinite(n) && n > 0);
  return {
    sources,
    modes,
    resolutions,
    maxWidthMm: rangeMm(optionValues(help, '-x')),
    maxHeightMm: rangeMm(optionValues(help, '-y')),
    hasTestPicture: /--test-picture/.test(help),
  };
}

export function toDevice(listed: SaneListed, opts: SaneOptions): ScanDevice {
  return {
    id: listed.name,
    driver: 'sane',
    name: [listed.vendor, listed.model].filter((s) => s && s !== 'Noname').join(' ') || listed.name,
    sources: (['flatbed', 'adf', 'adf-duplex'] as const).filter((s) => opts.sources[s] !== undefined),
    resolutions: opts.resolutions,
    modes: (['color', 'gray', 'lineart'] as const).filter((m) => opts.modes[m] !== undefined),
    maxWidthMm: opts.maxWidthMm,
    maxHeightMm: opts.maxHeightMm,
  };
}

/**
 * Maps what scanimage said on stderr when it stopped to a clerk-facing error.
 * `pages` already delivered decide whether an empty feeder is an end or a fault.
 */
export function saneError(stderr: string, device: string, pages: number): StationError | null {
  const s = stderr.toLowerCase();
  const params = { device };
  if (/out of documents|no more documents|document feeder (is )?empty/.test(s))
    return pages > 0 ? null : new StationError('scan_no_paper', params, stderr);
  if (/jam/.test(s)) return new StationError('scan_jammed', params, stderr);
  if (/cover (is )?open|door open/.test(s)) return new StationError('scan_cover_open', params, stderr);
  if (/device busy|is busy/.test(s)) return new StationError('scan_device_busy', params, stderr);
  if (/invalid argument|no such device|open of device .* failed/.test(s) && pages === 0)
    return new StationError('scan_unknown_device', params, stderr);
  if (/error during device i\/o|device disconnected|i\/o error|access to resource has been denied/.test(s))
    return new StationError('scan_device_gone', params, stderr);
  return new StationError('scan_failed', params, stderr.trim().slice(-2000));
}
