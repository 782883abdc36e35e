import { describe, expect, it } from 'vitest';
import type { CallMessage } from '../../shared/api/wire';
import { type PortLink, PortBridge } from '../../electron/preload/port-bridge';

function fakePort() {
  const posted: CallMessage[] = [];
  let deliver: (data: unknown) => void = () => {};
  let closed = false;
  const link: PortLink = {
    post: (m) => posted.push(m),
    listen: (onData) => {
      deliver = onData;
    },
    close: () => {
      closed = true;
    },
  };
  return { link, posted, reply: (data: unknown) => deliver(data), isClosed: () => closed };
}

const call = (id: number): CallMessage => ({ kind: 'call', id, method: 'catalog.list', params: {} });

describe('the preload bridge (window.station)', () => {
  it('keeps calls made before the port arrives and sends them once it does', () => {
    const bridge = new PortBridge();
    bridge.api.send(call(1));
    bridge.api.send(call(2));
    const port = fakePort();
    bridge.attach(port.link);
    expect(port.posted.map((m) => m.id)).toEqual([1, 2]);
  });

  it('refuses anything that is not a call message', () => {
    const bridge = new PortBridge();
    expect(() => bridge.api.send({ kind: 'call', id: 'x' } as unknown as CallMessage)).toThrow(TypeError);
    expect(() => bridge.api.send({ kind: 'result', id: 1 } as unknown as CallMessage)).toThrow(TypeError);
  });

  it('hands every engine message to listeners until they unsubscribe', () => {
    const bridge = new PortBridge();
    const port = fakePort();
    bridge.attach(port.link);
    const seen: unknown[] = [];
    const off = bridge.api.onMessage((m) => seen.push(m));
    port.reply({ kind: 'event', name: 'x', payload: 1 });
    off();
    port.reply({ kind: 'event', name: 'x', payload: 2 });
    expect(seen).toEqual([{ kind: 'event', name: 'x', payload: 1 }]);
  });

  it('fails unanswered calls with transport_closed when the engine restarts', () => {
    const bridge = new PortBridge();
    const first = fakePort();
    bridge.attach(first.link);
    const seen: unknown[] = [];
    bridge.api.onMessage((m) => seen.push(m));
    bridge.api.send(call(1));
    bridge.api.send(call(2));
    first.reply({ kind: 'result', id: 1, ok: true, result: [] });

    const second = fakePort();
    bridge.attach(second.link);
    expect(first.isClosed()).toBe(true);
    expect(seen).toEqual([
      { kind: 'result', id: 1, ok: true, result: [] },
      {
        kind: 'result',
        id: 2,
        ok: false,
        error: { code: 'transport_closed', detail: 'the engine restarted' },
      },
    ]);
    bridge.api.send(call(3));
    expect(second.posted.map((m) => m.id)).toEqual([3]);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const bridge = new PortBridge();
    const port = fakePort();
    bridge.attach(port.link);
    const seen: unknown[] = [];
    bridge.api.onMessage(() => {
      throw new Error('broken listener');
    });
    bridge.api.onMessage((m) => seen.push(m));
    const quiet = console.error;
    console.error = () => {};
    try {
      port.reply({ kind: 'event', name: 'x', payload: 1 });
    } finally {
      console.error = quiet;
    }
    expect(seen).toHaveLength(1);
  });
});
