import type { Method, Params, Result } from '../../../shared/api/contract';
import type { Catalog } from '../catalog';
import type { DossierService } from '../dossier/service';

export type Handlers = { [M in Method]: (params: Params<M>) => Promise<Result<M>> | Result<M> };

export interface HandlerDeps {
  version: string;
  dataDir: string;
  trainingMode: boolean;
  catalog: Catalog;
  dossiers: DossierService;
}

/** Binds every call of the contract to the engine's services. Params arrive already validated. */
export function createHandlers(d: HandlerDeps): Handlers {
  return {
    'app.info': () => ({ version: d.version, dataDir: d.dataDir, trainingMode: d.trainingMode }),
    'catalog.list': () => d.catalog.list(),
    'dossier.create': (p) => d.dossiers.create(p.procedureCode, p.applicantName),
    'dossier.list': () => d.dossiers.list(),
    'dossier.get': (p) => d.dossiers.get(p.dossierId),
    'pages.add': (p) => d.dossiers.addPages(p.dossierId, p.componentCode, p.files),
    'pages.reorder': (p) => d.dossiers.reorder(p.dossierId, p.componentCode, p.pageIds),
    'pages.rotate': (p) => d.dossiers.rotate(p.pageId, p.by),
    'pages.delete': (p) => d.dossiers.delete(p.pageId),
    'pages.restore': (p) => d.dossiers.restore(p.pageId),
    'pages.thumbnail': (p) => ({ dataUrl: d.dossiers.thumbnail(p.pageId) }),
    'component.assemble': (p) => d.dossiers.assemble(p.dossierId, p.componentCode),
    'component.pdf': (p) => {
      const { fileName, bytes } = d.dossiers.pdf(p.dossierId, p.componentCode);
      return { fileName, dataBase64: bytes.toString('base64') };
    },
  };
}
