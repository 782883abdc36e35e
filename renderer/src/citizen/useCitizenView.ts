import { useEffect, useState } from 'react';
import type { CitizenView } from '../../../shared/api/rooms/citizen';
import { useStation } from '../api/StationContext';

/** What the citizen screen shows now: asked at every (re)connect, then pushed by the engine. */
export function useCitizenView(): CitizenView | null {
  const { client, status, generation } = useStation();
  const [view, setView] = useState<CitizenView | null>(null);
  useEffect(() => client.on('citizen.view', setView), [client]);
  useEffect(() => {
    if (status !== 'open') return;
    let live = true;
    client.call('citizen.current', {}).then(
      (v) => live && setView(v),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client, status, generation]);
  return view;
}
