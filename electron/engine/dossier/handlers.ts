import type { dossierCalls } from '../../../shared/api/rooms/dossier';
import type { RoomHandlers } from '../context';
import type { DossierService } from './service';

export function dossierHandlers(d: DossierService): RoomHandlers<keyof typeof dossierCalls> {
  return {
    'dossier.create': (p) => d.create(p.procedureCode, p.applicantName),
    'dossier.list': () => d.list(),
    'dossier.get': (p) => d.get(p.dossierId),
    'dossier.findByIdNumber': (p) => d.withIdNumber(p.idNumber),
    'dossier.addPages': (p) => d.addPages(p.dossierId, p.componentCode, p.files),
    'dossier.reorderPages': (p) => d.reorder(p.dossierId, p.componentCode, p.pageIds),
    'dossier.rotatePage': (p) => d.rotate(p.pageId, p.by),
    'dossier.deletePage': (p) => d.delete(p.pageId),
    'dossier.restorePage': (p) => d.restore(p.pageId),
    'dossier.deletedPages': (p) => d.deletedPages(p.dossierId, p.componentCode),
    'dossier.thumbnail': (p) => ({ dataUrl: d.thumbnail(p.pageId) }),
  };
}
