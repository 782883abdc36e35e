import { useEffect, useState } from 'react';

export type Place = 'reception' | 'dossiers' | 'outbox' | 'figures' | 'settings' | 'post';
export const places: readonly Place[] = ['reception', 'dossiers', 'outbox', 'figures', 'settings', 'post'];

export type Route = { place: Place; dossierId?: undefined } | { place: 'dossiers'; dossierId: string };

/** `#/dossiers`, `#/dossier/<id>`, `#/settings`… — anything else is reception. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const [head, id] = parts;
  if (head === 'dossier' && id) return { place: 'dossiers', dossierId: decodeURIComponent(id) };
  const place = places.find((p) => p === head);
  return { place: place ?? 'reception' };
}

export function hrefFor(route: Route): string {
  return route.dossierId ? `#/dossier/${encodeURIComponent(route.dossierId)}` : `#/${route.place}`;
}

export function navigate(route: Route): void {
  location.hash = hrefFor(route);
}

export function useRoute(): Route {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parseRoute(hash);
}
