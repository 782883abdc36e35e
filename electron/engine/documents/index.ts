/**
 * The documents room (docs/architecture.md): component and dossier PDFs,
 * current or outdated, their signed copies, the files that go to the portal.
 */
export { documentsHandlers } from './handlers';
export { documentsMigrations } from './schema';
export { type FrozenFile } from './frozen';
export { Documents, type PagePreparer, type Signature, type StoredPdf } from './service';
export { componentKey, componentPdfView, isOutdated, signatureSurvives } from './state';
export { DocumentVersions } from './versions';
export { pdfBlobs, pdfsReferTo, purgePdfs } from './purge';
