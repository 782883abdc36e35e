import { Client } from '../../../shared/api/client';
import type { Engine } from '../index';

/**
 * The in-process transport (CLI, tests): the same envelope as the others,
 * passed through a structured clone so nothing is shared by reference.
 */
export function connectInProcess(engine: Engine): Client & { dispose(): void } {
  const client: Client = new Client((message) => {
    void engine
      .dispatch(structuredClone(message))
      .then((reply) => reply && client.receive(structuredClone(reply)));
  });
  const off = engine.onEvent((e) => client.receive(structuredClone(e)));
  return Object.assign(client, {
    dispose() {
      off();
      client.close();
    },
  });
}
