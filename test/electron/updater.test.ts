/**
 * App updates, as far as they can run without the Electron binary:
 * - the package: electron-builder itself (`--dir`, our electron-builder.yml, a stand-in
 *   Electron folder) writes resources/app-update.yml with the province's generic feed;
 * - the station: electron-updater's own updater (its DebUpdater, with its GenericProvider,
 *   version comparison, download and sha512 check), driven by our UpdateService against a
 *   real HTTP server on 127.0.0.1 that hosts the manifest (latest-linux.yml) and the file.
 * What differs from the app: the updater's requests go through Node's http instead of
 * Electron's `net`, and it gets an app adapter instead of Electron's `app` (electron-updater's
 * ElectronAppAdapter and the request of its ElectronHttpExecutor require `electron`), and its install step is recorded, not run
 * (it would be `dpkg -i` as root).
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { DebUpdater, type UpdateInfo } from 'electron-updater';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { feedOptions, UpdateService } from '../../electron/main/update-service';
import { tempDir } from '../helpers/tmp';

const root = path.resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string })
  .version;
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's fuse wire as shipped: RunAsNode on, cookie encryption off, NODE_OPTIONS on, … */
const FUSES_AS_SHIPPED = '10110001';

/** Folders kept for the whole file (tempDir's are removed after each test). */
const kept: string[] = [];
function keptDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  kept.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of kept) fs.rmSync(dir, { recursive: true, force: true });
});

/** A project as `npm run build` leaves it, reduced to what electron-builder needs. */
function builtProject(): string {
  const dir = keptDir('sohoa-dist-');
  fs.mkdirSync(path.join(dir, 'dist/electron'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'sohoa-station',
      productName: 'SoHoa Station',
      version: VERSION,
      description: 'Trạm Số hóa',
      author: 'SoHoa Station',
      main: 'dist/electron/main.cjs',
    }),
  );
  fs.writeFileSync(path.join(dir, 'dist/electron/main.cjs'), "console.log('main');\n");
  return dir;
}

/** Electron's folder as electron-builder expects it: the executable, with its fuse wire. */
function standInElectron(): string {
  const dir = keptDir('sohoa-electron-dist-');
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from(FUSES_AS_SHIPPED)]);
  fs.writeFileSync(
    path.join(dir, 'electron'),
    Buffer.concat([Buffer.from('#!/bin/sh\n# '), wire, Buffer.from('\nexit 0\n')]),
    { mode: 0o755 },
  );
  return dir;
}

let unpacked = '';
beforeAll(async () => {
  const project = builtProject();
  const electronDist = standInElectron();
  await promisify(execFile)(
    process.execPath,
    [
      path.join(root, 'node_modules/electron-builder/cli.js'),
      '--linux',
      '--dir',
      '--projectDir',
      project,
      '--config',
      path.join(root, 'electron-builder.yml'),
      `-c.electronDist=${electronDist}`,
      `-c.electronVersion=${JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version as string}`,
    ],
    {
      cwd: project,
      env: { ...process.env, SOHOA_UPDATE_URL: 'https://capnhat.example.gov.vn/sohoa/' },
      timeout: 90_000,
    },
  );
  unpacked = path.join(project, 'release/linux-unpacked');
}, 120_000);

describe('the package', () => {
  it('carries the update feed electron-builder wrote from the publish block (resources/app-update.yml)', () => {
    const yml = fs.readFileSync(path.join(unpacked, 'resources/app-update.yml'), 'utf8');
    expect(yml).toMatch(/^provider: generic$/m);
    expect(yml).toMatch(/^url: https:\/\/capnhat\.example\.gov\.vn\/sohoa\/$/m);
    expect(yml).toMatch(/^channel: latest$/m);
    // Where electron-updater keeps a downloaded update until the station is closed.
    expect(yml).toMatch(/^updaterCacheDirName: sohoa-station-updater$/m);
  });

  it("has Electron's fuses flipped as electron-builder.yml asks", () => {
    const exe = fs.readFileSync(path.join(unpacked, 'sohoa-station'));
    const at = exe.indexOf(SENTINEL) + SENTINEL.length + 2;
    // RunAsNode off, cookie encryption on, NODE_OPTIONS off, --inspect off, asar integrity on,
    // app only from the asar on, the V8 snapshot fuse left, file:// privileges off.
    expect(exe.subarray(at, at + 8).toString()).toBe('01001100');
  });
});

