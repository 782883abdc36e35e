import { type ChildProcess, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The `sohoa` command as a user runs it. */
export const SOHOA_BIN = fileURLToPath(new URL('../../bin/sohoa.mjs', import.meta.url));

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/**
 * Runs `sohoa` without blocking this process, so a TSA, portal or scanner simulator the
 * command talks to can keep answering from here; killed after `timeoutMs`.
 */
export function runSohoa(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SOHOA_BIN, ...args], { env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

const CLI_SOURCE = fileURLToPath(new URL('../../electron/cli/main.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** Runs `sohoa` from its TypeScript source (through tsx), synchronously. */
export function runSohoaSource(
  args: string[],
  opts: { timeout: number; env?: NodeJS.ProcessEnv },
): SpawnSyncReturns<string> {
  return spawnSync(TSX, [CLI_SOURCE, ...args], { encoding: 'utf8', ...opts });
}

/** `sohoa pdf --lang vie --json …ARGS` from the source, on its own data folder. */
export const sohoaPdf = (
  dataDir: string,
  args: string[],
  opts: { timeout: number; env?: NodeJS.ProcessEnv },
) => runSohoaSource(['--data', dataDir, 'pdf', '--lang', 'vie', '--json', ...args], opts);

/** `sohoa ARGS` as a child process with piped output, remembered in `children` for clean-up. */
export function spawnSohoa(
  children: { push(c: ChildProcess): unknown } | Set<ChildProcess>,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): ChildProcess {
  const child = spawn(process.execPath, [SOHOA_BIN, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SOHOA_OCR: '0', ...env },
  });
  if (children instanceof Set) children.add(child);
  else children.push(child);
  return child;
}

/** Resolves with the exit code once `child` has ended; rejects after `ms`. */
export function exited(child: ChildProcess, ms: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => reject(new Error('process did not end in time')), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/**
 * SIGKILLs `child` once `progress()` has grown past its value at the start, at a random instant
 * up to `jitterMs` after: the kill lands mid-work whatever the machine's speed. False when the
 * child ended (or nothing moved for a minute) before there was anything to interrupt.
 */
export async function killOnceMoved(
  child: ChildProcess,
  progress: () => Promise<number>,
  jitterMs: number,
): Promise<boolean> {
  const before = await progress();
  let moved = false;
  const deadline = Date.now() + 60_000;
  while (!moved && child.exitCode === null && child.signalCode === null && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    moved = (await progress()) > before;
  }
  if (!moved) return false;
  await new Promise((r) => setTimeout(r, crypto.randomInt(0, jitterMs)));
  if (child.exitCode !== null) return false;
  child.kill('SIGKILL');
  await exited(child, 10_000);
  return true;
}
