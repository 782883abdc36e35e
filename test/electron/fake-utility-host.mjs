// Runs a bundled engine (dist/electron/engine.cjs) under plain Node, standing in for
// Electron's utilityProcess: a fake process.parentPort, and worker_threads ports
// wrapped to look like MessagePortMain ({ data } events, start()).
// Usage: node fake-utility-host.mjs <engine.cjs> --data DIR [--poll METHOD FIELD] [--settings JSON] [--side citizen]
// (--poll: call METHOD every 200 ms, up to 10 s, until its result's FIELD is true;
//  --settings: first call settings.update with that change;
//  --side citizen: the port main gives the citizen screen's window: app.info, then citizen.current.)
// Prints one JSON line per thing it sees: {status}, {reply}.
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const toEngine = new EventEmitter();
const print = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);

process.parentPort = {
  on: (event, listener) => toEngine.on(event, listener),
  postMessage: (message) => {
    print({ status: message });
    if (message && message.type === 'ready') connect();
  },
};

function asMainPort(port) {
  return {
    on: (event, listener) => port.on(event, event === 'message' ? (data) => listener({ data }) : listener),
    postMessage: (message) => port.postMessage(message),
    start: () => {},
    close: () => port.close(),
  };
}

const pollAt = process.argv.indexOf('--poll');
const poll = pollAt >= 0 ? { method: process.argv[pollAt + 1], field: process.argv[pollAt + 2] } : null;
const settingsAt = process.argv.indexOf('--settings');
const settingsChange = settingsAt >= 0 ? JSON.parse(process.argv[settingsAt + 1]) : null;
const citizenSide =
  process.argv.includes('--side') && process.argv[process.argv.indexOf('--side') + 1] === 'citizen';

/** The citizen window's port: a clerk call (refused), then the citizen screen's own. */
function connectCitizen() {
  const { port1, port2 } = new MessageChannel();
  toEngine.emit('message', { data: { type: 'connect', side: 'citizen' }, ports: [asMainPort(port1)] });
  port2.on('message', (reply) => {
    print({ reply });
    if (reply.kind !== 'result') return;
    if (reply.id === 1) port2.postMessage({ kind: 'call', id: 2, method: 'citizen.current', params: {} });
    else {
      port2.close();
      toEngine.emit('message', { data: { type: 'shutdown' }, ports: [] });
    }
  });
  port2.postMessage({ kind: 'call', id: 1, method: 'app.info', params: {} });
}

function connect() {
  if (citizenSide) return connectCitizen();
  const { port1, port2 } = new MessageChannel();
  toEngine.emit('message', { data: { type: 'connect' }, ports: [asMainPort(port1)] });
  let id = 1;
  const done = () => {
    port2.close();
    // As main does on quit: ask the engine to close its database and exit by itself.
    toEngine.emit('message', { data: { type: 'shutdown' }, ports: [] });
  };
  let changing = settingsChange !== null;
  const first = () =>
    port2.postMessage({ kind: 'call', id, method: poll ? poll.method : 'app.info', params: {} });
  port2.on('message', (reply) => {
    print({ reply });
    if (changing) {
      if (reply.kind === 'result' && reply.id === 0) {
        changing = false;
        first();
      }
      return;
    }
    if ((poll || settingsChange) && reply.kind !== 'result') return;
    if (!poll || reply.result?.[poll.field] === true || id >= 50) return done();
    setTimeout(() => port2.postMessage({ kind: 'call', id: ++id, method: poll.method, params: {} }), 200);
  });
  if (changing) port2.postMessage({ kind: 'call', id: 0, method: 'settings.update', params: settingsChange });
  else first();
}

// The engine bundle is CommonJS, loaded the way Electron loads it.
createRequire(import.meta.url)(process.argv[2]);
setTimeout(() => process.exit(3), 15_000).unref();
