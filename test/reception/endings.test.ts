import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { calls } from '../../shared/api/contract';
import type { Client } from '../../shared/api/client';
import { errorMessage } from '../../shared/i18n';
import { failure, fastStation as station, testSandbox as sandbox } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import { makeBatch, page, sandboxDossiers, waitFor } from '../outbox/fixtures';
import { DVCQG_PATHS, type DvcqgReceived } from '../../electron/engine/training/dvcqg';

/** Received dossiers, each consented to online submission, as a batch import leaves them (codes, queue items). */
async function received(c: Client, dir: string, count: number): Promise<string[]> {
  await makeBatch(path.join(dir, 'batch'), count);
  await c.call('batch.import', { dir: path.join(dir, 'batch') });
  const ids = [...new Set((await c.call('outbox.overview', {})).items.map((i) => i.dossierId))];
  expect(ids).toHaveLength(count);
  return ids;
}

const itemsOf = async (c: Client, id: string) =>
  (await c.call('outbox.overview', {})).items.filter((i) => i.dossierId === id);

describe('a citizen withdraws a received dossier (rút hồ sơ)', { timeout: 240_000 }, () => {
  it('ends it with status 7 on the portal, once, and nothing more is polled, fetched or handed over', async () => {
    const dir = tempDir();
    // The sandbox moves a dossier 2 → 4 → 9 (with a result) a second per step, when asked.
    const s = await sandbox({ advanceMs: 1000 });
    const c = station(path.join(dir, 'station')).client;
    const [early, late, kept] = await received(c, dir, 3);

    // The first citizen withdraws before anything reached the portal.
    const why = 'Người dân xin rút hồ sơ để bổ sung giấy tờ bản chính, sẽ nộp lại sau.';
    const w = await c.call('reception.withdraw', { dossierId: early!, reason: `  ${why}  ` });
    expect(w.status).toBe('withdrawn');
    expect(w.withdrawal).toMatchObject({ reason: why });
    expect(w.withdrawal!.at).toMatch(/\+07:00$/);
    const queued = await itemsOf(c, early!);
    expect(queued.map((i) => [i.kind, i.event, i.state]).sort()).toEqual([
      ['event', 'withdrawal', 'queued'],
      ['submit', null, 'queued'],
    ]);

    const first = await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 90_000 });
    expect(first).toMatchObject({ submitted: 3, pending: 0, failed: 0 });

    // The second withdraws once the dossier is on the portal, before its result.
    const w2 = await c.call('reception.withdraw', {
      dossierId: late!,
      reason: 'Công dân đổi ý, không tiếp tục làm thủ tục này.',
    });
    expect(w2.status).toBe('withdrawn');
    // Queued behind the submission (the worker may already be sending it).
    expect((await itemsOf(c, late!)).filter((i) => i.kind === 'event').map((i) => i.event)).toEqual([
      'withdrawal',
    ]);
    await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 60_000 });

    // The third, kept, goes on to its result: the status polls go on for the others.
    await waitFor(
      'the kept dossier’s result',
      async () => (await itemsOf(c, kept!)).find((i) => i.kind === 'submit' && i.state === 'result_ready'),
      60_000,
      200,
    );
    // Once more, past the time a result would have come: nothing is sent twice, nothing fetched.
    await new Promise((r) => setTimeout(r, 2500));
    await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 30_000 });

    const held = await sandboxDossiers(s.url);
    const codeOf = async (id: string) => (await c.call('dossier.get', { dossierId: id })).code!;
    for (const [id, reason] of [
      [early!, why],
      [late!, 'Công dân đổi ý, không tiếp tục làm thủ tục này.'],
    ] as const) {
      const code = await codeOf(id);
      const p = held.find((x) => x.code === code)!;
      expect(p.status).toBe(7);
      expect(p.events.map((e) => [e.LoaiSuKien, e.TrangThaiHoSo, e.NoiDung])).toEqual([
        ['RUT_HO_SO', 7, reason],
      ]);
      const items = await itemsOf(c, id);
      // The submission is over without a result; no hand-over item, nothing but the two.
      expect(items.map((i) => [i.kind, i.state]).sort()).toEqual([
        ['event', 'done'],
        ['submit', 'done'],
      ]);
      expect(items.find((i) => i.kind === 'submit')!.results).toEqual([]);
      // The clerk cannot hand over a result of a withdrawn dossier.
      const handover = await failure(
        c.call('outbox.recordReturn', { dossierId: id, returnedTo: 'Người nhà' }),
      );
      expect(handover.code).toBe('dossier_ended');
      expect(errorMessage(handover, 'vi')).toContain('được người dân rút');
    }

    // A withdrawn dossier ends once: no second withdrawal, no refusal, no completion request after.
    const again = await failure(c.call('reception.withdraw', { dossierId: early!, reason: why }));
    expect(again.code).toBe('dossier_ended');
    expect(errorMessage(again, 'vi')).toMatch(
      /^Hồ sơ .+ đã được người dân rút lúc \d\d\/\d\d\/\d{4} \d\d:\d\d /,
    );
    expect((await failure(c.call('reception.refuse', { dossierId: early!, reason: why }))).code).toBe(
      'dossier_ended',
    );
    expect(
      (await failure(c.call('reception.requestCompletion', { dossierId: early!, reason: 'Thiếu bản chính' })))
        .code,
    ).toBe('dossier_wrong_status');
    // Its pages stay as received.
    expect(
      (await failure(c.call('dossier.deletePage', { pageId: w.components[0]!.pages[0]!.id }))).code,
    ).toBe('dossier_locked');
  });
});

