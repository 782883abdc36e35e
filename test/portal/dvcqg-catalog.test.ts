import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { DVCQG_PATHS } from '../../electron/engine/training/dvcqg';
import type { NationalDiff } from '../../shared/api/rooms/catalog';
import { errorMessage } from '../../shared/i18n';
import { runSohoa } from '../helpers/cli';
import { failure, fastStation, testSandbox } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import { startStandin } from './standin-process';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

describe('the catalogue beside the national procedure database (LayThuTuc)', () => {
  it('without the DVCQG dialect, the comparison says in Vietnamese what to set up', async () => {
    const st = fastStation(tempDir());
    const err = await failure(st.client.call('catalog.nationalDiff', {}));
    expect(err.code).toBe('catalog_needs_dvcqg');
    expect(errorMessage(err)).toContain('Cài đặt');
  });

  it('each local procedure is read with LayThuTuc: a differing name and field are shown, nothing is changed', async () => {
    const files = await testSandbox();
    const { url } = await startStandin(children);
    const st = fastStation(tempDir());
    await st.client.call('settings.update', {
      portalUrl: files.url,
      portalDialect: 'dvcqg',
      dvcqgAdapterUrl: url,
      dvcqgUsername: 'donvi',
      dvcqgMadonvi: '000.00.00.H01',
      dvcqgPassword: 'matkhau',
    });
    const view = await st.client.call('settings.get', {});
    expect(view).toMatchObject({ dvcqgPasswordSet: true, portalDialect: 'dvcqg' });
    expect(JSON.stringify(view)).not.toContain('matkhau');
    const before = await st.client.call('catalog.list', {});
    const diff = await st.client.call('catalog.nationalDiff', {});
    const by = (code: string) => diff.items.find((i) => i.code === code)!;
    expect(by('1.000656')).toMatchObject({ found: true, differs: [] });
    expect(by('1.001193')).toMatchObject({
      localName: 'Đăng ký khai sinh',
      nationalName: 'Thủ tục đăng ký khai sinh',
      differs: ['name'],
    });
    expect(by('1.000894')).toMatchObject({ nationalField: 'Hôn nhân và gia đình', differs: ['field'] });
    expect(diff.items.filter((i) => !i.found).length).toBe(before.length - 3);
    expect(await st.client.call('catalog.list', {})).toEqual(before);
  });

  it('`sohoa catalog sync --json` against the training portal in DVCQG mode: LayThuTuc gives each procedure its national name and field', async () => {
    const portal = await testSandbox({
      dvcqgProcedures: [
        { code: '1.001193', name: 'Thủ tục đăng ký khai sinh', fieldCode: 'G09-TP01', fieldName: 'Hộ tịch' },
        { code: '1.000656', name: 'Đăng ký khai tử', fieldCode: 'G09-TP01', fieldName: 'Hộ tịch' },
      ],
    });
    const dir = tempDir();
    {
      const st = fastStation(dir);
      await st.client.call('settings.update', {
        portalUrl: portal.url,
        portalDialect: 'dvcqg',
        dvcqgAdapterUrl: portal.url,
        dvcqgAuthEndpoint: DVCQG_PATHS.auth,
        dvcqgIntegrationEndpoint: DVCQG_PATHS.integration,
        dvcqgShareEndpoint: DVCQG_PATHS.share,
        dvcqgUsername: 'donvi-h47',
        dvcqgMadonvi: '000.00.00.H47',
        // The training portal's password is its secret.
        dvcqgPassword: 'sandbox',
      });
      st.close();
    }
    const r = await runSohoa(['--data', dir, 'catalog', 'sync', '--json'], process.env);
    expect(r.code, r.err).toBe(0);
    const diff = JSON.parse(r.out) as NationalDiff;
    const by = (code: string) => diff.items.find((i) => i.code === code)!;
    expect(by('1.001193')).toMatchObject({
      found: true,
      localName: 'Đăng ký khai sinh',
      nationalName: 'Thủ tục đăng ký khai sinh',
      nationalField: 'Hộ tịch',
      differs: ['name'],
    });
    expect(by('1.000656')).toMatchObject({ found: true, differs: [] });
    expect(diff.items.filter((i) => i.found)).toHaveLength(2);
    // What the portal received: one LayThuTuc a local procedure, on the share endpoint, by madonvi.
    const got = (await (await fetch(`${portal.url}/sandbox/dvcqg`)).json()) as {
      calls: { service: string; path: string; body: Record<string, unknown> }[];
    };
    const asked = got.calls.filter((c) => c.service === 'LayThuTuc');
    expect(asked.length).toBe(diff.items.length);
    expect(asked.every((c) => c.path === DVCQG_PATHS.share && c.body.madonvi === '000.00.00.H47')).toBe(true);

    // Without --json: one line a procedure, what differs in Vietnamese.
    const plain = await runSohoa(['--data', dir, 'catalog', 'sync'], process.env);
    expect(plain.code, plain.err).toBe(0);
    expect(plain.out).toMatch(/1\.001193\s+Đăng ký khai sinh\s+→ tên: Thủ tục đăng ký khai sinh/);
    expect(plain.out).toMatch(/1\.000656\s+Đăng ký khai tử\s+→ khớp/);
  }, 120_000);
});
