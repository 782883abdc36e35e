import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastStation as station, testSandbox as sandbox } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import { makeBatch } from '../outbox/fixtures';

describe('the fee (lệ phí) of a dossier', { timeout: 120_000 }, () => {
  it('the fee: a payment link for the citizen, its status polled, the receipt kept; cash at the counter where the citizen prefers', async () => {
    const dir = tempDir();
    // 2.000908 (sample catalogue): a fee of 2 000 VND; components BC and BS.
    await makeBatch(path.join(dir, 'batch'), 2, 0, { code: '2.000908', components: ['BC', 'BS'] });
    const s = await sandbox();
    const st = station(path.join(dir, 'station'));
    await st.client.call('batch.import', { dir: path.join(dir, 'batch') });
    const [a, b] = (await st.client.call('outbox.overview', {})).items;
    expect(a!.feeVnd).toBe(2000);
    // Not on the portal yet: online payment must wait (cash is possible at once).
    await expect(
      st.client.call('payment.request', { dossierId: a!.dossierId, method: 'online' }),
    ).rejects.toMatchObject({
      error: { code: 'portal_not_configured' },
    });
    await st.client.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 30_000 });
    const p = await st.client.call('payment.request', { dossierId: a!.dossierId, method: 'online' });
    expect(p).toMatchObject({ amount: 2000, method: 'online', state: 'pending' });
    expect(p.payUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sandbox\/pay\//);
    expect((await st.client.call('payment.check', { dossierId: a!.dossierId })).state).toBe('pending');
    // The citizen pays with the link (the QR on the counter's screen).
    const paid = await fetch(p.payUrl!, { method: 'POST', signal: AbortSignal.timeout(5000) });
    expect(paid.ok).toBe(true);
    const checked = await st.client.call('payment.check', { dossierId: a!.dossierId });
    expect(checked.state).toBe('paid');
    expect(checked.receiptNo).toMatch(/^BL-/);
    const cash = await st.client.call('payment.request', { dossierId: b!.dossierId, method: 'cash' });
    expect(cash).toMatchObject({ method: 'cash', state: 'paid', amount: 2000 });
    const overview = await st.client.call('outbox.overview', {});
    expect(overview.items.map((i) => i.payment?.state)).toEqual(['paid', 'paid']);
  });
});
