import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
