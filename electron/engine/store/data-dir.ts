import os from 'node:os';
import path from 'node:path';

/**
 * Where the station keeps its data: `--data DIR`, else SOHOA_DATA_DIR, else the
 * OS's per-user application-data folder (the same place Electron's userData uses).
 */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.SOHOA_DATA_DIR) return path.resolve(env.SOHOA_DATA_DIR);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'SoHoa Station', 'data');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'SoHoa Station', 'data');
    default:
      return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'sohoa-station');
  }
}
