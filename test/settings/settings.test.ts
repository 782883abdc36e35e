import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { tempDir } from '../helpers/tmp';

describe('station settings', () => {
  it('keeps every other setting when one is changed, and across a restart', async () => {
    const dir = tempDir();
    let engine = createEngine({ dataDir: dir });
    let client = connectInProcess(engine);
    const defaults = await client.call('settings.get', {});
    await client.call('settings.update', { agencyCode: '000.00.53.H48', hotline: '0255.3.999.999' });
    const after = await client.call('settings.update', { unitName: 'Bộ phận Một cửa xã Tam Kỳ' });
    expect(after).toMatchObject({
      agencyCode: '000.00.53.H48',
      hotline: '0255.3.999.999',
      unitName: 'Bộ phận Một cửa xã Tam Kỳ',
      switchboard: defaults.switchboard,
    });
    client.dispose();
    engine.close();

    engine = createEngine({ dataDir: dir });
    client = connectInProcess(engine);
    expect(await client.call('settings.get', {})).toEqual(after);
    client.dispose();
    engine.close();
  });

  it('refuses a value that does not fit, and changes nothing', async () => {
    const engine = createEngine({ dataDir: tempDir() });
    const client = connectInProcess(engine);
    const before = await client.call('settings.get', {});
    await expect(client.call('settings.update', { stationCode: 'trạm một' })).rejects.toMatchObject({
      error: { code: 'invalid_request' },
    });
    expect(await client.call('settings.get', {})).toEqual(before);
    client.dispose();
    engine.close();
  });
});
