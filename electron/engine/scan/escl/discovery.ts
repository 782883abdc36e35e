import type { ResponsePacket } from 'multicast-dns';

/** The service type driverless scanners announce (Mopria eSCL over HTTP). */
export const USCAN = '_uscan._tcp.local';
export const USCANS = '_uscans._tcp.local';

export interface Discovered {
  name: string;
  url: string;
}

type Answer = NonNullable<ResponsePacket['answers']>[number];

/**
 * Turns one mDNS response (PTR → SRV + TXT + A) into eSCL base URLs:
 * `http[s]://<address>:<port>/<rs>` where `rs` (TXT) is the resource path, "eSCL" by default.
 */
export function parseUscanResponse(
  packet: Partial<Pick<ResponsePacket, 'answers' | 'additionals'>>,
): Discovered[] {
  const records: Answer[] = [...(packet.answers ?? []), ...(packet.additionals ?? [])];
  const out: Discovered[] = [];
  for (const ptr of records) {
    if (ptr.type !== 'PTR' || (ptr.name !== USCAN && ptr.name !== USCANS)) continue;
    const instance = String(ptr.data);
    const srv = records.find((r) => r.type === 'SRV' && r.name === instance);
    if (!srv || srv.type !== 'SRV') continue;
    const txt = records.find((r) => r.type === 'TXT' && r.name === instance);
    const fields = new Map<string, string>();
    if (txt && txt.type === 'TXT') {
      const data = Array.isArray(txt.data) ? txt.data : [txt.data];
      for (const item of data) {
        const s = Buffer.isBuffer(item) ? item.toString('utf8') : String(item);
        const eq = s.indexOf('=');
        if (eq > 0) fields.set(s.slice(0, eq).toLowerCase(), s.slice(eq + 1));
      }
    }
    const target = srv.data.target;
    const a = records.find((r) => r.type === 'A' && r.name === target);
    const host = a && a.type === 'A' ? a.data : target.replace(/\.local$/, '.local');
    const rs = (fields.get('rs') ?? 'eSCL').replace(/^\/+|\/+$/g, '');
    const scheme = ptr.name === USCANS ? 'https' : 'http';
    const port = srv.data.port;
    const defaultPort = scheme === 'https' ? 443 : 80;
    out.push({
      name: fields.get('ty') ?? instance.replace(`.${ptr.name}`, ''),
      url: `${scheme}://${host}${port === defaultPort ? '' : `:${port}`}/${rs}`,
    });
  }
  return out;
}

/**
 * Asks the LAN for eSCL scanners for `timeoutMs` and returns what answered.
 * Sends multicast: never called in tests (they use a manual URL on 127.0.0.1).
 */
export async function browseUscan(timeoutMs = 2000): Promise<Discovered[]> {
  const { default: makeMdns } = await import('multicast-dns');
  const mdns = makeMdns();
  const found = new Map<string, Discovered>();
  return new Promise((resolve) => {
    mdns.on('response', (packet) => {
      for (const d of parseUscanResponse(packet)) found.set(d.url, d);
    });
    mdns.on('error', () => {});
    mdns.query({ questions: [{ name: USCAN, type: 'PTR' }] });
    setTimeout(() => {
      mdns.destroy();
      resolve([...found.values()]);
    }, timeoutMs).unref();
  });
}
