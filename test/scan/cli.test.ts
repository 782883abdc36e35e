import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { type EsclSim, startEsclSim } from '../../tools/escl-sim/server';
import { tempDir } from '../helpers/tmp';
import { saneConfigDir } from './helpers';

const BIN = fileURLToPath(new URL('../../bin/sohoa.mjs', import.meta.url));
const run = promisify(execFile);

/** Async, so an eSCL simulator in this process keeps answering while the CLI runs. */
async function sohoa(args: string[], env: Record<string, string> = {}) {
  const r = await run(process.execPath, [BIN, '--data', tempDir(), ...args], {
    encoding: 'utf8',
    env: { ...process.env, SOHOA_LANG: '', SOHOA_DATA_DIR: '', SOHOA_MDNS: '0', ...env },
    timeout: 90_000,
  }).then(
    (ok) => ({ code: 0, out: ok.stdout, err: ok.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({
      code: e.code ?? -1,
      out: e.stdout ?? '',
      err: e.stderr ?? '',
    }),
  );
  return r;
}

const sims: EsclSim[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

describe('sohoa devices / sohoa scan', () => {
  it('lists the SANE test device as JSON', async () => {
    const r = await sohoa(['devices', '--json'], { SOHOA_SANE_CONFIG_DIR: saneConfigDir() });
    expect(r.code).toBe(0);
    const devices = JSON.parse(r.out) as { id: string; driver: string }[];
    expect(devices).toContainEqual(expect.objectContaining({ id: 'test:0', driver: 'sane' }));
  });

  it('writes one image per page, in order, from the SANE feeder, with a JSON summary', async () => {
    const out = path.join(tempDir(), 'pages');
    const r = await sohoa(
      [
        'scan',
        '--device',
        'test:0',
        '--source',
        'adf',
        '--max-pages',
        '5',
        '--dpi',
        '200',
        '--out',
        out,
        '--json',
      ],
      { SOHOA_SANE_CONFIG_DIR: saneConfigDir() },
    );
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out) as {
      count: number;
      pages: { file: string; width: number }[];
      error: null;
    };
    expect(summary.count).toBe(5);
    expect(summary.error).toBeNull();
    expect(fs.readdirSync(out)).toEqual([
      'page-0001.png',
      'page-0002.png',
      'page-0003.png',
      'page-0004.png',
      'page-0005.png',
    ]);
    expect(summary.pages.map((p) => path.basename(p.file))).toEqual(fs.readdirSync(out));
    const meta = await sharp(path.join(out, 'page-0005.png')).metadata();
    expect(Math.abs((meta.width ?? 0) - (200 / 25.4) * 200)).toBeLessThan(3); // 200 mm at 200 dpi
  });

  it('scans from an eSCL scanner by URL, and reports an empty feeder in Vietnamese with exit code 1', async () => {
    const sim = await startEsclSim({ sheets: 2 });
    sims.push(sim);
    const listed = await sohoa(['devices', '--escl-url', sim.url]);
    expect(listed.out).toContain(`escl:${sim.url}`);
    const out = path.join(tempDir(), 'escl');
    const first = await sohoa(['scan', '--device', `escl:${sim.url}`, '--dpi', '100', '--out', out]);
    expect(first.err).toBe('2 page(s) in ' + out + '\n');
    expect(first.code).toBe(0);
    expect(fs.readdirSync(out)).toEqual(['page-0001.jpg', 'page-0002.jpg']);
    const again = await sohoa(['scan', '--device', `escl:${sim.url}`, '--dpi', '100', '--out', out], {
      SOHOA_LANG: 'vi',
    });
    expect(again.code).toBe(1);
    expect(again.err).toContain('scan_no_paper');
    expect(again.err).toContain('Khay nạp giấy');
  });
});
