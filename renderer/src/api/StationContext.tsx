import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';
import type { StationClient } from '../../../shared/api';
import type { ConnectionSnapshot, StationConnection } from './connection';

const StationContext = createContext<StationConnection | null>(null);

export function StationProvider({
  connection,
  children,
}: {
  connection: StationConnection;
  children: ReactNode;
}) {
  return <StationContext.Provider value={connection}>{children}</StationContext.Provider>;
}

export interface Station extends ConnectionSnapshot {
  client: StationClient;
}

/** The connection itself, for what only the app shell does (the session, auth problems). */
export function useConnection(): StationConnection {
  const connection = useContext(StationContext);
  if (!connection) throw new Error('useConnection outside StationProvider');
  return connection;
}

/** The engine client and the live connection status. */
export function useStation(): Station {
  const connection = useContext(StationContext);
  if (!connection) throw new Error('useStation outside StationProvider');
  const snapshot = useSyncExternalStore(connection.subscribe, connection.snapshot);
  return { client: connection, ...snapshot };
}
