#!/usr/bin/env node
/**
 * `npm start`: run the desktop app; fall back to web mode (same UI in a browser, engine
 * behind a local WebSocket) only when the Electron binary cannot be had.
 *
 * 1. The Electron binary is looked for where the `electron` package puts it
 *    (node_modules/electron/dist, or ELECTRON_OVERRIDE_DIST_PATH).
 * 2. If it is missing, Electron's own installer (node_modules/electron/install.js) is
 *    run with this Node, for at most SOHOA_ELECTRON_INSTALL_TIMEOUT seconds (120; 0 skips
 *    the download). It honours ELECTRON_MIRROR, electron_config_cache and the proxy
 *    variables, like `npm install` does.
 * 3. With the binary: `npm run build`, then Electron. Without it: the installer's reason
 *    is printed (Vietnamese, then English) and `npm run web` starts.
 * Before all: `npm run build:cli` (the `sohoa` command's bundle).
 * Extra arguments are passed on: `npm start -- --data ./.sohoa-data`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const args = process.argv.slice(2);
const require = createRequire(import.meta.url);
/** Electron 45's installer (and its @electron/get) declare this Node. */
const INSTALLER_NODE = [22, 12];

// The `sohoa` command's prebuilt bundle (bin/sohoa.mjs falls back to tsx without it).
const cli = await run(npm(['run', 'build:cli']));
if (cli !== 0) process.exit(cli);

let binary = electronBinary();
/** Why there is no binary after the download, in both languages. */
let failure = null;
if (!binary) {
  const attempt = await installElectron();
  binary = electronBinary();
  if (!binary) failure = attempt;
}

if (binary) {
  const build = await run(npm(['run', 'build']));
  if (build !== 0) process.exit(build);
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  await run({ command: binary, args: ['.', ...args], env }, { forwardExit: true });
} else {
  console.log(fallbackMessage(failure ?? { vi: 'không rõ lý do', en: 'unknown reason' }).join('\n'));
  await run(npm(['run', 'web', ...(args.length ? ['--', ...args] : [])]), { forwardExit: true });
}

/**
 * The Electron executable, or null. Not `require('electron')`: that throws when the binary
 * is missing. This mirrors its lookup (path.txt, ELECTRON_OVERRIDE_DIST_PATH).
 */
function electronBinary() {
  try {
    const packageDir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(packageDir, 'path.txt');
    const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    const candidate = override
      ? path.join(override, relative || 'electron')
      : relative && path.join(packageDir, 'dist', relative);
    return candidate && existsSync(candidate) ? candidate : null;
  } catch {
    return null;
  }
}

/**
 * Runs `node node_modules/electron/install.js` (the same Node as this script) under a
 * timeout. Resolves with `{ ok: true }` or with the reason, `{ vi, en }`.
 */
async function installElectron() {
  const raw = process.env.SOHOA_ELECTRON_INSTALL_TIMEOUT;
  const seconds = raw === undefined || raw === '' ? 120 : Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) {
    return {
      vi: `SOHOA_ELECTRON_INSTALL_TIMEOUT="${raw}" không phải số giây`,
      en: `SOHOA_ELECTRON_INSTALL_TIMEOUT="${raw}" is not a number of seconds`,
    };
  }
  if (seconds === 0) {
    return {
      vi: 'SOHOA_ELECTRON_INSTALL_TIMEOUT=0: không tải Electron',
      en: 'SOHOA_ELECTRON_INSTALL_TIMEOUT=0: Electron download skipped',
    };
  }
  let installer;
  try {
    installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return {
      vi: 'chưa cài gói electron (npm install)',
      en: 'the electron package is not installed (npm install)',
    };
  }
  console.log(
    `Chưa có chương trình Electron: đang tải bằng bộ cài của Electron (tối đa ${seconds} giây)…\n` +
      `The Electron binary is missing: downloading it with Electron's installer (up to ${seconds} s)…`,
  );
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (stderr.length > 64_000) stderr = stderr.slice(-64_000);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, seconds * 1000);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({
        vi: `không chạy được bộ cài: ${err.message}`,
        en: `could not run the installer: ${err.message}`,
      });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        resolve({
          vi: `quá ${seconds} giây mà chưa tải xong (đặt SOHOA_ELECTRON_INSTALL_TIMEOUT để chờ lâu hơn)`,
          en: `not downloaded within ${seconds} s (set SOHOA_ELECTRON_INSTALL_TIMEOUT to wait longer)`,
        });
      } else if (code === 0) {
        resolve({ ok: true });
      } else {
        const said = installerReason(stderr) ?? `exit ${code ?? signal}`;
        resolve({ vi: `bộ cài báo lỗi: ${said}`, en: `the installer failed: ${said}`, said });
      }
    });
  });
}

