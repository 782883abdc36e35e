import { z } from 'zod';
import { call, ComponentRef, Id } from '../define';
import { AppError, FileUpload } from '../types';

/**
 * Signing room: PKCS#11 tokens (USB tokens of Vietnamese CAs), PAdES
 * signatures on component PDFs, and verification of any signed PDF.
 * Chữ ký số — digital signature; bản sao điện tử — the digitized copy the
 * station signs with the organisation's certificate (Decree 30/2020).
 */

/** Why a certificate may not sign now. */
export const CertProblem = z.enum(['expired', 'not_yet_valid', 'no_digital_signature']);

export const CertView = z.object({
  keyId: z.string(),
  label: z.string(),
  commonName: z.string(),
  subject: z.string(),
  issuer: z.string(),
  serialHex: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  keyType: z.enum(['rsa', 'ec', 'other']),
  keyUsage: z.array(z.enum(['digitalSignature', 'nonRepudiation', 'keyCertSign'])).nullable(),
  hasPrivateKey: z.boolean(),
  problem: CertProblem.nullable(),
});
export type CertView = z.infer<typeof CertView>;

export const PinState = z.object({ countLow: z.boolean(), finalTry: z.boolean(), locked: z.boolean() });

export const TokenView = z.object({
  tokenLabel: z.string(),
  serial: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  pin: PinState,
  certificates: z.array(CertView),
});
export type TokenView = z.infer<typeof TokenView>;

/** The certificate the clerk chose — remembered; the PIN never is. */
export const SignChoice = z.object({
  modulePath: z.string().min(1),
  tokenSerial: z.string(),
  tokenLabel: z.string(),
  keyId: z.string().regex(/^[0-9a-f]*$/),
  certSerialHex: z.string(),
  commonName: z.string(),
});
export type SignChoice = z.infer<typeof SignChoice>;

export const SignConfig = z.object({
  /** PKCS#11 module (.so/.dll) of the token; null = look in the known places. */
  modulePath: z.string().nullable().default(null),
  choice: SignChoice.nullable().default(null),
  tsaUrl: z.string().default('http://tsa.ca.gov.vn'),
  /** Empty = sign B-B only, without asking any TSA. */
  tsaEnabled: z.boolean().default(true),
  tsaUsername: z.string().default(''),
  tsaPassword: z.string().default(''),
  tsaTimeoutMs: z.number().int().min(500).max(120_000).default(10_000),
  /** Visible digitized-copy stamp (Decree 30/2020), on by default. */
  stampEnabled: z.boolean().default(true),
  /** Hình thức sao — the copy type printed on the stamp. */
  copyType: z.string().min(1).max(80).default('Sao y'),
  /** Organisation printed on the stamp; empty = the unit name from the station settings. */
  organisationName: z.string().max(200).default(''),
  /** PEM certificates the verifier trusts (root CAs of the national PKI, the unit's CA…). */
  trustPems: z.array(z.string()).default([]),
  /** The training token's CA: trusted only in training mode (no portal configured), never otherwise. */
  trainingTrustPems: z.array(z.string()).default([]),
  /** Each OCSP or CRL request of the revocation check, milliseconds. */
  revocationTimeoutMs: z.number().int().min(500).max(60_000).default(4000),
});
export type SignConfig = z.infer<typeof SignConfig>;

/** A change to the signing settings: only the fields given are written (no defaults filled in). */
export const SignConfigPatch = z
  .object({
    modulePath: z.string().nullable(),
    choice: SignChoice.nullable(),
    tsaUrl: z.string(),
    tsaEnabled: z.boolean(),
    tsaUsername: z.string(),
    tsaPassword: z.string(),
    tsaTimeoutMs: z.number().int().min(500).max(120_000),
    stampEnabled: z.boolean(),
    copyType: z.string().min(1).max(80),
    organisationName: z.string().max(200),
    trustPems: z.array(z.string()),
    trainingTrustPems: z.array(z.string()),
    revocationTimeoutMs: z.number().int().min(500).max(60_000),
  })
  .partial();
