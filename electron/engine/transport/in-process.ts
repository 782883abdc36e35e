import { Client } from '../../../shared/api/client';
import type { Engine } from '../index';

/**
 * The in-process transport (CLI, tests): the same envelope as the others,
 * passed through a structured clone so nothing is shared by reference.
 */
export function connectInProcess(
  engine: Engine,
  opts: { citizen?: boolean } = {},
): Client & { dispose(): void } {
  // A citizen screen's channel (tests): only the citizen calls, only its events.
  const side = opts.citizen ? engine.citizen : engine;
  const client: Client = new Client((message) => {
    void side
      .dispatch(structuredClone(message))
      .then((reply) => reply && client.receive(structuredClone(reply)));
  });
  const off = side.onEvent((e) => client.receive(structuredClone(e)));
  return Object.assign(client, {
    dispose() {
      off();
      client.close();
    },
  });
}
