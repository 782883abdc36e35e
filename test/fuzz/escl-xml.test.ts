import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { EsclDriver } from '../../electron/engine/scan/escl';
import {
  EsclAnswerError,
  MAX_XML_BYTES,
  parseCapabilities,
  parseStatus,
} from '../../electron/engine/scan/escl/client';
import { anyText, fuzz, mutated, timed } from './kit';

/** Tags a scanner's documents are made of, and a few that are not. */
const TAGS = [
  'scan:ScannerCapabilities',
  'ScannerStatus',
  'pwg:MakeAndModel',
  'scan:Platen',
  'scan:PlatenInputCaps',
  'scan:SettingProfiles',
  'scan:SettingProfile',
  'scan:ColorModes',
  'scan:ColorMode',
  'scan:DiscreteResolution',
  'scan:XResolution',
  'scan:Adf',
  'pwg:State',
  'scan:AdfState',
  'x',
];

/** Random XML made of those tags, attributes, text and entity references, nested a few levels. */
const xmlTree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    anyText(40).map((t) => t.replace(/[<&]/g, '')),
    fc.constantFrom('&amp;', '&lt;', '&#x41;', '&#99999999;', '&lol;', '<![CDATA[x]]>', '<!-- c -->'),
    fc
      .tuple(fc.constantFrom(...TAGS), fc.array(tie('node'), { maxLength: 5 }), fc.boolean())
      .map(([tag, kids, attr]) => `<${tag}${attr ? ' a="1" xmlns:scan="u"' : ''}>${kids.join('')}</${tag}>`),
  ),
})).node;

const CAPS = `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
<pwg:MakeAndModel>HP</pwg:MakeAndModel><scan:Platen><scan:PlatenInputCaps><scan:MaxWidth>2550</scan:MaxWidth>
<scan:SettingProfiles><scan:SettingProfile><scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>
<scan:SupportedResolutions><scan:DiscreteResolutions><scan:DiscreteResolution><scan:XResolution>300</scan:XResolution>
</scan:DiscreteResolution></scan:DiscreteResolutions></scan:SupportedResolutions></scan:SettingProfile></scan:SettingProfiles>
</scan:PlatenInputCaps></scan:Platen></scan:ScannerCapabilities>`;

/** Parses with both readers: each answers or throws EsclAnswerError, nothing else, and quickly. */
async function answers(doc: string): Promise<void> {
  for (const parse of [parseCapabilities, parseStatus]) {
    const { ms } = await timed(() => {
      try {
        const r = parse(doc);
        expect(typeof r).toBe('object');
      } catch (err) {
        expect(err).toBeInstanceOf(EsclAnswerError);
      }
    });
    expect(ms).toBeLessThan(2000);
  }
}

const LOL = (n: number) =>
  Array.from({ length: n }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

describe('fuzz: eSCL XML from anything on the LAN that answers as a scanner', () => {
  it('answers random text, random XML of eSCL tags and damaged real capabilities', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(anyText(2000), xmlTree, mutated(CAPS)), answers), fuzz(300));
  });

  it('never expands entities (billion laughs), nor reads external ones', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE s [<!ENTITY lol0 "lol">${LOL(9)}]><scan:ScannerCapabilities xmlns:scan="u"><pwg:MakeAndModel>&lol9;</pwg:MakeAndModel></scan:ScannerCapabilities>`;
    const caps = parseCapabilities(bomb);
    expect(caps.makeAndModel.length).toBeLessThan(100);
    const xxe = `<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><ScannerStatus><State>&x;</State></ScannerStatus>`;
    const st = (() => {
      try {
        return parseStatus(xxe).state;
      } catch (err) {
        expect(err).toBeInstanceOf(EsclAnswerError);
        return '';
      }
    })();
    expect(st).not.toContain('root:');
  });

  it('refuses deep nesting and huge documents at once', async () => {
    const deep = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`;
    expect(() => parseCapabilities(deep)).toThrow(EsclAnswerError);
    const huge = `<ScannerCapabilities><MakeAndModel>${'x'.repeat(MAX_XML_BYTES)}</MakeAndModel></ScannerCapabilities>`;
    const { ms } = await timed(() => expect(() => parseCapabilities(huge)).toThrow(EsclAnswerError));
    expect(ms).toBeLessThan(50);
    // Just under the bound, the worst shape (a megabyte of small tags) still parses in bounded time.
    const many = `<ScannerCapabilities>${'<x>1</x>'.repeat(Math.floor(MAX_XML_BYTES / 8) - 8)}</ScannerCapabilities>`;
    const t = await timed(() => parseCapabilities(many));
    expect(t.ms).toBeLessThan(3000);
  });

  it('a device answering an endless capabilities document is read up to the bound and left out', async () => {
    let sent = 0;
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.write('<scan:ScannerCapabilities><pwg:MakeAndModel>');
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (!res.destroyed && sent < 512 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
      };
      pump();
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/eSCL`;
    const driver = new EsclDriver({ urls: () => [url], requestTimeoutS: 10 });
    const { ms, value } = await timed(() => driver.list());
    expect(value).toEqual([]);
    expect(ms).toBeLessThan(5000);
    const err = await driver.capabilities(url).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'scan_unknown_device' });
    // Read up to about a megabyte, not the half gigabyte the device would send.
    server.closeAllConnections();
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });
});
