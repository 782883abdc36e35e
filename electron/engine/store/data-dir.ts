import os from 'node:os';
import path from 'node:path';

/**
 * Where the station keeps its data: `--data DIR`, else SOHOA_DATA_DIR, else the
 * OS's per-user application-data folder (the same place Electron's userData uses).
 */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.SOHOA_DATA_DIR) return path.resolve(env.SOHOA_DATA_DIR);
  return perUserDir('data', env);
}

/**
 * The station's per-user folders: `data` for the data, `keys` for the data keys
 * (kept apart: on Linux in the XDG data and config homes).
 */
export function perUserDir(what: 'data' | 'keys', env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'SoHoa Station', what);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'SoHoa Station', what);
    default:
      return what === 'data'
        ? path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'sohoa-station')
        : path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'sohoa-station', 'keys');
  }
}
