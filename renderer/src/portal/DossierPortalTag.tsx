import { useEvent, useQuery, useThrottled } from '../api/hooks';
import { PortalStatusTag } from './PortalStatusTag';

/**
 * The dossier header's portal tag: read from the outbox itself (the submission's row)
 * and refreshed whenever the outbox changes, so it always says what the outbox says.
 */
export function DossierPortalTag({ dossierId }: { dossierId: string }) {
  const overview = useQuery('outbox.overview', {});
  const reload = useThrottled(overview.reload, 1000);
  useEvent('outbox.changed', reload);
  const submission = overview.data?.items.find((i) => i.dossierId === dossierId && i.kind === 'submit');
  return <PortalStatusTag state={submission?.state ?? null} />;
}
