import type { CertView, TokenView } from '../../../shared/api/rooms/sign';
import { type CertInfo, parseCert, signingProblem } from './certs';
import type { TokenSlot } from './token';

/** How tokens and certificates are shown to the clerk (docs/architecture.md, the sign room). */

export function certView(
  c: CertInfo,
  keyId: string,
  label: string,
  hasPrivateKey: boolean,
  now = new Date(),
): CertView {
  const ku = c.keyUsage;
  return {
    keyId,
    label,
    commonName: c.commonName,
    subject: c.subject,
    issuer: c.issuer,
    serialHex: c.serialHex,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    keyType: c.keyType,
    keyUsage: ku
      ? (['digitalSignature', 'nonRepudiation', 'keyCertSign'] as const).filter((k) => ku[k])
      : null,
    hasPrivateKey,
    problem: c.isCA ? 'no_digital_signature' : signingProblem(c, now),
  };
}

export function tokenView(slot: TokenSlot): TokenView {
  return {
    tokenLabel: slot.tokenLabel,
    serial: slot.serial,
    manufacturer: slot.manufacturer,
    model: slot.model,
    pin: {
      countLow: !!(slot.flags & 0x10000),
      finalTry: !!(slot.flags & 0x20000),
      locked: !!(slot.flags & 0x40000),
    },
    certificates: slot.certificates.flatMap((c) => {
      try {
        return [certView(parseCert(Buffer.from(c.der)), c.keyId, c.label, c.hasPrivateKey)];
      } catch {
        return [];
      }
    }),
  };
}
