import { describe, expect, it } from 'vitest';
import { failure } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import { UNIT } from '../helpers/unit';
import { type Client, receive, station } from '../privacy/fixtures';

const ADMIN = { username: 'quantri', name: 'Nguyễn Văn Quản', password: 'quan-tri-2026' };
const SETUP = {
  ...UNIT,
  stationCode: '02',
  officeHours: [
    { start: '07:00', end: '11:00' },
    { start: '13:00', end: '17:00' },
  ],
};

async function status(c: Client) {
  return c.call('setup.status', {});
}

describe('first-run setup (thiết lập trạm)', { timeout: 60_000 }, () => {
  it('a new station names its sample settings, and in training mode still receives with them', async () => {
    const s = station(tempDir('sohoa-setup-'));
    try {
      expect(await status(s.client)).toEqual({
        hasAccounts: false,
        trainingMode: true,
        samples: ['unitName', 'governingAgency', 'agencyCode', 'hotline', 'lookupUrl'],
        receptionBlocked: false,
      });
      const { code } = await receive(s.client, '049300001111', 'Lê Thị Hồng', 1);
      expect(code).toMatch(/^000\.00\.00\.H47-/);
    } finally {
      s.close();
    }
  });

  it('outside training mode, reception is refused while a sample is left, saying which; the wizard’s settings open it', async () => {
    const s = station(tempDir('sohoa-setup-'));
    try {
      await s.client.call('settings.update', { portalUrl: 'http://127.0.0.1:9/', hotline: UNIT.hotline });
      expect(await status(s.client)).toMatchObject({
        trainingMode: false,
        samples: ['unitName', 'governingAgency', 'agencyCode', 'lookupUrl'],
        receptionBlocked: true,
      });
      const refused = await failure(receive(s.client, '049300002222', 'Phan Văn Đức', 2));
      expect(refused.code).toBe('setup_sample_values');
      expect(refused.params?.missing).toBe(
        'tên đơn vị tiếp nhận, cơ quan chủ quản, mã định danh đơn vị, địa chỉ tra cứu hồ sơ',
      );
      const drafts = await s.client.call('dossier.list', {});
      expect(drafts.map((d) => d.status)).toEqual(['draft']);

      const session = await s.client.call('setup.complete', { admin: ADMIN, settings: SETUP });
      expect(session.account).toMatchObject({ username: 'quantri', role: 'admin' });
      s.client.setSession(session.token);
      expect(await status(s.client)).toMatchObject({
        hasAccounts: true,
        samples: [],
        receptionBlocked: false,
      });
      const saved = await s.client.call('settings.get', {});
      expect(saved).toMatchObject({ ...SETUP, portalUrl: 'http://127.0.0.1:9/' });
      const { code } = await receive(s.client, '049300003333', 'Võ Thị Lan', 3);
      expect(code).toMatch(/^000\.21\.33\.H47-/);
    } finally {
      s.close();
    }
  });

  it('is done once: a second wizard on a station with accounts is refused and changes nothing', async () => {
    const s = station(tempDir('sohoa-setup-'));
    try {
      const session = await s.client.call('setup.complete', { admin: ADMIN, settings: SETUP });
      const again = await failure(
        s.client.call('setup.complete', {
          admin: { ...ADMIN, username: 'keladanh' },
          settings: { ...SETUP, unitName: 'Đơn vị lạ' },
        }),
      );
      expect(again.code).toBe('accounts_exist');
      s.client.setSession(session.token);
      expect((await s.client.call('settings.get', {})).unitName).toBe(UNIT.unitName);
    } finally {
      s.close();
    }
  });
});