export type SignConfigPatch = z.infer<typeof SignConfigPatch>;

export const ModuleCandidate = z.object({ path: z.string(), vendor: z.string(), training: z.boolean() });

export const TokensResult = z.object({
  modulePath: z.string().nullable(),
  /** Modules found on this machine (known CA file names, SoftHSM for training). */
  candidates: z.array(ModuleCandidate),
  tokens: z.array(TokenView),
  /** True when the module is SoftHSM: a test token, not a real signature. */
  training: z.boolean(),
  error: AppError.nullable(),
});
export type TokensResult = z.infer<typeof TokensResult>;

/** PAdES baseline levels (ETSI EN 319 142-1): B-B, + signature timestamp, + validation data (DSS), + document timestamp. */
export const PadesLevel = z.enum(['B-B', 'B-T', 'B-LT', 'B-LTA']);
export type PadesLevel = z.infer<typeof PadesLevel>;

export const SignItemResult = z.object({
  dossierId: Id,
  componentCode: z.string(),
  ok: z.boolean(),
  /** The level this file reached. */
  level: PadesLevel.nullable(),
  error: AppError.nullable(),
  /** Why a signed file stayed below what the `signLevel` setting wanted (e.g. revocation unreachable: B-T). */
  levelReason: AppError.nullable().default(null),
});
export type SignItemResult = z.infer<typeof SignItemResult>;

export const BatchResult = z.object({
  batchId: z.string(),
  signed: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  items: z.array(SignItemResult),
  /** Set when a TSA was configured but unreachable: the files were signed B-B. */
  tsaError: z.string().nullable(),
  signer: z.string().nullable(),
});
export type BatchResult = z.infer<typeof BatchResult>;

export const Finding = z.enum([
  'intact',
  'digest_mismatch',
  'bad_signature',
  'unreadable',
  'byte_range_invalid',
  'covers_whole_file',
  'later_revisions',
  'trusted',
  'untrusted',
  'cert_valid_at_signing',
  'cert_expired_at_signing',
  'cert_not_yet_valid_at_signing',
  'cert_no_signing_usage',
  'timestamp_valid',
  'timestamp_invalid',
  'no_timestamp',
  'signing_time_attribute',
  'document_timestamp_later',
  'eku_excludes_signing',
  'path_invalid',
  'signing_time_from_timestamp',
  'signing_time_claimed',
  'signing_time_unknown',
  'revocation_good',
  'revoked_before_signing',
  'revoked_after_signing',
  'revocation_unknown',
  'revocation_no_source',
  'validation_data_added',
  'revocation_from_dss',
  'dss_entry_unreadable',
  'dss_ocsp_other_certificate',
  'dss_ocsp_bad_signature',
  'dss_crl_other_issuer',
  'dss_crl_bad_signature',
  'dss_not_current',
  'dss_incomplete',
  'revocation_timeout',
  'revocation_unreachable',
  'revocation_http_error',
  'revocation_too_large',
  'revocation_malformed',
  'revocation_bad_signature',
  'revocation_wrong_certificate',
  'revocation_stale',
]);

/** Why an OCSP responder or CRL gave no usable answer (engine/sign/revocation.ts). */
export const RevocationFailure = z.enum([
  'timeout',
  'unreachable',
  'http_error',
  'too_large',
  'malformed',
  'bad_signature',
  'wrong_certificate',
  'stale',
]);

/** Why a link of the signer's certificate chain failed (RFC 5280 path validation). */
export const PathProblemCode = z.enum([
  'no_anchor',
  'bad_link_signature',
  'issuer_not_ca',
  'path_len_exceeded',
  'issuer_no_cert_sign',
  'expired',
  'not_yet_valid',
  'no_signing_usage',
  'eku_excludes_purpose',
  'unknown_critical_extension',
]);

