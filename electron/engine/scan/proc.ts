import { spawn } from 'node:child_process';

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Kill the child when it prints nothing new (a line on stdout) for this long. */
  idleTimeoutMs: number;
  /** Kill the child after this long, whatever it does. */
  totalTimeoutMs?: number;
  signal?: AbortSignal;
  onLine?: (line: string) => void;
  /**
   * What the program prints on stderr once its work is done (e.g. scanimage's "Batch
   * terminated"): from then on it gets `endGraceMs` to exit before it is killed, since a
   * program can hang in its own shutdown after having said everything (see SaneDriver).
   */
  endMarker?: RegExp;
  endGraceMs?: number;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  cancelled: boolean;
  /** Killed because it did not exit within endGraceMs of printing its endMarker. */
  killedAfterEnd: boolean;
  /** The command could not start at all (e.g. not installed). */
  spawnError?: string;
}

/**
 * Runs a driver program as a child process that can never hang the engine:
 * idle and total timeouts, cancel by AbortSignal, TERM then KILL.
 */
export function runChild(cmd: string, args: string[], opts: RunOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let pending = '';
    let timedOut = false;
    let cancelled = false;
    let killedAfterEnd = false;
    let ended: NodeJS.Timeout | undefined;
    let done = false;
    const child = spawn(cmd, args, {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const kill = () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }, 2000).unref();
    };
    let idle = setTimeout(onIdle, opts.idleTimeoutMs);
    function onIdle() {
      timedOut = true;
      kill();
    }
    const total = opts.totalTimeoutMs ? setTimeout(onIdle, opts.totalTimeoutMs) : undefined;
    const onAbort = () => {
      cancelled = true;
      kill();
    };
    if (opts.signal?.aborted) onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      if (lines.length) {
        clearTimeout(idle);
        idle = setTimeout(onIdle, opts.idleTimeoutMs);
      }
      for (const line of lines) if (line.trim()) opts.onLine?.(line.trim());
    });
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-20_000);
      if (opts.endMarker && ended === undefined && opts.endMarker.test(stderr)) {
        ended = setTimeout(() => {
          killedAfterEnd = true;
          kill();
        }, opts.endGraceMs ?? 5000);
      }
    });
    const finish = (code: number | null, spawnError?: string) => {
      if (done) return;
      done = true;
      clearTimeout(idle);
      if (total) clearTimeout(total);
      if (ended) clearTimeout(ended);
      opts.signal?.removeEventListener('abort', onAbort);
      if (pending.trim()) opts.onLine?.(pending.trim());
      resolve({ code, stdout, stderr, timedOut, cancelled, killedAfterEnd, spawnError });
    };
    child.on('error', (err) => finish(null, err.message));
    child.on('close', (code) => finish(code));
  });
}
