/**
 * `npm start` (tools/start.mjs) on a machine without the Electron binary: it runs
 * Electron's own installer, opens the app when the download worked and falls back to web
 * mode, saying why, when it did not. The installer is the real one (node_modules/electron/
 * install.js with @electron/get), run from a copy of the electron package in a scratch
 * tree so that a download never lands in the project's node_modules; Electron's mirror is
 * a local HTTP server (ELECTRON_MIRROR). npm is a stand-in that prints what it was asked
 * (`npm run build`, `npm run web`), so web mode is not actually served.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

const root = path.resolve(import.meta.dirname, '../..');
const electronPackage = path.join(root, 'node_modules/electron');
const electronVersion = (
  JSON.parse(fs.readFileSync(path.join(electronPackage, 'package.json'), 'utf8')) as {
    version: string;
  }
).version;
const zipName = `electron-v${electronVersion}-${process.platform}-${process.arch}.zip`;

/** A shell script that says it is Electron and what it was given. */
const FAKE_ELECTRON = '#!/bin/sh\necho "fake-electron $*"\n';

/**
 * A project as `npm install` leaves it, but in a scratch folder: tools/start.mjs, the
 * electron package (copied: its installer extracts beside itself) and the packages its
 * installer needs (linked). Plus a stand-in npm.
 */
function project(): { dir: string; npm: string } {
  const dir = tempDir('sohoa-start-');
  fs.mkdirSync(path.join(dir, 'tools'));
  fs.copyFileSync(path.join(root, 'tools/start.mjs'), path.join(dir, 'tools/start.mjs'));
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(modules, 'electron'), { recursive: true });
  for (const file of ['package.json', 'install.js', 'index.js', 'checksums.json'])
    fs.copyFileSync(path.join(electronPackage, file), path.join(modules, 'electron', file));
  for (const scope of ['@electron', '@electron-internal'])
    fs.symlinkSync(fs.realpathSync(path.join(root, 'node_modules', scope)), path.join(modules, scope));
  const npm = path.join(dir, 'fake-npm.cjs');
  fs.writeFileSync(npm, 'console.log("fake-npm " + process.argv.slice(2).join(" "));\n');
  return { dir, npm };
}

/** Electron's download mirror on 127.0.0.1; records what the installer asked for. */
async function mirror(answer: (url: string, res: http.ServerResponse) => void) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    answer(req.url ?? '', res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests };
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function start(dir: string, env: Record<string, string>, args: string[] = []) {
  const cleanEnv = { ...process.env };
  for (const name of ['ELECTRON_OVERRIDE_DIST_PATH', 'ELECTRON_MIRROR', 'ELECTRON_RUN_AS_NODE'])
    delete cleanEnv[name];
  const result = await promisify(execFile)(process.execPath, ['tools/start.mjs', ...args], {
    cwd: dir,
    env: { ...cleanEnv, electron_config_cache: tempDir('sohoa-electron-cache-'), ...env },
    timeout: 60_000,
  });
  return result.stdout;
}

