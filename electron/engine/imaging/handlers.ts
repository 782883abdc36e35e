import type { imagingCalls } from '../../../shared/api/rooms/imaging';
import type { RoomHandlers } from '../context';
import type { ImagingService } from './service';

export function imagingHandlers(s: ImagingService): RoomHandlers<keyof typeof imagingCalls> {
  return {
    'imaging.page': (p) => s.page(p.pageId),
    'imaging.progress': (p) => s.progress(p.dossierId),
    'imaging.review': (p) => s.review(p.dossierId, p.componentCode),
    'imaging.texts': (p) => s.texts(p.dossierId, p.componentCode),
    'imaging.choose': (p) => s.choose(p.pageId, p.choices),
    'imaging.blank': (p) => s.blank(p.pageId, p.decision),
    'imaging.preview': async (p) => ({ dataUrl: await s.preview(p.pageId, p.cleaned, p.large) }),
    'imaging.focus': (p) => {
      s.focus(p.dossierId);
      return { ok: true };
    },
    'imaging.cancel': (p) => ({ cancelled: s.cancel(p.dossierId) }),
  };
}
