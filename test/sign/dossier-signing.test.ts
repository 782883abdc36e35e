import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import type { EventMessage } from '../../shared/api/wire';
import { b64, scanImage } from '../helpers/images';
import { failure } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import {
  CKF_USER_PIN_FINAL_TRY,
  CKF_USER_PIN_LOCKED,
  pdfsig,
  SOFTHSM_MODULE,
  setTokenFlags,
  USER_PIN,
} from './fixture';
import { useTestPki } from './setup';

const fx = useTestPki({ softhsmEnv: true });

async function station(dataDir = tempDir()) {
  const engine = createEngine({ dataDir, outbox: { autoStart: false } });
  const client = connectInProcess(engine);
  const events: EventMessage[] = [];
  engine.onEvent((e) => events.push(e));
  await client.call('sign.config.update', {
    tsaUrl: fx.tsa.url,
    tsaTimeoutMs: 5000,
    trustPems: [fx.pki.caPem],
  });
  return {
    client,
    events,
    dataDir,
    close() {
      client.dispose();
      engine.close();
    },
  };
}

type Station = Awaited<ReturnType<typeof station>>;

/** A birth-registration dossier with two assembled components. */
async function dossierWithPdfs(s: Station) {
  const d = await s.client.call('dossier.create', {
    procedureCode: '1.001193',
    applicantName: 'Nguyễn Thị Hoa',
  });
  for (const code of ['TK', 'GCS']) {
    await s.client.call('dossier.addPages', {
      dossierId: d.id,
      componentCode: code,
      files: [{ name: `${code}.jpg`, dataBase64: b64(await scanImage('jpeg', { width: 600, height: 848 })) }],
    });
    await s.client.call('documents.assemble', { dossierId: d.id, componentCode: code });
  }
  return d.id;
}

async function choose(s: Station, keyId: string) {
  const tokens = await s.client.call('sign.tokens', { modulePath: SOFTHSM_MODULE });
  expect(tokens.error).toBeNull();
  const token = tokens.tokens.find((t) => t.tokenLabel === 'SoHoa Test');
  const cert = token?.certificates.find((c) => c.keyId === keyId);
  if (!token || !cert) throw new Error('test token not listed');
  await s.client.call('sign.choose', {
    modulePath: SOFTHSM_MODULE,
    tokenSerial: token.serial,
    tokenLabel: token.tokenLabel,
    keyId: cert.keyId,
    certSerialHex: cert.serialHex,
    commonName: cert.commonName,
  });
}

