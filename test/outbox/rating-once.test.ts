import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { DVCQG_PATHS, type DvcqgReceived } from '../../electron/engine/training/dvcqg';
import { fastStation, testSandbox } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import { makeBatch, sandboxDossiers } from './fixtures';

/**
 * Đánh giá hài lòng reaches the portal once: the citizen rates on the citizen screen, the outbox
 * sends the rating as an event of its own, the portal does the work but its answer is lost, the
 * outbox retries — and the portal still holds one rating, in either dialect.
 */
async function ratedAtTheCounter(dir: string) {
  await makeBatch(path.join(dir, 'batch'), 1);
  const st = fastStation(path.join(dir, 'station'));
  const c = st.client;
  await c.call('batch.import', { dir: path.join(dir, 'batch') });
  const dossierId = (await c.call('outbox.overview', {})).items[0]!.dossierId;
  const rate = async () => {
    // The clerk's screen shows the dossier; the citizen rates it on theirs.
    const screen = connectInProcess(st.engine, { citizen: true });
    await c.call('citizen.show', { dossierId });
    const view = await screen.call('citizen.current', {});
    expect(view.phase).not.toBe('idle');
    const thanks = await screen.call('citizen.rate', {
      key: (view as { key: string }).key,
      rating: { level: 'unsatisfied', reasons: ['waiting'], comment: 'Chờ lâu quá' },
    });
    expect(thanks.phase).toBe('thanks');
    screen.dispose();
  };
  return { st, c, dossierId, rate };
}

const ratingItems = async (c: ReturnType<typeof fastStation>['client']) =>
  (await c.call('outbox.overview', {})).items.filter((i) => i.kind === 'event' && i.event === 'rating');

describe(
  'the citizen’s rating is sent once, even when the portal’s answer is lost',
  { timeout: 120_000 },
  () => {
    it('DVCQG: CapNhatTienDoHoSoMC done but its answer lost; the retry finds the line by TraCuuHoSo and does not send it again', async () => {
      const dir = tempDir();
      const s = await testSandbox({ advanceMs: 60_000 });
      const { c, rate } = await ratedAtTheCounter(dir);
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
        timeoutMs: 30_000,
      });
      expect(first).toMatchObject({ submitted: 1, failed: 0 });
      const code = first.items.find((i) => i.kind === 'submit')!.code!;

      await rate();
      expect(await ratingItems(c)).toHaveLength(1);
      s.setFaults({ loseAnswerOf: ['CapNhatTienDoHoSoMC'] });
      const sync = await c.call('outbox.sync', {
        portalUrl: s.url,
        dvcqg,
        untilEmpty: true,
        timeoutMs: 30_000,
      });
      expect(sync).toMatchObject({ pending: 0, failed: 0 });
      const [item] = await ratingItems(c);
      expect(item!.state).toBe('done');
      // Once more, nothing new goes.
      await c.call('outbox.sync', { portalUrl: s.url, dvcqg, untilEmpty: true, timeoutMs: 10_000 });

      const got = (await (await fetch(`${s.url}/sandbox/dvcqg`)).json()) as DvcqgReceived;
      const lines = got.progress.filter((l) => l.MaHoSo === code);
      const ratings = lines.filter((l) => String(l.NoiDungXuLy).startsWith('Đánh giá của người dân'));
      expect(ratings).toHaveLength(1);
      expect(ratings[0]!.NoiDungXuLy).toContain('mức 3');
      expect(ratings[0]!.NoiDungXuLy).toContain('Chờ lâu quá');
      // The one line is the one whose answer was lost; the retry only asked.
      const progressCalls = got.calls.filter((x) => x.service === 'CapNhatTienDoHoSoMC');
      expect(progressCalls.map((x) => x.answer)).toEqual(['lost']);
      const lostAt = got.calls.indexOf(progressCalls[0]!);
      expect(got.calls.slice(lostAt + 1).some((x) => x.service === 'TraCuuHoSo')).toBe(true);
      // The file service kept the event once too.
      const held = (await sandboxDossiers(s.url)).find((d) => d.code === code)!;
      expect(held.events.filter((e) => e.LoaiSuKien === 'DANH_GIA')).toHaveLength(1);
    });

    it('SoHoa protocol: the su-kien call done but its answer lost; the retry with the same key records nothing new', async () => {
      const dir = tempDir();
      const s = await testSandbox({ advanceMs: 60_000 });
      const { c, rate } = await ratedAtTheCounter(dir);
      const first = await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 30_000 });
      expect(first).toMatchObject({ submitted: 1, failed: 0 });
      const code = first.items.find((i) => i.kind === 'submit')!.code!;

      await rate();
      s.setFaults({ loseAnswerOf: ['su-kien'] });
      const sync = await c.call('outbox.sync', { portalUrl: s.url, untilEmpty: true, timeoutMs: 30_000 });
      expect(sync).toMatchObject({ pending: 0, failed: 0 });
      const [item] = await ratingItems(c);
      expect(item).toMatchObject({ state: 'done' });
      // The answer was lost indeed: the sandbox used the fault up.
      const faults = (await (
        await fetch(`${s.url}/sandbox/faults`, { method: 'POST', body: '{}' })
      ).json()) as {
        loseAnswerOf: string[];
      };
      expect(faults.loseAnswerOf).toEqual([]);

      const held = (await sandboxDossiers(s.url)).find((d) => d.code === code)!;
      const ratings = held.events.filter((e) => e.LoaiSuKien === 'DANH_GIA');
      expect(ratings).toHaveLength(1);
      expect(ratings[0]).toMatchObject({ MucDanhGia: 3 });
    });
  },
);
