import { createHash, randomBytes } from 'node:crypto';
import {
  bool,
  child,
  children,
  content,
  decodeOid,
  decodeTime,
  int,
  nth,
  nul,
  octets,
  OID,
  oid,
  raw,
  readDer,
  seq,
} from './der';

export interface TsaConfig {
  url: string;
  username?: string;
  password?: string;
  timeoutMs: number;
}

export class TsaError extends Error {}

/**
 * Asks an RFC 3161 time-stamping authority for a token over `data` (for B-T:
 * the signature value). Returns the TimeStampToken (a CMS ContentInfo).
 */
export async function requestTimestamp(data: Buffer, tsa: TsaConfig): Promise<Buffer> {
  const imprint = createHash('sha256').update(data).digest();
  const nonce = randomBytes(8);
  nonce.writeUInt8(nonce.readUInt8(0) & 0x7f, 0);
  const req = seq(int(1), seq(seq(oid(OID.sha256), nul()), octets(imprint)), int(nonce), bool(true));
  const headers: Record<string, string> = { 'content-type': 'application/timestamp-query' };
  if (tsa.username) {
    headers.authorization = `Basic ${Buffer.from(`${tsa.username}:${tsa.password ?? ''}`).toString('base64')}`;
  }
  let body: Buffer;
  try {
    const res = await fetch(tsa.url, {
      method: 'POST',
      headers,
      body: new Uint8Array(req),
      signal: AbortSignal.timeout(tsa.timeoutMs),
    });
    if (!res.ok) throw new TsaError(`TSA answered HTTP ${res.status}`);
    body = Buffer.from(await res.arrayBuffer());
  } catch (err) {
    if (err instanceof TsaError) throw err;
    throw new TsaError(`TSA unreachable: ${(err as Error).message}`);
  }
  try {
    const resp = readDer(body);
    const [statusInfo, token] = children(resp);
    if (!statusInfo) throw new TsaError('empty TSA answer');
    const statusBytes = content(child(statusInfo, 0, 0x02));
    const status = statusBytes.readUIntBE(0, Math.min(statusBytes.length, 6));
    if (status > 1 || !token) throw new TsaError(`TSA refused the request (status ${status})`);
    const tokenDer = Buffer.from(raw(token));
    const info = parseTstInfo(tokenDer);
    if (!info.imprint.equals(imprint)) throw new TsaError('TSA token is for other data');
    if (info.nonce && !info.nonce.equals(content(readDer(int(nonce)))))
      throw new TsaError('TSA token nonce mismatch');
    return tokenDer;
  } catch (err) {
    if (err instanceof TsaError) throw err;
    throw new TsaError(`TSA answer unreadable: ${(err as Error).message}`);
  }
}

export interface TstInfo {
  genTime: Date;
  imprintAlg: string;
  imprint: Buffer;
  nonce: Buffer | null;
  /** The TSTInfo DER, which the TSA's signed message-digest covers. */
  der: Buffer;
}

/** Reads the TSTInfo inside a TimeStampToken. */
export function parseTstInfo(token: Buffer): TstInfo {
  const ci = readDer(token);
  const sd = child(child(ci, 1, 0xa0), 0, 0x30);
  const encap = children(sd).find(
    (c, i) => i > 0 && c.tag === 0x30 && decodeOid(child(c, 0)) === OID.tstInfo,
  );
  if (!encap) throw new TsaError('not a time-stamp token');
  const octet = child(child(encap, 1, 0xa0), 0, 0x04);
  const der = Buffer.from(content(octet));
  const tst = readDer(der);
  const items = children(tst);
  const imprintSeq = nth(items, 2);
  const genTime = nth(items, 4);
  const nonce = items.slice(5).find((c) => c.tag === 0x02);
  return {
    genTime: decodeTime(genTime),
    imprintAlg: decodeOid(child(child(imprintSeq, 0), 0)),
    imprint: Buffer.from(content(child(imprintSeq, 1))),
    nonce: nonce ? Buffer.from(content(nonce)) : null,
    der,
  };
}
