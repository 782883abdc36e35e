/**
 * Picks the transport: Electron's preload bridge when present, otherwise the web
 * mode's WebSocket at ws://<host>/api?token=…, retried every 2 s when it drops.
 */
import { Client, ServerMessage, type StationBridge } from '../../../shared/api';
import { StationConnection } from './connection';

const TOKEN_KEY = 'sohoa.token';
const RETRY_MS = 2000;

export function bridge(): StationBridge | undefined {
  return (window as Window & { station?: StationBridge }).station;
}

/**
 * Web mode is opened at `/#token=…`. Keep the token for reloads (sessionStorage)
 * and take it out of the address bar so it is not copied along with the URL.
 */
export function takeToken(): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The preload fails in-flight calls with transport_closed when the engine restarts. */
function isTransportClosed(message: unknown): boolean {
  const parsed = ServerMessage.safeParse(message);
  return (
    parsed.success &&
    parsed.data.kind === 'result' &&
    !parsed.data.ok &&
    parsed.data.error.code === 'transport_closed'
  );
}

export function attachBridge(connection: StationConnection, station: StationBridge): void {
  const client = new Client((message) => station.send(message));
  let refreshQueued = false;
  station.onMessage((message) => {
    client.receive(message);
    if (refreshQueued || !isTransportClosed(message)) return;
    // Refetch once the burst of failures is over; the preload already uses the new port.
    refreshQueued = true;
    window.setTimeout(() => {
      refreshQueued = false;
      connection.refresh();
    }, 500);
  });
  connection.opened(client);
}

function attachWebSocket(connection: StationConnection, url: string): void {
  const open = (): void => {
    const socket = new WebSocket(url);
    const client = new Client((message) => {
      if (socket.readyState !== WebSocket.OPEN) throw new Error('socket not open');
      socket.send(JSON.stringify(message));
    });
    socket.onopen = () => connection.opened(client);
    socket.onmessage = (event: MessageEvent<unknown>) => {
      if (typeof event.data !== 'string') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(event.data);
      } catch {
        return;
      }
      client.receive(parsed);
    };
    socket.onclose = () => {
      client.close();
      connection.lost();
      window.setTimeout(open, RETRY_MS);
    };
  };
  open();
}

export function connect(): StationConnection {
  const connection = new StationConnection();
  const station = bridge();
  if (station) {
    attachBridge(connection, station);
    return connection;
  }
  const token = takeToken();
  if (token) {
    attachWebSocket(connection, socketUrl(token));
    return connection;
  }
  connection.missingToken();
  // A tab reopened without its token: the link pasted into the address bar only changes the
  // hash (no reload), so it is picked up here, without F5.
  const onHash = (): void => {
    const pasted = takeToken();
    if (!pasted) return;
    window.removeEventListener('hashchange', onHash);
    attachWebSocket(connection, socketUrl(pasted));
  };
  window.addEventListener('hashchange', onHash);
  return connection;
}

function socketUrl(token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api?token=${encodeURIComponent(token)}`;
}
