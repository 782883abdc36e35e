/**
 * The preload's half of the pipe to the engine, kept free of `electron` so it can be
 * tested under plain Node. `index.ts` wires it to the MessagePort that main sends.
 */
import type { StationBridge } from '../../shared/api/bridge';
import { CallMessage } from '../../shared/api/wire';

/** One end of a channel to the engine, reduced to what the bridge needs. */
export interface PortLink {
  post(message: CallMessage): void;
  listen(onData: (data: unknown) => void): void;
  close(): void;
}

type Listener = (message: unknown) => void;

export class PortBridge {
  private link: PortLink | null = null;
  /** Calls made before the first port arrived (the page may start before main sends it). */
  private queue: CallMessage[] = [];
  /** Calls sent on the current port and not yet answered, to fail them if the port is replaced. */
  private readonly inFlight = new Set<number>();
  private readonly listeners = new Set<Listener>();

  readonly api: StationBridge = {
    send: (message) => this.send(message),
    onMessage: (listener) => this.onMessage(listener),
  };

  /** Use a new port. A second port means the engine restarted: unanswered calls are lost. */
  attach(link: PortLink): void {
    const previous = this.link;
    this.link = link;
    if (previous) {
      previous.close();
      this.failInFlight('the engine restarted');
    }
    link.listen((data) => this.receive(data));
    const queued = this.queue;
    this.queue = [];
    for (const message of queued) this.post(message);
  }

  private send(message: unknown): void {
    const parsed = CallMessage.safeParse(message);
    if (!parsed.success) {
      throw new TypeError(
        `station.send: not a call message (${parsed.error.issues[0]?.message ?? 'invalid'})`,
      );
    }
    if (this.link) this.post(parsed.data);
    else this.queue.push(parsed.data);
  }

  private post(message: CallMessage): void {
    this.inFlight.add(message.id);
    this.link?.post(message);
  }

  private onMessage(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private receive(data: unknown): void {
    const id = resultId(data);
    if (id !== undefined) this.inFlight.delete(id);
    this.deliver(data);
  }

  private failInFlight(detail: string): void {
    const ids = [...this.inFlight];
    this.inFlight.clear();
    for (const id of ids) {
      this.deliver({ kind: 'result', id, ok: false, error: { code: 'transport_closed', detail } });
    }
  }

  private deliver(message: unknown): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(message);
      } catch (err) {
        // One broken listener must not starve the others.
        console.error('station listener failed', err);
      }
    }
  }
}

/** The id of a result message; full validation is the renderer client's job. */
function resultId(data: unknown): number | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { kind, id } = data as { kind?: unknown; id?: unknown };
  return kind === 'result' && typeof id === 'number' ? id : undefined;
}
