import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { expect } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { CallFailed, type Client } from '../../shared/api/client';
import { b64, scanImage } from '../helpers/images';
import { SOFTHSM_MODULE, USER_PIN } from '../sign/fixture';

/** Helpers of test/reception/correction.test.ts: the station, the CLI, a signed received dossier. */

const CLI = path.resolve('electron/cli/main.ts');
const TSX = path.resolve('node_modules/.bin/tsx');
export const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

export interface Listing {
  code: string;
  version: number;
  corrections: { version: number; reason: string; confirmed: boolean }[];
  files: { id: string; component: string; sha256: string; complete: boolean }[];
}

export async function failure(p: Promise<unknown>): Promise<{ code: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CallFailed) return err.error as { code: string };
    throw err;
  }
  throw new Error('the call succeeded');
}

/** The station: one engine at a time on its data folder (the CLI needs it closed). */
export function open(dataDir: string) {
  const engine = createEngine({
    dataDir,
    imaging: { ocr: false },
    outbox: { baseBackoffMs: 30, maxBackoffMs: 300, statusPollMs: 100, chunkSize: 16 * 1024 },
  });
  const client = connectInProcess(engine);
  const as = async (username: string, password: string): Promise<Client> => {
    const c = connectInProcess(engine);
    c.setSession((await client.call('accounts.signIn', { username, password })).token);
    return c;
  };
  return {
    engine,
    client,
    as,
    close() {
      client.dispose();
      engine.close();
    },
  };
}
export type Station = ReturnType<typeof open>;

export function sohoa(dataDir: string, args: string[], user?: [string, string]) {
  return spawnSync(
    TSX,
    [CLI, '--data', dataDir, '--lang', 'vi', ...(user ? ['--user', user[0]] : []), ...args],
    {
      encoding: 'utf8',
      timeout: 90_000,
      env: { ...process.env, SOHOA_PASSWORD: user?.[1] ?? '' },
    },
  );
}

export async function choose(c: Client) {
  const tokens = await c.call('sign.tokens', { modulePath: SOFTHSM_MODULE });
  const token = tokens.tokens.find((t) => t.tokenLabel === 'SoHoa Test');
  const cert = token?.certificates.find((x) => x.keyId === '01');
  if (!token || !cert) throw new Error('test token not listed');
  await c.call('sign.choose', {
    modulePath: SOFTHSM_MODULE,
    tokenSerial: token.serial,
    tokenLabel: token.tokenLabel,
    keyId: cert.keyId,
    certSerialHex: cert.serialHex,
    commonName: cert.commonName,
  });
}

export async function page(seed: number) {
  return {
    name: `p${seed}.png`,
    dataBase64: b64(await scanImage('png', { width: 600 + seed, height: 848 })),
  };
}

/** A birth-registration dossier with both components assembled and signed, then received with consent. */
export async function receivedSigned(clerk: Client, name: string) {
  const d = await clerk.call('dossier.create', { procedureCode: '1.001193', applicantName: name });
  await clerk.call('reception.setApplicant', { dossierId: d.id, applicant: { kind: 'person', name } });
  for (const [i, code] of ['TK', 'GCS'].entries()) {
    await clerk.call('dossier.addPages', { dossierId: d.id, componentCode: code, files: [await page(i)] });
    await clerk.call('documents.assemble', { dossierId: d.id, componentCode: code });
  }
  const signed = await clerk.call('sign.batch', { dossierIds: [d.id], pin: USER_PIN });
  expect(signed).toMatchObject({ signed: 2, failed: 0 });
  return clerk.call('reception.receive', { dossierId: d.id, consent: { how: 'checkbox' } });
}

export async function signedBytes(c: Client, dossierId: string, componentCode: string) {
  const f = await c.call('sign.signedPdf', { dossierId, componentCode });
  return Buffer.from(f.dataBase64, 'base64');
}

export async function waitDone(c: Client, dossierId: string) {
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    const o = await c.call('outbox.overview', {});
    const u = o.items.find((i) => i.dossierId === dossierId && i.kind === 'update');
    if (u?.state === 'done') return;
    if (u?.state === 'failed') throw new Error(`update failed: ${JSON.stringify(u.lastError)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the update did not reach the portal in time');
}
