/**
 * `npm run bench:start` — how fast the station starts:
 * - `sohoa --help` through bin/sohoa.mjs with the prebuilt bundle (`npm run build:cli`)
 *   and with the sources through tsx (SOHOA_CLI_TSX=1), the median of N runs each, and
 *   a command that opens the station (`catalog list`) both ways;
 * - web mode: from the URL printed by `npm run web`'s server to the first screen drawn
 *   in Chromium (the first-start screen of a fresh station), when the renderer is built.
 * Options: --runs N (default 5).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium, RENDERER_DIR } from '../../test/helpers/browser';

const { values } = parseArgs({ options: { runs: { type: 'string' } } });
const runs = Number(values.runs ?? 5);
const BIN = path.resolve('bin/sohoa.mjs');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

function cliSeconds(args: string[], env: NodeJS.ProcessEnv): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`sohoa ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    times.push((performance.now() - t) / 1000);
  }
  return median(times);
}

async function webFirstScreen(): Promise<string> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html')))
    return 'not measured (npm run build:renderer first)';
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-start-'));
  const tsx = path.resolve('node_modules/.bin/tsx');
  const server = spawn(tsx, ['electron/web/main.ts', '--port', '0', '--data', data], { detached: true });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+\S*)/.exec(out);
        if (m) resolve(m[1]!);
      });
      server.on('exit', (code) => reject(new Error(`web mode exited ${code}`)));
    });
    const printed = performance.now();
    const browser = await launchChromium();
    const launched = performance.now();
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByTestId('first-start').waitFor({ timeout: 60_000 });
    const shown = performance.now();
    await browser.close();
    return `${((shown - printed) / 1000).toFixed(2)} s (of which ${((launched - printed) / 1000).toFixed(2)} s starting Chromium; ${((shown - launched) / 1000).toFixed(2)} s page load to first screen)`;
  } finally {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  }
}

const bundled = cliSeconds(['--help'], {});
const tsxHelp = cliSeconds(['--help'], { SOHOA_CLI_TSX: '1' });
const data = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-start-cli-'));
const bundledCmd = cliSeconds(['--data', data, 'catalog', 'list'], {});
const tsxCmd = cliSeconds(['--data', data, 'catalog', 'list'], { SOHOA_CLI_TSX: '1' });
console.log(
  `\n${os.availableParallelism()} cores (shared), load average ${os.loadavg()[0]!.toFixed(1)}, median of ${runs} runs\n`,
);
console.log('| measure | prebuilt bundle | tsx (reference) |');
console.log('|---|---|---|');
console.log(`| sohoa --help | ${bundled.toFixed(2)} s | ${tsxHelp.toFixed(2)} s |`);
console.log(
  `| sohoa catalog list (opens the station) | ${bundledCmd.toFixed(2)} s | ${tsxCmd.toFixed(2)} s |`,
);
console.log(`\nweb mode, URL printed → first screen in Chromium: ${await webFirstScreen()}`);
