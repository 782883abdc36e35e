/**
 * Training mode (chế độ đào tạo): until a real portal is configured in the settings, the
 * outbox sends dossiers to an embedded sandbox portal, so a new station can be tried end to
 * end without touching the real one. The outbox shows the mode to the clerk (overview
 * `training`). One place for web mode (`electron/web/run.ts`) and the Electron engine
 * (`electron/engine/host/utility.ts`, through the engine's index) to start it from.
 *
 * The sandbox portal itself (also `sohoa portal-sandbox`, the tests' portal): ./server.ts is
 * the HTTP plumbing, ./state.ts its SQLite and options, and one file per route group —
 * ./auth.ts, ./dossiers.ts, ./files.ts, ./results.ts (the status clock), ./payment.ts,
 * ./pages.ts (its own web pages and controls). The protocol: docs/portal-protocol.md.
 */
import path from 'node:path';
import { type Sandbox, startSandbox } from './server';

export { type Faults, type Sandbox, type SandboxDossier, type SandboxOptions, startSandbox } from './server';

export interface TrainingPortal {
  /** Starts the sandbox (once; later calls give the same URL) and returns its URL. For `outbox.trainingPortal`. */
  start(): Promise<string>;
  /** Stops the sandbox if it was started. */
  close(): Promise<void>;
}

/** The training sandbox keeps its own data under `<dataDir>/training-portal`. */
export function createTrainingPortal(dataDir: string, log: (line: string) => void): TrainingPortal {
  let starting: Promise<Sandbox> | null = null;
  return {
    start: async () => {
      starting ??= startSandbox({
        dataDir: path.join(dataDir, 'training-portal'),
        advanceMs: 15_000,
        autoPayMs: 20_000,
      }).then((sandbox) => {
        log(`chế độ đào tạo: cổng hộp cát / training portal ${sandbox.url}`);
        return sandbox;
      });
      return (await starting).url;
    },
    close: async () => {
      const sandbox = await starting?.catch(() => null);
      await sandbox?.close();
    },
  };
}
