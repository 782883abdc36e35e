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
  profilesLoaded: boolean;
  active: string | null;
}

let state: Shared = {
  devices: undefined,
  loadingDevices: false,
  devicesError: undefined,
  profiles: [],
  defaults: [],
  profilesLoaded: false,
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

const LAST_DEVICE = 'sohoa.scan.lastDevice';
/** The scanner used last on this station, offered before any listing. */
export const lastDevice = (): string | undefined => localStorage.getItem(LAST_DEVICE) ?? undefined;
export const rememberDevice = (id: string) => localStorage.setItem(LAST_DEVICE, id);

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
      (r) => set({ profiles: r.profiles, defaults: r.defaults, profilesLoaded: true }),
      () => {},
    );
  }, [client]);

  // Profiles at once; devices only when the clerk turns to scanning (listing drives hardware).
  useEffect(() => {
    if (status !== 'open' || loadedGeneration === generation) return;
    loadedGeneration = generation;
    loadProfiles();
  }, [status, generation, loadProfiles]);

  return {
    ...shared,
    loadDevices,
    /** Lists the devices the first time they are needed. */
    ensureDevices: () => {
      if (state.devices === undefined && !state.loadingDevices) loadDevices(false);
    },
    loadProfiles,
    setDefaults: (defaults: ScanDefault[]) => set({ defaults }),
  };
}