describe('npm start on a machine without the Electron binary', () => {
  it('downloads Electron with its own installer, then builds and opens the app', async () => {
    const { dir, npm } = project();
    const zip = Buffer.from(
      zipSync({ electron: [Buffer.from(FAKE_ELECTRON), { os: 3, attrs: (0o100755 << 16) >>> 0 }] }),
    );
    const sha256 = crypto.createHash('sha256').update(zip).digest('hex');
    const server = await mirror((url, res) => {
      if (url.endsWith(`/${zipName}`)) res.end(zip);
      else if (url.endsWith('/SHASUMS256.txt')) res.end(`${sha256} *${zipName}\n`);
      else res.writeHead(404).end();
    });

    const out = await start(
      dir,
      { npm_execpath: npm, ELECTRON_MIRROR: server.url, electron_use_remote_checksums: '1' },
      ['--data', 'somewhere'],
    );

    expect(server.requests).toContain(`/v${electronVersion}/${zipName}`);
    expect(out).toContain("downloading it with Electron's installer");
    // Installed where the electron package looks for it; built first, then opened.
    expect(fs.readFileSync(path.join(dir, 'node_modules/electron/path.txt'), 'utf8')).toBe('electron');
    const lines = out.split('\n');
    const build = lines.indexOf('fake-npm run build');
    expect(build).toBeGreaterThanOrEqual(0);
    expect(lines.indexOf('fake-electron . --data somewhere')).toBeGreaterThan(build);
    expect(out).not.toContain('web');
  });

  it('falls back to web mode when the download fails, and says why in Vietnamese and English', async () => {
    const { dir, npm } = project();
    const server = await mirror((_url, res) => res.writeHead(404).end());

    const out = await start(dir, { npm_execpath: npm, ELECTRON_MIRROR: server.url }, ['--port', '5199']);

    expect(server.requests).toEqual([`/v${electronVersion}/${zipName}`]);
    const vi = out.indexOf(
      'Không tải được chương trình Electron (bộ cài báo lỗi: HTTPError: Response code 404',
    );
    const en = out.indexOf(
      'Could not get the Electron binary (the installer failed: HTTPError: Response code 404',
    );
    expect(vi).toBeGreaterThanOrEqual(0);
    expect(en).toBeGreaterThan(vi);
    expect(out).toContain('Hãy kiểm tra mạng, proxy (HTTPS_PROXY) hoặc ELECTRON_MIRROR.');
    expect(out).toContain('Chuyển sang chế độ web');
    expect(out).toContain('fake-npm run web -- --port 5199');
    // The `sohoa` command's bundle is built either way; the app itself is not.
    const lines = out.split('\n');
    expect(lines).toContain('fake-npm run build:cli');
    expect(lines).not.toContain('fake-npm run build');
    expect(fs.existsSync(path.join(dir, 'node_modules/electron/path.txt'))).toBe(false);
  });

  it('gives up on a download that hangs after SOHOA_ELECTRON_INSTALL_TIMEOUT seconds', async () => {
    const { dir, npm } = project();
    const server = await mirror(() => {
      // Never answers.
    });
    const began = Date.now();

    const out = await start(dir, {
      npm_execpath: npm,
      ELECTRON_MIRROR: server.url,
      SOHOA_ELECTRON_INSTALL_TIMEOUT: '2',
    });

    expect(server.requests).toHaveLength(1);
    expect(Date.now() - began).toBeLessThan(20_000);
    expect(out).toContain('Không tải được chương trình Electron (quá 2 giây mà chưa tải xong');
    expect(out).toContain('Could not get the Electron binary (not downloaded within 2 s');
    expect(out).toContain('fake-npm run web');
  });

  it("names the installer's own error and, on a Node older than it wants, the Node version", async () => {
    const { dir, npm } = project();
    // A failure that is not the network's: the installer refuses the platform.
    const out = await start(dir, { npm_execpath: npm, ELECTRON_INSTALL_PLATFORM: 'plan9' });

    expect(out).toContain('bộ cài báo lỗi: Error: Electron builds are not available on platform: plan9');
    expect(out).toContain(
      'the installer failed: Error: Electron builds are not available on platform: plan9',
    );
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    const oldNode = major < 22 || (major === 22 && minor < 12);
    expect(out.includes(`cần Node 22.12 trở lên, máy này chạy Node ${process.versions.node}`)).toBe(oldNode);
    expect(out.includes(`needs Node 22.12 or newer, this is Node ${process.versions.node}`)).toBe(oldNode);
    expect(out).toContain('fake-npm run web');
  });
});

describe('npm start where Electron is already there', () => {
  it('runs no installer: builds and opens the binary from ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const { dir, npm } = project();
    const dist = tempDir('sohoa-electron-dist-');
    fs.writeFileSync(path.join(dist, 'electron'), FAKE_ELECTRON, { mode: 0o755 });
    const server = await mirror((_url, res) => res.writeHead(404).end());

    const out = await start(dir, {
      npm_execpath: npm,
      ELECTRON_OVERRIDE_DIST_PATH: dist,
      ELECTRON_MIRROR: server.url,
    });

    expect(server.requests).toEqual([]);
    expect(out).not.toContain('installer');
    expect(out.split('\n').slice(0, 3)).toEqual([
      'fake-npm run build:cli',
      'fake-npm run build',
      'fake-electron .',
    ]);
  });
});
