import { createHash } from 'node:crypto';
import type { CertInfo } from './certs';
import { signedAttributes, signedData } from './cms';
import { embedCms, fixByteRange, prepareSignature, type Stamp } from './pdf';
import { parseTstInfo, requestTimestamp, type TsaConfig, TsaError } from './tsa';

/**
 * Who signs: a certificate, its chain and a way to sign bytes with the
 * matching private key (a PKCS#11 token; in principle anything). What is
 * signed — the PDF preparation — is the same for every signer.
 */
export interface Signer {
  readonly certificate: CertInfo;
  readonly chain: CertInfo[];
  /** The CMS signature value over `data` (SHA-256; DER ECDSA-Sig-Value for EC keys). */
  sign(data: Buffer): Promise<Buffer>;
}

export interface SignPdfOptions {
  signingTime?: Date;
  /** When given, a B-T signature is attempted; when the TSA fails, B-B is kept and the reason returned. */
  tsa?: TsaConfig;
  stamp?: Stamp;
  reason?: string;
  location?: string;
  /** Hex digits reserved for the CMS; 16384 leaves room for a chain and a timestamp. */
  contentsHexLength?: number;
}

export type PadesLevel = 'B-B' | 'B-T';

export interface SignPdfResult {
  pdf: Buffer;
  level: PadesLevel;
  signingTime: Date;
  timestampTime: Date | null;
  /** Why B-T was not reached, when a TSA was configured. */
  tsaError: string | null;
  /** Time the token spent signing, for the benchmark. */
  tokenMs: number;
}

export async function signPdf(
  input: Buffer,
  signer: Signer,
  opts: SignPdfOptions = {},
): Promise<SignPdfResult> {
  const signingTime = opts.signingTime ?? new Date();
  const prepared = await prepareSignature(input, {
    signingTime,
    contentsHexLength: opts.contentsHexLength ?? 16384 * 2,
    name: signer.certificate.commonName,
    reason: opts.reason,
    location: opts.location,
    stamp: opts.stamp,
  });
  const { covered } = fixByteRange(prepared);
  const digest = createHash('sha256').update(covered).digest();
  const attrs = signedAttributes(digest, signer.certificate);
  const t0 = performance.now();
  const signature = await signer.sign(attrs);
  const tokenMs = performance.now() - t0;
  let timestampToken: Buffer | undefined;
  let tsaError: string | null = null;
  let timestampTime: Date | null = null;
  if (opts.tsa) {
    try {
      timestampToken = await requestTimestamp(signature, opts.tsa);
      timestampTime = parseTstInfo(timestampToken).genTime;
    } catch (err) {
      if (!(err instanceof TsaError)) throw err;
      tsaError = err.message;
    }
  }
  const cms = signedData({
    signer: signer.certificate,
    chain: signer.chain,
    signedAttrs: attrs,
    signature,
    timestampToken,
  });
  return {
    pdf: embedCms(prepared, cms),
    level: timestampToken ? 'B-T' : 'B-B',
    signingTime,
    timestampTime,
    tsaError,
    tokenMs,
  };
}

/**
 * Adds a document timestamp (PAdES, ETSI.RFC3161) as a new incremental
 * update: the TSA's token over every byte signed so far. Offered when a batch
 * had to be signed B-B because no TSA answered; throws TsaError when it still
 * cannot be reached.
 */
export async function timestampPdf(input: Buffer, tsa: TsaConfig): Promise<{ pdf: Buffer; time: Date }> {
  const prepared = await prepareSignature(input, {
    signingTime: new Date(),
    contentsHexLength: 16384,
    documentTimestamp: true,
  });
  const { covered } = fixByteRange(prepared);
  const token = await requestTimestamp(covered, tsa);
  return { pdf: embedCms(prepared, token), time: parseTstInfo(token).genTime };
}
