/**
 * Entry of the engine inside Electron's utilityProcess. Pure Node: the
 * process's `parentPort` hands us one MessagePort per window, and each port
 * carries the same wire envelope as every other transport.
 */
import type { AppError } from '../../../shared/api/contract';
import type { ServerMessage } from '../../../shared/api/wire';
import { createEngine, createTrainingPortal, type Engine, type TrainingPortal } from '../index';
import { toAppError } from '../api/errors';

interface PortEvent {
  data: unknown;
  ports: PortLike[];
}
interface PortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}
interface ParentPort {
  on(event: 'message', listener: (e: PortEvent) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** One page's port, on the side main named: the station's, or a citizen screen's (docs/architecture.md). */
function serve(engine: Pick<Engine, 'dispatch' | 'onEvent'>, port: PortLike): void {
  const send = (m: ServerMessage) => port.postMessage(m);
  const off = engine.onEvent(send);
  port.on('message', (e) => {
    void engine.dispatch(e.data).then((reply) => reply && send(reply));
  });
  port.on('close', off);
  port.start();
}

function main(): void {
  if (!parentPort) {
    console.error('utility.ts must run inside an Electron utilityProcess');
    process.exit(1);
  }
  const dataDir = argValue('--data');
  const log = (l: string) => console.error(`[engine] ${l}`);
  let engine: Engine;
  let training: TrainingPortal;
  try {
    if (!dataDir) throw new Error('--data DIR is required');
    // Training mode, as in web mode: until a real portal is configured, the outbox sends to an
    // embedded sandbox portal; the outbox overview tells the UI, which shows it.
    training = createTrainingPortal(dataDir, log);
    engine = createEngine({
      dataDir,
      log,
      outbox: { autoStart: true, trainingPortal: training.start },
      privacy: { autoPurge: true },
    });
  } catch (err) {
    const error: AppError = toAppError(err);
    parentPort.postMessage({ type: 'fatal', error });
    setTimeout(() => process.exit(2), 100);
    return;
  }
  parentPort.on('message', (e) => {
    const data = e.data as { type?: string; side?: string } | null;
    if (data?.type === 'connect' && e.ports[0])
      serve(data.side === 'citizen' ? engine.citizen : engine, e.ports[0]);
    if (data?.type === 'shutdown') shutdown();
  });
  let stopping = false;
  function shutdown(): void {
    if (stopping) return;
    stopping = true;
    engine.close();
    // Let the sandbox close its database, but never hold the exit for long.
    const stopped = training.close();
    void Promise.race([stopped, new Promise((r) => setTimeout(r, 1000))]).finally(() => process.exit(0));
  }
  process.on('SIGTERM', shutdown);
  process.on('exit', () => engine.close());
  parentPort.postMessage({ type: 'ready' });
  tellUpdateFeed(engine, parentPort);
}

/**
 * The shell runs the updater, and the updater's URL and channel are settings: the engine
 * tells main at start and again whenever a change to the settings changes them.
 */
function tellUpdateFeed(engine: Engine, parent: ParentPort): void {
  let told = '';
  const tell = () => {
    const feed = engine.updateFeed();
    const key = JSON.stringify(feed);
    if (key === told) return;
    told = key;
    parent.postMessage({ type: 'update-feed', feed });
  };
  tell();
  engine.onEvent((event) => {
    if (event.name === 'settings.changed') tell();
  });
}

main();
