import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { EsclDriver } from '../../electron/engine/scan/escl';
import { parseCapabilities } from '../../electron/engine/scan/escl/client';
import { type EsclSim, startEsclSim } from '../../tools/escl-sim/server';
import { tempDir } from '../helpers/tmp';
import { openStation } from './helpers';

// Async: the simulator answers from this very process, so the client must not block it.
const run = promisify(execFile);
const sims: EsclSim[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});
async function sim(opts: Parameters<typeof startEsclSim>[0] = {}) {
  const s = await startEsclSim(opts);
  sims.push(s);
  return s;
}

const req = (url: string, over: Partial<Parameters<EsclDriver['scan']>[0]> = {}) => ({
  device: url,
  label: `escl:${url}`,
  source: 'adf' as const,
  dpi: 75,
  mode: 'gray' as const,
  maxPages: 0,
  ...over,
});

async function collect(driver: EsclDriver, r: ReturnType<typeof req>, signal = new AbortController().signal) {
  const pages: Buffer[] = [];
  const result = await driver
    .scan(r, async (p) => void pages.push(p.bytes), signal)
    .then(
      (n) => ({ n, error: null }),
      (error: unknown) => ({ n: -1, error }),
    );
  return { ...result, pages };
}

describe('driverless network scanners (eSCL) against the eSCL test server', () => {
  it('finds a scanner by its manual URL and reads its capabilities', async () => {
    const s = await sim();
    const st = openStation();
    try {
      await st.client.call('settings.update', { esclUrls: [s.url] });
      const devices = await st.client.call('scan.devices', {});
      expect(devices.find((d) => d.driver === 'escl')).toEqual({
        id: `escl:${s.url}`,
        driver: 'escl',
        name: 'SoHoa eSCL Simulator',
        sources: ['flatbed', 'adf', 'adf-duplex'],
        resolutions: [75, 100, 150, 200, 300, 600],
        modes: ['color', 'gray', 'lineart'],
        maxWidthMm: 210,
        maxHeightMm: 297,
      });
    } finally {
      st.close();
    }
  });

  it('scans a feeder batch into a dossier component until the feeder is empty (404 on NextDocument)', async () => {
    const s = await sim({ sheets: 4, busyRetry: true });
    const st = openStation();
    try {
      const dossier = await st.dossier();
      const { jobId } = await st.client.call('scan.start', {
        dossierId: dossier.id,
        componentCode: 'TK',
        settings: { deviceId: `escl:${s.url}`, source: 'adf', dpi: 100, mode: 'gray' },
      });
      expect(await st.finished(jobId)).toMatchObject({ state: 'done', pages: 4 });
      expect(s.feeder).toBe(0);
      expect(s.jobs).toEqual([expect.objectContaining({ state: 'Completed', delivered: 4 })]);
      const tk = (await st.client.call('dossier.get', { dossierId: dossier.id })).components.find(
        (c) => c.code === 'TK',
      );
      expect(tk?.pages).toHaveLength(4);
      // A4 at 100 dpi, as the scanner sent it.
      expect(tk?.pages[0]).toMatchObject({ mime: 'image/jpeg', width: 827, height: 1169, dpi: 100 });
    } finally {
      st.close();
    }
  });

  it('scans both sides in duplex: two pages per sheet, front then back', async () => {
    const s = await sim({ sheets: 3 });
    const r = await collect(new EsclDriver({ urls: () => [] }), req(s.url, { source: 'adf-duplex' }));
    expect(r.error).toBeNull();
    expect(r.n).toBe(6);
    expect(s.feeder).toBe(0);
  });

  it('scans one page from the glass, twice in a row (each job is finished on the scanner)', async () => {
    const s = await sim();
    const driver = new EsclDriver({ urls: () => [] });
    for (let i = 0; i < 2; i++) {
      const r = await collect(driver, req(s.url, { source: 'flatbed', mode: 'color' }));
      expect(r).toMatchObject({ n: 1, error: null });
    }
    expect(s.jobs.map((j) => j.state)).toEqual(['Completed', 'Completed']);
  });

  it('tells the clerk the feeder is empty before anything is scanned', async () => {
    const s = await sim({ sheets: 0 });
    const r = await collect(new EsclDriver({ urls: () => [] }), req(s.url));
    expect(r.error).toMatchObject({ code: 'scan_no_paper' });
  });

  it('keeps the pages already scanned when the feeder jams, and says it jammed', async () => {
    const s = await sim({ sheets: 5, jamAtPage: 3 });
    const r = await collect(new EsclDriver({ urls: () => [] }), req(s.url));
    expect(r.pages).toHaveLength(2);
    expect(r.error).toMatchObject({ code: 'scan_jammed' });
  });

  it('keeps the pages already scanned when the scanner vanishes mid-batch', async () => {
    const s = await sim({ sheets: 5, vanishAtPage: 3 });
    const st = openStation();
    try {
      const dossier = await st.dossier();
      const { jobId } = await st.client.call('scan.start', {
        dossierId: dossier.id,
        componentCode: 'TK',
        settings: { deviceId: `escl:${s.url}`, source: 'adf', dpi: 75, mode: 'gray' },
      });
      expect(await st.finished(jobId)).toMatchObject({
        state: 'failed',
        pages: 2,
        error: { code: 'scan_device_gone' },
      });
      const d = await st.client.call('dossier.get', { dossierId: dossier.id });
      expect(d.components.find((c) => c.code === 'TK')?.pages).toHaveLength(2);
    } finally {
      st.close();
    }
  });

  it('waits while the scanner is busy with another job (503), then says it is busy', async () => {
    const s = await sim({ sheets: 5 });
    // Another client holds the scanner.
    const other = await fetch(`${s.url}/ScanJobs`, {
      method: 'POST',
      body: '<scan:ScanSettings xmlns:scan="x" xmlns:pwg="y"><pwg:InputSource>Platen</pwg:InputSource><scan:XResolution>75</scan:XResolution></scan:ScanSettings>',
    });
    expect(other.status).toBe(201);
    const r = await collect(new EsclDriver({ urls: () => [], retryMs: 20 }), req(s.url));
    expect(r.error).toMatchObject({ code: 'scan_device_busy' });
  });

  it('cancels: stops fetching and deletes the job on the scanner', async () => {
    const s = await sim({ sheets: 10, pageDelayMs: 300 });
    const ac = new AbortController();
    const driver = new EsclDriver({ urls: () => [], retryMs: 50 });
    const pages: number[] = [];
    const run = driver.scan(
      req(s.url),
      async (p) => {
        pages.push(p.index);
        if (pages.length === 2) ac.abort();
      },
      ac.signal,
    );
    await run;
    expect(pages.length).toBeLessThan(10);
    expect(s.jobs[0]?.state).toBe('Canceled');
  });

  it('refuses a setting the scanner does not offer, naming it', async () => {
    const s = await sim();
    const r = await collect(new EsclDriver({ urls: () => [] }), req(s.url, { dpi: 250 }));
    expect(r.error).toMatchObject({
      code: 'scan_setting_unsupported',
      params: { setting: 'dpi', value: 250 },
    });
  });

  it('reads capabilities of a flatbed-only scanner', () => {
    const caps = parseCapabilities(`<?xml version="1.0"?>
<scan:ScannerCapabilities xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
<pwg:MakeAndModel>HP LaserJet MFP M28w</pwg:MakeAndModel>
<scan:Platen><scan:PlatenInputCaps><scan:MaxWidth>2550</scan:MaxWidth><scan:MaxHeight>3508</scan:MaxHeight>
<scan:SettingProfiles><scan:SettingProfile><scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>
<scan:SupportedResolutions><scan:DiscreteResolutions><scan:DiscreteResolution><scan:XResolution>300</scan:XResolution><scan:YResolution>300</scan:YResolution></scan:DiscreteResolution></scan:DiscreteResolutions></scan:SupportedResolutions>
</scan:SettingProfile></scan:SettingProfiles></scan:PlatenInputCaps></scan:Platen></scan:ScannerCapabilities>`);
    expect(caps).toMatchObject({
      makeAndModel: 'HP LaserJet MFP M28w',
      sources: ['flatbed'],
      modes: ['color'],
      resolutions: [300],
      maxWidth: 2550,
    });
  });

  it("is a faithful eSCL server: sane-airscan, SANE's own eSCL client, scans a feeder batch from it", async () => {
    const s = await sim({ sheets: 3 });
    const conf = tempDir('sohoa-airscan-');
    fs.writeFileSync(path.join(conf, 'dll.conf'), 'airscan\n');
    fs.writeFileSync(
      path.join(conf, 'airscan.conf'),
      `[devices]\n"SoHoa Sim" = ${s.url}\n[options]\ndiscovery = disable\n`,
    );
    const out = tempDir('sohoa-airscan-out-');
    const env = { ...process.env, SANE_CONFIG_DIR: conf };
    const { stdout: listed } = await run('scanimage', ['-L'], { env, encoding: 'utf8', timeout: 30_000 });
    expect(listed).toContain('airscan:e0:SoHoa Sim');
    const { stdout: printed } = await run(
      'scanimage',
      [
        '-d',
        'airscan:e0:SoHoa Sim',
        '--source',
        'ADF',
        '--resolution',
        '150',
        '--mode',
        'Gray',
        '--format=png',
        `--batch=${out}/p%d.png`,
        '--batch-print',
      ],
      { env, encoding: 'utf8', timeout: 60_000 },
    );
    expect(printed.trim().split('\n')).toHaveLength(3);
    const meta = await sharp(path.join(out, 'p1.png')).metadata();
    expect(meta.width).toBe(1240); // A4 width at 150 dpi
  });
});
