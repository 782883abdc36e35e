import { describe, expect, it } from 'vitest';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { codeOf, maskId } from '../../electron/engine/citizen';
import { Pairing, PAIRING_LOCK_MS, PAIRING_TTL_MS } from '../../electron/engine/citizen/pairing';
import type { CitizenView } from '../../shared/api/rooms/citizen';
import { StationError } from '../../shared/api/errors';
import { parseTlv, vietqrCrcOk } from '../../shared/domain/vietqr';
import type { EventMessage } from '../../shared/api/wire';
import { page, waitFor } from '../outbox/fixtures';
import { failure, fastStation } from '../helpers/station';
import { tempDir } from '../helpers/tmp';

const AN = {
  kind: 'person' as const,
  idNumber: '049090001234',
  name: 'NGUYỄN VĂN AN',
  phone: '0905123456',
  address: 'Thôn 1, Xã Tam Xuân, Quảng Nam',
};
const BINH = {
  kind: 'person' as const,
  idNumber: '048185009876',
  name: 'TRẦN THỊ BÌNH',
  phone: '0912000111',
  address: 'Tổ 5, Phường Hòa Khánh',
};
/** Everything about a citizen the citizen screen must never show. */
const secrets = (a: typeof AN) => [a.idNumber, a.name, a.phone, a.address, 'NGUYỄN', 'Thôn 1'];

/** A station with the clerk's client and a citizen screen's client, and every raw event each side heard. */
function counter() {
  const st = fastStation(tempDir(), { autoStart: false });
  const screen = connectInProcess(st.engine, { citizen: true });
  const heard: EventMessage[] = [];
  const clerkHeard: EventMessage[] = [];
  const offs = [
    st.engine.citizen.onEvent((e) => heard.push(e)),
    st.engine.onEvent((e) => clerkHeard.push(e)),
  ];
  const views: CitizenView[] = [];
  screen.on('citizen.view', (v) => views.push(v));
  const lastView = () => views.at(-1);
  return {
    ...st,
    screen,
    heard,
    clerkHeard,
    views,
    lastView,
    close() {
      offs.forEach((o) => o());
      screen.dispose();
    },
  };
}

async function addPage(c: ReturnType<typeof counter>, dossierId: string, component: string, seed: number) {
  await c.client.call('dossier.addPages', {
    dossierId,
    componentCode: component,
    files: [{ name: `${component}.png`, dataBase64: (await page(seed)).toString('base64') }],
  });
}

