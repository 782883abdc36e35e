import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Starts the stand-in national portal (dvcqg-standin.ts) as its own process and reads its URL. */
export function startStandin(
  children: ChildProcess[],
  args: string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'test/portal/dvcqg-standin.ts'), ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening (\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.once('exit', (c) => reject(new Error(`stand-in ended (${c})`)));
  });
}

export interface Received {
  dossiers: Record<string, { dossier: Record<string, unknown>; syncs: { isUpdating: string }[] }>;
  progress: Record<string, string>[];
}

/** GET /_received: what the stand-in holds. */
export async function received(url: string): Promise<Received> {
  return (await (
    await fetch(`${url}/_received`, { signal: AbortSignal.timeout(10_000) })
  ).json()) as Received;
}
