import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { calls } from '../../shared/api/contract';
import { MAX_MESSAGE_BYTES, ResultMessage } from '../../shared/api/wire';
import { tempDir } from '../helpers/tmp';
import { anyText, fuzz, timed } from './kit';

process.env.SOHOA_MDNS = '0';

/**
 * Calls whose handler, given valid params, reaches outside the station (scanners, the
 * portal, a PKCS#11 module, the clock of a background job): they get only params that
 * can never be valid, to prove the dispatcher refuses them before the handler.
 */
const OUTSIDE = /^(scan|portal|outbox|payment|sign|batch)\./;
const methods = Object.keys(calls);

let engine: Engine;
beforeAll(() => {
  engine = createEngine({ dataDir: tempDir('sohoa-fuzz-contract-'), imaging: { ocr: false } });
});
afterAll(() => engine.close());

/** The dispatcher's answer to anything: no answer (no id to answer to) or a result envelope — never a throw. */
async function answer(raw: unknown): Promise<ResultMessage | null> {
  const { ms, value } = await timed(() => engine.dispatch(raw));
  expect(ms).toBeLessThan(5000);
  if (value === null) return null;
  return ResultMessage.parse(value);
}

const envelope = fc.record(
  {
    kind: fc.oneof(fc.constant('call'), anyText(8), fc.jsonValue()),
    id: fc.oneof(fc.integer(), fc.double(), anyText(5), fc.constant(Number.MAX_SAFE_INTEGER + 2)),
    method: fc.oneof(fc.constantFrom(...methods), anyText(30), fc.jsonValue({ maxDepth: 1 })),
    params: fc.jsonValue({ maxDepth: 4 }),
    session: fc.oneof(anyText(200), fc.jsonValue({ maxDepth: 1 })),
  },
  { requiredKeys: [] },
);

describe('fuzz: the API contract (any message through any transport)', () => {
  it('answers any value with nothing or an error value; a call with a usable id is always answered', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything({ maxDepth: 3 }), envelope), async (raw) => {
        const r = await answer(raw);
        const id = (raw as { id?: unknown } | null)?.id;
        if (raw && typeof raw === 'object' && Number.isSafeInteger(id)) expect(r?.id).toBe(id);
        if (r?.ok === false) expect(r.error.code).not.toBe('internal');
      }),
      fuzz(600),
    );
  });

  it('random params for every call: refused with the contract’s codes, never an internal error', async () => {
    const params = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.dictionary(
        fc.constantFrom('dossierId', 'componentCode', 'pageId', 'files', 'code', 'id', 'name'),
        fc.jsonValue({ maxDepth: 2 }),
      ),
    );
    const never = fc.oneof(
      fc.integer(),
      anyText(20),
      fc.array(fc.jsonValue({ maxDepth: 1 })),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), params, never, fc.nat(), async (method, p, bad, id) => {
        const outside = OUTSIDE.test(method);
        const r = await answer({ kind: 'call', id, method, params: outside ? bad : p });
        expect(r?.id).toBe(id);
        if (outside) expect(r).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
        if (r?.ok === false) expect(r.error.code, `${method}: ${r.error.detail}`).not.toBe('internal');
      }),
      fuzz(800, 8000),
    );
  });

  it('an oversized message is answered, and so is the next one', async () => {
    const big = {
      kind: 'call',
      id: 1,
      method: 'catalog.import',
      params: { fileName: 'a.json', dataBase64: 'A'.repeat(MAX_MESSAGE_BYTES + 1) },
    };
    expect(await answer(big)).toMatchObject({ id: 1, ok: false, error: { code: 'message_too_large' } });
    const deep = {
      kind: 'call',
      id: 2,
      method: 'dossier.get',
      params: JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`),
    };
    expect(await answer(deep)).toMatchObject({ id: 2, ok: false, error: { code: 'invalid_request' } });
    expect(await answer({ kind: 'call', id: 3, method: 'app.info', params: {} })).toMatchObject({
      id: 3,
      ok: true,
    });
  });
});
