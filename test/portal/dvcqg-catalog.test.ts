import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { errorMessage } from '../../shared/i18n';
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
});
