import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { AppError } from '../../../shared/api';
import type { ScanDefault, ScanDevice, ScanProfile } from '../../../shared/api/rooms/scan';
import { toAppError } from '../api/hooks';
import { useStation } from '../api/StationContext';

/**
 * What every scan panel of the workspace shares: the device list (listing runs
 * driver programs, so it is done once, not once per component), the profiles,
 * and which component F8 scans into.
 */
interface Shared {
  devices: ScanDevice[] | undefined;
  loadingDevices: boolean;
  devicesError: AppError | undefined;
  profiles: ScanProfile[];
  defaults: ScanDefault[];
  active: string | null;
}

let state: Shared = {
  devices: undefined,
  loadingDevices: false,
  devicesError: undefined,
  profiles: [],
  defaults: [],
  active: null,
};
const listeners = new Set<() => void>();
const set = (patch: Partial<Shared>) => {
  state = { ...state, ...patch };
  for (const l of listeners) l();
};
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const snapshot = () => state;

export const setActiveComponent = (code: string) => state.active !== code && set({ active: code });

let loadedGeneration = -1;

export function useScanShared() {
  const { client, status, generation } = useStation();
  const shared = useSyncExternalStore(subscribe, snapshot);

  const loadDevices = useCallback(
    (network = false) => {
      set({ loadingDevices: true, devicesError: undefined });
      client.call('scan.devices', { refresh: network }).then(
        (devices) => set({ devices, loadingDevices: false }),
        (err: unknown) => set({ loadingDevices: false, devicesError: toAppError(err) }),
      );
    },
    [client],
  );
  const loadProfiles = useCallback(() => {
    client.call('scan.profiles', {}).then(
      (r) => set({ profiles: r.profiles, defaults: r.defaults }),
      () => {},
    );
  }, [client]);

  useEffect(() => {
    if (status !== 'open' || loadedGeneration === generation) return;
    loadedGeneration = generation;
    loadDevices(false);
    loadProfiles();
  }, [status, generation, loadDevices, loadProfiles]);

  return {
    ...shared,
    loadDevices,
    loadProfiles,
    setDefaults: (defaults: ScanDefault[]) => set({ defaults }),
  };
}