describe('the citizen screen (citizen room)', () => {
  it('may make only the citizen calls and hears only its view; the clerk’s side may not rate', async () => {
    const c = counter();
    try {
      // The citizen screen's channel refuses every clerk call, whatever it carries.
      expect((await failure(c.screen.call('dossier.list', {}))).code).toBe('auth_forbidden');
      expect((await failure(c.screen.call('citizen.show', { dossierId: 'x' }))).code).toBe('auth_forbidden');
      expect((await failure(c.screen.call('settings.get', {}))).code).toBe('auth_forbidden');
      // …and the clerk's channel the citizen's own.
      expect(
        (await failure(c.client.call('citizen.rate', { key: 'k', rating: { level: 'satisfied' } }))).code,
      ).toBe('citizen_only');
      expect((await failure(c.client.call('citizen.current', {}))).code).toBe('citizen_only');

      const d = await c.client.call('dossier.create', { procedureCode: '1.003005', applicantName: AN.name });
      await c.client.call('citizen.show', { dossierId: d.id });
      await addPage(c, d.id, 'TK', 1);
      await waitFor('the view to tick TK', async () => {
        const v = c.lastView();
        return v?.phase === 'reception' && v.pageCount === 1;
      });
      expect(new Set(c.heard.map((e) => e.name))).toEqual(new Set(['citizen.view']));
      expect(c.clerkHeard.some((e) => e.name === 'citizen.view')).toBe(false);
      expect(c.clerkHeard.some((e) => e.name === 'citizen.status')).toBe(true);
      expect(await c.client.call('citizen.status', {})).toEqual({ connected: 2, showing: d.id });
    } finally {
      c.close();
    }
  });

  it('ticks the components as pages come, shows the fee, then the code, appointment, VietQR and look-up QR; takes one rating; never another citizen’s data', async () => {
    const c = counter();
    try {
      await c.client.call('settings.update', {
        bankTransferAllowed: true,
        bankBin: '970436',
        bankAccount: '0011000123456',
        bankAccountName: 'UBND XA TAM XUAN',
        postalChargeVnd: 22000,
      });
      // Procedure 1.001612: GDN and CCCD required, HD optional; fee 100 000 đồng.
      const a = await c.client.call('dossier.create', { procedureCode: '1.001612', applicantName: AN.name });
      await c.client.call('reception.setApplicant', { dossierId: a.id, applicant: AN });
      await c.client.call('citizen.show', { dossierId: a.id });
      const first = await c.screen.call('citizen.current', {});
      expect(first).toMatchObject({
        phase: 'reception',
        procedureName: 'Đăng ký thành lập hộ kinh doanh',
        applicantId: '0•••••••••34',
        pageCount: 0,
        fee: { feeVnd: 100000, postalChargeVnd: 22000, paid: false, vietqr: null, payUrl: null },
      });
      if (first.phase !== 'reception') throw new Error(first.phase);
      expect(first.components.map((x) => [x.name, x.done])).toEqual([
        ['Giấy đề nghị đăng ký hộ kinh doanh', false],
        ['Bản sao giấy tờ pháp lý của chủ hộ', false],
        ['Hợp đồng thuê địa điểm kinh doanh', false],
      ]);
      expect(first.missing).toHaveLength(2);

      await addPage(c, a.id, 'GDN', 2);
      await waitFor('GDN ticked', async () => {
        const v = c.lastView();
        return v?.phase === 'reception' && v.components[0]!.done && v.missing.length === 1;
      });
      await addPage(c, a.id, 'CCCD', 3);
      await addPage(c, a.id, 'CCCD', 4);
      await waitFor('CCCD ticked with its two pages', async () => {
        const v = c.lastView();
        return v?.phase === 'reception' && v.components[1]!.pages === 2 && v.missing.length === 0;
      });

      // Mid-way the clerk opens another citizen's dossier: nothing of the first is on the screen.
      const b = await c.client.call('dossier.create', {
        procedureCode: '1.003005',
        applicantName: BINH.name,
      });
      await c.client.call('reception.setApplicant', { dossierId: b.id, applicant: BINH });
      await c.client.call('citizen.show', { dossierId: b.id });
      const other = await c.screen.call('citizen.current', {});
      const otherText = JSON.stringify(other);
      expect(other).toMatchObject({
        phase: 'reception',
        procedureName: 'Cấp bản sao trích lục hộ tịch',
        applicantId: '0•••••••••76',
      });
      for (const s of [...secrets(AN), ...secrets(BINH), 'hộ kinh doanh', '0•••••••••34'])
        expect(otherText).not.toContain(s);
      const keyA = first.phase === 'reception' ? first.key : '';
      expect(other.phase === 'reception' && other.key).not.toBe(keyA);

      // Back to the first citizen; receive.
      await c.client.call('citizen.show', { dossierId: a.id });
      const received = await c.client.call('reception.receive', {
        dossierId: a.id,
        unsignedReason: 'Ký số bổ sung sau khi tiếp nhận',
        consent: { how: 'checkbox' },
      });
      await waitFor('the received view', async () => c.lastView()?.phase === 'received');
      const view = await c.screen.call('citizen.current', {});
      if (view.phase !== 'received') throw new Error(view.phase);
      expect(view.code).toBe(received.code);
      expect(view.appointmentAt).toBe(received.appointmentAt);
      expect(view.lookupQr).toBe(
        `${received.code}\nhttps://dichvucong.quangnam.gov.vn/tra-cuu?ma=${received.code}`,
      );
      expect(view.rated).toBe(false);
      // The fee as a VietQR transfer to the unit's account, the dossier code as the note.
      expect(view.fee.vietqr).toMatchObject({ bankBin: '970436', accountName: 'UBND XA TAM XUAN' });
      const payload = view.fee.vietqr!.payload;
      expect(vietqrCrcOk(payload)).toBe(true);
      const tags = parseTlv(payload);
      expect(tags.find((t) => t.id === '54')!.value).toBe('100000');
      expect(parseTlv(tags.find((t) => t.id === '62')!.value)).toEqual([{ id: '08', value: received.code! }]);
      const viewText = JSON.stringify([view, ...c.views]);
      for (const s of secrets(AN)) expect(viewText).not.toContain(s);
      for (const s of secrets(BINH)) expect(viewText).not.toContain(s);

      // Paid at the counter: the QR goes.
      await c.client.call('payment.request', { dossierId: a.id, method: 'cash' });
      await waitFor('the paid view', async () => {
        const v = c.lastView();
        return v?.phase === 'received' && v.fee.paid && v.fee.vietqr === null;
      });

      // A rating on an old view (the other dossier's key) is refused; on this one it is stored, once.
      const stale = await failure(
        c.screen.call('citizen.rate', { key: keyA, rating: { level: 'satisfied' } }),
      );
      expect(stale.code).toBe('citizen_view_stale');
      const thanks = await c.screen.call('citizen.rate', {
        key: view.key,
        rating: { level: 'unsatisfied', reasons: ['waiting', 'attitude'], comment: 'Chờ lâu' },
      });
      expect(thanks.phase).toBe('thanks');
      expect(
        (await failure(c.screen.call('citizen.rate', { key: view.key, rating: { level: 'satisfied' } })))
          .code,
      ).toBe('citizen_view_stale');
      // Shown again, the dossier says it is rated; a second rating is refused by the room.
      await c.client.call('citizen.show', { dossierId: a.id });
      const again = await c.screen.call('citizen.current', {});
      expect(again.phase === 'received' && again.rated).toBe(true);
      const second = await failure(
        c.screen.call('citizen.rate', {
          key: again.phase === 'received' ? again.key : '',
          rating: { level: 'very_satisfied' },
        }),
      );
      expect(second.code).toBe('feedback_exists');
      const [stored] = await c.client.call('feedback.list', {});
      expect(stored).toMatchObject({
        dossierId: a.id,
        level: 'unsatisfied',
        reasons: ['waiting', 'attitude'],
      });
      // A rating for a dossier never received: refused.
      await c.client.call('citizen.show', { dossierId: b.id });
      const draft = await c.screen.call('citizen.current', {});
      const refused = await failure(
        c.screen.call('citizen.rate', {
          key: draft.phase === 'reception' ? draft.key : '',
          rating: { level: 'satisfied' },
        }),
      );
      expect(refused.code).toBe('feedback_not_received');
      // Reasons only with "Không hài lòng".
      const bad = await failure(
        c.screen.call('citizen.rate', { key: 'x', rating: { level: 'satisfied', reasons: ['waiting'] } }),
      );
      expect(bad.code).toBe('invalid_request');

      // The audit trail has the rating, as the citizen's, without the comment.
      const log = await c.client.call('audit.list', { dossierId: a.id });
      const entry = log.find((e) => e.action === 'citizen.rate');
      expect(entry?.actor).toBe('Người dân (màn hình người dân)');
      expect(JSON.stringify(entry)).not.toContain('Chờ lâu');

      await c.client.call('citizen.idle', {});
      expect(await c.screen.call('citizen.current', {})).toMatchObject({
        phase: 'idle',
        unit: { hotline: '0235.3.822.xxx (mẫu)', switchboard: '1022 Quảng Nam: 0235.1022' },
      });
    } finally {
      c.close();
    }
  });

  it('looks a dossier up by its code or the receipt’s QR text, with the procedure and dates only; limits look-ups', async () => {
    const st = fastStation(tempDir(), { autoStart: false });
    const screen = connectInProcess(st.engine, { citizen: true });
    try {
      const d = await st.client.call('dossier.create', { procedureCode: '1.003005', applicantName: AN.name });
      await st.client.call('reception.setApplicant', { dossierId: d.id, applicant: AN });
      await st.client.call('dossier.addPages', {
        dossierId: d.id,
        componentCode: 'TK',
        files: [{ name: 'tk.png', dataBase64: (await page(9)).toString('base64') }],
      });
      const r = await st.client.call('reception.receive', {
        dossierId: d.id,
        unsignedReason: 'Ký số bổ sung sau khi tiếp nhận',
      });
      const code = r.code!;
      const found = await screen.call('citizen.lookup', { code });
      expect(found).toEqual({
        found: true,
        code,
        procedureName: 'Cấp bản sao trích lục hộ tịch',
        status: 'received',
        receivedAt: r.receivedAt,
        appointmentAt: r.appointmentAt,
      });
      // What a reader in keyboard mode sends from the receipt's QR: the code, or the link with ?ma=.
      expect(
        await screen.call('citizen.lookup', { code: `${code}\nhttps://x.gov.vn/tra-cuu?ma=${code}` }),
      ).toEqual(found);
      expect(
        await screen.call('citizen.lookup', {
          code: `https://x.gov.vn/tra-cuu?ma=${encodeURIComponent(code)}`,
        }),
      ).toEqual(found);
      for (const s of secrets(AN)) expect(JSON.stringify(found)).not.toContain(s);
      expect(await screen.call('citizen.lookup', { code: '000.00.00.H47-000000-9999' })).toEqual({
        found: false,
        code: '000.00.00.H47-000000-9999',
      });
      // A draft has no code to find; guessing codes in bulk is cut off.
      let throttled = null;
      for (let i = 0; i < 25 && !throttled; i++) {
        const res = await screen
          .call('citizen.lookup', { code: `000.00.00.H47-261203-${i}` })
          .catch((e: unknown) => e);
        if (!(res as { found?: boolean }).found && (res as { error?: { code: string } }).error)
          throttled = (res as { error: { code: string } }).error.code;
      }
      expect(throttled).toBe('citizen_lookup_throttled');
      expect(codeOf('  ABC-1  ')).toBe('ABC-1');
      expect(maskId('049090001234')).toBe('0•••••••••34');
      expect(maskId('0101234567')).toBe('0•••••••67');
    } finally {
      screen.dispose();
    }
  });
});

