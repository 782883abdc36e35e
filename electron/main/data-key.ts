/**
 * The station's data key, sealed by the OS keychain (Electron `safeStorage`:
 * DPAPI on Windows, the Keychain on macOS, the Secret Service or KWallet on Linux) and
 * handed to the engine as SOHOA_DATA_KEY. Where there is no real keychain, or for a data
 * folder already sealed with the engine's own key file, nothing is handed over and the
 * engine keeps using its key file.
 *
 * On Linux, Chromium falls back to `basic_text` when it finds no password manager: a
 * password built into Chromium itself, which protects nothing. That backend is refused
 * for a new station (the key file, readable only by its owner, is no worse and is backed
 * up with the data as documented).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Linux password-manager backends, as `safeStorage.getSelectedStorageBackend()` names them. */
export type StorageBackend =
  'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/** The part of Electron's `safeStorage` used here (a parameter, so it can be tested without Electron). */
export interface KeyVault {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plain: string): Promise<Buffer>;
  decryptStringAsync(sealed: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only (Electron's typings say so); not called elsewhere. */
  getSelectedStorageBackend(): StorageBackend;
}

export const SEALED_KEY_FILE = 'data-key.sealed';

export interface VaultFacts {
  platform: NodeJS.Platform;
  /** `safeStorage.isAsyncEncryptionAvailable()`. */
  available: boolean;
  /** Linux: the password manager Chromium picked. */
  backend?: StorageBackend;
  /** `userData/data-key.sealed` exists: this station's key is already sealed by the vault. */
  sealedExists: boolean;
  /** The data folder already has its key-check, i.e. it was sealed by someone. */
  dataSealed: boolean;
}

export type VaultDecision =
  /** Open the sealed key; `warning` when the vault is weak but the data depends on that key. */
  { use: 'sealed'; warning?: string } | { use: 'new-sealed' } | { use: 'key-file'; message?: string };

const BASIC_TEXT_VI =
  'Không có trình quản lý mật khẩu của hệ điều hành (Secret Service/KWallet), chỉ có "basic_text" — ' +
  'không phải kho khóa thật';

/** Where the data key comes from, from what is known about the keychain and the folders. */
export function decideVault(facts: VaultFacts): VaultDecision {
  const weak = facts.platform === 'linux' && (facts.backend === 'basic_text' || facts.backend === 'unknown');
  if (!facts.available) {
    return {
      use: 'key-file',
      message: 'Kho khóa của hệ điều hành không dùng được: dùng tệp khóa của Trạm Số hóa.',
    };
  }
  if (facts.sealedExists) {
    return weak
      ? {
          use: 'sealed',
          warning: `${BASIC_TEXT_VI}. Khóa dữ liệu đã được niêm phong như vậy từ trước nên vẫn được dùng để mở dữ liệu.`,
        }
      : { use: 'sealed' };
  }
  // Data already sealed with the engine's key file (a station set up from the CLI or an
  // earlier version): keep that key where it is rather than start a second one.
  if (facts.dataSealed) return { use: 'key-file' };
  if (weak) return { use: 'key-file', message: `${BASIC_TEXT_VI}: dùng tệp khóa của Trạm Số hóa.` };
  return { use: 'new-sealed' };
}

/**
 * The key (base64) to hand to the engine, or undefined to let it use its key file.
 * `log` gets the Vietnamese explanation when the keychain is refused or weak.
 */
export async function hostDataKey(
  userData: string,
  dataDir: string,
  vault: KeyVault,
  options: { platform?: NodeJS.Platform; log?: (message: string) => void } = {},
): Promise<string | undefined> {
  const platform = options.platform ?? process.platform;
  const log = options.log ?? ((message: string) => console.warn(message));
  const sealedFile = path.join(userData, SEALED_KEY_FILE);
  const decision = decideVault({
    platform,
    available: await vault.isAsyncEncryptionAvailable(),
    ...(platform === 'linux' ? { backend: vault.getSelectedStorageBackend() } : {}),
    sealedExists: fs.existsSync(sealedFile),
    dataSealed: fs.existsSync(path.join(dataDir, 'key-check')),
  });
  if (decision.use === 'key-file') {
    if (decision.message) log(decision.message);
    return undefined;
  }
  if (decision.use === 'sealed') {
    if (decision.warning) log(decision.warning);
    const { result, shouldReEncrypt } = await vault.decryptStringAsync(fs.readFileSync(sealedFile));
    // The OS rotated its key or offers a stronger one: seal the same data key again.
    if (shouldReEncrypt) writeSealed(sealedFile, await vault.encryptStringAsync(result));
    return result;
  }
  const key = crypto.randomBytes(32).toString('base64');
  fs.mkdirSync(userData, { recursive: true });
  writeSealed(sealedFile, await vault.encryptStringAsync(key));
  return key;
}

function writeSealed(file: string, sealed: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, sealed, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
