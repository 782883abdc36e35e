/**
 * Picks the transport: Electron's preload bridge when present, otherwise the web
 * mode's WebSocket at ws://<host>/api?token=…, retried every 2 s when it drops.
 */
import { Client, ServerMessage, type StationBridge } from '../../../shared/api';
import { StationConnection } from './connection';
import { httpUploader } from './upload';

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

/** One web-mode link: retried while the station is away; given up when the station turns its token down. */
interface WebLink {
  token: string;
  stop(): void;
}

/** Whether the station's web server answers (then a socket that closed at once was refused, not unreachable). */
async function stationAnswers(): Promise<boolean> {
  try {
    const res = await fetch(`${location.origin}/`, { method: 'HEAD', cache: 'no-store' });
    return res.ok;
  } catch {
    return false;
  }
}

function attachWebSocket(connection: StationConnection, token: string, refused: () => void): WebLink {
  const url = socketUrl(token);
  connection.uploader = httpUploader(token);
  let stopped = false;
  let socket: WebSocket | null = null;
  let timer: number | undefined;
  const open = (): void => {
    if (stopped) return;
    let opened = false;
    const s = new WebSocket(url);
    socket = s;
    const client = new Client((message) => {
      if (s.readyState !== WebSocket.OPEN) throw new Error('socket not open');
      s.send(JSON.stringify(message));
    });
    s.onopen = () => {
      opened = true;
      connection.opened(client);
    };
    s.onmessage = (event: MessageEvent<unknown>) => {
      if (typeof event.data !== 'string') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(event.data);
      } catch {
        return;
      }
      client.receive(parsed);
    };
    s.onclose = () => {
      client.close();
      if (stopped) return;
      connection.lost();
      if (opened) {
        timer = window.setTimeout(open, RETRY_MS);
        return;
      }
      // Closed before it opened: the station is away (retry), or it is up and refuses this
      // token because it was restarted with a new one (retrying would never work).
      void stationAnswers().then((up) => {
        if (stopped) return;
        if (up) refused();
        else timer = window.setTimeout(open, RETRY_MS);
      });
    };
  };
  open();
  return {
    token,
    stop: () => {
      stopped = true;
      window.clearTimeout(timer);
      socket?.close();
    },
  };
}

/** The token in the address bar's `#token=…`, if the clerk just pasted one. */
function tokenInHash(): string | null {
  return new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
}

export function connect(): StationConnection {
  const connection = new StationConnection();
  const station = bridge();
  if (station) {
    attachBridge(connection, station);
    return connection;
  }
  let link: WebLink | null = null;
  const start = (token: string): void => {
    link?.stop();
    link = attachWebSocket(connection, token, () => {
      link?.stop();
      link = null;
      sessionStorage.removeItem(TOKEN_KEY);
      connection.missingToken(true);
    });
  };
  const token = takeToken();
  if (token) start(token);
  else connection.missingToken();
  // A tab reopened without its token, or with one from before the station restarted: the link
  // pasted into the address bar only changes the hash (no reload), so it is picked up here, without F5.
  const onPaste = (): void => {
    if (!tokenInHash()) return;
    const pasted = takeToken();
    if (!pasted) return;
    if (link?.token === pasted && connection.snapshot().status !== 'no-token') return;
    start(pasted);
  };
  window.addEventListener('hashchange', onPaste);
  window.addEventListener('popstate', onPaste);
  return connection;
}

function socketUrl(token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api?token=${encodeURIComponent(token)}`;
}
