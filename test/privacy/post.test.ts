import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastStation as station, testSandbox as sandbox } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import { page, sandboxDossiers, waitFor } from '../outbox/fixtures';

/**
 * A result delivered by post, then the retention: the delivery address goes with the
 * applicant's details, and the audit trail never held it (docs/architecture.md, privacy, audit).
 */

const AGENCY = { code: '000.00.20.H47', name: 'UBND xã Tam Anh', procedures: ['1.003005'] };
const ADDRESS = 'Số 5 Hùng Vương, Tam Kỳ';
const CONTACT = 'Chị Hoa, 0235 111 222';

describe('a result by post and the personal data retention', { timeout: 240_000 }, () => {
  it('purges the delivery address after delivery and retention; the audit trail never names the address or the contact', async () => {
    const s = await sandbox({ advanceMs: 150 });
    const st = station(path.join(tempDir(), 'station'));
    const c = st.client;
    await c.call('settings.update', {
      stationKind: 'postal',
      postalPointName: 'Bưu điện văn hóa xã Tam Anh',
      postalPointAddress: 'Thôn 2, xã Tam Anh',
      postalPrices: { pickupVnd: 15000, returnVnd: 22000 },
      portalUrl: s.url,
      retentionApplicantDays: 0,
      retentionFilesDays: 0,
    });
    await c.call('agency.add', { ...AGENCY, level: 'commune', contact: CONTACT });

    const d = await c.call('dossier.create', { procedureCode: '1.003005', applicantName: 'Phan Thị Thư' });
    await c.call('reception.setApplicant', {
      dossierId: d.id,
      applicant: { kind: 'person', name: 'Phan Thị Thư', idNumber: '049190001234', phone: '0905123456' },
    });
    for (const [i, comp] of d.components.filter((x) => x.required).entries())
      await c.call('dossier.addPages', {
        dossierId: d.id,
        componentCode: comp.code,
        files: [{ name: `${comp.code}.png`, dataBase64: (await page(40 + i)).toString('base64') }],
      });
    const received = await c.call('agency.receive', {
      dossierId: d.id,
      agencyCode: AGENCY.code,
      resultMethod: 'post',
      deliveryAddress: ADDRESS,
      consent: { how: 'checkbox' },
      unsignedReason: 'Ký số bổ sung sau khi tiếp nhận',
    });
    expect(received.deliveryAddress).toBe(ADDRESS);

    // Sent, resolved, handed to delivery with an S10 number, delivered: status 10 at the portal.
    await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 30_000 });
    await waitFor('the result', async () =>
      (await c.call('outbox.overview', {})).items.find(
        (i) => i.dossierId === d.id && i.state === 'result_ready',
      ),
    );
    // Before delivery the retention does not start: nothing is purged.
    expect((await c.call('privacy.purge', {})).purged).toEqual([]);
    await c.call('agency.recordPost', { dossierId: d.id, step: 'tracking', tracking: 'EE123456785VN' });
    await c.call('agency.recordPost', { dossierId: d.id, step: 'delivered' });
    await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 30_000 });
    await waitFor('status 10', async () =>
      (await sandboxDossiers(s.url)).find((x) => x.code === received.code && x.status === 10),
    );
    await waitFor('the portal acknowledged the delivery', async () =>
      (await c.call('outbox.overview', {})).items
        .filter((i) => i.dossierId === d.id)
        .every((i) => i.state === 'done'),
    );
    expect((await c.call('dossier.get', { dossierId: d.id })).deliveryAddress).toBe(ADDRESS);

    const report = await c.call('privacy.purge', {});
    expect(report.purged.map((p) => p.dossierId)).toContain(d.id);
    const after = await c.call('dossier.get', { dossierId: d.id });
    expect(after.deliveryAddress ?? null).toBeNull();
    expect(after.code).toBe(received.code);
    const post = (await c.call('agency.postResults', {})).find((p) => p.dossierId === d.id);
    expect(post).toMatchObject({ address: '', state: 'delivered', tracking: 'EE123456785VN' });

    // The trail records each step, never the address, the phone or the agency's contact.
    const trail = await c.call('audit.list', {});
    const actions = trail.map((e) => e.action);
    for (const a of ['agency.add', 'agency.receive', 'agency.recordPost']) expect(actions, a).toContain(a);
    const text = JSON.stringify(trail);
    for (const secret of [ADDRESS, 'Hùng Vương', CONTACT, '0235 111', '0905123456'])
      expect(text, secret).not.toContain(secret);
    expect(text).toContain('EE123456785VN');
    expect((await c.call('audit.verify', {})).intact).toBe(true);
    st.close();
  });
});
