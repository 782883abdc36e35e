/**
 * One connection to the engine, whatever carries it. It is itself a StationClient:
 * calls go to the Client of the current link, event listeners survive reconnects,
 * and React reads its status through `subscribe`/`snapshot`.
 */
import {
  CallFailed,
  type Client,
  events,
  type EventName,
  type EventPayload,
  type Method,
  type Params,
  type Result,
  type StationClient,
} from '../../../shared/api';
import type { Uploader } from './upload';

export type ConnectionStatus = 'connecting' | 'open' | 'lost' | 'no-token';

export interface ConnectionSnapshot {
  status: ConnectionStatus;
  /** Grows by one every time a link opens; data fetched before a reconnect is refetched. */
  generation: number;
  /** With 'no-token': the tab had a token, but the station no longer takes it (it restarted). */
  refused?: boolean;
}

type Listener = (payload: unknown) => void;

/** The errors that mean "who is at the screen must prove it again". */
export type AuthProblem = 'auth_required' | 'auth_locked';

export class StationConnection implements StationClient {
  private client: Client | null = null;
  private state: ConnectionSnapshot = { status: 'connecting', generation: 0 };
  private readonly watchers = new Set<() => void>();
  private readonly listeners = new Map<EventName, Set<Listener>>();
  private readonly authWatchers = new Set<(problem: AuthProblem) => void>();
  private session: string | null = null;
  /** Web mode: files go as raw bytes over HTTP (./upload.ts); null on Electron's bridge. */
  uploader: Uploader | null = null;

  readonly subscribe = (watcher: () => void): (() => void) => {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  };

  readonly snapshot = (): ConnectionSnapshot => this.state;

  call<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
    if (!this.client || this.state.status !== 'open') {
      return Promise.reject(new CallFailed({ code: 'transport_closed' }));
    }
    return this.client.call(method, params).catch((err: unknown) => {
      const code = err instanceof CallFailed ? err.error.code : null;
      if (code === 'auth_required' || code === 'auth_locked') for (const w of this.authWatchers) w(code);
      throw err;
    });
  }

  /** The session every call carries from now on, kept across reconnects (null: none). */
  setSession(token: string | null): void {
    this.session = token;
    this.client?.setSession(token);
  }

  /** Told whenever a call fails because the session is missing, expired or locked. */
  onAuthProblem(watcher: (problem: AuthProblem) => void): () => void {
    this.authWatchers.add(watcher);
    return () => this.authWatchers.delete(watcher);
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(name) ?? new Set<Listener>();
    set.add(listener as Listener);
    this.listeners.set(name, set);
    return () => set.delete(listener as Listener);
  }

  /** A new link is up: route its events here and let everyone refetch. */
  opened(client: Client): void {
    this.client = client;
    client.setSession(this.session);
    for (const name of Object.keys(events) as EventName[]) {
      client.on(name, (payload) => {
        for (const l of this.listeners.get(name) ?? []) l(payload);
      });
    }
    this.setState({ status: 'open', generation: this.state.generation + 1, refused: false });
  }

  /** The link went away; the caller's transport decides whether to retry. */
  lost(): void {
    this.client?.close();
    this.client = null;
    if (this.state.status !== 'lost') this.setState({ ...this.state, status: 'lost' });
  }

  /** Same link, but what was fetched may be stale (the engine behind it restarted). */
  refresh(): void {
    this.setState({ ...this.state, generation: this.state.generation + 1 });
  }

  /** `refused`: the tab's token was turned down by a station that is up (a new run, a new token). */
  missingToken(refused = false): void {
    this.client?.close();
    this.client = null;
    this.setState({ status: 'no-token', generation: this.state.generation, refused });
  }

  private setState(next: ConnectionSnapshot): void {
    this.state = next;
    for (const w of this.watchers) w();
  }
}
