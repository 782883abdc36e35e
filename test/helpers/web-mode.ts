import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningWebMode {
  url: string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Stops every web-mode process a test started, even one whose test failed half-way. */
export async function stopAllWebModes(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
    ),
  );
  running.clear();
}

/** Starts `electron/web/main.ts` as its own process (a real engine restart is a real process restart). */
/**
 * `startMs`: how long it may take to start (a loaded machine takes longer). `now`: the instant the
 * process's clock starts at (test/helpers/shifted-clock.ts), for a story that needs an hour of the day.
 * `port`: a fixed port (a restart on the same address, as the station's default port is), else any free one.
 */
export function startWebMode(
  dataDir: string,
  startMs = 90_000,
  opts: { now?: string; port?: number } = {},
): Promise<RunningWebMode> {
  const clock = opts.now ? ['--import', './test/helpers/shifted-clock.ts'] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      ...clock,
      'electron/web/main.ts',
      '--port',
      String(opts.port ?? 0),
      '--data',
      dataDir,
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: opts.now ? { ...process.env, SOHOA_TEST_NOW: opts.now } : process.env,
    },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode did not start:\n${output}`)), startMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({
        url,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web mode exited with ${code}:\n${output}`));
    });
  });
}
