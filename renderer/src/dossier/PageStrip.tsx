import { Flex } from 'antd';
import { type DragEvent, useState } from 'react';
import type { DossierComponent } from '../../../shared/api';
import { PAGE_DRAG_TYPE, PageThumb } from './PageThumb';
import { PageViewer } from './PageViewer';
import { usePageReview } from './usePageReview';
import type { PageActions } from './usePageActions';

/** The component's pages in order; drag one onto another to put it there. */
export function PageStrip({
  dossierId,
  component,
  actions,
  otherComponents,
  locked = false,
}: {
  dossierId: string;
  component: DossierComponent;
  actions: PageActions;
  otherComponents: { code: string; name: string }[];
  /** A received dossier: pages shown, not changed. */
  locked?: boolean;
}) {
  const [dragId, setDragId] = useState<string | null>(null);
  const [overId, setOverId] = useState<string | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const review = usePageReview(dossierId, component.code);
  const pages = component.pages;

  const isOurs = (e: DragEvent) => e.dataTransfer.types.includes(PAGE_DRAG_TYPE);

  const drop = (targetId: string) => {
    if (!dragId || dragId === targetId) return;
    const ids = pages.map((p) => p.id).filter((id) => id !== dragId);
    const targetIndex = pages.findIndex((p) => p.id === targetId);
    const fromIndex = pages.findIndex((p) => p.id === dragId);
    // Dropping on a later page puts the dragged one after it, on an earlier one before it.
    const insertAt = ids.indexOf(targetId) + (fromIndex < targetIndex ? 1 : 0);
    ids.splice(insertAt, 0, dragId);
    actions.reorder(ids);
  };

  return (
    <>
      <Flex wrap gap={12} role="list">
        {pages.map((page, index) => (
          <div role="listitem" key={page.id}>
            <PageThumb
              page={page}
              review={review.get(page.id)}
              onOpen={() => setViewing(page.id)}
              index={index}
              count={pages.length}
              busy={actions.busyPageId === page.id}
              locked={locked}
              dragging={dragId === page.id}
              dropTarget={overId === page.id && dragId !== page.id}
              onRotate={(by) => actions.rotate(page, by)}
              onMove={(delta) => actions.move(page, delta)}
              onDelete={() => actions.remove(page, index)}
              otherComponents={otherComponents}
              onMoveTo={(code, name) => actions.moveTo(page, code, name)}
              onDragStart={(e) => {
                e.dataTransfer.setData(PAGE_DRAG_TYPE, page.id);
                e.dataTransfer.effectAllowed = 'move';
                setDragId(page.id);
              }}
              onDragOver={(e) => {
                if (!isOurs(e) || !dragId) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
                if (overId !== page.id) setOverId(page.id);
              }}
              onDrop={(e) => {
                if (!isOurs(e)) return;
                e.preventDefault();
                drop(page.id);
                setDragId(null);
                setOverId(null);
              }}
              onDragEnd={() => {
                setDragId(null);
                setOverId(null);
              }}
            />
          </div>
        ))}
      </Flex>
      <PageViewer
        dossierId={dossierId}
        componentCode={component.code}
        componentName={component.name}
        pages={pages}
        review={review}
        pageId={viewing}
        onPage={setViewing}
      />
    </>
  );
}
