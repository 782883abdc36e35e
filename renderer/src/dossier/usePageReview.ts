import type { PageReview } from '../../../shared/api/rooms/imaging';
import { useEvent, useQuery, useThrottled } from '../api/hooks';

/**
 * The flags of one component's pages (blank, turned, low OCR confidence, colour), by page id,
 * fresh after every change to the dossier and as the background cleanup and reading go on.
 */
export function usePageReview(dossierId: string, componentCode: string): Map<string, PageReview> {
  const query = useQuery('imaging.review', { dossierId, componentCode });
  const reload = useThrottled(query.reload, 500);
  useEvent('dossier.changed', (e) => e.dossierId === dossierId && reload());
  useEvent('imaging.progress', (p) => p.dossierId === dossierId && reload());
  const pages = query.data?.components.find((c) => c.code === componentCode)?.pages ?? [];
  return new Map(pages.map((p) => [p.pageId, p]));
}
