import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StationError } from '../../../shared/api/errors';
import { perUserDir } from './data-dir';

/**
 * Encryption at rest of the citizen's data (Decree 13/2023: personal data is
 * protected at rest): page images, PDFs, the applicant's details and the
 * portal keys are sealed with AES-256-GCM under the station's data key.
 *
 * The key never lives in the data folder, so a copied folder or a stolen
 * backup cannot be read: in the app, Electron's `safeStorage` (the OS
 * keychain) seals it and the shell hands it to the engine (`SOHOA_DATA_KEY`);
 * from the CLI and in web mode it is a key file with owner-only permissions in
 * the user's configuration folder, one per data folder. A `key-check` file in
 * the data folder tells a wrong or missing key apart from a new station.
 */

const BLOB_MAGIC = Buffer.from('SOHOENC1');
const TEXT_PREFIX = 'enc1:';
const CHECK_FILE = 'key-check';
const CHECK_TEXT = 'sohoa-station data key';

export class DataKey {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('data key must be 32 bytes');
  }

  /** A blob's file: magic, nonce, ciphertext, tag; bound to its id so files cannot be swapped. */
  sealBlob(id: string, plain: Uint8Array): Buffer {
    const nonce = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', this.key, nonce);
    c.setAAD(Buffer.from(id, 'latin1'));
    const body = Buffer.concat([c.update(plain), c.final()]);
    return Buffer.concat([BLOB_MAGIC, nonce, body, c.getAuthTag()]);
  }

  /** A blob file's content: decrypted when sealed; files from before encryption are read as they are. */
  openBlob(id: string, file: Buffer): Buffer {
    if (!isSealedBlob(file)) return file;
    const nonce = file.subarray(8, 20);
    const tag = file.subarray(file.length - 16);
    const d = crypto.createDecipheriv('aes-256-gcm', this.key, nonce);
    d.setAAD(Buffer.from(id, 'latin1'));
    d.setAuthTag(tag);
    try {
      return Buffer.concat([d.update(file.subarray(20, file.length - 16)), d.final()]);
    } catch (err) {
      throw new StationError('data_damaged', {}, `blob ${id}: ${String(err)}`);
    }
  }

  /** HMAC-SHA256 under a key derived from the data key (for a `purpose`): a seal nobody without the key can recompute. */
  mac(purpose: string, data: string): string {
    let k = this.macKeys.get(purpose);
    if (!k) {
      k = Buffer.from(crypto.hkdfSync('sha256', this.key, Buffer.alloc(0), purpose, 32));
      this.macKeys.set(purpose, k);
    }
    return crypto.createHmac('sha256', k).update(data, 'utf8').digest('hex');
  }

  private readonly macKeys = new Map<string, Buffer>();

  /** A text column's value as `enc1:<base64 nonce|ciphertext|tag>`. */
  sealText(plain: string): string {
    const nonce = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return TEXT_PREFIX + Buffer.concat([nonce, body, c.getAuthTag()]).toString('base64');
  }

  /** The plain text of a sealed value; a value written before encryption passes as it is. */
  openText(value: string): string {
    if (!value.startsWith(TEXT_PREFIX)) return value;
    const raw = Buffer.from(value.slice(TEXT_PREFIX.length), 'base64');
    const d = crypto.createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(raw.length - 16));
    try {
      return Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]).toString('utf8');
    } catch (err) {
      throw new StationError('data_damaged', {}, `sealed text: ${String(err)}`);
    }
  }
}

export const isSealedBlob = (file: Buffer): boolean =>
  file.length >= 36 && file.subarray(0, 8).equals(BLOB_MAGIC);
export const isSealedText = (value: string): boolean => value.startsWith(TEXT_PREFIX);

/** Where key files live: the user's configuration folder, never the data folder. */
export function defaultKeyDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SOHOA_KEY_DIR ? path.resolve(env.SOHOA_KEY_DIR) : perUserDir('keys', env);
}

/** The key file of one data folder (named by a hash of its real path). */
export function keyFileFor(dataDir: string, keyDir = defaultKeyDir()): string {
  return sideFileFor(dataDir, 'key', keyDir);
}

/** A file kept for one data folder in the key folder, outside the data folder (`key`, `audit`). */
export function sideFileFor(dataDir: string, ext: string, keyDir = defaultKeyDir()): string {
  const real = fs.realpathSync(dataDir);
  return path.join(keyDir, `${crypto.createHash('sha256').update(real).digest('hex').slice(0, 24)}.${ext}`);
}

/**
 * The data folder's key: the one the host gives (base64, from the OS keychain),
 * else the key file; a new station gets a new key. Refuses — rather than
 * starting over with a new key — when the folder was sealed with another key.
 */
export function loadDataKey(dataDir: string, opts: { key?: string; keyDir?: string } = {}): DataKey {
  const given = opts.key ?? process.env.SOHOA_DATA_KEY;
  // Handed over by the Electron shell: not passed on to scanimage, workers or any other child.
  delete process.env.SOHOA_DATA_KEY;
  const checkFile = path.join(dataDir, CHECK_FILE);
  const hasCheck = fs.existsSync(checkFile);
  let key: DataKey;
  if (given) {
    const raw = Buffer.from(given, 'base64');
    if (raw.length !== 32)
      throw new StationError('data_key_mismatch', { dir: dataDir }, 'given key is not 32 bytes');
    key = new DataKey(raw);
  } else {
    const file = keyFileFor(dataDir, opts.keyDir);
    if (fs.existsSync(file)) {
      key = new DataKey(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'));
    } else {
      if (hasCheck) throw new StationError('data_key_mismatch', { dir: dataDir }, `no key file ${file}`);
      const raw = crypto.randomBytes(32);
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, raw.toString('base64'), { mode: 0o600 });
      fs.renameSync(tmp, file);
      key = new DataKey(raw);
    }
  }
  if (hasCheck) {
    try {
      if (key.openText(fs.readFileSync(checkFile, 'utf8').trim()) !== CHECK_TEXT)
        throw new Error('check text');
    } catch (err) {
      throw new StationError('data_key_mismatch', { dir: dataDir }, String(err));
    }
  } else {
    fs.writeFileSync(checkFile, key.sealText(CHECK_TEXT), { mode: 0o600 });
  }
  return key;
}