describe(
  'the counter refuses a dossier it already received (từ chối giải quyết)',
  { timeout: 180_000 },
  () => {
    it('ends it refused, tells the portal status 3 and prints form 03 with the reason', async () => {
      const dir = tempDir();
      const s = await sandbox({ advanceMs: 0 });
      const c = station(path.join(dir, 'station')).client;
      const [id] = await received(c, dir, 1);
      await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 60_000 });

      const reason = 'Giấy chứng tử không phải bản chính, cơ quan cấp xác nhận là giả.';
      const d = await c.call('reception.refuse', { dossierId: id!, reason });
      expect(d.status).toBe('refused');
      expect(d.refusal).toMatchObject({ reason });
      expect((await itemsOf(c, id!)).filter((i) => i.kind === 'event').map((i) => i.event)).toEqual([
        'refusal',
      ]);
      const sync = await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 60_000 });
      expect(sync).toMatchObject({ pending: 0, failed: 0 });
      const p = (await sandboxDossiers(s.url)).find((x) => x.code === d.code)!;
      expect(p.status).toBe(3);
      expect(p.events.map((e) => [e.LoaiSuKien, e.TrangThaiHoSo, e.NoiDung])).toEqual([
        ['TU_CHOI', 3, reason],
      ]);
      expect((await itemsOf(c, id!)).map((i) => [i.kind, i.state]).sort()).toEqual([
        ['event', 'done'],
        ['submit', 'done'],
      ]);

      // Form 03 prints the reason; form 01 is no longer made for it, said in words.
      const f = await c.call('reception.receipt', { dossierId: id!, form: '03' });
      const file = path.join(dir, '03.pdf');
      fs.writeFileSync(file, Buffer.from(f.dataBase64, 'base64'));
      expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain(
        reason,
      );
      const receipt = await failure(c.call('reception.receipt', { dossierId: id!, form: '01' }));
      expect(receipt.code).toBe('form_wrong_status');
      expect(receipt.params).toMatchObject({ status: 'đã từ chối giải quyết' });
      // Ended: no withdrawal after a refusal, no hand-over.
      expect((await failure(c.call('reception.withdraw', { dossierId: id!, reason }))).code).toBe(
        'dossier_ended',
      );
      expect(
        (await failure(c.call('outbox.recordReturn', { dossierId: id!, returnedTo: 'Chủ hồ sơ' }))).code,
      ).toBe('dossier_ended');
    });
  },
);

