#!/usr/bin/env node
/**
 * `npm start`: run the desktop app if the Electron binary is installed, otherwise
 * fall back to web mode (same UI in a browser, engine behind a local WebSocket).
 * Extra arguments are passed on: `npm start -- --data ./.sohoa-data`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const args = process.argv.slice(2);
const binary = electronBinary();

if (binary) {
  const build = await run(npm(['run', 'build']));
  if (build !== 0) process.exit(build);
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  await run({ command: binary, args: ['.', ...args], env }, { forwardExit: true });
} else {
  console.log(
    [
      'Máy này không có chương trình Electron (không tải được bản cài của Electron), nên không mở được ứng dụng máy tính.',
      'Chuyển sang chế độ web: giao diện chạy trong trình duyệt, hãy mở địa chỉ in ra bên dưới.',
      '',
      "The Electron binary isn't available on this machine (it could not be downloaded), so the desktop app can't open.",
      'Falling back to web mode: the UI runs in a browser; open the address printed below.',
      '',
    ].join('\n'),
  );
  await run(npm(['run', 'web', ...(args.length ? ['--', ...args] : [])]), { forwardExit: true });
}

/**
 * The Electron executable, or null. Not `require('electron')`: when the binary is
 * missing, that tries to download it, which hangs on machines without the network.
 * This mirrors its lookup (path.txt, ELECTRON_OVERRIDE_DIST_PATH) without the download.
 */
function electronBinary() {
  try {
    const require = createRequire(import.meta.url);
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
