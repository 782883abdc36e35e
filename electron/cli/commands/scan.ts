import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { ColorMode, ScanSource } from '../../../shared/api/rooms/scan';
import { StationError } from '../../../shared/api/errors';
import { errorMessage } from '../../../shared/i18n/errors';
import { resolveDataDir } from '../../engine';
import { createDrivers, splitDeviceId } from '../../engine/scan';
import {
  addFilesCommand,
  type Command,
  need,
  parse,
  printJson,
  UsageError,
  withClient,
  writeAtomic,
} from './kit';

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

export const scanCommands: Record<string, Command> = {
  devices: {
    usage:
      'devices [--escl-url URL]... [--json]                   scanners: SANE, eSCL (settings, mDNS, URL), WIA, folder',
    async run(argv, ctx) {
      const { values } = parse(argv, {
        json: { type: 'boolean' },
        discover: { type: 'boolean' },
        'escl-url': { type: 'string', multiple: true },
      });
      const devices = await withClient(ctx, (c) =>
        c.call('scan.devices', { refresh: values.discover ?? false, esclUrls: list(values['escl-url']) }),
      );
      if (values.json) return printJson(devices);
      if (devices.length === 0) console.log('(no scanner found)');
      for (const d of devices) {
        const dpi = d.resolutions.length ? `${d.resolutions[0]}–${d.resolutions.at(-1)} dpi` : '';
        console.log(`${d.id}  ${d.name}  [${d.sources.join(', ')}] [${d.modes.join(', ')}] ${dpi}`);
      }
    },
  },

  scan: {
    usage:
      'scan --device ID [--source flatbed|adf|adf-duplex] [--dpi N] [--mode color|gray|lineart] [--max-pages N] --out DIR [--json]',
    async run(argv, ctx) {
      const { values } = parse(argv, {
        device: { type: 'string' },
        source: { type: 'string', default: 'adf' },
        dpi: { type: 'string', default: '300' },
        mode: { type: 'string', default: 'gray' },
        'max-pages': { type: 'string', default: '0' },
        out: { type: 'string' },
        json: { type: 'boolean' },
      });
      const deviceId = need(values.device, '--device ID');
      const out = path.resolve(need(values.out, '--out DIR'));
      const source = ScanSource.safeParse(values.source);
      if (!source.success) throw new UsageError('--source must be flatbed, adf or adf-duplex');
      const mode = ColorMode.safeParse(values.mode);
      if (!mode.success) throw new UsageError('--mode must be color, gray or lineart');
      const dpi = Number(values.dpi);
      if (!Number.isInteger(dpi) || dpi < 50 || dpi > 1200) throw new UsageError('--dpi must be 50–1200');
      const maxPages = Number(values['max-pages']);
      if (!Number.isInteger(maxPages) || maxPages < 0) throw new UsageError('--max-pages must be 0 or more');
      fs.mkdirSync(out, { recursive: true });
      const { kind, device } = splitDeviceId(deviceId);
      const driver = createDrivers({
        // A training station offers SANE's test scanner, as the app does (see ScanService).
        saneTrainingDir: path.join(resolveDataDir(ctx.data), 'sane-training'),
        esclUrls: () => [],
        folder: () => '',
        folderIdleMs: () => 30_000,
      })[kind];
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      const written: { file: string; bytes: number; width: number; height: number }[] = [];
      let error: StationError | null = null;
      try {
        await driver.scan(
          { device, label: deviceId, source: source.data, dpi, mode: mode.data, maxPages },
          async (page) => {
            // Written the moment the page arrives, before anything else is done with it.
            const file = path.join(
              out,
              `page-${String(page.index + 1).padStart(4, '0')}${path.extname(page.name)}`,
            );
            writeAtomic(file, page.bytes);
            const meta = await sharp(page.bytes).metadata();
            written[page.index] = {
              file,
              bytes: page.bytes.length,
              width: meta.width ?? 0,
              height: meta.height ?? 0,
            };
            if (!values.json) console.log(file);
          },
          controller.signal,
        );
      } catch (err) {
        if (!(err instanceof StationError)) throw err;
        error = err;
      } finally {
        process.off('SIGINT', stop);
      }
      const pages = written.filter(Boolean);
      if (values.json)
        printJson({
          device: deviceId,
          source: source.data,
          dpi,
          mode: mode.data,
          count: pages.length,
          pages,
          cancelled: controller.signal.aborted,
          error: error ? { ...error.toValue(), message: errorMessage(error.toValue(), ctx.lang) } : null,
        });
      else if (error) console.error(`error [${error.code}]: ${errorMessage(error.toValue(), ctx.lang)}`);
      else console.error(`${pages.length} page(s) in ${out}`);
      return error ? 1 : 0;
    },
  },

  import: addFilesCommand(
    'import ID --component CODE FILE... [--json]            add JPEG/PNG/TIFF/PDF files (each PDF page a page)',
    'scan.import',
    'the files to import',
    { json: 'all', explain: true },
  ),
};