/**
 * electron-updater's own HTTP executor (its download, redirects, checksum), with the request
 * made by Node's http module instead of Electron's `net`, which needs the Electron binary.
 */
class NodeNetExecutor extends ElectronHttpExecutor {
  override createRequest(options: http.RequestOptions, callback: (response: http.IncomingMessage) => void) {
    return http.request(options, callback) as unknown as ReturnType<ElectronHttpExecutor['createRequest']>;
  }
}

/** electron-updater's Debian updater, with the station's version and an installer that only records. */
class StationDebUpdater extends DebUpdater {
  readonly installs: { isSilent: boolean }[] = [];
  readonly quitHandlers: ((exitCode: number) => void)[] = [];
  constructor(userData: string) {
    const quitHandlers: ((exitCode: number) => void)[] = [];
    super(undefined, {
      version: VERSION,
      name: 'SoHoa Station',
      isPackaged: true,
      appUpdateConfigPath: path.join(unpacked, 'resources/app-update.yml'),
      userDataPath: userData,
      baseCachePath: path.join(userData, 'cache'),
      whenReady: () => Promise.resolve(),
      relaunch: () => {},
      quit: () => {},
      onQuit: (handler) => quitHandlers.push(handler),
    });
    this.quitHandlers = quitHandlers;
    (this as unknown as { httpExecutor: ElectronHttpExecutor }).httpExecutor = new NodeNetExecutor();
    this.logger = process.env.DEBUG_UPDATER ? console : null;
  }
  /** Where the downloaded update waits. */
  get downloadedFile(): string | null {
    return this.installerPath;
  }
  protected override doInstall(options: { isSilent: boolean }): boolean {
    this.installs.push({ isSilent: options.isSilent });
    return true;
  }
}

