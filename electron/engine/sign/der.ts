/**
 * A minimal DER reader and writer. CMS signatures must carry certificates and
 * signed attributes byte for byte as they were signed, so we slice raw DER
 * instead of decoding and re-encoding it.
 */

export interface DerNode {
  readonly tag: number;
  readonly start: number;
  readonly headerLength: number;
  readonly end: number;
  readonly buf: Buffer;
}

export class DerError extends Error {}

export function readDer(buf: Buffer, pos = 0, limit = buf.length): DerNode {
  if (pos + 2 > limit) throw new DerError(`DER truncated at ${pos}`);
  const tag = byteAt(buf, pos);
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not supported');
  let length = byteAt(buf, pos + 1);
  let headerLength = 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0) throw new DerError('indefinite length (BER) is not supported');
    if (n > 4 || pos + 2 + n > limit) throw new DerError('DER length out of range');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + byteAt(buf, pos + 2 + i);
    headerLength += n;
  }
  const end = pos + headerLength + length;
  if (end > limit) throw new DerError(`DER element overruns its container at ${pos}`);
  return { tag, start: pos, headerLength, end, buf };
}

/** A byte that must exist (DER parsing never reads past its container). */
export function byteAt(buf: Uint8Array, i: number): number {
  const b = buf[i];
  if (b === undefined) throw new DerError(`read past end at ${i}`);
  return b;
}

/** The i-th element of a list that must have it. */
export function nth<T>(list: readonly T[], i: number): T {
  const v = list[i];
  if (v === undefined) throw new DerError(`missing element ${i}`);
  return v;
}

export const content = (n: DerNode): Buffer => n.buf.subarray(n.start + n.headerLength, n.end);
export const raw = (n: DerNode): Buffer => n.buf.subarray(n.start, n.end);

export function children(n: DerNode): DerNode[] {
  if (!(n.tag & 0x20)) throw new DerError(`tag 0x${n.tag.toString(16)} is not constructed`);
  const out: DerNode[] = [];
  let pos = n.start + n.headerLength;
  while (pos < n.end) {
    const c = readDer(n.buf, pos, n.end);
    out.push(c);
    pos = c.end;
  }
  return out;
}

/** The n-th child, which must exist. */
export function child(n: DerNode, i: number, tag?: number): DerNode {
  const c = children(n)[i];
  if (!c) throw new DerError(`missing element ${i}`);
  if (tag !== undefined && c.tag !== tag)
    throw new DerError(`expected tag 0x${tag.toString(16)}, got 0x${c.tag.toString(16)}`);
  return c;
}

export function decodeOid(n: DerNode): string {
  const b = content(n);
  const parts: number[] = [];
  let v = 0;
  for (let i = 0; i < b.length; i++) {
    const byte = byteAt(b, i);
    v = v * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (parts.length === 0) parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** GeneralizedTime or UTCTime to a Date. */
export function decodeTime(n: DerNode): Date {
  const s = content(n).toString('latin1');
  const yearDigits = n.tag === 0x17 ? 2 : 4;
  const m = new RegExp(
    `^(\\d{${yearDigits}})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})?(\\.\\d+)?(Z|[+-]\\d{4})?$`,
  ).exec(s);
  if (!m) throw new DerError(`bad time ${s}`);
  let year = Number(m[1]);
  if (yearDigits === 2) year += year < 50 ? 2000 : 1900;
  const zone = m[8] ?? 'Z';
  const iso = `${String(year).padStart(4, '0')}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${
    zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(3)}`
  }`;
  return new Date(iso);
}

// ---- writing ----

export function tlv(tag: number, body: Buffer): Buffer {
  const len = body.length;
  let head: Buffer;
  if (len < 0x80) head = Buffer.from([tag, len]);
  else {
    const bytes: number[] = [];
    for (let v = len; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    head = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([head, body]);
}

export const seq = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
/** A DER SET OF: members sorted by their encodings. */
export const setOf = (...items: Buffer[]): Buffer =>
  tlv(0x31, Buffer.concat([...items].sort(Buffer.compare)));
export const octets = (b: Buffer): Buffer => tlv(0x04, b);
export const nul = (): Buffer => Buffer.from([0x05, 0x00]);
export const bool = (v: boolean): Buffer => Buffer.from([0x01, 0x01, v ? 0xff : 0x00]);
/** Context-specific tag [n], constructed (EXPLICIT, or IMPLICIT over a constructed type). */
export const ctx = (n: number, body: Buffer): Buffer => tlv(0xa0 | n, body);

export function int(v: number | bigint | Buffer): Buffer {
  if (Buffer.isBuffer(v)) {
    let b = v;
    while (b.length > 1 && b[0] === 0 && !(byteAt(b, 1) & 0x80)) b = b.subarray(1);
    if (byteAt(b, 0) & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
    return tlv(0x02, b);
  }
  let hex = BigInt(v).toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return int(Buffer.from(hex, 'hex'));
}

export function oid(dotted: string): Buffer {
  const p = dotted.split('.').map(Number);
  const bytes: number[] = [];
  const push = (v: number) => {
    const chunk = [v & 0x7f];
    for (v = Math.floor(v / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  };
  push(nth(p, 0) * 40 + nth(p, 1));
  for (const v of p.slice(2)) push(v);
  return tlv(0x06, Buffer.from(bytes));
}

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  keyUsage: '2.5.29.15',
  commonName: '2.5.4.3',
} as const;

/** Hash names Node's crypto understands, by digest algorithm OID. */
export const HASH_BY_OID: Record<string, string> = {
  [OID.sha1]: 'sha1',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};