describe('pairing a /citizen page (web mode)', () => {
  const code = (fn: () => unknown) => {
    try {
      return fn();
    } catch (err) {
      return err instanceof StationError ? err.code : String(err);
    }
  };

  it('takes the code once, within five minutes; five wrong tries lock it for a minute', () => {
    let now = 1_000_000;
    const p = new Pairing(() => now);
    const { code: first } = p.issue();
    expect(first).toMatch(/^\d{6}$/);
    const token = p.redeem(first);
    expect(p.valid(token)).toBe(true);
    expect(p.valid('not-a-token')).toBe(false);
    // Reused: refused.
    expect(code(() => p.redeem(first))).toBe('citizen_pairing_invalid');

    // Expired after five minutes.
    const { code: late } = p.issue();
    now += PAIRING_TTL_MS + 1;
    expect(code(() => p.redeem(late))).toBe('citizen_pairing_invalid');

    // A new code replaces the last.
    const { code: older } = p.issue();
    const { code: newer } = p.issue();
    if (older !== newer) expect(code(() => p.redeem(older))).toBe('citizen_pairing_invalid');

    // Guessing (a fresh station): the fifth wrong try locks pairing, even for the right code, for a minute.
    const g = new Pairing(() => now);
    const { code: right } = g.issue();
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) expect(code(() => g.redeem(wrong))).toBe('citizen_pairing_invalid');
    expect(code(() => g.redeem(right))).toBe('citizen_pairing_locked');
    now += PAIRING_LOCK_MS + 1;
    // The code that was on screen while someone guessed is gone too: the clerk takes a new one.
    expect(code(() => g.redeem(right))).toBe('citizen_pairing_invalid');
    const { code: fresh } = g.issue();
    expect(g.valid(g.redeem(fresh))).toBe(true);
  });
});
