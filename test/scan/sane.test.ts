import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import fs from 'node:fs';
import path from 'node:path';
import { SaneDriver, trainingConfig } from '../../electron/engine/scan/sane';
import { tempDir } from '../helpers/tmp';
import { parseOptions, saneError } from '../../electron/engine/scan/sane/parse';
import { errorMessage } from '../../shared/i18n/errors';
import { openStation, saneConfigDir } from './helpers';

let saved: string | undefined;
beforeEach(() => {
  saved = process.env.SOHOA_SANE_CONFIG_DIR;
  process.env.SOHOA_SANE_CONFIG_DIR = saneConfigDir();
});
afterEach(() => {
  if (saved === undefined) delete process.env.SOHOA_SANE_CONFIG_DIR;
  else process.env.SOHOA_SANE_CONFIG_DIR = saved;
});

describe('scanning with SANE (scanimage, real test backend)', () => {
  it('lists the test device with its feeder, resolutions, modes and 200×200 mm area', async () => {
    const s = openStation();
    try {
      const devices = await s.client.call('scan.devices', {});
      const test0 = devices.find((d) => d.id === 'test:0');
      expect(test0).toMatchObject({
        driver: 'sane',
        sources: ['flatbed', 'adf'],
        modes: ['color', 'gray'],
        maxWidthMm: 200,
        maxHeightMm: 200,
      });
      expect(test0?.resolutions).toEqual(expect.arrayContaining([200, 300, 600]));
    } finally {
      s.close();
    }
  });

  it('scans a feeder batch into a component, each page stored and announced as it lands, until the feeder is empty', async () => {
    const s = openStation();
    try {
      const dossier = await s.dossier();
      const { jobId } = await s.client.call('scan.start', {
        dossierId: dossier.id,
        componentCode: 'TK',
        settings: { deviceId: 'test:0', source: 'adf', dpi: 100, mode: 'gray' },
      });
      const end = await s.finished(jobId);
      // SANE's test feeder holds 10 sheets: the batch ends there, as a real feeder runs dry.
      expect(end).toMatchObject({ state: 'done', pages: 10 });
      const pageEvents = s.events.filter((e) => e.jobId === jobId && e.state === 'page');
      expect(pageEvents.map((e) => e.pages)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const after = await s.client.call('dossier.get', { dossierId: dossier.id });
      const tk = after.components.find((c) => c.code === 'TK');
      expect(tk?.pages.map((p) => p.sourceName)).toEqual(
        Array.from({ length: 10 }, (_, i) => `scan-${String(i + 1).padStart(4, '0')}.png`),
      );
      expect(tk?.pages[0]).toMatchObject({ mime: 'image/png', dpi: 100 });
      // 200 mm at 100 dpi ≈ 787 px: the whole area of the test device.
      expect(tk?.pages[0]?.width).toBeGreaterThan(780);
      const thumb = await s.client.call('dossier.thumbnail', { pageId: tk?.pages[9]?.id ?? '' });
      const meta = await sharp(Buffer.from(thumb.dataUrl.split(',')[1] ?? '', 'base64')).metadata();
      expect(meta.format).toBe('jpeg');
    } finally {
      s.close();
    }
  });

  it('stops after --max-pages and tells the clerk an empty feeder in Vietnamese', async () => {
    const s = openStation();
    try {
      const dossier = await s.dossier();
      const first = await s.client.call('scan.start', {
        dossierId: dossier.id,
        componentCode: 'TK',
        settings: { deviceId: 'test:0', source: 'adf', dpi: 75, mode: 'gray', maxPages: 3 },
      });
      expect(await s.finished(first.jobId)).toMatchObject({ state: 'done', pages: 3 });
      const bad = await s.client.call('scan.start', {
        dossierId: dossier.id,
        componentCode: 'TK',
        settings: { deviceId: 'test:0', source: 'adf-duplex', dpi: 300, mode: 'gray' },
      });
      expect(await s.finished(bad.jobId)).toMatchObject({
        state: 'failed',
        error: { code: 'scan_setting_unsupported', params: { setting: 'source', value: 'adf-duplex' } },
      });
    } finally {
      s.close();
    }
  });

  // scanimage sometimes hangs after the jam, in its shutdown (the backend's reader thread deadlocks on
  // glibc's malloc lock; see SaneDriverOptions.exitGraceMs): the driver kills it, the jam still stands.
  it("reports a paper jam from the driver in the clerk's words", async () => {
    // The test backend returns any SANE status from sane_read on request: here, a jam.
    const driver = new SaneDriver({ extraArgs: ['--read-return-value', 'SANE_STATUS_JAMMED'] });
    const err = await driver
      .scan(
        { device: 'test:0', label: 'test:0', source: 'adf', dpi: 75, mode: 'gray', maxPages: 0 },
        async () => {},
        new AbortController().signal,
      )
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'scan_jammed', params: { device: 'test:0' } });
    expect(errorMessage({ code: 'scan_jammed', params: { device: 'test:0' } })).toContain('kẹt');
    const cover = await new SaneDriver({ extraArgs: ['--read-return-value', 'SANE_STATUS_COVER_OPEN'] })
      .scan(
        { device: 'test:0', label: 'test:0', source: 'flatbed', dpi: 75, mode: 'gray', maxPages: 0 },
        async () => {},
        new AbortController().signal,
      )
      .catch((e: unknown) => e);
    expect(cover).toMatchObject({ code: 'scan_cover_open' });
  });

  it('kills a scanimage that hangs in its shutdown after the batch ended, and keeps what it reported', async () => {
    // A stand-in for scanimage deadlocked in sane_cancel: it reports, then neither exits nor heeds SIGTERM.
    const dir = tempDir();
    const fake = path.join(dir, 'scanimage');
    fs.writeFileSync(
      fake,
      [
        '#!/bin/sh',
        'case "$1" in --help) exec scanimage "$@";; esac',
        `echo $$ > ${dir}/pid`,
        'echo "Scanning page 1" >&2',
        'echo "scanimage: sane_read: Document feeder jammed" >&2',
        'echo "Scanned page 1. (scanner status = 6)" >&2',
        'echo "Batch terminated, 1 page scanned" >&2',
        "trap '' TERM",
        'exec sleep 600',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const driver = new SaneDriver({ command: fake, exitGraceMs: 300 });
    const started = Date.now();
    const err = await driver
      .scan(
        { device: 'test:0', label: 'test:0', source: 'adf', dpi: 75, mode: 'gray', maxPages: 0 },
        async () => {},
        new AbortController().signal,
      )
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'scan_jammed', params: { device: 'test:0' } });
    // The grace, then TERM (ignored) and KILL two seconds later: bounded, and the process is gone.
    expect(Date.now() - started).toBeLessThan(10_000);
    const pid = Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });

  it('keeps the pages of a batch that ended well when scanimage then hangs in its shutdown', async () => {
    const dir = tempDir();
    const page = path.join(dir, 'p0001.png');
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toFile(page);
    const fake = path.join(dir, 'scanimage');
    fs.writeFileSync(
      fake,
      [
        '#!/bin/sh',
        'case "$1" in --help) exec scanimage "$@";; esac',
        `echo ${page}`,
        'echo "Batch terminated, 1 page scanned" >&2',
        'exec sleep 600',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const got: string[] = [];
    const pages = await new SaneDriver({ command: fake, exitGraceMs: 200 }).scan(
      { device: 'test:0', label: 'test:0', source: 'flatbed', dpi: 75, mode: 'gray', maxPages: 0 },
      async (p) => {
        got.push(p.name);
      },
      new AbortController().signal,
    );
    expect(pages).toBe(1);
    expect(got).toEqual(['scan-0001.png']);
  });

  it('stops a hung driver under its timeout instead of freezing the station', async () => {
    // The slowest pipe the test backend offers, with a page timeout far below it.
    const driver = new SaneDriver({
      pageTimeoutS: 1,
      extraArgs: [
        '--read-limit=yes',
        '--read-limit-size',
        '1',
        '--read-delay=yes',
        '--read-delay-duration',
        '200000',
      ],
    });
    const started = Date.now();
    const err = await driver
      .scan(
        { device: 'test:0', label: 'test:0', source: 'flatbed', dpi: 300, mode: 'color', maxPages: 0 },
        async () => {},
        new AbortController().signal,
      )
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'scan_timeout', params: { seconds: 1 } });
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it('maps what scanimage says when it stops', () => {
    expect(saneError('scanimage: sane_read: Document feeder jammed', 'test:0', 2)?.code).toBe('scan_jammed');
    expect(saneError('scanimage: sane_start: Document feeder out of documents', 'test:0', 0)?.code).toBe(
      'scan_no_paper',
    );
    // An empty feeder after some pages is the normal end of a batch.
    expect(saneError('scanimage: sane_start: Document feeder out of documents', 'test:0', 4)).toBeNull();
    expect(saneError('scanimage: sane_start: Device busy', 'x', 0)?.code).toBe('scan_device_busy');
    expect(saneError('scanimage: sane_read: Error during device I/O', 'x', 3)?.code).toBe('scan_device_gone');
    expect(saneError('scanimage: open of device nope:0 failed: Invalid argument', 'x', 0)?.code).toBe(
      'scan_unknown_device',
    );
  });

  it('cancels a running batch: the engine stops scanimage and keeps what arrived', async () => {
    const s = openStation();
    try {
      const dossier = await s.dossier();
      const { jobId } = await s.client.call('scan.start', {
        dossierId: dossier.id,
        componentCode: 'TK',
        settings: { deviceId: 'test:0', source: 'flatbed', dpi: 1200, mode: 'color' },
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(await s.client.call('scan.cancel', { jobId })).toEqual({ cancelled: true });
      expect((await s.finished(jobId)).state).toBe('cancelled');
      expect(await s.client.call('scan.cancel', { jobId })).toEqual({ cancelled: false });
    } finally {
      s.close();
    }
  });

  it('reads options from scanimage --help of other backends too', () => {
    const help = `Options specific to device \`epson2:libusb:001:004':
  Scan Mode:
    --mode Lineart|Gray|Color [Lineart]
    --resolution 75|150|300|600|1200dpi [75]
    --source Flatbed|Automatic Document Feeder|ADF Duplex [Flatbed]
  Geometry:
    -x 0..215.9mm [215.9]
    -y 0..297.18mm [297.18]`;
    expect(parseOptions(help)).toMatchObject({
      sources: { flatbed: 'Flatbed', adf: 'Automatic Document Feeder', 'adf-duplex': 'ADF Duplex' },
      modes: { lineart: 'Lineart', gray: 'Gray', color: 'Color' },
      resolutions: [75, 150, 300, 600, 1200],
      maxWidthMm: 215.9,
      maxHeightMm: 297.18,
      hasTestPicture: false,
    });
  });

  it("gives a training station SANE's virtual scanner beside the system's backends", async () => {
    const system = path.join(tempDir(), 'dll.conf');
    fs.writeFileSync(system, '# comment\nepson2\n#hp\nfujitsu\nnet\nescl\n');
    const dir = path.join(tempDir(), 'sane-training');
    // The trailing separator makes SANE search the system's own config folders after this one.
    expect(trainingConfig(dir, system)).toBe(`${dir}${path.delimiter}`);
    expect(fs.readFileSync(path.join(dir, 'dll.conf'), 'utf8')).toBe('epson2\nfujitsu\ntest\n');
    // (Listed here without the system folders: their network backends would search the LAN.)
    const devices = await new SaneDriver({ configDir: dir }).list();
    expect(devices.map((d) => d.id)).toContain('test:0');
  });
});
