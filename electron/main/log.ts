/**
 * The Electron glue of the shell's log: electron-log/main set up by main/log-service.ts,
 * and the shell's own console (engine restarts, updates, start failures) sent into it.
 */
import { app } from 'electron';
import log from 'electron-log/main';
import { setupShellLog } from './log-service';

export function startShellLog(dataDir: string): void {
  setupShellLog(log, dataDir);
  Object.assign(console, log.functions);
  log.info(
    `shell.start version=${app.getVersion()} electron=${process.versions.electron} platform=${process.platform} arch=${process.arch}`,
  );
}
