import { createHash } from 'node:crypto';
import type { CertInfo } from './certs';
import { ctx, int, nul, OID, octets, oid, seq, setOf, tlv } from './der';

/**
 * CAdES signed attributes for PAdES baseline: content-type, message-digest and
 * ESS signing-certificate-v2 — no signing-time (the time lives in the PDF's
 * signature dictionary, /M). Returned as the DER SET that the token signs.
 */
export function signedAttributes(contentDigest: Buffer, signer: CertInfo): Buffer {
  const attr = (type: string, value: Buffer) => seq(oid(type), setOf(value));
  const certHash = createHash('sha256').update(signer.der).digest();
  // ESSCertIDv2 with the default hash (SHA-256) omitted, as DER requires.
  const issuerSerial = seq(seq(ctx(4, signer.issuerDer)), signer.serialDer);
  const essCertIdV2 = seq(octets(certHash), issuerSerial);
  return setOf(
    attr(OID.contentType, oid(OID.data)),
    attr(OID.messageDigest, octets(contentDigest)),
    attr(OID.signingCertificateV2, seq(seq(essCertIdV2))),
  );
}

export interface SignedDataInput {
  signer: CertInfo;
  chain: CertInfo[];
  signedAttrs: Buffer;
  signature: Buffer;
  /** RFC 3161 TimeStampToken (a ContentInfo) over the signature value, for B-T. */
  timestampToken?: Buffer;
}

/** Detached CMS SignedData (a ContentInfo), certificates included as given. */
export function signedData(input: SignedDataInput): Buffer {
  const { signer } = input;
  const sha256 = seq(oid(OID.sha256), nul());
  const sigAlg = signer.keyType === 'ec' ? seq(oid(OID.ecdsaWithSha256)) : seq(oid(OID.rsaEncryption), nul());
  // [0] IMPLICIT SET OF Attribute: the signed SET with its tag swapped.
  const signedAttrsImplicit = Buffer.from(input.signedAttrs);
  signedAttrsImplicit[0] = 0xa0;
  const unsigned = input.timestampToken
    ? [tlv(0xa1, seq(oid(OID.timeStampToken), setOf(input.timestampToken)))]
    : [];
  const signerInfo = seq(
    int(1),
    seq(signer.issuerDer, signer.serialDer),
    sha256,
    signedAttrsImplicit,
    sigAlg,
    octets(input.signature),
    ...unsigned,
  );
  const certs = [signer, ...input.chain.filter((c) => c.der.compare(signer.der) !== 0)];
  const sd = seq(
    int(1),
    setOf(sha256),
    seq(oid(OID.data)),
    ctx(0, Buffer.concat(certs.map((c) => c.der))),
    setOf(signerInfo),
  );
  return seq(oid(OID.signedData), ctx(0, sd));
}

/** ECDSA from PKCS#11 is r‖s; CMS wants the DER ECDSA-Sig-Value. */
export function ecdsaRawToDer(rawSig: Buffer): Buffer {
  const half = rawSig.length / 2;
  return seq(int(rawSig.subarray(0, half)), int(rawSig.subarray(half)));
}
