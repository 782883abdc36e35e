import { afterEach } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { type Sandbox, startSandbox } from '../../electron/engine/training';
import { page, PROCEDURE, waitFor } from '../outbox/fixtures';
import { tempDir } from '../helpers/tmp';

/** Dossiers received, sent to the training portal and handed over, for the privacy room's tests. */

// One training portal per test: two stations with the same codes would give it the same dossier codes.
const sandboxes: Sandbox[] = [];
afterEach(async () => {
  for (const s of sandboxes.splice(0)) await s.close();
});
export async function portal(advanceMs = 100): Promise<Sandbox> {
  const s = await startSandbox({ dataDir: tempDir('sohoa-sandbox-'), advanceMs });
  sandboxes.push(s);
  return s;
}

export type Client = ReturnType<typeof connectInProcess>;

export function station(dataDir: string, privacy: Parameters<typeof createEngine>[0]['privacy'] = {}) {
  const engine: Engine = createEngine({
    dataDir,
    imaging: { ocr: false },
    outbox: { baseBackoffMs: 30, maxBackoffMs: 300, statusPollMs: 100 },
    privacy,
  });
  const client = connectInProcess(engine);
  return {
    engine,
    client,
    close() {
      client.dispose();
      engine.close();
    },
  };
}

/** A citizen's dossier, received at the counter with consent to submit online. */
export async function receive(c: Client, cccd: string, name: string, seed: number) {
  const d = await c.call('dossier.create', { procedureCode: PROCEDURE, applicantName: 'tạm' });
  await c.call('reception.setApplicant', {
    dossierId: d.id,
    applicant: { kind: 'person', name, idNumber: cccd, phone: '0905123456', address: 'Thôn 3, Tam Xuân' },
  });
  const scans: Buffer[] = [];
  for (const [i, code] of ['TK', 'GBT'].entries()) {
    const png = await page(seed * 2 + i);
    scans.push(png);
    await c.call('dossier.addPages', {
      dossierId: d.id,
      componentCode: code,
      files: [{ name: `${code}.png`, dataBase64: png.toString('base64') }],
    });
  }
  const received = await c.call('reception.receive', {
    dossierId: d.id,
    consent: { how: 'checkbox' },
    unsignedReason: 'Ký số bổ sung sau khi tiếp nhận',
  });
  return { id: d.id, code: received.code!, scans };
}

/** Sends everything, waits for the dossier's result, records the hand-over and waits for the portal's status 10. */
export async function handOver(c: Client, dossierId: string) {
  const sandbox = await portal();
  await c.call('outbox.sync', { portalUrl: sandbox.url, untilEmpty: true, timeoutMs: 30_000 });
  await waitFor('the result', async () =>
    (await c.call('outbox.overview', {})).items.find(
      (i) => i.dossierId === dossierId && i.state === 'result_ready',
    ),
  );
  await c.call('outbox.recordReturn', { dossierId, returnedTo: 'Người nhận' });
  await waitFor('the portal acknowledged the hand-over', async () =>
    (await c.call('outbox.overview', {})).items
      .filter((i) => i.dossierId === dossierId)
      .every((i) => i.state === 'done'),
  );
}
