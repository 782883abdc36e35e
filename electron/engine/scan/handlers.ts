import type { scanCalls } from '../../../shared/api/rooms/scan';
import type { RoomHandlers } from '../context';
import type { DossierService } from '../dossier/service';
import type { ScanService } from './service';

export function scanHandlers(s: ScanService, dossiers: DossierService): RoomHandlers<keyof typeof scanCalls> {
  return {
    'scan.devices': (p) => s.devices(p.refresh ?? false, p.esclUrls ?? []),
    'scan.start': (p) =>
      s.start(p.dossierId, p.componentCode, {
        deviceId: p.settings.deviceId,
        source: p.settings.source ?? 'adf',
        dpi: p.settings.dpi ?? 300,
        mode: p.settings.mode ?? 'gray',
        maxPages: p.settings.maxPages,
      }),
    'scan.cancel': (p) => ({ cancelled: s.cancel(p.jobId) }),
    'scan.profiles': () => s.profiles.list(),
    'scan.profile.save': (p) => s.profiles.save(p),
    'scan.profile.delete': (p) => ({ deleted: s.profiles.delete(p.id) }),
    'scan.default.set': (p) => s.profiles.setDefault(p.procedureCode, p.componentCode, p.profileId),
    'scan.page.move': (p) => dossiers.movePage(p.pageId, p.componentCode),
    'scan.import': (p) =>
      s.importFiles(
        p.dossierId,
        p.componentCode,
        p.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.dataBase64, 'base64') })),
      ),
    'scan.uploadChunk': (p) => s.uploadChunk(p),
    'scan.importStaged': (p) => s.importStaged(p.dossierId, p.componentCode, p.uploads, p.imagesOnly),
  };
}
