import { Outbox } from '../../electron/engine/outbox/service';
import { silentLog } from '../../electron/engine/log';
import type { Client } from '../../shared/api/client';
import { page } from '../outbox/fixtures';
import { waitFor } from '../outbox/fixtures';
import { openRig } from '../reception/rig';

const DAY = 86_400_000;

/**
 * A counter's month, as the supervisor will read it. Each dossier is received
 * by the real reception room at the time the story needs (the rig's clock),
 * queued by the real outbox in the same transaction:
 *  A  1.001612 (full online, fee 100 000)  received now, resolved on time, paid online
 *  B  2.000488 (full online, fee 200 000)  received now, resolved on time, paid cash
 *  C  1.003005 (full online, fee 8 000)    received 30 days ago, resolved today: late; paid cash
 *  D  1.000656 (full online, free)         received 30 days ago, held back: overdue
 *  E  2.000815 (partial, 4 working hours)  received now, held back: due by the next working day
 *  F  1.004227 (full online, 15 days)      received now, held back, PDFs assembled: not due
 *  G  1.000894 (partial)                   received now with every component excepted: nothing to upload (failed)
 *  H  1.004873 (full online, free)         received 30 days ago, then sent back for completion: clock stopped
 */
export type Role = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H';

const PLAN: { role: Role; procedure: string; daysAgo: number; excepted?: boolean }[] = [
  { role: 'A', procedure: '1.001612', daysAgo: 0 },
  { role: 'B', procedure: '2.000488', daysAgo: 0 },
  { role: 'C', procedure: '1.003005', daysAgo: 30 },
  { role: 'D', procedure: '1.000656', daysAgo: 30 },
  { role: 'E', procedure: '2.000815', daysAgo: 0 },
  { role: 'F', procedure: '1.004227', daysAgo: 0 },
  { role: 'G', procedure: '1.000894', daysAgo: 0, excepted: true },
  { role: 'H', procedure: '1.004873', daysAgo: 30 },
];

/** Receives the seven dossiers into `dataDir` (the engine must not be open on it yet). */
export async function receiveCounter(dataDir: string): Promise<Record<Role, { id: string; code: string }>> {
  const rig = openRig(dataDir, new Date());
  // The real outbox queues each dossier inside the reception transaction (never started here).
  new Outbox(
    { dataDir, store: rig.store, log: silentLog(), onReceiveInTx: rig.hooks, emit: () => {} },
    rig.dossiers,
    { frozenFiles: () => Promise.reject(new Error('this outbox is never started')) },
    rig.settings,
  );
  const out = {} as Record<Role, { id: string; code: string }>;
  try {
    let seed = 1;
    for (const p of PLAN) {
      rig.clock.now = new Date(Date.now() - p.daysAgo * DAY);
      const d = rig.dossiers.create(p.procedure, `Công dân ${p.role} — Nguyễn Thị Hồ Sơ`);
      const required = d.components.filter((c) => c.required);
      if (!p.excepted)
        for (const c of required) {
          const r = await rig.dossiers.addPages(d.id, c.code, [
            { name: `${c.code}.png`, dataBase64: (await page(seed++)).toString('base64') },
          ]);
          if (r.rejected.length) throw new Error(`page refused: ${JSON.stringify(r.rejected)}`);
        }
      const received = rig.reception.receive(d.id, {
        // Each citizen consented at the counter: the dossier is submitted online.
        consent: { how: 'checkbox' },
        exceptions: p.excepted
          ? required.map((c) => ({ componentCode: c.code, reason: 'Công dân nộp bản giấy sau' }))
          : [],
      });
      out[p.role] = { id: d.id, code: received.code! };
    }
  } finally {
    rig.store.close();
  }
  return out;
}

/**
 * Sends A, B, C (and G, which fails) to the sandbox portal, holds D, E, F, H back,
 * asks H's citizen to complete the dossier, waits for the portal to resolve A, B, C,
 * then assembles F's PDFs.
 */
export async function runCounter(
  client: Client,
  portalUrl: string,
  who: Record<Role, { id: string; code: string }>,
): Promise<void> {
  for (const r of ['D', 'E', 'F', 'H'] as const) await client.call('outbox.pause', { dossierId: who[r].id });
  await client.call('reception.requestCompletion', {
    dossierId: who.H.id,
    reason: 'Thiếu bản sao giấy xác nhận tình trạng hôn nhân trước đây',
  });
  await client.call('outbox.sync', { portalUrl, untilEmpty: true, timeoutMs: 60_000 });
  await waitFor(
    'the portal to resolve A, B and C',
    async () => {
      const o = await client.call('outbox.overview', {});
      return ['A', 'B', 'C'].every((r) =>
        o.items.some(
          (i) => i.dossierId === who[r as Role].id && i.kind === 'submit' && (i.portalStatus ?? 0) >= 9,
        ),
      );
    },
    60_000,
  );
  const f = await client.call('dossier.get', { dossierId: who.F.id });
  for (const c of f.components.filter((x) => x.pages.length > 0))
    await client.call('documents.assemble', { dossierId: who.F.id, componentCode: c.code });
}

/** The citizen of A pays online through the sandbox's pay page; B and C pay cash at the counter. */
export async function payCounter(client: Client, who: Record<Role, { id: string; code: string }>) {
  const p = await client.call('payment.request', { dossierId: who.A.id, method: 'online' });
  const res = await fetch(p.payUrl!, { method: 'POST', signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`sandbox pay page answered ${res.status}`);
  const checked = await client.call('payment.check', { dossierId: who.A.id });
  if (checked.state !== 'paid') throw new Error(`A's payment is ${checked.state}`);
  await client.call('payment.request', { dossierId: who.B.id, method: 'cash' });
  await client.call('payment.request', { dossierId: who.C.id, method: 'cash' });
}
