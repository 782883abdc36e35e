import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import type { Client } from '../../shared/api/client';
import type { EventMessage } from '../../shared/api/wire';
import { b64, scanImage } from '../helpers/images';
import { failure } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import { pdfsig, SOFTHSM_MODULE, USER_PIN } from '../sign/fixture';
import { useTestPki } from '../sign/setup';

const fx = useTestPki({ softhsmEnv: true });
const open: (() => void)[] = [];
afterEach(() => open.splice(0).forEach((close) => close()));

async function station() {
  const engine = createEngine({ dataDir: tempDir(), imaging: { ocr: false }, outbox: { autoStart: false } });
  const client = connectInProcess(engine);
  const events: EventMessage[] = [];
  engine.onEvent((e) => events.push(e));
  open.push(() => {
    client.dispose();
    engine.close();
  });
  await client.call('sign.config.update', {
    tsaUrl: fx.tsa.url,
    tsaTimeoutMs: 5000,
    trustPems: [fx.pki.caPem],
  });
  return { client, events };
}

/** A birth registration with the form (TK) and the birth certificate (GCS) scanned, nothing assembled. */
async function scanned(c: Client, name: string) {
  const d = await c.call('dossier.create', { procedureCode: '1.001193', applicantName: name });
  for (const code of ['TK', 'GCS'])
    await c.call('dossier.addPages', {
      dossierId: d.id,
      componentCode: code,
      files: [{ name: `${code}.jpg`, dataBase64: b64(await scanImage('jpeg', { width: 600, height: 848 })) }],
    });
  return d.id;
}

async function chooseToken(c: Client) {
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

const REASON = 'Thẻ ký số của đơn vị đang gửi gia hạn, ký bổ sung sau';

describe('a dossier received before its components are signed', () => {
  it('is refused without a reason or with a short one, naming what is not signed', async () => {
    const { client } = await station();
    const id = await scanned(client, 'Lê Văn Tâm');
    const missing = await failure(client.call('reception.receive', { dossierId: id }));
    expect(missing.code).toBe('unsigned_reason_missing');
    expect(missing.params?.components).toContain('TK');
    expect(missing.params?.components).toContain('GCS');
    const short = await failure(
      client.call('reception.receive', { dossierId: id, unsignedReason: 'ký sau' }),
    );
    expect(short).toMatchObject({ code: 'unsigned_reason_short', params: { length: 6, min: 10 } });
    expect((await client.call('dossier.get', { dossierId: id })).status).toBe('draft');
  });

  it('records the reason on the dossier and in its log, prints it on form 01 and counts it', async () => {
    const { client } = await station();
    const id = await scanned(client, 'Phạm Thị Mai');
    const d = await client.call('reception.receive', { dossierId: id, unsignedReason: REASON });
    expect(d.unsigned).toMatchObject({ reason: REASON, components: ['TK', 'GCS'] });

    const log = await client.call('audit.list', { dossierId: id });
    const entry = log.find((e) => e.action === 'reception.receive');
    expect(JSON.parse(entry!.detail).unsigned.reason).toBe(REASON);

    const receipt = await client.call('reception.receipt', { dossierId: id, form: '01' });
    const file = path.join(tempDir(), 'receipt.pdf');
    fs.writeFileSync(file, Buffer.from(receipt.dataBase64, 'base64'));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(`Ghi chú: tiếp nhận khi thành phần TK, GCS chưa được ký số. Lý do: ${REASON}`);

    const f = await client.call('reports.figures', {});
    expect(f.received).toBe(1);
    expect(f.receivedUnsigned).toBe(1);
    // Decree 30/2020: a copy without the organisation's signature is not digitized.
    expect(f.shares.digitized).toMatchObject({ numerator: 0, denominator: 1 });
  });

  it('"Tạo PDF & ký tất cả" assembles and signs every component with one PIN; then no reason is asked', async () => {
    const { client, events } = await station();
    await chooseToken(client);
    const id = await scanned(client, 'Nguyễn Văn Hùng');
    const r = await client.call('sign.batch', { dossierIds: [id], pin: USER_PIN, assemble: true });
    expect(r).toMatchObject({ signed: 2, failed: 0 });
    const phases = events
      .filter((e) => e.name === 'sign.progress')
      .map((e) => {
        const p = e.payload as { phase?: string; componentCode: string };
        return `${p.phase}:${p.componentCode}`;
      });
    expect(phases).toEqual(['assemble:TK', 'assemble:GCS', 'sign:TK', 'sign:GCS']);

    const d = await client.call('reception.receive', { dossierId: id });
    expect(d.unsigned ?? null).toBeNull();
    // The downloads are named by the dossier's code and component, the signed one marked as such.
    const signed = await client.call('sign.signedPdf', { dossierId: id, componentCode: 'GCS' });
    expect(signed.fileName).toBe(`${d.code}_GCS_ky-so.pdf`);
    const plain = await client.call('documents.componentPdf', { dossierId: id, componentCode: 'GCS' });
    expect(plain.fileName).toBe(`${d.code}_GCS.pdf`);
    const out = path.join(tempDir(), signed.fileName);
    fs.writeFileSync(out, Buffer.from(signed.dataBase64, 'base64'));
    expect(pdfsig(fx.pki, out)).toContain('Signature is Valid');
    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
    expect(info).not.toContain(id);

    const f = await client.call('reports.figures', {});
    expect(f.shares.digitized).toMatchObject({ numerator: 1, denominator: 1 });
    expect(f.receivedUnsigned).toBe(0);
  });
});
