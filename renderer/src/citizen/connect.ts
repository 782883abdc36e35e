/**
 * The citizen screen's link to the engine (docs/architecture.md, "Citizen screen"). In the app,
 * main hands this window a port to the engine's citizen side. In web mode the page first trades
 * the pairing code shown on the clerk's screen for a citizen token (`POST /citizen/pair`), then
 * opens `/citizen-api?token=…`; a token the server no longer knows sends it back to pairing.
 */
import { AppError, Client } from '../../../shared/api';
import { StationConnection } from '../api/connection';
import { attachBridge, bridge } from '../api/transport';

const TOKEN_KEY = 'sohoa.citizenToken';
const RETRY_MS = 2000;

export interface CitizenLink {
  connection: StationConnection;
  /** Web mode only: pairs with the code from the clerk's screen; resolves to the error when refused. */
  pair(code: string): Promise<AppError | null>;
}

function openSocket(connection: StationConnection, token: string): void {
  let everOpened = false;
  const open = (): void => {
    const socket = new WebSocket(
      `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/citizen-api?token=${encodeURIComponent(token)}`,
    );
    const client = new Client((message) => {
      if (socket.readyState !== WebSocket.OPEN) throw new Error('socket not open');
      socket.send(JSON.stringify(message));
    });
    socket.onopen = () => {
      everOpened = true;
      connection.opened(client);
    };
    socket.onmessage = (event: MessageEvent<unknown>) => {
      if (typeof event.data !== 'string') return;
      try {
        client.receive(JSON.parse(event.data));
      } catch {
        // not JSON: dropped
      }
    };
    socket.onclose = () => {
      client.close();
      if (!everOpened) {
        // Refused at once: the station restarted and forgot the token. Pair again.
        sessionStorage.removeItem(TOKEN_KEY);
        connection.missingToken();
        return;
      }
      connection.lost();
      everOpened = false;
      window.setTimeout(open, RETRY_MS);
    };
  };
  open();
}

export function connectCitizen(): CitizenLink {
  const connection = new StationConnection();
  const station = bridge();
  if (station) {
    attachBridge(connection, station);
    return { connection, pair: () => Promise.resolve(null) };
  }
  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved) openSocket(connection, saved);
  else connection.missingToken();
  return {
    connection,
    async pair(code) {
      let res: Response;
      try {
        res = await fetch('/citizen/pair', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ code }),
        });
      } catch {
        return { code: 'transport_closed' };
      }
      const body = (await res.json().catch(() => ({}))) as { token?: string; error?: unknown };
      if (res.ok && body.token) {
        sessionStorage.setItem(TOKEN_KEY, body.token);
        openSocket(connection, body.token);
        return null;
      }
      const error = AppError.safeParse(body.error);
      return error.success ? error.data : { code: 'internal' };
    },
  };
}
