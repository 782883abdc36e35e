import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { tempDir } from '../helpers/tmp';

describe('the engine at its boundary', () => {
  it('validates every call against the contract before any handler runs', async () => {
    const engine = createEngine({ dataDir: tempDir() });
    const reply = (m: unknown) => engine.dispatch(m);
    expect(
      await reply({ kind: 'call', id: 1, method: 'dossier.create', params: { procedureCode: 42 } }),
    ).toMatchObject({
      id: 1,
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await reply({ kind: 'call', id: 2, method: 'fs.readFile', params: {} })).toMatchObject({
      ok: false,
      error: { code: 'unknown_method', params: { method: 'fs.readFile' } },
    });
    expect(
      await reply({ kind: 'call', id: 3, method: 'dossier.rotatePage', params: { pageId: 'x', by: 45 } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    // Not even an envelope: dropped, no reply, engine unharmed.
    expect(await reply('hello')).toBeNull();
    expect(await reply({ kind: 'call', id: 'x', method: 'app.info' })).toBeNull();
    expect(await reply({ kind: 'call', id: 4, method: 'app.info', params: {} })).toMatchObject({
      ok: true,
      result: { trainingMode: true },
    });
    engine.close();
  });

  it('pushes a change event to its clients when a dossier changes', async () => {
    const engine = createEngine({ dataDir: tempDir() });
    const seen: unknown[] = [];
    engine.onEvent((e) => seen.push(e));
    const created = await engine.dispatch({
      kind: 'call',
      id: 1,
      method: 'dossier.create',
      params: { procedureCode: '1.001193', applicantName: 'E' },
    });
    expect(created?.ok).toBe(true);
    const id = (created as { result: { id: string } }).result.id;
    expect(seen).toEqual([{ kind: 'event', name: 'dossier.changed', payload: { dossierId: id } }]);
    engine.close();
  });
});
