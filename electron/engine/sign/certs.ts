import { X509Certificate } from 'node:crypto';
import { child, children, content, decodeOid, nth, OID, raw, readDer } from './der';

/** What the clerk and the signer need to know about one certificate. */
export interface CertInfo {
  der: Buffer;
  x509: X509Certificate;
  subject: string;
  /** The subject's common name, or the whole subject when it has none. */
  commonName: string;
  issuer: string;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  keyType: 'rsa' | 'ec' | 'other';
  /** Null when the certificate has no key-usage extension (any use allowed). */
  keyUsage: { digitalSignature: boolean; nonRepudiation: boolean; keyCertSign: boolean } | null;
  isCA: boolean;
  /** DER of the issuer Name and the serial INTEGER, as CMS and ESS quote them. */
  issuerDer: Buffer;
  serialDer: Buffer;
}

export function parseCert(der: Buffer): CertInfo {
  const x509 = new X509Certificate(der);
  const cert = readDer(der);
  const tbs = child(cert, 0, 0x30);
  const parts = children(tbs);
  const off = parts[0]?.tag === 0xa0 ? 1 : 0;
  const serial = nth(parts, off);
  const issuer = nth(parts, off + 2);
  let keyUsage: CertInfo['keyUsage'] = null;
  const extWrapper = parts.find((p) => p.tag === 0xa3);
  if (extWrapper) {
    for (const ext of children(child(extWrapper, 0, 0x30))) {
      const items = children(ext);
      if (decodeOid(nth(items, 0)) !== OID.keyUsage) continue;
      const bits = content(readDer(content(nth(items, items.length - 1))));
      const b0 = bits[1] ?? 0;
      keyUsage = {
        digitalSignature: !!(b0 & 0x80),
        nonRepudiation: !!(b0 & 0x40),
        keyCertSign: !!(b0 & 0x04),
      };
    }
  }
  const keyType = x509.publicKey.asymmetricKeyType;
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(x509.subject)?.[1];
  return {
    der,
    x509,
    subject: x509.subject.split('\n').join(', '),
    commonName: cn ?? x509.subject.split('\n').join(', '),
    issuer: x509.issuer.split('\n').join(', '),
    serialHex: x509.serialNumber.toUpperCase(),
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    keyType: keyType === 'rsa' ? 'rsa' : keyType === 'ec' ? 'ec' : 'other',
    keyUsage,
    isCA: x509.ca,
    issuerDer: Buffer.from(raw(issuer)),
    serialDer: Buffer.from(raw(serial)),
  };
}

export function pemToDers(pem: string): Buffer[] {
  const out: Buffer[] = [];
  const re = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
  for (let m = re.exec(pem); m; m = re.exec(pem))
    out.push(Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64'));
  return out;
}

/** Why a certificate may not sign now, or null when it may. */
export type CertProblem = 'expired' | 'not_yet_valid' | 'no_digital_signature';

export function signingProblem(cert: CertInfo, at: Date): CertProblem | null {
  if (at.getTime() > cert.notAfter.getTime()) return 'expired';
  if (at.getTime() < cert.notBefore.getTime()) return 'not_yet_valid';
  if (cert.keyUsage && !cert.keyUsage.digitalSignature && !cert.keyUsage.nonRepudiation)
    return 'no_digital_signature';
  return null;
}