describe(
  'the agency stops processing a received dossier (thông báo dừng giải quyết)',
  { timeout: 240_000 },
  () => {
    const why = 'Cơ quan có thẩm quyền yêu cầu xác minh lại chữ ký trên văn bản ủy quyền.';

    it('SoHoa protocol: ended with status 8 and the reason, once, after the submission; nothing handed over, not in the backlog', async () => {
      const dir = tempDir();
      const s = await sandbox({ advanceMs: 0 });
      const c = station(path.join(dir, 'station')).client;
      const [early] = await received(c, dir, 2);

      // Stopped before anything reached the portal: queued behind the submission.
      const d = await c.call('reception.stopNotice', { dossierId: early!, reason: why });
      expect(d.status).toBe('stopped');
      expect(d.stopNotices).toMatchObject([{ reason: why }]);
      expect(d.stopNotices![0]!.at).toMatch(/\+07:00$/);
      const items = await itemsOf(c, early!);
      expect(items.map((i) => [i.kind, i.event, i.state]).sort()).toEqual([
        ['event', 'stop', 'queued'],
        ['submit', null, 'queued'],
      ]);
      // (The event goes only after the submission: the portal knows no event of a dossier it does not hold.)

      const sync = await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 90_000 });
      expect(sync).toMatchObject({ submitted: 2, pending: 0, failed: 0 });
      const held = await sandboxDossiers(s.url);
      const p = held.find((x) => x.code === d.code)!;
      expect(p.status).toBe(8);
      expect(p.events.map((e) => [e.LoaiSuKien, e.TrangThaiHoSo, e.NoiDung])).toEqual([
        ['DUNG_XU_LY', 8, why],
      ]);
      // The next status poll closes the submission without fetching anything.
      await waitFor(
        'the submission closed',
        async () => {
          await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 5_000 });
          return (await itemsOf(c, early!)).every((i) => i.state === 'done') || null;
        },
        60_000,
        200,
      );
      expect((await itemsOf(c, early!)).map((i) => [i.kind, i.state, i.results]).sort()).toEqual([
        ['event', 'done', []],
        ['submit', 'done', []],
      ]);
      // The other dossier is untouched by it.
      expect(held.find((x) => x.code !== d.code)!.events).toEqual([]);

      // Ended: no hand-over, no second notice, no withdrawal after it — said in words.
      const handover = await failure(
        c.call('outbox.recordReturn', { dossierId: early!, returnedTo: 'Chủ hồ sơ' }),
      );
      expect(handover.code).toBe('dossier_ended');
      expect(errorMessage(handover, 'vi')).toContain('bị dừng giải quyết');
      const again = await failure(c.call('reception.stopNotice', { dossierId: early!, reason: why }));
      expect(again.code).toBe('dossier_ended');
      expect(errorMessage(again, 'vi')).toMatch(
        /^Hồ sơ .+ đã bị dừng giải quyết lúc \d\d\/\d\d\/\d{4} \d\d:\d\d /,
      );
      expect((await failure(c.call('reception.withdraw', { dossierId: early!, reason: why }))).code).toBe(
        'dossier_ended',
      );
      // The notice still prints (form 07) with its reason.
      const f = await c.call('reception.receipt', { dossierId: early!, form: '07' });
      const file = path.join(dir, '07.pdf');
      fs.writeFileSync(file, Buffer.from(f.dataBase64, 'base64'));
      expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain(
        why,
      );

      // The backlog no longer counts it (it will never be late): only the kept dossier is open.
      const { pending } = await c.call('reports.figures', {});
      expect(pending.notDue + pending.dueSoon + pending.overdue + pending.awaitingCompletion).toBe(1);
    });

    it('DVCQG: a progress line with TrangThai "8" and the reason; a paper dossier sends nothing', async () => {
      const dir = tempDir();
      const s = await sandbox({ advanceMs: 60_000 });
      const c = station(path.join(dir, 'station')).client;
      const [id] = await received(c, dir, 1);
      const dvcqg = {
        adapterUrl: s.url,
        authEndpoint: DVCQG_PATHS.auth,
        integrationEndpoint: DVCQG_PATHS.integration,
        shareEndpoint: DVCQG_PATHS.share,
        username: 'donvi',
        madonvi: '000.00.00.H47',
        password: 'sandbox',
      };
      const first = await c.call('outbox.sync', {
        portalUrl: s.url,
        dvcqg,
        untilEmpty: true,
        timeoutMs: 60_000,
      });
      expect(first).toMatchObject({ submitted: 1, failed: 0 });
      const d = await c.call('reception.stopNotice', { dossierId: id!, reason: why });
      const sync = await c.call('outbox.sync', {
        portalUrl: s.url,
        dvcqg,
        untilEmpty: true,
        timeoutMs: 60_000,
      });
      expect(sync).toMatchObject({ pending: 0, failed: 0 });
      const got = (await (await fetch(`${s.url}/sandbox/dvcqg`)).json()) as DvcqgReceived;
      const lines = got.progress.filter((l) => l.MaHoSo === d.code);
      expect(lines.map((l) => [l.TrangThai, l.NoiDungXuLy])).toEqual([['8', why]]);
      expect(lines[0]).toMatchObject({ PhongBanXuLy: '000.00.00.H47' });
      // The file service holds it too (status 8), the event once.
      const held = (await sandboxDossiers(s.url)).find((x) => x.code === d.code)!;
      expect(held.status).toBe(8);
      expect(held.events.map((e) => e.LoaiSuKien)).toEqual(['DUNG_XU_LY']);

      // A paper dossier (no consent to submit online) is stopped at the counter only.
      const paper = await c.call('dossier.create', {
        procedureCode: '1.000656',
        applicantName: 'Võ Thị Giấy',
      });
      for (const [i, code] of ['TK', 'GBT'].entries())
        await c.call('dossier.addPages', {
          dossierId: paper.id,
          componentCode: code,
          files: [{ name: `${code}.png`, dataBase64: (await page(70 + i)).toString('base64') }],
        });
      await c.call('reception.receive', {
        dossierId: paper.id,
        unsignedReason: 'Ký số bổ sung sau khi tiếp nhận',
      });
      const stopped = await c.call('reception.stopNotice', { dossierId: paper.id, reason: why });
      expect(stopped.status).toBe('stopped');
      expect(await itemsOf(c, paper.id)).toEqual([]);
      await c.call('outbox.sync', { portalUrl: s.url, dvcqg, untilEmpty: true, timeoutMs: 10_000 });
      expect((await sandboxDossiers(s.url)).map((x) => x.code)).toEqual([d.code]);
    });
  },
);

