/**
 * The station's data key, sealed by the OS keychain (Electron `safeStorage`:
 * DPAPI on Windows, the Keychain on macOS, the Secret Service on Linux) and
 * handed to the engine as SOHOA_DATA_KEY. Where the keychain is not available,
 * or for a data folder already sealed with the engine's own key file, nothing
 * is handed over and the engine keeps using its key file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The part of Electron's `safeStorage` used here (a parameter, so it can be tested without Electron). */
export interface KeyVault {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export const SEALED_KEY_FILE = 'data-key.sealed';

/** The key (base64) to hand to the engine, or undefined to let it use its key file. */
export function hostDataKey(userData: string, dataDir: string, vault: KeyVault): string | undefined {
  const sealedFile = path.join(userData, SEALED_KEY_FILE);
  if (!vault.isEncryptionAvailable()) return undefined;
  if (fs.existsSync(sealedFile)) return vault.decryptString(fs.readFileSync(sealedFile));
  // Data already sealed with the engine's key file (a station set up from the CLI or an
  // earlier version): keep that key where it is rather than start a second one.
  if (fs.existsSync(path.join(dataDir, 'key-check'))) return undefined;
  const key = crypto.randomBytes(32).toString('base64');
  fs.mkdirSync(userData, { recursive: true });
  const tmp = `${sealedFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, vault.encryptString(key), { mode: 0o600 });
  fs.renameSync(tmp, sealedFile);
  return key;
}
