import type { documentsCalls } from '../../../shared/api/rooms/documents';
import type { RoomHandlers } from '../context';
import type { Documents } from './service';
import type { DocumentVersions } from './versions';

export function documentsHandlers(
  documents: Documents,
  versions: DocumentVersions,
): RoomHandlers<keyof typeof documentsCalls> {
  return {
    'documents.assemble': (p) => documents.assemble(p.dossierId, p.componentCode),
    'documents.componentPdf': (p) => {
      const { fileName, bytes } = documents.pdf(p.dossierId, p.componentCode);
      return { fileName, dataBase64: bytes.toString('base64') };
    },
    'documents.dossierPdf': async (p) => {
      const r = await documents.dossierPdf(p.dossierId);
      return {
        fileName: r.fileName,
        dataBase64: Buffer.from(r.bytes).toString('base64'),
        pageCount: r.pageCount,
      };
    },
    'documents.versions': (p) => versions.list(p.dossierId),
    'documents.versionPdf': (p) => {
      const r = versions.pdf(p.dossierId, p.version, p.componentCode);
      return {
        fileName: r.fileName,
        dataBase64: r.bytes.toString('base64'),
        signed: r.signed,
        sha256: r.sha256,
      };
    },
  };
}
