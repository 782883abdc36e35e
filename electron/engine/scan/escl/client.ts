import { XMLParser } from 'fast-xml-parser';
import type { ColorMode, ScanDevice, ScanSource } from '../../../../shared/api/rooms/scan';
import { StationError } from '../../../../shared/api/errors';

const SCAN_NS = 'http://schemas.hp.com/imaging/escl/2011/05/03';
const PWG_NS = 'http://www.pwg.org/schemas/2010/12/sm';

const xml = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  // No DOCTYPE entities at all (billion laughs, external entities): eSCL documents use none.
  processEntities: false,
  isArray: (name) =>
    ['ColorMode', 'DiscreteResolution', 'SettingProfile', 'DocumentFormatExt', 'JobInfo'].includes(name),
});

/**
 * The largest eSCL document read (capabilities are ~10–60 KB): anything on the LAN can
 * answer as a scanner, and a parser fed 50 MB holds the engine's loop for seconds.
 */
export const MAX_XML_BYTES = 1024 * 1024;

/** What a device answered that is not an eSCL document the station can read. */
export class EsclAnswerError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'EsclAnswerError';
  }
}

/** Parses one eSCL document, bounded: too big, too deep or not XML is an EsclAnswerError, never another throw. */
function parseXml(body: string): unknown {
  if (body.length > MAX_XML_BYTES) throw new EsclAnswerError(`document of ${body.length} characters`);
  try {
    return xml.parse(body);
  } catch (err) {
    throw new EsclAnswerError(String(err));
  }
}

type Node = Record<string, unknown>;
const obj = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** eSCL colour modes, by the station's names. */
export const ESCL_MODE: Record<ColorMode, string> = {
  color: 'RGB24',
  gray: 'Grayscale8',
  lineart: 'BlackAndWhite1',
};

export interface EsclCaps {
  makeAndModel: string;
  sources: ScanSource[];
  resolutions: number[];
  modes: ColorMode[];
  /** In eSCL's unit, 1/300 inch. */
  maxWidth: number;
  maxHeight: number;
  formats: string[];
}

function inputCaps(node: Node) {
  const profiles = arr(obj(obj(node).SettingProfiles).SettingProfile).map(obj);
  const modes = new Set<string>();
  const res = new Set<number>();
  const formats = new Set<string>();
  for (const p of profiles) {
    for (const m of arr(obj(p.ColorModes).ColorMode)) modes.add(str(m));
    for (const d of arr(obj(obj(p.SupportedResolutions).DiscreteResolutions).DiscreteResolution))
      res.add(Number(str(obj(d).XResolution)));
    for (const f of [
      ...arr(obj(p.DocumentFormats).DocumentFormatExt),
      ...arr(obj(p.DocumentFormats).DocumentFormat),
    ])
      formats.add(str(f));
  }
  return {
    modes,
    res,
    formats,
    maxWidth: Number(str(node.MaxWidth)) || 0,
    maxHeight: Number(str(node.MaxHeight)) || 0,
  };
}

/** Reads a ScannerCapabilities document (throws EsclAnswerError on a document it cannot read). */
export function parseCapabilities(body: string): EsclCaps {
  const root = obj(obj(parseXml(body)).ScannerCapabilities);
  const platen = obj(obj(root.Platen).PlatenInputCaps);
  const adf = obj(root.Adf);
  const simplex = obj(adf.AdfSimplexInputCaps);
  const duplex = obj(adf.AdfDuplexInputCaps);
  const sources: ScanSource[] = [];
  const parts = [];
  if (Object.keys(platen).length) {
    sources.push('flatbed');
    parts.push(inputCaps(platen));
  }
  if (Object.keys(simplex).length) {
    sources.push('adf');
    parts.push(inputCaps(simplex));
  }
  if (Object.keys(duplex).length || arr(obj(adf.AdfOptions).AdfOption).map(str).includes('Duplex')) {
    sources.push('adf-duplex');
  }
  const modes = new Set(parts.flatMap((p) => [...p.modes]));
  return {
    makeAndModel: str(root.MakeAndModel) || 'eSCL scanner',
    sources,
    resolutions: [...new Set(parts.flatMap((p) => [...p.res]))].filter((n) => n > 0).sort((a, b) => a - b),
    modes: (Object.keys(ESCL_MODE) as ColorMode[]).filter((m) => modes.has(ESCL_MODE[m])),
    maxWidth: Math.max(0, ...parts.map((p) => p.maxWidth)),
    maxHeight: Math.max(0, ...parts.map((p) => p.maxHeight)),
    formats: [...new Set(parts.flatMap((p) => [...p.formats]))],
  };
}

export interface EsclStatus {
  state: string;
  adfState: string;
}

export function parseStatus(body: string): EsclStatus {
  const root = obj(obj(parseXml(body)).ScannerStatus);
  return { state: str(root.State), adfState: str(root.AdfState) };
}

export interface ScanSettingsXml {
  source: ScanSource;
  dpi: number;
  mode: ColorMode;
  format: string;
  /** 1/300 inch. */
  width: number;
  height: number;
}

/** The ScanSettings document POSTed to ScanJobs. */
export function scanSettingsXml(s: ScanSettingsXml): string {
  const input = s.source === 'flatbed' ? 'Platen' : 'Feeder';
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScanSettings xmlns:scan="${SCAN_NS}" xmlns:pwg="${PWG_NS}">
  <pwg:Version>2.0</pwg:Version>
  <scan:Intent>Document</scan:Intent>
  <pwg:ScanRegions pwg:MustHonor="false">
    <pwg:ScanRegion>
      <pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>
      <pwg:XOffset>0</pwg:XOffset>
      <pwg:YOffset>0</pwg:YOffset>
      <pwg:Width>${s.width}</pwg:Width>
      <pwg:Height>${s.height}</pwg:Height>
    </pwg:ScanRegion>
  </pwg:ScanRegions>
  <pwg:InputSource>${input}</pwg:InputSource>
  <pwg:DocumentFormat>${s.format}</pwg:DocumentFormat>
  <scan:DocumentFormatExt>${s.format}</scan:DocumentFormatExt>
  <scan:ColorMode>${ESCL_MODE[s.mode]}</scan:ColorMode>
  <scan:XResolution>${s.dpi}</scan:XResolution>
  <scan:YResolution>${s.dpi}</scan:YResolution>
  ${s.source === 'adf-duplex' ? '<scan:Duplex>true</scan:Duplex>' : ''}
</scan:ScanSettings>`;
}

/** What an eSCL device said when a job could not go on, in the clerk's terms. */
export function statusError(status: EsclStatus | null, device: string, detail: string): StationError {
  const params = { device };
  switch (status?.adfState) {
    case 'ScannerAdfJam':
      return new StationError('scan_jammed', params, detail);
    case 'ScannerAdfDoorOpen':
    case 'ScannerAdfHatchOpen':
      return new StationError('scan_cover_open', params, detail);
    case 'ScannerAdfEmpty':
      return new StationError('scan_no_paper', params, detail);
  }
  if (status?.state === 'Processing') return new StationError('scan_device_busy', params, detail);
  return new StationError('scan_failed', params, detail);
}

export function toDevice(baseUrl: string, caps: EsclCaps): ScanDevice {
  return {
    id: `escl:${baseUrl}`,
    driver: 'escl',
    name: caps.makeAndModel,
    sources: caps.sources,
    resolutions: caps.resolutions,
    modes: caps.modes,
    maxWidthMm: Math.round((caps.maxWidth / 300) * 25.4),
    maxHeightMm: Math.round((caps.maxHeight / 300) * 25.4),
  };
}
