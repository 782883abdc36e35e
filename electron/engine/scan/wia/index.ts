import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ColorMode, ScanDevice, ScanSource } from '../../../../shared/api/rooms/scan';
import { type ErrorCode, StationError } from '../../../../shared/api/errors';
import { COMMON_DPI, type PageSink, type ScanDriver, type ScanRequest } from '../driver';
import { runChild } from '../proc';

/**
 * Windows scanners through WIA 2.0's automation objects (WIA.DeviceManager) in
 * PowerShell. Only the script building and the output parsing run here (unit
 * tested); the PowerShell side has not run on real hardware yet (README).
 */

/** WIA property ids (wiadef.h). */
export const WIA = {
  DOCUMENT_HANDLING_SELECT: 3088,
  PAGES: 3096,
  HORIZONTAL_RESOLUTION: 6147,
  VERTICAL_RESOLUTION: 6148,
  CURRENT_INTENT: 6146,
  FEEDER: 1,
  FLATBED: 2,
  DUPLEX: 4,
  INTENT_COLOR: 1,
  INTENT_GRAY: 2,
  INTENT_TEXT: 4,
  FORMAT_PNG: '{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}',
} as const;

/** WIA HRESULTs a scan can end with, and what they mean for the clerk. */
export const WIA_ERRORS: Record<string, ErrorCode | 'end'> = {
  '0x80210001': 'scan_failed', // WIA_ERROR_GENERAL_ERROR
  '0x80210002': 'scan_jammed', // WIA_ERROR_PAPER_JAM
  '0x80210003': 'end', // WIA_ERROR_PAPER_EMPTY: the feeder ran out — the normal end of a batch
  '0x80210004': 'scan_jammed', // WIA_ERROR_PAPER_PROBLEM
  '0x80210005': 'scan_device_gone', // WIA_ERROR_OFFLINE
  '0x80210006': 'scan_device_busy', // WIA_ERROR_BUSY
  '0x80210007': 'scan_device_busy', // WIA_ERROR_WARMING_UP
  '0x8021000A': 'scan_device_gone', // WIA_ERROR_DEVICE_COMMUNICATION
  '0x8021000D': 'scan_device_busy', // WIA_ERROR_DEVICE_LOCKED
  '0x80210016': 'scan_cover_open', // WIA_ERROR_COVER_OPEN
};

const INTENT: Record<ColorMode, number> = {
  color: WIA.INTENT_COLOR,
  gray: WIA.INTENT_GRAY,
  lineart: WIA.INTENT_TEXT,
};
const HANDLING: Record<ScanSource, number> = {
  flatbed: WIA.FLATBED,
  adf: WIA.FEEDER,
  'adf-duplex': WIA.FEEDER | WIA.DUPLEX,
};

/** A PowerShell single-quoted string literal. */
export const psQuote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Lists WIA scanners (device type 1) as one JSON line each. */
export function listScript(): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    '$dm = New-Object -ComObject WIA.DeviceManager',
    'foreach ($d in $dm.DeviceInfos) {',
    '  if ($d.Type -ne 1) { continue }',
    "  $o = @{ id = $d.DeviceID; name = $d.Properties.Item('Name').Value; vendor = $d.Properties.Item('Manufacturer').Value }",
    '  Write-Output ("DEVICE " + ($o | ConvertTo-Json -Compress))',
    '}',
  ].join('\n');
}

/**
 * Scans with one device: sets source, resolution and intent, then transfers
 * page after page; each saved page prints `PAGE <path>`, the end prints
 * `END <n>` or `ERROR <hresult> <message>`.
 */
export function scanScript(
  req: Pick<ScanRequest, 'device' | 'source' | 'dpi' | 'mode' | 'maxPages'>,
  outDir: string,
): string {
  const max = req.source === 'flatbed' ? 1 : req.maxPages;
  return [
    "$ErrorActionPreference = 'Stop'",
    '$dm = New-Object -ComObject WIA.DeviceManager',
    `$info = $dm.DeviceInfos | Where-Object { $_.DeviceID -eq ${psQuote(req.device)} } | Select-Object -First 1`,
    "if (-not $info) { Write-Output 'ERROR 0x80210005 device not found'; exit 3 }",
    'function Set-Prop($props, $id, $value) { foreach ($p in $props) { if ($p.PropertyID -eq $id) { $p.Value = $value } } }',
    'try {',
    '  $dev = $info.Connect()',
    `  Set-Prop $dev.Properties ${WIA.DOCUMENT_HANDLING_SELECT} ${HANDLING[req.source]}`,
    `  Set-Prop $dev.Properties ${WIA.PAGES} ${req.source === 'flatbed' ? 1 : 0}`,
    '  $item = $dev.Items.Item(1)',
    `  Set-Prop $item.Properties ${WIA.CURRENT_INTENT} ${INTENT[req.mode]}`,
    `  Set-Prop $item.Properties ${WIA.HORIZONTAL_RESOLUTION} ${req.dpi}`,
    `  Set-Prop $item.Properties ${WIA.VERTICAL_RESOLUTION} ${req.dpi}`,
    '  $n = 0',
    `  while (${max > 0 ? `$n -lt ${max}` : '$true'}) {`,
    '    try {',
    `      $img = $item.Transfer(${psQuote(WIA.FORMAT_PNG)})`,
    '    } catch {',
    "      $code = '0x{0:X8}' -f $_.Exception.HResult",
    "      if ($code -eq '0x80210003' -and $n -gt 0) { break }",
    '      Write-Output ("ERROR " + $code + " " + $_.Exception.Message); exit 2',
    '    }',
    '    $n++',
    `    $path = Join-Path ${psQuote(outDir)} ('p{0:D4}.png' -f $n)`,
    '    $img.SaveFile($path)',
    '    Write-Output ("PAGE " + $path)',
    `    if (${req.source === 'flatbed' ? '$true' : '$false'}) { break }`,
    '  }',
    '  Write-Output ("END " + $n)',
    '} catch {',
    "  Write-Output ('ERROR ' + ('0x{0:X8}' -f $_.Exception.HResult) + ' ' + $_.Exception.Message); exit 2",
    '}',
  ].join('\n');
}

