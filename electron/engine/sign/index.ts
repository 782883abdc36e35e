/**
 * The signing room: PKCS#11 tokens in a worker thread, PAdES B-B/B-T
 * signatures appended as incremental updates, the Decree 30/2020 stamp, batch
 * signing of dossiers, and verification of any signed PDF.
 */
export { signHandlers } from './handlers';
export { signMigrations } from './schema';
export { SignService } from './service';
export { signPdf, type Signer, type SignPdfOptions, type SignPdfResult } from './signer';
export { TokenClient, TokenError } from './token';
export { verifyPdf, type VerifyReport, type SignatureReport } from './verify';
export { parseCert, pemToDers } from './certs';
export { verifyPdfOnline } from './verify-online';
export { RevocationChecker } from './revocation';