describe(
  'bad reasons and the wrong dossier are refused in words, changing nothing',
  { timeout: 120_000 },
  () => {
    it('a reason of fewer than 10 or more than 2000 characters, or a draft', async () => {
      const dir = tempDir();
      const c = station(path.join(dir, 'station')).client;
      const [id] = await received(c, dir, 1);
      for (const [reason, length] of [
        ['', 0],
        ['   ', 0],
        ['Đổi ý.', 6],
        ['  123456789  ', 9],
        ['x'.repeat(2001), 2001],
      ] as const) {
        for (const method of ['reception.withdraw', 'reception.refuse'] as const) {
          const err = await failure(c.call(method, { dossierId: id!, reason }));
          expect(err.code, `${method} «${reason.slice(0, 20)}»`).toBe('ending_reason_invalid');
          expect(err.params).toMatchObject({ length, min: 10, max: 2000 });
          expect(errorMessage(err, 'vi')).toContain(
            `Hãy ghi lý do ${method === 'reception.withdraw' ? 'rút hồ sơ' : 'từ chối'} từ 10 đến 2000 ký tự`,
          );
        }
      }
      // Not a string at all: the same words.
      const notText = await failure(
        c.call('reception.withdraw', { dossierId: id!, reason: 42 as unknown as string }),
      );
      expect(notText.code).toBe('ending_reason_invalid');
      const d = await c.call('dossier.get', { dossierId: id! });
      expect(d.status).toBe('received');
      expect(d.withdrawal ?? null).toBeNull();
      expect((await itemsOf(c, id!)).map((i) => i.kind)).toEqual(['submit']);

      // Exactly 10 and exactly 2000 characters are enough.
      const ten = await c.call('reception.withdraw', { dossierId: id!, reason: 'Rút hồ sơ!' });
      expect(ten.withdrawal?.reason).toBe('Rút hồ sơ!');

      // A draft is not withdrawn (there is nothing received to withdraw): the words say what to do.
      const draft = await c.call('dossier.create', { procedureCode: '1.000656', applicantName: 'Võ Thị Em' });
      const notReceived = await failure(
        c.call('reception.withdraw', { dossierId: draft.id, reason: 'Người dân không nộp nữa.' }),
      );
      expect(notReceived.code).toBe('withdraw_not_received');
      expect(errorMessage(notReceived, 'vi')).toContain('chưa được tiếp nhận nên không cần rút');
      // A draft refused stays a draft (form 03 at the counter), nothing queued.
      const refusedDraft = await c.call('reception.refuse', {
        dossierId: draft.id,
        reason: 'x'.repeat(2000),
      });
      expect(refusedDraft.status).toBe('draft');
      expect(refusedDraft.refusal?.reason).toHaveLength(2000);
      expect(await itemsOf(c, draft.id)).toEqual([]);
    });
  },
);

