import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dossier, DossierComponent, Page } from '../../../shared/api';
import { useAttempt } from '../api/hooks';
import { useStation } from '../api/StationContext';

export interface PageActions {
  busyPageId: string | null;
  rotate: (page: Page, by: 90 | -90) => void;
  remove: (page: Page, index: number) => void;
  move: (page: Page, delta: -1 | 1) => void;
  reorder: (pageIds: string[]) => void;
  /** To the end of another component of the dossier (a page scanned into the wrong slot). */
  moveTo: (page: Page, componentCode: string, componentName: string) => void;
}

/** Rotate, delete (with undo), and reorder pages of one component. */
export function usePageActions(
  dossierId: string,
  component: DossierComponent,
  onDossier: (dossier: Dossier) => void,
): PageActions {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { client } = useStation();
  const attempt = useAttempt();
  const [busyPageId, setBusyPageId] = useState<string | null>(null);

  const run = async (pageId: string, action: () => Promise<Dossier>): Promise<boolean> => {
    setBusyPageId(pageId);
    const done = await attempt(async () => onDossier(await action()));
    setBusyPageId(null);
    return done;
  };

  const restore = (pageId: string, key: string) => {
    message.destroy(key);
    void run(pageId, () => client.call('dossier.restorePage', { pageId })).then(
      (ok) => ok && message.success(t('page.restored')),
    );
  };

  const reorder = (pageIds: string[]) => {
    const moved = pageIds.find((id, i) => component.pages[i]?.id !== id) ?? pageIds[0] ?? '';
    void run(moved, () =>
      client.call('dossier.reorderPages', { dossierId, componentCode: component.code, pageIds }),
    );
  };

  return {
    busyPageId,
    rotate: (page, by) => void run(page.id, () => client.call('dossier.rotatePage', { pageId: page.id, by })),
    remove: (page, index) =>
      void run(page.id, () => client.call('dossier.deletePage', { pageId: page.id })).then((ok) => {
        if (!ok) return;
        const key = `deleted-${page.id}`;
        message.open({
          key,
          type: 'info',
          duration: 8,
          content: (
            <span>
              {t('page.deleted', { n: index + 1, name: component.name })}{' '}
              <Button
                size="small"
                type="link"
                data-testid="undo-delete"
                onClick={() => restore(page.id, key)}
              >
                {t('page.undo')}
              </Button>
            </span>
          ),
        });
      }),
    move: (page, delta) => {
      const ids = component.pages.map((p) => p.id);
      const from = ids.indexOf(page.id);
      const to = from + delta;
      if (from < 0 || to < 0 || to >= ids.length) return;
      ids.splice(from, 1);
      ids.splice(to, 0, page.id);
      reorder(ids);
    },
    reorder,
    moveTo: (page, componentCode, componentName) =>
      void run(page.id, () => client.call('scan.page.move', { pageId: page.id, componentCode })).then(
        (ok) => ok && message.success(t('scan.moved', { name: componentName })),
      ),
  };
}
