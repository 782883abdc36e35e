import { createContext, useCallback, useContext } from 'react';
import type { Method } from '../../../shared/api/contract';
import type { Account, Session } from '../../../shared/api/rooms/accounts';
import type { StationSettings } from '../../../shared/api/rooms/settings';
import type { Place } from '../util/route';
import { mayCall, maySet, mayVisit, type Who } from './permissions';

export interface AccountsApi {
  /** Null on a station without accounts, or in the training-mode trial. */
  session: Session | null;
  who: Who;
  lock: () => void;
  /** Đổi ca nhanh: ends this session and shows the sign-in screen with the quick-switch list. */
  switchShift: () => void;
  /** Another clerk took the station by PIN from the header ("Cán bộ trực"): their session replaces this one. */
  switchedTo: (s: Session) => void;
  signOut: () => void;
  /** The signed-in account changed (a PIN set, a password changed). */
  accountChanged: (account: Account) => void;
}

const noop = (): void => {};

export const AccountsContext = createContext<AccountsApi>({
  session: null,
  who: null,
  lock: noop,
  switchShift: noop,
  switchedTo: noop,
  signOut: noop,
  accountChanged: noop,
});

export const useAccounts = (): AccountsApi => useContext(AccountsContext);

/** Whether the signed-in person may make this call (the contract's role for it). */
export function useMayCall(): (method: Method) => boolean {
  const { who } = useAccounts();
  return useCallback((method: Method) => mayCall(who, method), [who]);
}

/** Whether the signed-in person may change this setting (SETTING_ROLES). */
export function useMaySet(): (key: keyof StationSettings) => boolean {
  const { who } = useAccounts();
  return useCallback((key: keyof StationSettings) => maySet(who, key), [who]);
}

export function useMayVisit(): (place: Place) => boolean {
  const { who } = useAccounts();
  return useCallback((place: Place) => mayVisit(who, place), [who]);
}
