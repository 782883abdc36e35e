import { useEffect, useState } from 'react';
import type { StationClient } from '../../../shared/api';
import { useStation } from '../api/StationContext';

/** Thumbnails never change for a page id (rotation is shown with CSS), so keep them. */
const pending = new Map<string, Promise<string>>();
const ready = new Map<string, string>();

function loadThumbnail(client: StationClient, pageId: string): Promise<string> {
  let promise = pending.get(pageId);
  if (!promise) {
    promise = client.call('dossier.thumbnail', { pageId }).then((r) => {
      ready.set(pageId, r.dataUrl);
      return r.dataUrl;
    });
    promise.catch(() => pending.delete(pageId));
    pending.set(pageId, promise);
  }
  return promise;
}

interface Loaded {
  pageId: string;
  url?: string;
  failed?: boolean;
}

export function useThumbnail(pageId: string): { url: string | undefined; failed: boolean } {
  const { client, status, generation } = useStation();
  const [loaded, setLoaded] = useState<Loaded>({ pageId: '' });
  const cached = ready.get(pageId);

  useEffect(() => {
    if (cached || status !== 'open') return;
    let live = true;
    loadThumbnail(client, pageId).then(
      (url) => live && setLoaded({ pageId, url }),
      () => live && setLoaded({ pageId, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [client, pageId, cached, status, generation]);

  const mine = loaded.pageId === pageId ? loaded : undefined;
  return { url: cached ?? mine?.url, failed: !cached && !!mine?.failed };
}
