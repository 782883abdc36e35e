import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostDataKey, type KeyVault, SEALED_KEY_FILE } from '../../electron/main/data-key';
import { openStore } from '../../electron/engine/store';
import { ALL_MIGRATIONS } from '../../electron/engine/schema';
import { tempDir } from '../helpers/tmp';

/** A stand-in for Electron's safeStorage: AES under a key only this "OS account" holds. */
function vault(available = true): KeyVault & { osKey: Buffer } {
  const osKey = crypto.randomBytes(32);
  return {
    osKey,
    isEncryptionAvailable: () => available,
    encryptString(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', osKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, body, c.getAuthTag()]);
    },
    decryptString(sealed) {
      const d = crypto.createDecipheriv('aes-256-gcm', osKey, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(sealed.length - 16));
      return Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]).toString('utf8');
    },
  };
}

describe('the data key in the Electron app (sealed by the OS keychain)', () => {
  it('makes a key for a new station, keeps it sealed, and the engine opens its data with it', () => {
    const userData = tempDir();
    const dataDir = path.join(userData, 'data');
    const v = vault();
    const key = hostDataKey(userData, dataDir, v);
    expect(key && Buffer.from(key, 'base64').length).toBe(32);
    const sealed = fs.readFileSync(path.join(userData, SEALED_KEY_FILE));
    expect(sealed.includes(Buffer.from(key!))).toBe(false);
    expect(hostDataKey(userData, dataDir, v)).toBe(key);

    const store = openStore(dataDir, ALL_MIGRATIONS, { key });
    const id = store.blobs.put(Buffer.from('ảnh CCCD'));
    store.close();
    // Reopened with the same sealed key: readable; with another key: refused, not overwritten.
    const again = openStore(dataDir, ALL_MIGRATIONS, { key: hostDataKey(userData, dataDir, v) });
    expect(again.blobs.get(id).toString()).toBe('ảnh CCCD');
    again.close();
    expect(() =>
      openStore(dataDir, ALL_MIGRATIONS, { key: crypto.randomBytes(32).toString('base64') }),
    ).toThrow(expect.objectContaining({ code: 'data_key_mismatch' }));
  });

  it('hands nothing over without a keychain, or for data already sealed by the key file', () => {
    const userData = tempDir();
    expect(hostDataKey(userData, path.join(userData, 'data'), vault(false))).toBeUndefined();
    const dataDir = path.join(userData, 'old-data');
    openStore(dataDir, ALL_MIGRATIONS).close(); // a station set up from the CLI: key file + key-check
    expect(hostDataKey(userData, dataDir, vault())).toBeUndefined();
    expect(fs.existsSync(path.join(userData, SEALED_KEY_FILE))).toBe(false);
  });
});
