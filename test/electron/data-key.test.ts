import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decideVault,
  hostDataKey,
  type KeyVault,
  SEALED_KEY_FILE,
  type StorageBackend,
} from '../../electron/main/data-key';
import { openStore } from '../../electron/engine/store';
import { ALL_MIGRATIONS } from '../../electron/engine/schema';
import { tempDir } from '../helpers/tmp';

/**
 * A stand-in for Electron's safeStorage (its async API): AES under a key only this "OS
 * account" holds; `backend` is the Linux password manager Chromium would have picked.
 */
function vault(
  available = true,
  backend: StorageBackend = 'gnome_libsecret',
): KeyVault & { osKey: Buffer; rotate: boolean } {
  const osKey = crypto.randomBytes(32);
  return {
    osKey,
    rotate: false,
    isAsyncEncryptionAvailable: () => Promise.resolve(available),
    getSelectedStorageBackend: () => backend,
    encryptStringAsync(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', osKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Promise.resolve(Buffer.concat([iv, body, c.getAuthTag()]));
    },
    decryptStringAsync(sealed) {
      const d = crypto.createDecipheriv('aes-256-gcm', osKey, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(sealed.length - 16));
      const result = Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]).toString(
        'utf8',
      );
      return Promise.resolve({ result, shouldReEncrypt: this.rotate });
    },
  };
}

describe('the data key in the Electron app (sealed by the OS keychain)', () => {
  it('makes a key for a new station, keeps it sealed, and the engine opens its data with it', async () => {
    const userData = tempDir();
    const dataDir = path.join(userData, 'data');
    const v = vault();
    const key = await hostDataKey(userData, dataDir, v, { platform: 'linux' });
    expect(key && Buffer.from(key, 'base64').length).toBe(32);
    const sealed = fs.readFileSync(path.join(userData, SEALED_KEY_FILE));
    expect(sealed.includes(Buffer.from(key!))).toBe(false);
    expect(await hostDataKey(userData, dataDir, v, { platform: 'linux' })).toBe(key);

    const store = openStore(dataDir, ALL_MIGRATIONS, { key });
    const id = store.blobs.put(Buffer.from('ảnh CCCD'));
    store.close();
    // Reopened with the same sealed key: readable; with another key: refused, not overwritten.
    const again = openStore(dataDir, ALL_MIGRATIONS, { key: await hostDataKey(userData, dataDir, v) });
    expect(again.blobs.get(id).toString()).toBe('ảnh CCCD');
    again.close();
    expect(() =>
      openStore(dataDir, ALL_MIGRATIONS, { key: crypto.randomBytes(32).toString('base64') }),
    ).toThrow(expect.objectContaining({ code: 'data_key_mismatch' }));
  });

  it('hands nothing over without a keychain, or for data already sealed by the key file', async () => {
    const userData = tempDir();
    const said: string[] = [];
    const log = (m: string) => said.push(m);
    expect(await hostDataKey(userData, path.join(userData, 'data'), vault(false), { log })).toBeUndefined();
    expect(said).toEqual(['Kho khóa của hệ điều hành không dùng được: dùng tệp khóa của Trạm Số hóa.']);
    const dataDir = path.join(userData, 'old-data');
    openStore(dataDir, ALL_MIGRATIONS).close(); // a station set up from the CLI: key file + key-check
    expect(await hostDataKey(userData, dataDir, vault())).toBeUndefined();
    expect(fs.existsSync(path.join(userData, SEALED_KEY_FILE))).toBe(false);
  });

  it('on a Linux desktop without a password manager, refuses basic_text and keeps the key file', async () => {
    const userData = tempDir();
    const dataDir = path.join(userData, 'data');
    const said: string[] = [];
    const weak = vault(true, 'basic_text');
    expect(
      await hostDataKey(userData, dataDir, weak, { platform: 'linux', log: (m) => said.push(m) }),
    ).toBeUndefined();
    expect(fs.existsSync(path.join(userData, SEALED_KEY_FILE))).toBe(false);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('"basic_text"');
    expect(said[0]).toContain('dùng tệp khóa của Trạm Số hóa');
    // The engine then makes and uses its own key file for that folder.
    openStore(dataDir, ALL_MIGRATIONS).close();
    expect(
      await hostDataKey(userData, dataDir, vault(true, 'kwallet6'), { platform: 'linux' }),
    ).toBeUndefined();
    // On Windows and macOS there is no such backend: the vault is used.
    expect(
      await hostDataKey(tempDir(), path.join(tempDir(), 'd'), weak, { platform: 'win32' }),
    ).toBeDefined();
  });

  it('still opens a key sealed earlier under basic_text (the data depends on it), with a warning', async () => {
    const userData = tempDir();
    const dataDir = path.join(userData, 'data');
    const v = vault(true, 'gnome_libsecret');
    const key = await hostDataKey(userData, dataDir, v, { platform: 'linux' });
    const said: string[] = [];
    const later = Object.assign(v, { getSelectedStorageBackend: (): StorageBackend => 'basic_text' });
    expect(await hostDataKey(userData, dataDir, later, { platform: 'linux', log: (m) => said.push(m) })).toBe(
      key,
    );
    expect(said[0]).toContain('vẫn được dùng để mở dữ liệu');
  });

  it('seals the same key again when the OS asks for it (shouldReEncrypt)', async () => {
    const userData = tempDir();
    const dataDir = path.join(userData, 'data');
    const v = vault();
    const key = await hostDataKey(userData, dataDir, v);
    const before = fs.readFileSync(path.join(userData, SEALED_KEY_FILE));
    v.rotate = true;
    expect(await hostDataKey(userData, dataDir, v)).toBe(key);
    const after = fs.readFileSync(path.join(userData, SEALED_KEY_FILE));
    expect(after.equals(before)).toBe(false);
    v.rotate = false;
    expect(await hostDataKey(userData, dataDir, v)).toBe(key);
  });
});

describe('which key the shell uses (decideVault)', () => {
  const facts = { platform: 'linux' as const, available: true, sealedExists: false, dataSealed: false };
  it('seals a new key only in a real keychain', () => {
    expect(decideVault({ ...facts, backend: 'gnome_libsecret' })).toEqual({ use: 'new-sealed' });
    expect(decideVault({ ...facts, backend: 'kwallet5' })).toEqual({ use: 'new-sealed' });
    expect(decideVault({ ...facts, backend: 'basic_text' }).use).toBe('key-file');
    expect(decideVault({ ...facts, backend: 'unknown' }).use).toBe('key-file');
    expect(decideVault({ ...facts, platform: 'darwin' })).toEqual({ use: 'new-sealed' });
    expect(decideVault({ ...facts, platform: 'win32', available: false }).use).toBe('key-file');
  });
});