/** The installer prints `err.stack`: its first line is the error. */
function installerReason(stderr) {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim());
  return lines.find((l) => /^\w*(Error|Exception)\b|^Error:/.test(l)) ?? lines.find((l) => l) ?? null;
}

/** What to tell the user when web mode starts instead, Vietnamese first. */
function fallbackMessage(failure) {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const oldNode = major < INSTALLER_NODE[0] || (major === INSTALLER_NODE[0] && minor < INSTALLER_NODE[1]);
  // A failure that is not the network's (a syntax or module error, say) may be this Node.
  const network =
    /fetch failed|ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ENETUNREACH|socket|HTTPError|status code|\b[45]\d\d\b/i;
  const netHint = Boolean(failure.said) && network.test(failure.said);
  const nodeHint = Boolean(failure.said) && oldNode && !netHint;
  const wanted = INSTALLER_NODE.join('.');
  return [
    `Không tải được chương trình Electron (${failure.vi}), nên không mở được ứng dụng máy tính.`,
    ...(nodeHint
      ? [
          `Có thể do phiên bản Node: bộ cài của Electron 45 cần Node ${wanted} trở lên, máy này chạy Node ${process.versions.node}.`,
        ]
      : []),
    ...(netHint ? ['Hãy kiểm tra mạng, proxy (HTTPS_PROXY) hoặc ELECTRON_MIRROR.'] : []),
    'Chuyển sang chế độ web: giao diện chạy trong trình duyệt, hãy mở địa chỉ in ra bên dưới.',
    '',
    `Could not get the Electron binary (${failure.en}), so the desktop app can't open.`,
    ...(nodeHint
      ? [
          `It may be the Node version: Electron 45's installer needs Node ${wanted} or newer, this is Node ${process.versions.node}.`,
        ]
      : []),
    ...(netHint ? ['Check the network, the proxy (HTTPS_PROXY) or ELECTRON_MIRROR.'] : []),
    'Falling back to web mode: the UI runs in a browser; open the address printed below.',
    '',
  ];
}

/** npm itself, through the same Node when started by npm (works on Windows too). */
function npm(npmArgs) {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.c?js$/.test(npmCli)) {
    return { command: process.execPath, args: [npmCli, ...npmArgs] };
  }
  return { command: 'npm', args: npmArgs, shell: process.platform === 'win32' };
}

/**
 * Run a child with inherited stdio. On POSIX it gets a process group of its own, and
 * SIGINT/SIGTERM/SIGHUP go to that whole group: `npm run web` is npm → sh → tsx → node,
 * and neither npm nor sh passes a signal on to the server. With `forwardExit`, this
 * process ends as the child did (same code, or same signal).
 */
function run({ command, args: childArgs, env, shell = false }, { forwardExit = false } = {}) {
  const ownGroup = process.platform !== 'win32';
  return new Promise((resolve) => {
    const child = spawn(command, childArgs, {
      stdio: 'inherit',
      env: env ?? process.env,
      shell,
      detached: ownGroup,
    });
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const forward = (signal) => {
      try {
        if (ownGroup && child.pid) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // Already gone.
      }
    };
    for (const signal of signals) process.on(signal, forward);
    child.on('error', (err) => {
      console.error(`Không chạy được / could not run ${command}: ${err.message}`);
      process.exit(1);
    });
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      if (forwardExit) {
        if (signal) process.kill(process.pid, signal);
        else process.exit(code ?? 1);
      }
      resolve(code ?? 1);
    });
  });
}
