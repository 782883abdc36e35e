import { useEffect } from 'react';
import { navigate, places } from '../util/route';

/** Alt+1 … Alt+5 go to the station's places, in menu order. */
export function usePlaceShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const match = /^Digit([1-9])$/.exec(e.code);
      const place = match ? places[Number(match[1]) - 1] : undefined;
      if (!place) return;
      e.preventDefault();
      navigate({ place });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