/** `-EncodedCommand` takes UTF-16LE base64: no quoting problem with paths or device ids. */
export function powershellArgs(script: string): string[] {
  return [
    '-NoProfile',
    '-NonInteractive',
    '-ExecutionPolicy',
    'Bypass',
    '-EncodedCommand',
    Buffer.from(script, 'utf16le').toString('base64'),
  ];
}

export function parseList(stdout: string): ScanDevice[] {
  const out: ScanDevice[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    if (!line.startsWith('DEVICE ')) continue;
    try {
      const o = JSON.parse(line.slice(7)) as { id?: string; name?: string; vendor?: string };
      if (!o.id) continue;
      out.push({
        id: `wia:${o.id}`,
        driver: 'wia',
        name: [o.vendor, o.name].filter(Boolean).join(' ') || o.id,
        // WIA tells the real sources only once connected; the scan maps an unsupported one to an error.
        sources: ['flatbed', 'adf', 'adf-duplex'],
        resolutions: COMMON_DPI.filter((d) => d >= 100),
        modes: ['color', 'gray', 'lineart'],
        maxWidthMm: 0,
        maxHeightMm: 0,
      });
    } catch {
      // A line that is not ours (PowerShell noise) is skipped.
    }
  }
  return out;
}

export type WiaLine =
  | { kind: 'page'; path: string }
  | { kind: 'end'; pages: number }
  | { kind: 'error'; hresult: string; message: string };

export function parseLine(line: string): WiaLine | null {
  const t = line.trim();
  if (t.startsWith('PAGE ')) return { kind: 'page', path: t.slice(5) };
  const end = /^END (\d+)$/.exec(t);
  if (end) return { kind: 'end', pages: Number(end[1]) };
  const err = /^ERROR (0x[0-9A-Fa-f]{8})\s*(.*)$/.exec(t);
  if (err)
    return { kind: 'error', hresult: `0x${(err[1] ?? '').slice(2).toUpperCase()}`, message: err[2] ?? '' };
  return null;
}

/** A WIA error for the clerk; null when it only means the feeder ran out after some pages. */
export function wiaError(
  hresult: string,
  message: string,
  device: string,
  pages: number,
): StationError | null {
  const code = WIA_ERRORS[hresult];
  if (code === 'end') return pages > 0 ? null : new StationError('scan_no_paper', { device }, message);
  return new StationError(code ?? 'scan_failed', { device }, `${hresult} ${message}`);
}

export class WiaDriver implements ScanDriver {
  readonly kind = 'wia' as const;
  constructor(private readonly powershell = 'powershell.exe') {}

  async list(): Promise<ScanDevice[]> {
    if (process.platform !== 'win32') return [];
    const r = await runChild(this.powershell, powershellArgs(listScript()), { idleTimeoutMs: 30_000 });
    return parseList(r.stdout);
  }

  async capabilities(device: string): Promise<ScanDevice> {
    const found = (await this.list()).find((d) => d.id === `wia:${device}`);
    if (!found) throw new StationError('scan_unknown_device', { device });
    return found;
  }

  async scan(req: ScanRequest, onPage: PageSink, signal: AbortSignal): Promise<number> {
    if (process.platform !== 'win32') throw new StationError('scan_unknown_device', { device: req.label });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-wia-'));
    try {
      let pages = 0;
      let error: StationError | null = null;
      const delivered: Promise<void>[] = [];
      let reading: Promise<void> = Promise.resolve();
      const r = await runChild(this.powershell, powershellArgs(scanScript(req, tmp)), {
        idleTimeoutMs: 120_000,
        signal,
        onLine: (l) => {
          const line = parseLine(l);
          if (line?.kind === 'page') {
            const index = pages++;
            // Read in order, so pages reach the sink as they were scanned.
            reading = reading
              .then(async () => {
                const bytes = await fs.promises.readFile(line.path);
                const name = `scan-${String(index + 1).padStart(4, '0')}.png`;
                delivered.push(onPage({ index, name, bytes }).catch(() => {}));
              })
              .catch(() => {});
          } else if (line?.kind === 'error') error = wiaError(line.hresult, line.message, req.label, pages);
        },
      });
      await reading;
      await Promise.all(delivered);
      if (r.cancelled) return pages;
      if (r.timedOut) throw new StationError('scan_timeout', { device: req.label, seconds: 120 });
      if (error) throw error;
      if (r.code !== 0)
        throw new StationError('scan_failed', { device: req.label }, r.stderr || r.spawnError);
      return pages;
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
}