export const SignatureReport = z.object({
  index: z.number().int(),
  signer: z
    .object({
      commonName: z.string(),
      subject: z.string(),
      issuer: z.string(),
      serialHex: z.string(),
      notBefore: z.string(),
      notAfter: z.string(),
    })
    .nullable(),
  claimedTime: z.string().nullable(),
  timestamp: z.object({ time: z.string(), tsa: z.string(), valid: z.boolean() }).nullable(),
  /** B-LT: the DSS holds the signer chain's validation data; B-LTA: a document timestamp covers it too. */
  level: z.enum(['B-B', 'B-T', 'B-LT', 'B-LTA', 'doc-timestamp', 'other']),
  subFilter: z.string().nullable(),
  byteRange: z.array(z.number()),
  coversWholeFile: z.boolean(),
  intact: z.boolean(),
  trusted: z.boolean(),
  validAtSigning: z.boolean(),
  /** The time the chain was judged at: the timestamp's, else the signer's claim, else the verification's. */
  judgedAt: z
    .object({ time: z.string(), source: z.enum(['timestamp', 'claimed', 'verification']) })
    .nullable(),
  pathProblems: z.array(z.object({ code: PathProblemCode, subject: z.string() })),
  /** Revocation of the signer's chain; `unknown`/`not_checked`: chưa kiểm tra được, never valid by silence. */
  revocation: z
    .object({
      status: z.enum(['good', 'revoked_before', 'revoked_after', 'unknown', 'not_checked', 'no_source']),
      revokedAt: z.string().nullable(),
      subject: z.string().nullable(),
      /** `unknown`: why each source asked gave nothing usable, in the order asked. */
      failures: z.array(RevocationFailure).optional(),
    })
    .nullable(),
  verdict: z.enum(['valid', 'invalid', 'indeterminate']),
  findings: z.array(Finding),
});

export const VerifyReport = z.object({
  fileBytes: z.number().int(),
  signatures: z.array(SignatureReport),
  modifiedAfterLastSignature: z.boolean(),
  verdict: z.enum(['valid', 'invalid', 'indeterminate', 'unsigned']),
});
export type VerifyReport = z.infer<typeof VerifyReport>;

const Pin = z.string().min(1).max(64);

export const signCalls = {
  'sign.config.get': call(z.object({}), SignConfig),
  'sign.config.update': call(SignConfigPatch, SignConfig, 'admin'),
  /** Lists tokens and certificates of the configured (or given) module. */
  'sign.tokens': call(z.object({ modulePath: z.string().min(1).optional() }), TokensResult),
  /** Remembers the certificate to sign with (never the PIN). */
  'sign.choose': call(SignChoice, SignConfig),
  /**
   * Signs every component PDF of the given dossiers (or only the given
   * components) with one PIN entry. The PIN is used for this batch only.
   */
  'sign.batch': call(
    z.object({
      dossierIds: z.array(Id).min(1).max(500),
      components: z.array(ComponentRef).optional(),
      pin: Pin,
      /** Sign again components that already carry our signature. */
      resign: z.boolean().default(false),
      /**
       * "Tạo PDF & ký tất cả": first assemble every component with pages whose PDF is missing or
       * older than its pages (progress `phase: 'assemble'`), then sign them all with the one PIN.
       */
      assemble: z.boolean().default(false),
    }),
    BatchResult,
  ),
  /**
   * Adds a document timestamp to components signed B-B (when the TSA was down
   * at signing time). Needs no PIN: only the TSA.
   */
  'sign.addTimestamp': call(
    z.object({ dossierIds: z.array(Id).min(1).max(500) }),
    z.object({ stamped: z.number().int(), failed: z.number().int(), error: AppError.nullable() }),
  ),
  'sign.verifyComponent': call(ComponentRef, VerifyReport),
  'sign.verifyFile': call(FileUpload, VerifyReport),
  'sign.signedPdf': call(ComponentRef, z.object({ fileName: z.string(), dataBase64: z.string() })),
} as const;

export const signEvents = {
  'sign.progress': z.object({
    batchId: z.string(),
    done: z.number().int(),
    total: z.number().int(),
    dossierId: Id,
    componentCode: z.string(),
    ok: z.boolean(),
    /** Assembling a component's PDF (sign.batch with `assemble`) or signing it; signing when left out. */
    phase: z.enum(['assemble', 'sign']).optional(),
  }),
} as const;
