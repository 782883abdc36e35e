import { afterEach, expect } from 'vitest';
import { CallFailed } from '../../shared/api/client';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { type Sandbox, startSandbox } from '../../electron/engine/training';
import { tempDir } from './tmp';

const opened: { close(): void }[] = [];
const sandboxes: Sandbox[] = [];

afterEach(async () => {
  for (const e of opened.splice(0)) e.close();
  for (const s of sandboxes.splice(0)) await s.close();
});

export type OutboxOptions = Parameters<typeof createEngine>[0]['outbox'];

/**
 * A station sending to a portal quickly (short backoff, fast polls, small chunks), without
 * OCR (it is not what these tests are about; it would only slow them). Closed after the test.
 */
export function fastStation(dataDir: string, outbox: OutboxOptions = {}) {
  const engine = createEngine({
    dataDir,
    imaging: { ocr: false },
    outbox: { baseBackoffMs: 30, maxBackoffMs: 300, statusPollMs: 100, chunkSize: 16 * 1024, ...outbox },
  });
  const client = connectInProcess(engine);
  const handle = {
    engine,
    client,
    close() {
      client.dispose();
      engine.close();
    },
  };
  opened.push(handle);
  return handle;
}

/** The sandbox portal on a fresh folder, its clock quick (200 ms a step unless told); closed after the test. */
export async function testSandbox(opts: Partial<Parameters<typeof startSandbox>[0]> = {}): Promise<Sandbox> {
  const s = await startSandbox({ dataDir: tempDir('sohoa-sandbox-'), advanceMs: 200, ...opts });
  sandboxes.push(s);
  return s;
}

/** The error of a call expected to fail (a CallFailed), for its code and params. */
export async function failure(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CallFailed);
  return (err as CallFailed).error;
}
