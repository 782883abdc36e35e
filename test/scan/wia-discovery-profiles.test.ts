import { describe, expect, it } from 'vitest';
import { parseUscanResponse } from '../../electron/engine/scan/escl/discovery';
import {
  listScript,
  parseLine,
  parseList,
  powershellArgs,
  psQuote,
  scanScript,
  wiaError,
} from '../../electron/engine/scan/wia';
import { b64, scanImage } from '../helpers/images';
import { openStation } from './helpers';

describe('Windows scanners through WIA (adapter only: PowerShell cannot run here)', () => {
  it('builds a feeder-duplex scan script with the right WIA properties and a safely quoted device id', () => {
    const script = scanScript(
      {
        device: "{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001 O'Brien",
        source: 'adf-duplex',
        dpi: 300,
        mode: 'gray',
        maxPages: 0,
      },
      'C:\\Users\\clerk\\AppData\\Local\\Temp\\sohoa-wia-1',
    );
    expect(script).toContain("$_.DeviceID -eq '{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001 O''Brien'");
    expect(script).toContain('Set-Prop $dev.Properties 3088 5'); // FEEDER | DUPLEX
    expect(script).toContain('Set-Prop $dev.Properties 3096 0'); // all pages
    expect(script).toContain('Set-Prop $item.Properties 6146 2'); // grayscale intent
    expect(script).toContain('Set-Prop $item.Properties 6147 300');
    expect(script).toContain('Set-Prop $item.Properties 6148 300');
    expect(script).toContain("Transfer('{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}')"); // PNG
    expect(script).toContain('while ($true)');
    const flatbed = scanScript(
      { device: 'x', source: 'flatbed', dpi: 200, mode: 'color', maxPages: 0 },
      'C:\\t',
    );
    expect(flatbed).toContain('Set-Prop $dev.Properties 3088 2');
    expect(flatbed).toContain('while ($n -lt 1)');
    expect(
      scanScript({ device: 'x', source: 'adf', dpi: 200, mode: 'lineart', maxPages: 5 }, 'C:\\t'),
    ).toContain('while ($n -lt 5)');
    expect(psQuote("a'b")).toBe("'a''b'");
  });

  it('passes the script as -EncodedCommand (UTF-16LE base64), so no path or id needs shell quoting', () => {
    const args = powershellArgs(listScript());
    expect(args.slice(0, 5)).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-EncodedCommand',
    ]);
    expect(Buffer.from(args[5] ?? '', 'base64').toString('utf16le')).toBe(listScript());
  });

  it('reads the device list and the scan output, and maps WIA errors to what the clerk must do', () => {
    const devices = parseList(
      'WARNING: noise\r\nDEVICE {"id":"{6BDD1FC6}\\\\0000","name":"fi-7160","vendor":"FUJITSU"}\r\nDEVICE not-json\r\n',
    );
    expect(devices).toEqual([
      expect.objectContaining({ id: 'wia:{6BDD1FC6}\\0000', driver: 'wia', name: 'FUJITSU fi-7160' }),
    ]);
    expect(parseLine('PAGE C:\\t\\p0001.png')).toEqual({ kind: 'page', path: 'C:\\t\\p0001.png' });
    expect(parseLine('END 7')).toEqual({ kind: 'end', pages: 7 });
    expect(parseLine('ERROR 0x80210002 Paper is jammed')).toEqual({
      kind: 'error',
      hresult: '0x80210002',
      message: 'Paper is jammed',
    });
    expect(wiaError('0x80210002', '', 'wia:x', 3)?.code).toBe('scan_jammed');
    expect(wiaError('0x80210003', '', 'wia:x', 0)?.code).toBe('scan_no_paper');
    expect(wiaError('0x80210003', '', 'wia:x', 4)).toBeNull();
    expect(wiaError('0x80210006', '', 'wia:x', 0)?.code).toBe('scan_device_busy');
    expect(wiaError('0x80210005', '', 'wia:x', 0)?.code).toBe('scan_device_gone');
    expect(wiaError('0x80210016', '', 'wia:x', 0)?.code).toBe('scan_cover_open');
    expect(wiaError('0x80004005', 'E_FAIL', 'wia:x', 0)?.code).toBe('scan_failed');
  });
});

