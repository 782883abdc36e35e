/**
 * Runs the engine (pure Node) in a utilityProcess and hands each page its own
 * MessagePort to it. Main never sees a call: ports go straight from page to engine.
 */
import { MessageChannelMain, utilityProcess, type UtilityProcess, type WebContents } from 'electron';
import { z } from 'zod';
import { AppError } from '../../shared/api/contract';
import { UpdateFeed } from '../../shared/api/update-feed';

/** What the engine posts on its parentPort. */
const EngineStatus = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('fatal'), error: AppError }),
  // The updateUrl/updateChannel settings, at start and after each change (main/updater.ts).
  z.object({ type: z.literal('update-feed'), feed: UpdateFeed }),
]);

export interface EngineHostOptions {
  modulePath: string;
  dataDir: string;
  /** The data key from the OS keychain (base64), when there is one; else the engine uses its key file. */
  dataKey?: string;
  /** The engine refused to start (e.g. its data directory is locked by another engine). */
  onFatal(error: AppError): void;
  /** The engine died again after its one restart. */
  onGone(exitCode: number): void;
  /** Where to look for app updates, as the station's settings say. */
  onUpdateFeed?(feed: UpdateFeed): void;
}

export class EngineHost {
  private child: UtilityProcess | null = null;
  private ready = false;
  private stopping = false;
  private fatal = false;
  private restartsLeft = 1;
  /**
   * Pages that want a port, and which side of the engine it reaches: `station` (the clerk's window)
   * or `citizen` (the citizen screen's window: the engine answers it only the citizen calls). Each
   * gets a new port after every load and engine restart. Main decides the side, never the page.
   */
  private readonly clients = new Map<WebContents, 'station' | 'citizen'>();

  constructor(private readonly options: EngineHostOptions) {}

  start(): void {
    this.ready = false;
    const { dataKey } = this.options;
    const child = utilityProcess.fork(this.options.modulePath, ['--data', this.options.dataDir], {
      serviceName: 'SoHoa engine',
      ...(dataKey ? { env: { ...process.env, SOHOA_DATA_KEY: dataKey } } : {}),
    });
    this.child = child;
    child.on('message', (message: unknown) => this.onStatus(child, message));
    child.on('exit', (code) => this.onExit(child, code));
  }

  /** Give `contents` a port now, or as soon as the engine is ready. */
  connect(contents: WebContents, side: 'station' | 'citizen' = 'station'): void {
    if (!this.clients.has(contents)) contents.once('destroyed', () => this.clients.delete(contents));
    this.clients.set(contents, side);
    if (this.ready) this.handPort(contents, side);
  }

  /**
   * Asks the engine to close its database and exit; kills it only if it has not
   * gone within two seconds. (On Windows `kill()` is not a SIGTERM the engine
   * could catch, so the polite request is what keeps the database clean there.)
   */
  stop(): void {
    this.stopping = true;
    const child = this.child;
    if (!child) return;
    child.postMessage({ type: 'shutdown' });
    const timer = setTimeout(() => child.kill(), 2000);
    child.once('exit', () => clearTimeout(timer));
  }

  private onStatus(child: UtilityProcess, message: unknown): void {
    if (child !== this.child) return;
    const status = EngineStatus.safeParse(message);
    if (!status.success) {
      console.warn('engine: ignoring unexpected status message', message);
      return;
    }
    if (status.data.type === 'ready') {
      this.ready = true;
      for (const [contents, side] of this.clients) this.handPort(contents, side);
    } else if (status.data.type === 'update-feed') {
      this.options.onUpdateFeed?.(status.data.feed);
    } else {
      this.fatal = true;
      this.options.onFatal(status.data.error);
    }
  }

  private onExit(child: UtilityProcess, code: number): void {
    if (child !== this.child) return;
    this.child = null;
    this.ready = false;
    if (this.stopping || this.fatal) return;
    if (this.restartsLeft > 0) {
      this.restartsLeft--;
      console.warn(`engine: exited unexpectedly (code ${code}), restarting`);
      this.start();
    } else {
      this.options.onGone(code);
    }
  }

  private handPort(contents: WebContents, side: 'station' | 'citizen'): void {
    if (!this.child || contents.isDestroyed()) return;
    const { port1, port2 } = new MessageChannelMain();
    this.child.postMessage({ type: 'connect', side }, [port1]);
    contents.postMessage('station-port', null, [port2]);
  }
}
