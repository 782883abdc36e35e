import type { dossierCalls } from '../../../shared/api/rooms/dossier';
import type { RoomHandlers } from '../context';
import type { DossierService } from './service';

export function dossierHandlers(d: DossierService): RoomHandlers<keyof typeof dossierCalls> {
  return {
    'dossier.create': (p) => d.create(p.procedureCode, p.applicantName),
    'dossier.list': () => d.list(),
    'dossier.get': (p) => d.get(p.dossierId),
    'pages.add': (p) => d.addPages(p.dossierId, p.componentCode, p.files),
    'pages.reorder': (p) => d.reorder(p.dossierId, p.componentCode, p.pageIds),
    'pages.rotate': (p) => d.rotate(p.pageId, p.by),
    'pages.delete': (p) => d.delete(p.pageId),
    'pages.restore': (p) => d.restore(p.pageId),
    'pages.thumbnail': (p) => ({ dataUrl: d.thumbnail(p.pageId) }),
    'component.assemble': (p) => d.assemble(p.dossierId, p.componentCode),
    'component.pdf': (p) => {
      const { fileName, bytes } = d.pdf(p.dossierId, p.componentCode);
      return { fileName, dataBase64: bytes.toString('base64') };
    },
  };
}