describe('a clerk signs a dossier with the unit’s USB token', () => {
  it('lists the token’s certificates with subject, issuer, validity and what each may do; flags the unusable ones', async () => {
    const s = await station();
    try {
      const r = await s.client.call('sign.tokens', { modulePath: SOFTHSM_MODULE });
      expect(r.training).toBe(true);
      const certs = r.tokens[0]?.certificates ?? [];
      const byId = Object.fromEntries(certs.map((c) => [c.keyId, c]));
      expect(byId['01']).toMatchObject({ commonName: 'Nguyễn Văn An', keyType: 'rsa', problem: null });
      expect(byId['01']?.issuer).toContain('SoHoa Test CA');
      expect(byId['01']?.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
      expect(byId['02']).toMatchObject({ keyType: 'ec', problem: null });
      expect(byId['03']?.problem).toBe('expired');
      expect(byId['04']?.problem).toBe('no_digital_signature');
    } finally {
      s.close();
    }
  });

  it('signs the whole dossier with one PIN entry, with progress, and pdfsig accepts every signed file', async () => {
    const s = await station();
    try {
      await s.client.call('settings.update', { officerName: 'Trần Thị Bình' });
      const id = await dossierWithPdfs(s);
      await choose(s, '01');
      const result = await s.client.call('sign.batch', { dossierIds: [id], pin: USER_PIN });
      expect(result).toMatchObject({ signed: 2, failed: 0, tsaError: null, signer: 'Nguyễn Văn An' });
      // The dossier's own log (what its Nhật ký thao tác reads) holds the signing: the clerk
      // who ran it, the certificate's signer and the components signed.
      const log = await s.client.call('audit.list', { dossierId: id });
      const signing = log.filter((e) => e.action === 'sign.batch');
      expect(signing).toHaveLength(1);
      expect(signing[0]!.actor).toBe('Trần Thị Bình');
      const detail = JSON.parse(signing[0]!.detail) as {
        signed: string[];
        failed: string[];
        result: unknown;
      };
      expect([...detail.signed].sort()).toEqual(['GCS', 'TK']);
      expect(detail.failed).toEqual([]);
      expect(detail.result).toMatchObject({ signed: 2, failed: 0, signer: 'Nguyễn Văn An' });
      expect(result.items.map((i) => i.level)).toEqual(['B-T', 'B-T']);
      const progress = s.events.filter((e) => e.name === 'sign.progress').map((e) => e.payload);
      expect(progress).toMatchObject([
        { done: 1, total: 2, ok: true },
        { done: 2, total: 2, ok: true },
      ]);
      const d = await s.client.call('dossier.get', { dossierId: id });
      for (const c of d.components.filter((x) => x.pdf)) {
        expect(c.pdf?.signed).toMatchObject({ signer: 'Nguyễn Văn An', level: 'B-T' });
        const signed = await s.client.call('sign.signedPdf', { dossierId: id, componentCode: c.code });
        const f = path.join(fx.pki.dir, signed.fileName);
        fs.writeFileSync(f, Buffer.from(signed.dataBase64, 'base64'));
        const judge = pdfsig(fx.pki, f);
        expect(judge).toContain('Signature is Valid');
        expect(judge).toContain('Total document signed');
        const report = await s.client.call('sign.verifyComponent', { dossierId: id, componentCode: c.code });
        expect(report.verdict).toBe('valid');
        // The unsigned PDF is kept as it was.
        const unsigned = await s.client.call('documents.componentPdf', {
          dossierId: id,
          componentCode: c.code,
        });
        expect(Buffer.from(unsigned.dataBase64, 'base64').includes('/ByteRange')).toBe(false);
      }
      // Already signed: a second run skips them.
      const again = await s.client.call('sign.batch', { dossierIds: [id], pin: USER_PIN });
      expect(again).toMatchObject({ signed: 0, skipped: 2 });
    } finally {
      s.close();
    }
  });

  it('forgets a component’s signature when it is re-assembled from changed pages', async () => {
    const s = await station();
    try {
      const id = await dossierWithPdfs(s);
      await choose(s, '02');
      await s.client.call('sign.batch', { dossierIds: [id], pin: USER_PIN });
      await s.client.call('dossier.addPages', {
        dossierId: id,
        componentCode: 'TK',
        files: [{ name: 'more.png', dataBase64: b64(await scanImage('png', { width: 600, height: 848 })) }],
      });
      const d = await s.client.call('documents.assemble', { dossierId: id, componentCode: 'TK' });
      expect(d.components.find((c) => c.code === 'TK')?.pdf?.signed ?? null).toBeNull();
      expect(d.components.find((c) => c.code === 'GCS')?.pdf?.signed).toMatchObject({
        signer: 'Trần Thị Bình',
      });
      expect(
        (await failure(s.client.call('sign.signedPdf', { dossierId: id, componentCode: 'TK' }))).code,
      ).toBe('sign_not_signed');
    } finally {
      s.close();
    }
  });

  it('when the TSA cannot be reached it signs B-B and says so once, without waiting again for each file', async () => {
    const s = await station();
    try {
      const id = await dossierWithPdfs(s);
      await choose(s, '01');
      await s.client.call('sign.config.update', { tsaUrl: 'http://127.0.0.1:9/tsa', tsaTimeoutMs: 1000 });
      const r = await s.client.call('sign.batch', { dossierIds: [id], pin: USER_PIN });
      expect(r.signed).toBe(2);
      expect(r.items.map((i) => i.level)).toEqual(['B-B', 'B-B']);
      expect(r.tsaError).toMatch(/unreachable/);
      // Still down: adding the timestamp later says so and changes nothing.
      const down = await s.client.call('sign.addTimestamp', { dossierIds: [id] });
      expect(down.error?.code).toBe('sign_tsa_unreachable');
      // The line is back: a document timestamp on each B-B file.
      await s.client.call('sign.config.update', { tsaUrl: fx.tsa.url });
      const later = await s.client.call('sign.addTimestamp', { dossierIds: [id] });
      expect(later).toMatchObject({ stamped: 2, failed: 0, error: null });
      const d = await s.client.call('dossier.get', { dossierId: id });
      expect(d.components.filter((c) => c.pdf).map((c) => c.pdf?.signed?.level)).toEqual(['B-T', 'B-T']);
      const report = await s.client.call('sign.verifyComponent', { dossierId: id, componentCode: 'TK' });
      expect(report.verdict).toBe('valid');
      expect(report.signatures[0]?.findings).toContain('document_timestamp_later');
    } finally {
      s.close();
    }
  });

  it('a failure in the middle of a batch leaves the unsigned file intact and the signed ones valid', async () => {
    const s = await station();
    try {
      const first = await dossierWithPdfs(s);
      const second = await dossierWithPdfs(s);
      await choose(s, '01');
      // The second dossier's TK file is damaged on disk (e.g. a bad sector): only that file fails.
      const dataDir = (await s.client.call('app.info', {})).dataDir;
      const bad = await s.client.call('documents.componentPdf', { dossierId: second, componentCode: 'TK' });
      const badBytes = Buffer.from(bad.dataBase64, 'base64');
      const { createHash } = await import('node:crypto');
      const hash = createHash('sha256').update(badBytes).digest('hex');
      const blobFile = path.join(dataDir, 'blobs', hash.slice(0, 2), hash.slice(2));
      fs.chmodSync(blobFile, 0o644);
      fs.writeFileSync(blobFile, Buffer.from('%PDF-1.7\n garbage'));
      const r = await s.client.call('sign.batch', { dossierIds: [first, second], pin: USER_PIN });
      expect(r.signed).toBe(3);
      expect(r.failed).toBe(1);
      const failed = r.items.find((i) => !i.ok);
      expect(failed).toMatchObject({ dossierId: second, componentCode: 'TK' });
      expect(failed?.error?.code).toBe('sign_pdf_unreadable');
      const d2 = await s.client.call('dossier.get', { dossierId: second });
      expect(d2.components.find((c) => c.code === 'TK')?.pdf?.signed ?? null).toBeNull();
      expect(d2.components.find((c) => c.code === 'GCS')?.pdf?.signed).toBeTruthy();
      for (const dossierId of [first, second]) {
        const report = await s.client.call('sign.verifyComponent', { dossierId, componentCode: 'GCS' });
        expect(report.verdict).toBe('valid');
      }
    } finally {
      s.close();
    }
  });

  it('refuses an expired certificate and one without digital-signature usage, before signing anything', async () => {
    const s = await station();
    try {
      const id = await dossierWithPdfs(s);
      await choose(s, '03');
      const expired = await failure(s.client.call('sign.batch', { dossierIds: [id], pin: USER_PIN }));
      expect(expired.code).toBe('sign_cert_expired');
      expect(expired.params).toMatchObject({ name: 'Lê Văn Cũ', date: '01/01/2021' });
      await choose(s, '04');
      expect((await failure(s.client.call('sign.batch', { dossierIds: [id], pin: USER_PIN }))).code).toBe(
        'sign_cert_no_usage',
      );
      const d = await s.client.call('dossier.get', { dossierId: id });
      expect(d.components.every((c) => !c.pdf?.signed)).toBe(true);
    } finally {
      s.close();
    }
  });

  it('a wrong PIN signs nothing and passes on the token’s warnings; a locked token says what to do', async () => {
    let s = await station();
    const id = await dossierWithPdfs(s);
    try {
      await choose(s, '01');
      // SoftHSM raises "count low" after a wrong PIN, as many CA tokens do.
      const wrong = await failure(s.client.call('sign.batch', { dossierIds: [id], pin: '999999' }));
      expect(['sign_pin_incorrect', 'sign_pin_count_low']).toContain(wrong.code);
      expect(JSON.stringify(wrong)).not.toContain('999999');
      const d = await s.client.call('dossier.get', { dossierId: id });
      expect(d.components.every((c) => !c.pdf?.signed)).toBe(true);
    } finally {
      s.close();
    }
    // SoftHSM reads its token state when the module is loaded: change it between sessions.
    setTokenFlags(fx.pki, CKF_USER_PIN_FINAL_TRY);
    s = await station(s.dataDir);
    try {
      await choose(s, '01');
      const final = await failure(s.client.call('sign.batch', { dossierIds: [id], pin: '999998' }));
      expect(final.code).toBe('sign_pin_final_try');
    } finally {
      s.close();
    }
    setTokenFlags(fx.pki, CKF_USER_PIN_LOCKED);
    s = await station(s.dataDir);
    try {
      const listed = await s.client.call('sign.tokens', { modulePath: SOFTHSM_MODULE });
      expect(listed.tokens[0]?.pin.locked).toBe(true);
      await choose(s, '01');
      const locked = await failure(s.client.call('sign.batch', { dossierIds: [id], pin: USER_PIN }));
      expect(locked.code).toBe('sign_pin_locked');
    } finally {
      s.close();
    }
  });
});