/** The province's update folder on 127.0.0.1: a manifest per channel and the packages. */
async function provinceServer(releases: Record<string, { version: string; file: Buffer; sha512?: string }>) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '').split('?')[0] ?? '';
    requests.push(url);
    for (const [channel, release] of Object.entries(releases)) {
      const fileName = `sohoa-station_${release.version}_amd64.deb`;
      const sha512 = release.sha512 ?? crypto.createHash('sha512').update(release.file).digest('base64');
      if (url === `/sohoa/${channel}-linux.yml`) {
        res.end(
          [
            `version: ${release.version}`,
            'files:',
            `  - url: ${fileName}`,
            `    sha512: ${sha512}`,
            `    size: ${release.file.length}`,
            `path: ${fileName}`,
            `sha512: ${sha512}`,
            "releaseDate: '2026-12-01T08:00:00.000Z'",
            '',
          ].join('\n'),
        );
        return;
      }
      if (url === `/sohoa/${fileName}`) {
        res.end(release.file);
        return;
      }
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sohoa/`, requests };
}

const servers: http.Server[] = [];
const services: UpdateService[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) s.stop();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function station(everyMs?: number) {
  const updater = new StationDebUpdater(tempDir('sohoa-userdata-'));
  const said: string[] = [];
  const service = new UpdateService(updater, { log: (m) => said.push(m), ...(everyMs ? { everyMs } : {}) });
  services.push(service);
  const downloaded = new Promise<UpdateInfo>((resolve) => updater.once('update-downloaded', resolve));
  const notAvailable = new Promise<UpdateInfo>((resolve) => updater.once('update-not-available', resolve));
  const failed = new Promise<Error>((resolve) => updater.once('error', resolve));
  return { updater, service, said, downloaded, notAvailable, failed };
}

const nextMinor = (v: string) =>
  v.replace(/^(\d+)\.(\d+)\.\d+.*$/, (_m, a: string, b: string) => `${a}.${Number(b) + 1}.0`);

describe('a station with the update URL set', () => {
  it('finds a newer version, downloads it in the background and installs it only when the station is closed', async () => {
    const file = crypto.randomBytes(4096);
    const newer = nextMinor(VERSION);
    const province = await provinceServer({ latest: { version: newer, file } });
    const s = station();

    s.service.apply({ url: province.url, channel: 'latest' });
    const info = await s.downloaded;

    expect(info.version).toBe(newer);
    expect(province.requests).toEqual(['/sohoa/latest-linux.yml', `/sohoa/sohoa-station_${newer}_amd64.deb`]);
    expect(s.said).toContain(`Cập nhật: đã tải bản ${newer}; sẽ cài khi đóng Trạm Số hóa.`);
    // Downloaded, verified and waiting; nothing installed while the station is open.
    expect(fs.readFileSync(s.updater.downloadedFile!).equals(file)).toBe(true);
    expect(s.updater.installs).toEqual([]);
    // Closing the station (exit code 0) installs it, silently.
    expect(s.updater.quitHandlers).toHaveLength(1);
    s.updater.quitHandlers[0]!(0);
    expect(s.updater.installs).toEqual([{ isSilent: true }]);
  });

  it('offers nothing when the province hosts the same or an older version', async () => {
    for (const version of [VERSION, '0.0.9']) {
      const province = await provinceServer({ latest: { version, file: Buffer.from('x') } });
      const s = station();
      s.service.apply({ url: province.url, channel: 'latest' });
      expect((await s.notAvailable).version).toBe(version);
      expect(province.requests).toEqual(['/sohoa/latest-linux.yml']);
    }
  });

  it('refuses a download whose bytes do not match the manifest', async () => {
    const province = await provinceServer({
      latest: {
        version: nextMinor(VERSION),
        file: Buffer.from('not what was signed'),
        sha512: 'A'.repeat(86) + '==',
      },
    });
    const s = station();
    s.service.apply({ url: province.url, channel: 'latest' });
    expect((await s.failed).message).toMatch(/sha512 checksum mismatch/);
    expect(s.updater.quitHandlers).toEqual([]);
  });

  it('follows the beta channel when set, and checks again every day', async () => {
    const beta = `${nextMinor(VERSION)}-beta.1`;
    const province = await provinceServer({
      latest: { version: VERSION, file: Buffer.from('x') },
      beta: { version: beta, file: Buffer.from('beta build') },
    });
    const s = station(300);
    s.service.apply({ url: province.url, channel: 'beta' });
    expect((await s.downloaded).version).toBe(beta);
    expect(province.requests[0]).toBe('/sohoa/beta-linux.yml');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(province.requests.filter((r) => r === '/sohoa/beta-linux.yml').length).toBeGreaterThanOrEqual(2);
    expect(province.requests).not.toContain('/sohoa/latest-linux.yml');
  });
});

describe('a station without an update URL', () => {
  it('never asks anyone, and a URL set later starts the checks', async () => {
    const province = await provinceServer({ latest: { version: VERSION, file: Buffer.from('x') } });
    const s = station();
    s.service.apply({ url: '', channel: 'latest' });
    expect(s.said).toEqual(['Cập nhật: tắt (chưa đặt địa chỉ cập nhật trong cài đặt).']);
    expect(feedOptions({ url: 'ftp://x/', channel: 'latest' })).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(province.requests).toEqual([]);

    s.service.apply({ url: province.url, channel: 'latest' });
    await s.notAvailable;
    expect(province.requests).toEqual(['/sohoa/latest-linux.yml']);
  });
});
