import { describe, expect, it } from 'vitest';
import { WorkerClient } from '../../electron/engine/worker-client';

type Req = { id: number; op: 'echo' | 'fail' | 'hang' | 'die'; text: string };
type Rep = { id: number; ok: true; op: 'echo'; text: string } | { id: number; ok: false; error: string };

class Refused extends Error {}

const client = (timeoutMs = 5000, idleMs = 5000, bundled = '../fixtures/workers/absent.cjs') =>
  new WorkerClient<Req, Rep>({
    source: new URL('../fixtures/workers/answer-worker.ts', import.meta.url),
    bundled: new URL(bundled, import.meta.url),
    idleMs,
    timeoutMs: (op) => (op === 'hang' ? timeoutMs : 20_000),
    name: 'test work',
    error: (m) => new Refused(m),
  });

describe('the engine’s request/reply client of a worker thread', () => {
  it('matches each answer to its request, in any order, and gives the worker’s own reason for a refusal', async () => {
    const c = client();
    try {
      const texts = ['một', 'hai', 'ba', 'bốn'];
      const answers = await Promise.all(texts.map((text) => c.request({ op: 'echo', text })));
      expect(answers.map((a) => a.text)).toEqual(texts);
      const refused = c.request({ op: 'fail', text: 'trang hỏng' });
      await expect(refused).rejects.toBeInstanceOf(Refused);
      await expect(refused).rejects.toThrow('cannot: trang hỏng');
      expect((await c.request({ op: 'echo', text: 'sau' })).text).toBe('sau');
    } finally {
      await c.close();
    }
  });

  it('gives up a request that hangs, replaces the worker, and the next request is answered', async () => {
    const c = client(300);
    try {
      await expect(c.request({ op: 'hang', text: '' })).rejects.toThrow('test work took longer than 0.3 s');
      expect((await c.request({ op: 'echo', text: 'tiếp' })).text).toBe('tiếp');
    } finally {
      await c.close();
    }
  });

  it('fails the requests of a worker that dies, and starts a new one for the next', async () => {
    const c = client();
    try {
      const waiting = c.request({ op: 'hang', text: '' });
      await expect(c.request({ op: 'die', text: '' })).rejects.toThrow('test work: worker stopped (3)');
      await expect(waiting).rejects.toThrow('worker stopped');
      expect((await c.request({ op: 'echo', text: 'lại' })).text).toBe('lại');
    } finally {
      await c.close();
    }
  });

  it('refuses work once closed', async () => {
    const c = client();
    await c.request({ op: 'echo', text: 'x' });
    await c.close();
    await expect(c.request({ op: 'echo', text: 'y' })).rejects.toThrow('test work: worker closed');
  });

  it('runs the bundle, as the packaged app does, when SOHOA_WORKER_BUNDLES=1 and the bundle is there', async () => {
    const bundle = '../fixtures/workers/answer-worker.mjs';
    const runs = async (env: string | undefined, bundled: string) => {
      if (env === undefined) delete process.env.SOHOA_WORKER_BUNDLES;
      else process.env.SOHOA_WORKER_BUNDLES = env;
      const c = client(5000, 5000, bundled);
      try {
        return (await c.request({ op: 'echo', text: 'x' })).text;
      } finally {
        await c.close();
        delete process.env.SOHOA_WORKER_BUNDLES;
      }
    };
    expect(await runs(undefined, bundle)).toBe('x');
    expect(await runs('1', bundle)).toBe('bundle:x');
    // No bundle built: the sources, still.
    expect(await runs('1', '../fixtures/workers/absent.cjs')).toBe('x');
  });
});
