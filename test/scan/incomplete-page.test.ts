import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { imageShortfall } from '../../electron/engine/scan/page-check';
import { SaneDriver } from '../../electron/engine/scan/sane';
import { errorMessage } from '../../shared/i18n/errors';
import { type EsclSim, startEsclSim } from '../../tools/escl-sim/server';
import { tempDir } from '../helpers/tmp';
import { openStation, saneConfigDir } from './helpers';

const sims: EsclSim[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});
let saved: string | undefined;
beforeEach(() => {
  saved = process.env.SOHOA_SANE_CONFIG_DIR;
  process.env.SOHOA_SANE_CONFIG_DIR = saneConfigDir();
});
afterEach(() => {
  if (saved === undefined) delete process.env.SOHOA_SANE_CONFIG_DIR;
  else process.env.SOHOA_SANE_CONFIG_DIR = saved;
});

/** One page from SANE's test backend through the real scanimage, as the SANE driver asks for it (PNG). */
function realScan(file: string): Buffer {
  execFileSync(
    'scanimage',
    [
      '-d',
      'test:0',
      '--mode',
      'Gray',
      '--resolution',
      '75',
      '--test-picture',
      'Grid',
      '--format=png',
      '-o',
      file,
    ],
    { env: { ...process.env, SANE_CONFIG_DIR: process.env.SOHOA_SANE_CONFIG_DIR }, timeout: 30_000 },
  );
  return fs.readFileSync(file);
}

const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
};

/**
 * What scanimage leaves when the backend ends the page early (libpng's png_write_end after
 * fewer rows than the header's height): the same header, the rows that came flushed into
 * an unfinished zlib stream, then IEND.
 */
function cutPng(png: Buffer, share: number): Buffer {
  const ihdrEnd = 8 + 12 + 13;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const rowBytes = raw.length / png.readUInt32BE(20);
  const kept = raw.subarray(0, Math.floor((raw.length * share) / rowBytes) * rowBytes);
  const z = zlib.deflateSync(kept, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk('IDAT', z), chunk('IEND', Buffer.alloc(0))]);
}

describe('a page shorter than the scanner announced is a fault, not a page', () => {
  it('measures PNG and PNM pages against their own headers', () => {
    const dir = tempDir();
    const whole = realScan(path.join(dir, 'p.png'));
    expect(imageShortfall(whole)).toBeNull();
    const short = imageShortfall(cutPng(whole, 0.4));
    expect(short!.received / short!.expected).toBeGreaterThan(0.35);
    expect(short!.received / short!.expected).toBeLessThan(0.41);
    const pnm = Buffer.concat([
      Buffer.from('P5\n# SANE data follows\n100 50\n255\n'),
      Buffer.alloc(100 * 50, 200),
    ]);
    expect(imageShortfall(pnm)).toBeNull();
    expect(imageShortfall(pnm.subarray(0, pnm.length - 100))).toEqual({ expected: 5000, received: 4900 });
    const bits = Buffer.concat([Buffer.from('P4\n17 3\n'), Buffer.alloc(3 * 3)]);
    expect(imageShortfall(bits)).toBeNull();
    expect(imageShortfall(bits.subarray(0, bits.length - 1))).toEqual({ expected: 9, received: 8 });
  });

  it('SANE: the page scanimage left short stops the batch; the page before it is kept, none after', async () => {
    const dir = tempDir();
    realScan(path.join(dir, 'p0001.png'));
    fs.writeFileSync(path.join(dir, 'p0002.png'), cutPng(realScan(path.join(dir, 'whole.png')), 0.5));
    realScan(path.join(dir, 'p0003.png'));
    const fake = path.join(dir, 'scanimage');
    fs.writeFileSync(
      fake,
      [
        '#!/bin/sh',
        'case "$1" in --help) exec scanimage "$@";; esac',
        `echo ${dir}/p0001.png`,
        `echo ${dir}/p0002.png`,
        `echo ${dir}/p0003.png`,
        'exec sleep 600',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const got: string[] = [];
    const started = Date.now();
    const err = await new SaneDriver({ command: fake })
      .scan(
        { device: 'test:0', label: 'test:0', source: 'adf', dpi: 75, mode: 'gray', maxPages: 0 },
        async (p) => void got.push(p.name),
        new AbortController().signal,
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toMatchObject({ code: 'scan_page_incomplete', params: { device: 'test:0', page: 2 } });
    expect((err as Error).message).toMatch(/of \d+ bytes of image data \(50 %\)/);
    expect(got).toEqual(['scan-0001.png']);
    // The batch was stopped (scanimage killed), not waited for.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('eSCL: the line dropped halfway through a page fails the scan with that page named; the device is told to stop', async () => {
    const s = await startEsclSim({ sheets: 5, shortPageAt: 3 });
    sims.push(s);
    const st = openStation();
    try {
      const dossier = await st.dossier();
      const { jobId } = await st.client.call('scan.start', {
        dossierId: dossier.id,
        componentCode: 'TK',
        settings: { deviceId: `escl:${s.url}`, source: 'adf', dpi: 75, mode: 'gray' },
      });
      const end = await st.finished(jobId);
      expect(end).toMatchObject({ state: 'failed', pages: 2, error: { code: 'scan_page_incomplete' } });
      expect(end.error?.params).toMatchObject({ page: 3 });
      expect(end.error?.detail).toMatch(/line closed after \d+ of \d+ bytes/);
      expect(errorMessage(end.error!)).toContain('Trang 3 từ máy quét');
      const d = await st.client.call('dossier.get', { dossierId: dossier.id });
      expect(d.components.find((c) => c.code === 'TK')?.pages).toHaveLength(2);
      expect(s.jobs).toEqual([expect.objectContaining({ state: 'Canceled' })]);
    } finally {
      st.close();
    }
  });

  it('eSCL: a JPEG the scanner cut at half (its length honest) is refused as incomplete and stops the job', async () => {
    const s = await startEsclSim({ sheets: 5, cutPageAt: 2 });
    sims.push(s);
    const st = openStation();
    try {
      const dossier = await st.dossier();
      const { jobId } = await st.client.call('scan.start', {
        dossierId: dossier.id,
        componentCode: 'TK',
        settings: { deviceId: `escl:${s.url}`, source: 'adf', dpi: 75, mode: 'gray' },
      });
      const end = await st.finished(jobId);
      expect(end).toMatchObject({
        state: 'failed',
        pages: 1,
        error: { code: 'scan_page_incomplete', params: { page: 2 } },
      });
      expect(end.error?.detail).toMatch(/^image_truncated: .*premature end/i);
      const refused = st.events.find((e) => e.jobId === jobId && e.state === 'page' && e.error);
      expect(refused?.error).toMatchObject({ code: 'scan_page_incomplete', params: { page: 2 } });
      const d = await st.client.call('dossier.get', { dossierId: dossier.id });
      expect(d.components.find((c) => c.code === 'TK')?.pages).toHaveLength(1);
      // Told to stop feeding: the sheets after the bad one stay in the feeder.
      expect(s.feeder).toBeGreaterThanOrEqual(2);
    } finally {
      st.close();
    }
  });
});