describe('finding network scanners by mDNS (_uscan._tcp), from a parsed response — no multicast in tests', () => {
  it('turns PTR + SRV + TXT + A records into the scanner’s eSCL URL', () => {
    const found = parseUscanResponse({
      answers: [{ type: 'PTR', name: '_uscan._tcp.local', data: 'HP M28w [1A2B3C]._uscan._tcp.local' }],
      additionals: [
        {
          type: 'SRV',
          name: 'HP M28w [1A2B3C]._uscan._tcp.local',
          data: { port: 8080, target: 'HP1A2B3C.local' },
        },
        {
          type: 'TXT',
          name: 'HP M28w [1A2B3C]._uscan._tcp.local',
          data: [
            Buffer.from('txtvers=1'),
            Buffer.from('ty=HP LaserJet MFP M28w'),
            Buffer.from('rs=eSCL'),
            Buffer.from('pdl=image/jpeg,application/pdf'),
          ],
        },
        { type: 'A', name: 'HP1A2B3C.local', data: '192.168.1.20' },
      ],
    });
    expect(found).toEqual([{ name: 'HP LaserJet MFP M28w', url: 'http://192.168.1.20:8080/eSCL' }]);
    const secure = parseUscanResponse({
      answers: [
        { type: 'PTR', name: '_uscans._tcp.local', data: 'Canon._uscans._tcp.local' },
        { type: 'SRV', name: 'Canon._uscans._tcp.local', data: { port: 443, target: 'canon.local' } },
        { type: 'TXT', name: 'Canon._uscans._tcp.local', data: [Buffer.from('rs=/eSCL/')] },
      ],
    });
    expect(secure).toEqual([{ name: 'Canon', url: 'https://canon.local/eSCL' }]);
    expect(parseUscanResponse({ answers: [{ type: 'PTR', name: '_ipp._tcp.local', data: 'x' }] })).toEqual(
      [],
    );
  });
});

describe('scan profiles', () => {
  it('keeps named profiles (≥ 200 dpi) and one default per procedure component, across a restart', async () => {
    let st = openStation();
    const dataDir = st.dataDir;
    let profileId: string;
    try {
      const p = await st.client.call('scan.profile.save', {
        name: 'Tờ khai — xám 300 dpi, hai mặt',
        deviceId: 'test:0',
        source: 'adf-duplex',
        dpi: 300,
        mode: 'gray',
      });
      profileId = p.id;
      await expect(
        st.client.call('scan.profile.save', {
          name: 'Quá thấp',
          deviceId: 'test:0',
          source: 'adf',
          dpi: 150,
          mode: 'gray',
        }),
      ).rejects.toMatchObject({ error: { code: 'invalid_request' } });
      await st.client.call('scan.default.set', {
        procedureCode: '1.001193',
        componentCode: 'TK',
        profileId: p.id,
      });
    } finally {
      st.close();
    }
    st = openStation(dataDir);
    try {
      const all = await st.client.call('scan.profiles', {});
      expect(all.profiles).toEqual([
        {
          id: profileId,
          name: 'Tờ khai — xám 300 dpi, hai mặt',
          deviceId: 'test:0',
          source: 'adf-duplex',
          dpi: 300,
          mode: 'gray',
        },
      ]);
      expect(all.defaults).toEqual([{ procedureCode: '1.001193', componentCode: 'TK', profileId }]);
      await st.client.call('scan.profile.delete', { id: profileId });
      expect(await st.client.call('scan.profiles', {})).toEqual({ profiles: [], defaults: [] });
    } finally {
      st.close();
    }
  });
});

describe('a page scanned into the wrong component', () => {
  it('moves to the end of another component of the same dossier, and nowhere else', async () => {
    const st = openStation();
    try {
      const dossier = await st.dossier();
      const imported = await st.client.call('scan.import', {
        dossierId: dossier.id,
        componentCode: 'TK',
        files: [
          { name: 'a.jpg', dataBase64: b64(await scanImage('jpeg')) },
          { name: 'b.png', dataBase64: b64(await scanImage('png')) },
        ],
      });
      const b = imported.added[1]?.id ?? '';
      const moved = await st.client.call('scan.page.move', { pageId: b, componentCode: 'GCS' });
      const byCode = Object.fromEntries(
        moved.components.map((c) => [c.code, c.pages.map((p) => p.sourceName)]),
      );
      expect(byCode.TK).toEqual(['a.jpg']);
      expect(byCode.GCS).toEqual(['b.png']);
      await expect(
        st.client.call('scan.page.move', { pageId: b, componentCode: 'NOPE' }),
      ).rejects.toMatchObject({
        error: { code: 'unknown_component' },
      });
    } finally {
      st.close();
    }
  });
});
