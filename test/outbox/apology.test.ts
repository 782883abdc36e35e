import path from 'node:path';
import { DatabaseSync } from '@photostructure/sqlite';
import { describe, expect, it } from 'vitest';
import { portalDate } from '../../electron/engine/portal/protocol';
import { formatInstant, parseInstant } from '../../shared/domain/deadline';
import { failure, fastStation as station, testSandbox as sandbox } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import { PAGE } from '../../electron/engine/reception/form-parts';
import { band, flat } from '../reception/forms-rig';
import { page, PROCEDURE, sandboxDossiers, waitFor } from './fixtures';

describe('no dossier late without a word', { timeout: 240_000 }, () => {
  it('blocks the hand-over of a late dossier until the apology is issued, tells the portal, counts it late with its cause', async () => {
    const dir = tempDir();
    const s = await sandbox({ advanceMs: 150 });
    const st = station(path.join(dir, 'station'));
    const c = st.client;
    const d = await c.call('dossier.create', { procedureCode: PROCEDURE, applicantName: 'tạm' });
    await c.call('reception.setApplicant', {
      dossierId: d.id,
      applicant: {
        kind: 'person',
        name: 'Đinh Thị Mai',
        idNumber: '049190001111',
        address: 'Thôn 4, Tam Anh',
      },
    });
    for (const [i, code] of ['TK', 'GBT'].entries())
      await c.call('dossier.addPages', {
        dossierId: d.id,
        componentCode: code,
        files: [{ name: `${code}.png`, dataBase64: (await page(40 + i)).toString('base64') }],
      });
    const received = await c.call('reception.receive', {
      dossierId: d.id,
      consent: { how: 'checkbox' },
      unsignedReason: 'Ký số bổ sung sau khi tiếp nhận',
    });
    // Its appointment was the very moment it was received (the clock of the test, set in the database):
    // whatever the portal answers now is late.
    const db = new DatabaseSync(path.join(dir, 'station', 'station.db'));
    db.prepare('UPDATE dossiers SET appointment_at = received_at WHERE id = ?').run(d.id);
    db.close();
    expect(
      await c
        .call('reception.receipt', { dossierId: d.id, form: '04' })
        .catch((e: { error: { code: string } }) => e.error.code),
    ).toBe('apology_missing');

    await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 30_000 });
    await waitFor('the result', async () =>
      (await c.call('outbox.overview', {})).items.find(
        (i) => i.dossierId === d.id && i.state === 'result_ready',
      ),
    );
    const blocked = await failure(
      c.call('outbox.recordReturn', { dossierId: d.id, returnedTo: 'Đinh Thị Mai' }),
    );
    expect(blocked.code).toBe('handover_needs_apology');
    expect(blocked.params).toMatchObject({ code: received.code });
    // In the clerk's list the dossier is red.
    expect((await c.call('dossier.list', {})).find((x) => x.id === d.id)).toMatchObject({
      resolvedAt: expect.any(String),
      handedOverAt: null,
    });

    const newDate = formatInstant(Date.now() + 2 * 86_400_000);
    const apologized = await c.call('reception.apologize', {
      dossierId: d.id,
      reason: 'Cán bộ thụ lý nghỉ ốm, chưa bàn giao hồ sơ kịp thời.',
      cause: 'subjective',
      newAppointmentAt: newDate,
    });
    expect(apologized.appointmentAt).toBe(newDate);
    // The portal hears of it once: the training portal records the apology and the new NgayHenTra.
    const held = await waitFor('the apology on the portal', async () => {
      const x = (await sandboxDossiers(s.url)).find((h) => h.code === received.code);
      return x && x.apologies.length ? x : null;
    });
    expect(held.apologies).toEqual([
      expect.objectContaining({
        reason: 'Cán bộ thụ lý nghỉ ốm, chưa bàn giao hồ sơ kịp thời.',
        cause: 'CHU_QUAN',
        oldDate: portalDate(new Date(parseInstant(received.receivedAt!))),
        newDate: portalDate(new Date(parseInstant(newDate))),
      }),
    ]);
    expect(held.appointment).toBe(portalDate(new Date(parseInstant(newDate))));
    await waitFor('the apology item done', async () =>
      (await c.call('outbox.overview', {})).items.find(
        (i) => i.dossierId === d.id && i.kind === 'apology' && i.state === 'done',
      ),
    );

    // Now the result is handed over; the figures count the dossier late, with its cause.
    await c.call('outbox.recordReturn', { dossierId: d.id, returnedTo: 'Đinh Thị Mai' });
    const f = await c.call('reports.figures', {});
    expect(f.resolved).toMatchObject({
      total: 1,
      onTime: 0,
      late: 1,
      lateByCause: { subjective: 1, objective: 0, unexplained: 0 },
    });
    expect(f.shares.onTime).toMatchObject({ numerator: 0, denominator: 1 });

    // The control sheet tells the same story: sent, apologised for, resolved late, handed over.
    const sheet = await c.call('reception.receipt', { dossierId: d.id, form: '05' });
    const text = flat(Buffer.from(sheet.dataBase64, 'base64'), dir);
    expect(text).toContain('Gửi hồ sơ điện tử lên Cổng Dịch vụ công');
    expect(text).toContain('Phiếu xin lỗi, hẹn lại');
    expect(text).toContain('Quá hạn');
    const bytes = Buffer.from(sheet.dataBase64, 'base64');
    const left = PAGE.margin.left;
    const agencies = band(
      bytes,
      dir,
      1,
      left + 1,
      left + 0.3 * (595.28 - left - PAGE.margin.right) - 1,
      [595.28, 841.89],
    );
    expect(agencies).toContain('2. Nhận: Người nộp hồ sơ (Đinh Thị Mai)');
  });

  it('hands over a dossier whose result came in time without any apology, and refuses one for it', async () => {
    const dir = tempDir();
    const s = await sandbox({ advanceMs: 150 });
    const st = station(path.join(dir, 'station'));
    const c = st.client;
    const d = await c.call('dossier.create', { procedureCode: PROCEDURE, applicantName: 'Hồ Văn Đúng' });
    for (const [i, code] of ['TK', 'GBT'].entries())
      await c.call('dossier.addPages', {
        dossierId: d.id,
        componentCode: code,
        files: [{ name: `${code}.png`, dataBase64: (await page(50 + i)).toString('base64') }],
      });
    await c.call('reception.receive', {
      dossierId: d.id,
      consent: { how: 'checkbox' },
      unsignedReason: 'Ký số bổ sung sau khi tiếp nhận',
    });
    await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 30_000 });
    await waitFor('the result', async () =>
      (await c.call('outbox.overview', {})).items.find(
        (i) => i.dossierId === d.id && i.state === 'result_ready',
      ),
    );
    const refused = await failure(
      c.call('reception.apologize', {
        dossierId: d.id,
        reason: 'Không cần thiết nhưng cán bộ vẫn bấm thử.',
        cause: 'objective',
        newAppointmentAt: formatInstant(Date.now() + 5 * 86_400_000),
      }),
    );
    expect(refused.code).toBe('apology_not_late');
    await c.call('outbox.recordReturn', { dossierId: d.id, returnedTo: 'Hồ Văn Đúng' });
    const f = await c.call('reports.figures', {});
    expect(f.resolved).toMatchObject({ total: 1, onTime: 1, late: 0 });
    expect((await sandboxDossiers(s.url))[0]!.apologies).toEqual([]);
  });
});