describe('who may end a dossier', { timeout: 120_000 }, () => {
  it('a signed-in clerk may; nobody signed in may not, not even through the raw dispatch', async () => {
    expect(calls['reception.withdraw'].role).toBe('clerk');
    expect(calls['reception.refuse'].role).toBe('clerk');
    const dir = tempDir();
    const st = station(path.join(dir, 'station'));
    const [id] = await received(st.client, dir, 1);
    const admin = await st.client.call('accounts.setup', {
      username: 'quantri',
      name: 'Phạm Quản Trị',
      password: 'mat-khau-quan-tri',
    });
    st.client.setSession(admin.token);
    await st.client.call('accounts.add', {
      username: 'binh',
      name: 'Trần Thị Bình',
      role: 'clerk',
      password: 'binh-12345',
    });
    await st.client.call('accounts.signOut', {});
    st.client.setSession(null);
    const reason = 'Người dân xin rút hồ sơ tại quầy.';
    expect((await failure(st.client.call('reception.withdraw', { dossierId: id!, reason }))).code).toBe(
      'auth_required',
    );
    const reply = await st.engine.dispatch({
      kind: 'call',
      id: 1,
      method: 'reception.withdraw',
      params: { dossierId: id!, reason },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'auth_required' } });

    const session = await st.client.call('accounts.signIn', { username: 'binh', password: 'binh-12345' });
    st.client.setSession(session.token);
    expect((await st.client.call('dossier.get', { dossierId: id! })).status).toBe('received');
    const d = await st.client.call('reception.withdraw', { dossierId: id!, reason });
    // Recorded under the clerk signed in, and in the audit trail.
    expect(d.withdrawal).toMatchObject({ reason, by: 'Trần Thị Bình' });
    const audit = await st.client.call('audit.list', { dossierId: id!, limit: 50 });
    expect(JSON.stringify(audit)).toContain('reception.withdraw');
  });
});
