import type { documentsCalls } from '../../../shared/api/rooms/documents';
import type { RoomHandlers } from '../context';
import type { DossierService } from '../dossier/service';
import type { ImagingService } from '../imaging';

export function documentsHandlers(
  d: DossierService,
  imaging: ImagingService,
): RoomHandlers<keyof typeof documentsCalls> {
  return {
    'documents.assemble': (p) => d.assemble(p.dossierId, p.componentCode),
    'documents.componentPdf': (p) => {
      const { fileName, bytes } = d.pdf(p.dossierId, p.componentCode);
      return { fileName, dataBase64: bytes.toString('base64') };
    },
    'documents.dossierPdf': async (p) => {
      const r = await imaging.dossierPdf(p.dossierId);
      return {
        fileName: r.fileName,
        dataBase64: Buffer.from(r.bytes).toString('base64'),
        pageCount: r.pageCount,
      };
    },
  };
}
